import io

import pytest
from django.urls import reverse

from core.models import Region
from toolkit import demo
from toolkit.models import Area, JobPosting, OccupationEstimate, Resource, TrainingProgram
from toolkit.profiles import cluster_profile
from toolkit.tests.factories import (
    AreaFactory,
    ClusterOccupationFactory,
    DataImportFactory,
    JobPostingFactory,
    OccupationEstimateFactory,
    TrainingProgramFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["resource", "occupation", "area", "occupationestimate", "jobposting", "clusteroccupation",
          "trainingprogram", "dataimport"]  # fmt: skip


def test_every_admin_page_opens(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    OccupationEstimateFactory()
    JobPostingFactory()
    ClusterOccupationFactory()
    TrainingProgramFactory()
    DataImportFactory()
    AreaFactory()
    client.force_login(people.admin)
    for model in MODELS:
        assert client.get(reverse(f"admin:toolkit_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:toolkit_{model}_add")).status_code == 200, model


def test_demo_seed_loads_real_labor_data_and_is_idempotent():
    demo.seed(stdout=io.StringIO())
    counts = (OccupationEstimate.objects.count(), JobPosting.objects.count(), TrainingProgram.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (OccupationEstimate.objects.count(), JobPosting.objects.count(), TrainingProgram.objects.count()) == counts
    assert counts[0] == 7767 and counts[1] > 0 and counts[2] == len(demo.PROGRAMS)
    assert Area.objects.portal_state().code == "39"
    assert Resource.objects.filter(slug="sector-partnership-101").exists()
    central = Region.objects.get(slug="central")
    profile = cluster_profile("healthcare", central)
    assert profile.areas == ["Columbus, OH"] and not profile.statewide_fallback
    assert set(Region.objects.filter(labor_areas__isnull=True).values_list("slug", flat=True)) == set()
    assert profile.total_employment > 0 and profile.total_postings > 0
