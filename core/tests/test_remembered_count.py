"""Long staff lists count a big table's rows once until the table changes (core.pagination.RememberedCountPaginator)."""

import pytest
from django.urls import reverse

from core.remembered import FORGOTTEN_WHEN_CHANGED
from core.testing.queries import count_queries
from workbased_learning.models import Opportunity, Placement
from workbased_learning.tests.factories import OpportunityFactory, PlacementFactory

pytestmark = pytest.mark.django_db
PLACEMENTS = reverse("workbased_learning:placement_list")


def listed(client, url, **params):
    return client.get(url, params).context["table"].paginator.count


def test_a_placement_count_is_remembered_until_a_placement_is_written(
    client, people, django_capture_on_commit_callbacks
):
    assert Placement in FORGOTTEN_WHEN_CHANGED and Opportunity not in FORGOTTEN_WHEN_CHANGED
    PlacementFactory.create_batch(3)
    client.force_login(people.staff)
    first = count_queries(client, PLACEMENTS)
    assert count_queries(client, PLACEMENTS) == first - 1  # the count is remembered
    assert listed(client, PLACEMENTS) == 3

    with django_capture_on_commit_callbacks(execute=True):
        PlacementFactory()
    assert listed(client, PLACEMENTS) == 4
    with django_capture_on_commit_callbacks(execute=True):
        Placement.objects.first().delete()
    assert listed(client, PLACEMENTS) == 3


def test_counts_that_join_other_tables_or_of_tables_not_watched_are_counted_every_time(client, people):
    virtual = OpportunityFactory(modality="virtual", remote_supervision="Video", meeting_frequency="Weekly")
    PlacementFactory.create_batch(2, opportunity=virtual)
    client.force_login(people.staff)
    assert listed(client, PLACEMENTS, modality="virtual") == 2
    # An opportunity's modality changes; no placement is written, so nothing was forgotten: a filter on the
    # opportunity's field is counted again anyway.
    Opportunity.objects.filter(pk=virtual.pk).update(modality="in_person")
    assert listed(client, PLACEMENTS, modality="virtual") == 0

    opportunities = reverse("workbased_learning:opportunity_list")
    assert listed(client, opportunities) == Opportunity.objects.count()
    OpportunityFactory()  # not committed, and opportunities are not watched: counted again all the same
    assert listed(client, opportunities) == Opportunity.objects.count()
