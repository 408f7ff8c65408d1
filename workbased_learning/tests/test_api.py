"""The read-only API, called through DRF's request factory (the router lives in config/api_urls.py)."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIRequestFactory, force_authenticate

from core.testing.factories import EmployerUserFactory, ProviderUserFactory, StaffUserFactory
from workbased_learning.api import IncentiveApplicationViewSet, OpportunityViewSet, PlacementViewSet
from workbased_learning.tests.factories import IncentiveLineFactory, PlacementFactory, TimeEntryFactory


def call(viewset, user, **query):
    request = APIRequestFactory().get("/api/", query)
    force_authenticate(request, user=user)
    return viewset.as_view({"get": "list"})(request)


@pytest.mark.django_db
def test_placements_are_scoped_and_birth_dates_masked():
    placement = PlacementFactory(learner_birth_date=datetime.date(2009, 4, 17))
    TimeEntryFactory(placement=placement, status="approved")
    PlacementFactory()
    provider = ProviderUserFactory(organization=placement.program.provider)
    host = EmployerUserFactory(organization=placement.opportunity.host)
    rows = call(PlacementViewSet, provider).data["results"]
    assert [(r["id"], r["learner_birth_date"], r["approved_hours"]) for r in rows] == [(placement.pk, None, "4.00")]
    # The date of birth is personal data: the API carries it only for users granted the dedicated permission.
    provider.user_permissions.add(Permission.objects.get(codename="view_learner_birth_date"))
    provider = type(provider).objects.get(pk=provider.pk)
    rows = call(PlacementViewSet, provider).data["results"]
    assert [(r["id"], r["learner_birth_date"]) for r in rows] == [(placement.pk, datetime.date(2009, 4, 17))]
    rows = call(PlacementViewSet, host).data["results"]
    assert [(r["id"], r["learner_birth_date"]) for r in rows] == [(placement.pk, None)]
    assert len(call(PlacementViewSet, StaffUserFactory()).data["results"]) == 2
    assert call(PlacementViewSet, EmployerUserFactory()).data["results"] == []


@pytest.mark.django_db
def test_opportunities_and_applications_are_scoped():
    line = IncentiveLineFactory()
    owner = EmployerUserFactory(organization=line.application.employer)
    assert [r["id"] for r in call(IncentiveApplicationViewSet, owner).data["results"]] == [line.application.pk]
    assert call(IncentiveApplicationViewSet, EmployerUserFactory()).data["results"] == []
    assert call(IncentiveApplicationViewSet, ProviderUserFactory()).data["results"] == []
    hosted = call(OpportunityViewSet, owner, modality="in_person").data["results"]
    assert [r["id"] for r in hosted] == [line.placement.opportunity_id]
    assert hosted[0]["places_taken"] == 1
