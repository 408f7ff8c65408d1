"""The credential program's rules hold wherever a row is written: services, the staff pages and the Django admin."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.testing.admin import admin_form
from core.testing.factories import AdminUserFactory, CountyFactory, EmployerUserFactory, StaffUserFactory
from credentials import services
from credentials.models import ApplicationLine, ApplicationStatus, FundingRound, ProposalReview
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    CredentialFactory,
    OpenRoundFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db


ROUND_ADMIN_DATA = {
    "name": "Round April 2027",
    "opens_at": "2027-04-05T09:00",
    "closes_at": "2027-04-30T15:00",
    "total_budget": "2500000",
    "per_credential_cap": "2000",
    "per_employer_round_cap": "30000",
    "per_employer_fiscal_year_cap": "180000",
    "training_window_months": "12",
    "claim_window_days": "42",
    "wage_gain_points": "50",
    "distress_points": "20",
    "employer_share_points": "30",
    "full_employer_share": "0.50",
}

ROUND_FORM_DATA = {
    "name": "Round January 2027",
    "first_day": "2027-01-04",
    "last_day": "2027-01-29",
    "close_hour": "15",
    "total_budget": "2500000",
    "per_credential_cap": "2000",
    "per_employer_round_cap": "30000",
    "per_employer_fiscal_year_cap": "180000",
    "training_window_months": "12",
    "claim_window_days": "42",
}


# ------------------------------------------------------------------------------------------------------------------
# The review score


@pytest.mark.parametrize("score", [0, 6])
def test_a_review_score_off_the_scale_is_refused_by_the_model_and_the_admin(score):
    proposal = ProposalFactory()
    review = ProposalReview(proposal=proposal, reviewer=StaffUserFactory(), score=score)
    with pytest.raises(ValidationError) as refused:
        review.full_clean()
    assert refused.value.message_dict["score"] == ["Score from 1 (weak) to 5 (strong)."]
    form = admin_form(ProposalReview, {"proposal": proposal.pk, "reviewer": review.reviewer.pk, "score": score})
    assert not form.is_valid() and form.errors["score"] == ["Score from 1 (weak) to 5 (strong)."]


def test_the_review_page_reports_the_models_score_message(client):
    staff = StaffUserFactory()
    proposal = ProposalFactory()
    client.force_login(staff)
    response = client.post(reverse("credentials:proposal_review", args=[proposal.pk]), {"score": "9"})
    assert "Score from 1 (weak) to 5 (strong)." in response.content.decode()
    assert not proposal.reviews.exists()


# ------------------------------------------------------------------------------------------------------------------
# Scoring weights are the round's


def test_a_new_round_carries_the_states_scoring_weights():
    round = OpenRoundFactory()
    assert (round.wage_gain_points, round.distress_points, round.employer_share_points) == (50, 20, 30)
    assert round.full_employer_share == Decimal("0.50")


def test_the_ranking_reads_the_weights_from_the_round():
    staff = StaffUserFactory()
    round = OpenRoundFactory(
        wage_gain_points=80, distress_points=0, employer_share_points=20, full_employer_share=Decimal("1.00")
    )
    application = ApplicationFactory(
        round=round,
        status=ApplicationStatus.SUBMITTED,
        organization__county=CountyFactory(economically_distressed=True),
    )
    ApplicationLineFactory(
        application=application,
        cost_per_employee=Decimal("2000"),
        amount_requested_per_employee=Decimal("1000"),
        wage_before=Decimal("20"),
        wage_after=Decimal("21"),
    )
    services.application_score(application=application, user=staff)
    application.refresh_from_db()
    # $2,080 a year ≥ the cost: all 80; distress is worth nothing here; paying half of a full share of 1: 10 of 20.
    assert (application.score_wage, application.score_distress, application.score_share) == (80, 0, 10)
    assert application.score == Decimal("90.0")


@pytest.mark.parametrize(
    ("weights", "field"),
    [
        ({"wage_gain_points": 60}, None),  # adds up to 110
        ({"distress_points": -5, "employer_share_points": 55}, "distress_points"),
        ({"full_employer_share": Decimal("0")}, "full_employer_share"),
        ({"full_employer_share": Decimal("1.5")}, "full_employer_share"),
    ],
)
def test_implausible_weights_are_refused_by_the_model(weights, field):
    round = OpenRoundFactory.build(**weights)
    with pytest.raises(ValidationError) as refused:
        round.full_clean()
    assert (field or "__all__") in refused.value.message_dict


def test_the_admin_shows_and_checks_the_weights(client):
    form = admin_form(FundingRound, {**ROUND_ADMIN_DATA, "distress_points": "25"})
    assert not form.is_valid()
    assert "must add up to 100" in " ".join(form.non_field_errors())
    assert admin_form(FundingRound, ROUND_ADMIN_DATA).is_valid()
    client.force_login(AdminUserFactory())
    page = client.get(reverse("admin:credentials_fundinground_add")).content.decode()
    assert 'name="wage_gain_points"' in page and 'name="full_employer_share"' in page


def test_the_admin_refuses_a_round_that_closes_before_it_opens():
    form = admin_form(FundingRound, {**ROUND_ADMIN_DATA, "closes_at": "2027-04-01T15:00"})
    assert not form.is_valid() and "A round must close after it opens." in form.non_field_errors()


def test_the_round_form_edits_the_weights(client):
    client.force_login(StaffUserFactory())
    assert 'name="employer_share_points"' in client.get(reverse("credentials:round_create")).content.decode()
    weights = {"wage_gain_points": "40", "distress_points": "30", "employer_share_points": "30"}
    response = client.post(reverse("credentials:round_create"), {**ROUND_FORM_DATA, **weights})
    assert response.status_code == 302
    round = FundingRound.objects.get(name="Round January 2027")
    assert (round.wage_gain_points, round.distress_points, round.employer_share_points) == (40, 30, 30)
    refused = client.post(
        reverse("credentials:round_update", args=[round.pk]), {**ROUND_FORM_DATA, **weights, "distress_points": "0"}
    )
    assert "must add up to 100" in refused.content.decode()


def test_closing_hour_zero_is_midnight_not_three_pm(client):
    client.force_login(StaffUserFactory())
    response = client.post(reverse("credentials:round_create"), {**ROUND_FORM_DATA, "close_hour": "0"})
    assert response.status_code == 302
    round = FundingRound.objects.get(name="Round January 2027")
    assert timezone.localtime(round.closes_at).isoformat() == "2027-01-29T00:00:00-05:00"


def test_a_one_day_round_closing_before_it_opens_is_a_message_not_a_crash(client):
    client.force_login(StaffUserFactory())
    data = {**ROUND_FORM_DATA, "last_day": ROUND_FORM_DATA["first_day"], "close_hour": "8"}
    response = client.post(reverse("credentials:round_create"), data)
    assert response.status_code == 200 and "A round must close after it opens." in response.content.decode()


# ------------------------------------------------------------------------------------------------------------------
# Application lines


def test_a_lines_own_rules_are_the_models_and_the_admin_keeps_them():
    line = ApplicationLineFactory.build(
        application=ApplicationFactory(),
        credential=CredentialFactory(),
        cost_per_employee=Decimal("1000"),
        amount_requested_per_employee=Decimal("1200"),
        wage_before=Decimal("20"),
        wage_after=Decimal("19"),
        training_start=datetime.date(2027, 3, 1),
        training_end=datetime.date(2027, 2, 1),
    )
    with pytest.raises(ValidationError) as refused:
        line.full_clean()
    assert set(refused.value.message_dict) == {"amount_requested_per_employee", "wage_after", "training_end"}
    data = {
        "application": line.application.pk,
        "credential": line.credential.pk,
        "training_provider": "A college",
        "cost_per_employee": "1000",
        "employees": "2",
        "amount_requested_per_employee": "1200",
        "wage_before": "20",
        "wage_after": "19",
        "training_start": "2027-03-01",
        "training_end": "2027-02-01",
    }
    form = admin_form(ApplicationLine, data)
    assert not form.is_valid()
    assert set(form.errors) == {"amount_requested_per_employee", "wage_after", "training_end"}


def test_a_line_is_deleted_by_the_service_only_from_a_draft_of_the_users_organisation():
    employer_user = EmployerUserFactory()
    draft = ApplicationFactory(organization=employer_user.organization)
    line = ApplicationLineFactory(application=draft)
    with pytest.raises(ValidationError):
        services.application_line_delete(line=line, user=EmployerUserFactory())
    draft.status = ApplicationStatus.SUBMITTED
    draft.save()
    with pytest.raises(ValidationError, match="A submitted application cannot be changed."):
        services.application_line_delete(line=line, user=employer_user)
    assert draft.lines.exists()
    draft.status = ApplicationStatus.DRAFT
    draft.save()
    services.application_line_delete(line=line, user=employer_user)
    assert not draft.lines.exists()


def test_the_line_delete_page_refuses_a_submitted_application(client):
    employer_user = EmployerUserFactory()
    application = ApplicationFactory(organization=employer_user.organization, status=ApplicationStatus.SUBMITTED)
    line = ApplicationLineFactory(application=application)
    client.force_login(employer_user)
    response = client.post(reverse("credentials:line_delete", args=[application.pk, line.pk]), follow=True)
    assert "A submitted application cannot be changed." in response.content.decode()
    assert application.lines.exists()


# ------------------------------------------------------------------------------------------------------------------
# One application per organisation and round


def test_starting_a_second_application_says_the_organisation_already_has_one(client):
    employer_user = EmployerUserFactory()
    round = OpenRoundFactory()
    client.force_login(employer_user)
    first = client.post(reverse("credentials:round_apply", args=[round.pk]), follow=True)
    assert "already has its application" not in first.content.decode()
    colleague = EmployerUserFactory(organization=employer_user.organization)
    client.force_login(colleague)
    second = client.post(reverse("credentials:round_apply", args=[round.pk]), follow=True)
    text = second.content.decode()
    assert f"Your organisation already has its application in {round}" in text
    assert second.redirect_chain[-1][0] == first.redirect_chain[-1][0]
    assert round.applications.count() == 1


def test_the_round_and_application_pages_state_the_rounds_own_weights(client):
    round = OpenRoundFactory(wage_gain_points=60, distress_points=10, employer_share_points=30)
    application = ApplicationFactory(round=round, status=ApplicationStatus.SUBMITTED)
    ApplicationLineFactory(application=application)
    client.force_login(StaffUserFactory())
    round_page = client.get(round.get_absolute_url()).content.decode()
    assert "credential cost (60 points), economically distressed county (10)" in round_page
    application_page = client.get(application.get_absolute_url()).content.decode()
    assert "/60 · distressed county" in application_page and "/10 · employer" in application_page
