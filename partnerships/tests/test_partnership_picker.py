"""Records that may belong to a partnership name it through a type-ahead picker, not a list of every partnership."""

import pytest
from django.urls import reverse

from core.testing.fixtures import picker_options
from core.testing.queries import assert_query_budget
from partnerships.models import SectorPartnership
from partnerships.tests.factories import SectorPartnershipFactory
from workbased_learning.models import Opportunity

pytestmark = pytest.mark.django_db
CHOICES = reverse("partnerships:partnership_choices")


def test_partnerships_match_by_name(client, people):
    own = people.employer.organization  # the picker offers only the user's own partnerships
    SectorPartnershipFactory(name="Metro Precision Manufacturing Partnership", convener=own)
    SectorPartnershipFactory(name="River Valley Health Partnership", convener=own)
    client.force_login(people.employer)
    assert picker_options(client, CHOICES, q="precision") == ["Metro Precision Manufacturing Partnership"]
    assert len(picker_options(client, CHOICES, q="partnership")) == 2
    assert "No partnership matches" in client.get(CHOICES, {"q": "aerospace"}).content.decode()
    client.logout()
    assert client.get(CHOICES, {"q": "precision"}).status_code == 302


def test_the_options_cost_the_same_queries_with_few_and_many_partnerships(client, people):
    template = SectorPartnershipFactory(name="Template partnership")
    client.force_login(people.staff)

    def make_rows(n):
        start = SectorPartnership.objects.count()
        for i in range(n):
            SectorPartnershipFactory(name=f"Metro partnership {start + i}", cluster=template.cluster)

    assert_query_budget(client, f"{CHOICES}?q=metro", make_rows=make_rows, few=2, many=40, budget=5)


def test_an_opportunity_names_its_partnership_through_the_picker(client, people):
    partnership = SectorPartnershipFactory(
        name="Metro Precision Manufacturing Partnership", convener=people.employer.organization
    )
    SectorPartnershipFactory.create_batch(5)
    client.force_login(people.employer)
    url = reverse("workbased_learning:opportunity_create")
    assert '<select name="partnership"' not in client.get(url).content.decode()
    response = client.post(
        url,
        {"title": "Machinist co-op", "type": "internship", "modality": "in_person", "hours_target": "250",
         "capacity": "2", "status": "open", "partnership": partnership.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert Opportunity.objects.get(title="Machinist co-op").partnership == partnership
