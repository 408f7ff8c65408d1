"""Work-based learning rules hold wherever a row is written: the site's forms, the services and the Django admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.testing.admin import admin_form
from core.testing.factories import AdminUserFactory, EmployerFactory, EmployerUserFactory, ProviderUserFactory
from workbased_learning.models import Modality, Opportunity, Placement
from workbased_learning.tests.factories import (
    CompetencyFactory,
    CTEProgramFactory,
    OpportunityFactory,
    PlacementFactory,
)

pytestmark = pytest.mark.django_db


def opportunity_admin_data(**overrides):
    return {
        "title": "CNC internship",
        "host": EmployerFactory().pk,
        "created_by": AdminUserFactory().pk,
        "type": "internship",
        "modality": "in_person",
        "paid": "on",
        "hourly_wage": "16",
        "hours_target": "250",
        "capacity": "2",
        "status": "open",
        **overrides,
    }


# ------------------------------------------------------------------------------------------------------------------
# Opportunities


@pytest.mark.parametrize("modality", [Modality.VIRTUAL, Modality.HYBRID])
def test_a_remote_opportunity_says_how_it_is_supervised_in_the_model_and_the_admin(modality):
    opportunity = OpportunityFactory.build(modality=modality, remote_supervision=" ", meeting_frequency="")
    with pytest.raises(ValidationError) as refused:
        opportunity.full_clean(exclude=["host"])
    assert {"remote_supervision", "meeting_frequency"} <= set(refused.value.message_dict)
    form = admin_form(Opportunity, opportunity_admin_data(modality=modality))
    assert not form.is_valid() and {"remote_supervision", "meeting_frequency"} <= set(form.errors)


def test_a_paid_opportunity_states_its_wage_and_an_unpaid_one_keeps_none():
    with pytest.raises(ValidationError) as refused:
        OpportunityFactory.build(paid=True, hourly_wage=None).full_clean(exclude=["host"])
    assert "hourly_wage" in refused.value.message_dict
    form = admin_form(Opportunity, opportunity_admin_data(hourly_wage=""))
    assert not form.is_valid() and "hourly_wage" in form.errors
    unpaid = admin_form(Opportunity, opportunity_admin_data(paid="", hourly_wage="12"))
    assert unpaid.is_valid(), unpaid.errors
    assert unpaid.save().hourly_wage is None


def test_the_admin_keeps_an_opportunitys_competencies_to_its_programs_standards():
    program = CTEProgramFactory()
    own = CompetencyFactory(code="OWN-1")
    program.competencies.add(own)
    stray = CompetencyFactory(code="STRAY-1")
    refused = admin_form(Opportunity, opportunity_admin_data(programs=[program.pk], competencies=[stray.pk]))
    assert not refused.is_valid() and "STRAY-1" in str(refused.errors["competencies"])
    kept = admin_form(Opportunity, opportunity_admin_data(programs=[program.pk], competencies=[own.pk]))
    assert kept.is_valid(), kept.errors


# ------------------------------------------------------------------------------------------------------------------
# Placements


def placement_admin_data(placement, **overrides):
    return {
        "opportunity": placement.opportunity.pk,
        "program": placement.program.pk,
        "learner_ref": placement.learner_ref,
        "learner_birth_date": placement.learner_birth_date.isoformat(),
        "learner_grade": placement.learner_grade,
        "start_date": placement.start_date.isoformat(),
        "end_date": placement.end_date.isoformat(),
        "supervisor": placement.supervisor.pk,
        "status": placement.status,
        "placed_by": AdminUserFactory().pk,
        # The admin's inline of time entries is not part of the placement's own form.
        **overrides,
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("end_date", "2020-01-01"),  # before the start
        ("learner_birth_date", None),  # a learner of 3 on the first day (filled in below)
        ("learner_ref", "Jane Doe"),
        ("learner_ref", "O'Brien, Sam"),
    ],
)
def test_a_placements_own_rules_are_the_models_and_the_admin_keeps_them(field, value):
    placement = PlacementFactory()
    if field == "learner_birth_date":
        value = (placement.start_date - datetime.timedelta(days=3 * 366)).isoformat()
    setattr(placement, field, datetime.date.fromisoformat(value) if field.endswith("date") else value)
    with pytest.raises(ValidationError) as refused:
        placement.full_clean()
    assert field in refused.value.message_dict
    placement.refresh_from_db()
    form = admin_form(Placement, placement_admin_data(placement, **{field: value}), instance=placement)
    assert not form.is_valid() and field in form.errors


def test_an_id_with_a_digit_is_no_name():
    PlacementFactory(learner_ref="SV-25-0117").full_clean(exclude=["placed_by"])


@pytest.fixture
def placing(client):
    provider = ProviderUserFactory()
    opportunity = OpportunityFactory(capacity=3)
    supervisor = EmployerUserFactory(organization=opportunity.host)
    program = CTEProgramFactory(provider=provider.organization)
    client.force_login(provider)
    today = timezone.localdate()
    data = {
        "program": program.pk,
        "learner_ref": "SV-1",
        "learner_birth_date": today.replace(year=today.year - 16, day=1).isoformat(),
        "learner_grade": "11",
        "start_date": today.isoformat(),
        "end_date": (today + datetime.timedelta(days=30)).isoformat(),
        "supervisor": supervisor.pk,
    }
    return reverse("workbased_learning:placement_create", args=[opportunity.pk]), data


def test_the_placement_form_refuses_a_learner_too_young_for_any_cte_program(client, placing):
    url, data = placing
    response = client.post(url, {**data, "learner_birth_date": timezone.localdate().replace(day=1).isoformat()})
    assert response.status_code == 200
    assert "CTE programs start in grade 7" in str(response.context["form"].errors["learner_birth_date"])
    assert not Placement.objects.exists()


def test_the_placement_form_refuses_a_learner_id_that_looks_like_a_name(client, placing):
    url, data = placing
    response = client.post(url, {**data, "learner_ref": "Maria Lopez"})
    assert response.status_code == 200
    assert "looks like a name" in str(response.context["form"].errors["learner_ref"])
    assert not Placement.objects.exists()


def test_the_placement_form_asks_for_the_grade_instead_of_defaulting_it(client, placing):
    url, data = placing
    page = client.get(url).content.decode()
    assert '<option value="" selected>Choose the learner&#x27;s grade</option>' in page
    response = client.post(url, {**data, "learner_grade": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["learner_grade"] == ["Choose the learner's grade."]
    assert client.post(url, data).status_code == 302
    assert Placement.objects.get().learner_grade == 11


def test_the_placement_form_still_reports_dates_out_of_order_on_the_end_date(client, placing):
    url, data = placing
    response = client.post(url, {**data, "end_date": "2020-01-01"})
    assert response.context["form"].errors["end_date"] == ["The end date must be on or after the start date."]
