"""Partnership rules hold wherever a row is written: the site's forms, the services and the Django admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.testing.admin import admin_form
from core.testing.factories import IndustryClusterFactory, RegionFactory
from partnerships import services
from partnerships.models import Action, Meeting, Membership, SectorPartnership
from partnerships.tests.factories import (
    ActionFactory,
    MeetingFactory,
    MembershipFactory,
    SectorPartnershipFactory,
)

pytestmark = pytest.mark.django_db


def test_a_meeting_in_person_says_where_and_a_virtual_one_gives_its_link():
    with pytest.raises(ValidationError) as refused:
        MeetingFactory.build(format="in_person", place=" ").clean()
    assert "place" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        MeetingFactory.build(format="virtual", link="").clean()
    assert "link" in refused.value.message_dict
    partnership = SectorPartnershipFactory()
    data = {"partnership": partnership.pk, "kind": "full", "starts_at": "2026-12-01T10:00", "format": "virtual"}
    form = admin_form(Meeting, {**data, "starts_at_0": "2026-12-01", "starts_at_1": "10:00"})
    assert not form.is_valid() and "Give the link for a virtual meeting." in form.errors["link"]


def test_the_launch_meeting_form_asks_for_a_place_or_a_link(client, people, partnership, toolkit_documents):
    client.force_login(people.extra["convener"])
    url = reverse("partnerships:meeting_launch", args=[partnership.pk])
    response = client.post(url, {"starts_at": "2026-12-03T09:30", "place": "", "link": ""})
    assert response.status_code == 200
    assert "Say where a meeting in person takes place." in response.context["form"].errors["place"]
    response = client.post(url, {"starts_at": "2026-12-03T09:30", "place": "", "link": "https://meet.example/x"})
    assert Meeting.objects.get(partnership=partnership).format == "virtual"


def test_a_done_action_gets_its_completion_day_in_the_model_and_the_admin():
    action = ActionFactory.build(partnership=SectorPartnershipFactory(), status="done", completed_on=None)
    action.full_clean()
    assert action.completed_on == timezone.localdate()
    form = admin_form(
        Action, {"partnership": action.partnership.pk, "title": "Launch a CNC course", "category": "new_program",
                 "status": "done"},
    )  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.save().completed_on == timezone.localdate()


def test_an_organisation_is_a_current_member_once_per_role_in_the_model_and_the_admin():
    membership = MembershipFactory()
    twin = Membership(partnership=membership.partnership, organization=membership.organization, role=membership.role)
    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert "is already a member in this role" in str(refused.value.message_dict["organization"])
    form = admin_form(
        Membership,
        {"partnership": membership.partnership.pk, "organization": membership.organization.pk,
         "role": membership.role, "joined_on": "2025-02-01"},
    )  # fmt: skip
    assert not form.is_valid() and "is already a member in this role" in str(form.errors["organization"])
    former = Membership(
        partnership=membership.partnership,
        organization=membership.organization,
        role=membership.role,
        joined_on=membership.joined_on,
        left_on=timezone.localdate(),
    )
    former.full_clean()


def test_a_regional_partnership_names_a_region_and_a_statewide_one_keeps_none():
    region = RegionFactory()
    regional = SectorPartnershipFactory.build(scope="regional")
    with pytest.raises(ValidationError) as refused:
        regional.regions_to_keep([])
    assert "regions" in refused.value.message_dict
    assert SectorPartnershipFactory.build(scope="statewide").regions_to_keep([region]) == []
    data = {"name": "Metro Makers", "cluster": IndustryClusterFactory().pk, "scope": "regional", "stage": "exploring"}
    form = admin_form(SectorPartnership, data)
    assert not form.is_valid() and "Choose at least one region" in str(form.errors["regions"])
    statewide = admin_form(SectorPartnership, {**data, "scope": "statewide", "regions": [region.pk]})
    assert statewide.is_valid(), statewide.errors
    assert statewide.cleaned_data["regions"] == []


def test_the_partnership_services_keep_the_regions_rule(people):
    partnership = SectorPartnershipFactory.build(scope="regional", cluster=IndustryClusterFactory(), convener=None)
    with pytest.raises(ValidationError):
        services.partnership_create(partnership=partnership, regions=[], user=people.staff)
    assert not SectorPartnership.objects.filter(name=partnership.name).exists()
