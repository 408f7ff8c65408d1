"""Every program rule, tested through the services that enforce it."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.testing.factories import CountyFactory, EmployerUserFactory, StaffUserFactory
from credentials import services
from credentials.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    Award,
    ClaimStatus,
    Credential,
    CredentialStatus,
    ProposalStatus,
    ReimbursementClaim,
)
from credentials.tests.factories import (
    PDF_BYTES,
    ApplicationFactory,
    ApplicationLineFactory,
    CategoryFactory,
    ClosedRoundFactory,
    CredentialFactory,
    OpenRoundFactory,
    ProposalFactory,
    awarded_application,
)

pytestmark = pytest.mark.django_db


def pdf(name="proof.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def staff(db):
    return StaffUserFactory()


# ------------------------------------------------------------------------------------------------------------------
# Proposals


def test_approving_a_proposal_adds_the_credential_and_tells_the_proposer(
    employer_user, staff, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(organization=employer_user.organization, title="Haas Mill Operator")
    services.proposal_review_save(proposal=proposal, reviewer=staff, score=4, comment="Widely used")
    services.proposal_review_save(proposal=proposal, reviewer=staff, score=5, comment="Changed my mind")
    assert proposal.reviews.get().score == 5
    category = CategoryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        credential = services.proposal_approve(proposal=proposal, user=staff, category=category)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED and proposal.credential == credential
    assert Credential.objects.eligible().filter(title="Haas Mill Operator").exists()
    assert mail.outbox[-1].to == [employer_user.email] and "approved" in mail.outbox[-1].subject
    with pytest.raises(ValidationError):
        services.proposal_decline(proposal=proposal, user=staff, reason="Too late")


def test_declining_a_proposal_needs_a_reason_the_proposer_receives(
    employer_user, staff, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(organization=employer_user.organization)
    with pytest.raises(ValidationError):
        services.proposal_decline(proposal=proposal, user=staff, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decline(proposal=proposal, user=staff, reason="Vendor-specific product training.")
    assert "Vendor-specific product training." in mail.outbox[-1].body
    assert not Credential.objects.filter(title=proposal.title).exists()


def test_review_scores_are_one_to_five_and_only_staff_review(employer_user, staff):
    proposal = ProposalFactory()
    with pytest.raises(ValidationError):
        services.proposal_review_save(proposal=proposal, reviewer=staff, score=6)
    with pytest.raises(ValidationError):
        services.proposal_review_save(proposal=proposal, reviewer=employer_user, score=3)


# ------------------------------------------------------------------------------------------------------------------
# Rounds and applications


def test_the_database_allows_one_application_per_employer_per_round(employer_user):
    round = OpenRoundFactory()
    Application.objects.create(organization=employer_user.organization, round=round)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(organization=employer_user.organization, round=round)
    # The service hands back the existing draft instead of failing, and says it was not started now.
    application, started = services.application_start(round=round, user=employer_user)
    assert application.round == round and not started
    assert Application.objects.count() == 1


def line_for(application, **overrides):
    values = {
        "credential": CredentialFactory(),
        "training_provider": "COTC",
        "cost_per_employee": Decimal("1500.00"),
        "employees": 2,
        "amount_requested_per_employee": Decimal("1500.00"),
        "wage_before": Decimal("20.00"),
        "wage_after": Decimal("22.00"),
        "training_start": application.round.training_starts_on,
        "training_end": application.round.training_starts_on + datetime.timedelta(days=60),
    }
    values.update(overrides)
    return ApplicationLine(**values)


def test_a_line_asks_at_most_the_cost_and_the_per_credential_cap(employer_user):
    application = ApplicationFactory(organization=employer_user.organization)
    over_cost = line_for(application, cost_per_employee=Decimal("900"), amount_requested_per_employee=Decimal("950"))
    with pytest.raises(ValidationError) as error:
        services.application_line_save(application=application, line=over_cost, user=employer_user)
    assert "amount_requested_per_employee" in error.value.message_dict
    over_cap = line_for(application, cost_per_employee=Decimal("2600"), amount_requested_per_employee=Decimal("2001"))
    with pytest.raises(ValidationError) as error:
        services.application_line_save(application=application, line=over_cap, user=employer_user)
    assert "$2,000.00 per employee" in str(error.value)
    at_cap = line_for(application, cost_per_employee=Decimal("2600"), amount_requested_per_employee=Decimal("2000"))
    services.application_line_save(application=application, line=at_cap, user=employer_user)
    assert application.lines.get().amount_requested == Decimal("4000.00")


def test_the_cap_is_the_rounds_value_not_a_constant(employer_user):
    round = OpenRoundFactory(per_credential_cap=Decimal("1000.00"))
    application = ApplicationFactory(organization=employer_user.organization, round=round)
    line = line_for(application, amount_requested_per_employee=Decimal("1200.00"))
    with pytest.raises(ValidationError, match=r"\$1,000.00 per employee"):
        services.application_line_save(application=application, line=line, user=employer_user)


def test_training_must_start_after_the_close_month_and_finish_within_twelve_months(employer_user):
    application = ApplicationFactory(organization=employer_user.organization)
    round = application.round
    early = line_for(application, training_start=round.training_starts_on - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        services.application_line_save(application=application, line=early, user=employer_user)
    assert "training_start" in error.value.message_dict
    late = line_for(application, training_end=round.training_ends_by + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        services.application_line_save(application=application, line=late, user=employer_user)
    assert "training_end" in error.value.message_dict
    last_day = line_for(application, training_end=round.training_ends_by)
    services.application_line_save(application=application, line=last_day, user=employer_user)


def test_training_window_dates():
    round = OpenRoundFactory(closes_at=datetime.datetime(2026, 12, 15, 20, 0, tzinfo=datetime.UTC))
    assert round.training_starts_on == datetime.date(2027, 1, 1)
    assert round.training_ends_by == datetime.date(2027, 12, 31)
    assert round.fiscal_year == 2027


def test_retired_credentials_cannot_be_requested(employer_user):
    application = ApplicationFactory(organization=employer_user.organization)
    retired = CredentialFactory(status=CredentialStatus.RETIRED)
    with pytest.raises(ValidationError) as error:
        services.application_line_save(
            application=application, line=line_for(application, credential=retired), user=employer_user
        )
    assert "credential" in error.value.message_dict


def test_round_cap_is_reported_on_the_line_that_passes_it(employer_user):
    round = OpenRoundFactory(per_employer_round_cap=Decimal("5000.00"))
    application = ApplicationFactory(organization=employer_user.organization, round=round)
    first = ApplicationLineFactory(application=application, employees=2, amount_requested_per_employee=Decimal("1500"))
    second = ApplicationLineFactory(application=application, employees=2, amount_requested_per_employee=Decimal("1500"))
    problems = services.application_problems(application=application)
    assert first.pk not in problems
    assert "at most $5,000.00 in this round" in problems[second.pk][0]
    with pytest.raises(ValidationError):
        services.application_submit(application=application, user=employer_user)


def fy_round(month_opens, month_closes, year=2026, **kwargs):
    return ClosedRoundFactory(
        opens_at=datetime.datetime(year, month_opens, 1, 13, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(year, month_closes, 28, 19, tzinfo=datetime.UTC),
        **kwargs,
    )


def test_fiscal_year_cap_counts_the_organisations_other_awards(employer_user):
    # Both rounds close in state fiscal year 2027 (July 2026 to June 2027).
    earlier = fy_round(7, 7)
    later = fy_round(9, 10, per_employer_fiscal_year_cap=Decimal("10000.00"))
    assert earlier.fiscal_year == later.fiscal_year == 2027
    awarded_application(employer_user.organization, round=earlier, employees=4, per_employee=Decimal("2000"))
    application = ApplicationFactory(organization=employer_user.organization, round=later)
    line = ApplicationLineFactory(application=application, employees=2, amount_requested_per_employee=Decimal("1000"))
    assert services.application_problems(application=application) == {}  # 8,000 + 2,000 is exactly the cap
    line.employees = 3
    line.save()
    problems = services.application_problems(application=application)
    assert "fiscal-year cap" in problems[line.pk][0]


def test_fiscal_year_cap_ignores_other_fiscal_years(employer_user):
    old = fy_round(3, 3)  # fiscal year 2026
    awarded_application(employer_user.organization, round=old, employees=5, per_employee=Decimal("2000"))
    round = fy_round(8, 8, per_employer_fiscal_year_cap=Decimal("10000.00"))  # fiscal year 2027
    assert (old.fiscal_year, round.fiscal_year) == (2026, 2027)
    application = ApplicationFactory(organization=employer_user.organization, round=round)
    ApplicationLineFactory(application=application, employees=2, amount_requested_per_employee=Decimal("1500"))
    assert services.application_problems(application=application) == {}


def test_submission_only_while_the_round_is_open(employer_user, django_capture_on_commit_callbacks):
    closed = ApplicationFactory(organization=employer_user.organization, round=ClosedRoundFactory())
    ApplicationLineFactory(application=closed)
    with pytest.raises(ValidationError, match="not open"):
        services.application_submit(application=closed, user=employer_user)
    application = ApplicationFactory(organization=employer_user.organization)
    with pytest.raises(ValidationError):
        services.application_submit(application=application, user=employer_user)  # no lines yet
    ApplicationLineFactory(application=application)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, user=employer_user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.submitted_at
    assert "submitted" in mail.outbox[-1].subject.lower()
    with pytest.raises(ValidationError):
        services.application_line_save(application=application, line=line_for(application), user=employer_user)


def test_drafts_save_even_when_the_round_is_closed(employer_user):
    application = ApplicationFactory(organization=employer_user.organization, round=ClosedRoundFactory())
    services.application_line_save(application=application, line=line_for(application), user=employer_user)
    assert application.lines.count() == 1


def test_scoring_rewards_wage_gain_distress_and_employer_share(staff):
    calm = CountyFactory(economically_distressed=False)
    distressed = CountyFactory(economically_distressed=True)
    plain = ApplicationFactory(status=ApplicationStatus.SUBMITTED, organization__county=calm)
    ApplicationLineFactory(
        application=plain,
        cost_per_employee=Decimal("2000"),
        amount_requested_per_employee=Decimal("2000"),
        wage_before=Decimal("20"),
        wage_after=Decimal("20.50"),
    )
    strong = ApplicationFactory(status=ApplicationStatus.SUBMITTED, organization__county=distressed, round=plain.round)
    ApplicationLineFactory(
        application=strong,
        cost_per_employee=Decimal("2000"),
        amount_requested_per_employee=Decimal("1000"),
        wage_before=Decimal("20"),
        wage_after=Decimal("21"),
    )
    assert services.round_score_all(round=plain.round, user=staff) == 2
    plain.refresh_from_db()
    strong.refresh_from_db()
    # 0.50 $/h × 2080 h = $1,040 a year on a $2,000 credential: 26 of 50 points; no distress; no share.
    assert (plain.score_wage, plain.score_distress, plain.score_share) == (Decimal("26.0"), 0, 0)
    # $2,080 a year ≥ cost: 50; distressed: 20; employer pays half: 30.
    assert strong.score == Decimal("100.0")
    ranked = list(plain.round.applications.submitted().order_by("-score"))
    assert ranked == [strong, plain]


# ------------------------------------------------------------------------------------------------------------------
# Awards


def submitted(round, **line_kwargs):
    application = ApplicationFactory(round=round, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now())
    line = ApplicationLineFactory(application=application, **line_kwargs)
    line.refresh_from_db()
    return application, line


def test_award_full_or_partial_and_email(staff, django_capture_on_commit_callbacks):
    round = OpenRoundFactory()
    application, line = submitted(round, employees=3, amount_requested_per_employee=Decimal("1000"))
    EmployerUserFactory(organization=application.organization, email="owner@x.test")
    with pytest.raises(ValidationError):
        services.award_lines(application=application, user=staff, amounts={line.pk: Decimal("3000.01")})
    with django_capture_on_commit_callbacks(execute=True):
        services.award_lines(application=application, user=staff, amounts={line.pk: Decimal("2000")})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWARDED
    assert Award.objects.get(line=line).amount == Decimal("2000.00")
    assert mail.outbox[-1].to == ["owner@x.test"] and "$2,000.00" in mail.outbox[-1].subject
    with pytest.raises(ValidationError):
        services.award_lines(application=application, user=staff, amounts={line.pk: Decimal("1")})


def test_awards_never_pass_the_rounds_budget(staff):
    round = OpenRoundFactory(total_budget=Decimal("5000.00"))
    first, first_line = submitted(round, employees=2, amount_requested_per_employee=Decimal("2000"))
    second, second_line = submitted(round, employees=2, amount_requested_per_employee=Decimal("2000"))
    services.award_lines(application=first, user=staff, amounts={first_line.pk: Decimal("4000")})
    with pytest.raises(ValidationError, match=r"only \$1,000.00 of the round's budget is left"):
        services.award_lines(application=second, user=staff, amounts={second_line.pk: Decimal("4000")})
    services.award_lines(application=second, user=staff, amounts={second_line.pk: Decimal("1000")})
    assert round.awarded_total() == Decimal("5000.00")


def test_decline_with_reason_emails_the_employer(staff, django_capture_on_commit_callbacks):
    application, _ = submitted(OpenRoundFactory())
    EmployerUserFactory(organization=application.organization)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decline(application=application, user=staff, reason="Training is not technology-focused.")
    assert application.__class__.objects.get(pk=application.pk).status == ApplicationStatus.DECLINED
    assert "Training is not technology-focused." in mail.outbox[-1].body


def test_only_staff_award(employer_user):
    application, line = submitted(OpenRoundFactory())
    with pytest.raises(ValidationError):
        services.award_lines(application=application, user=employer_user, amounts={line.pk: Decimal("1")})


# ------------------------------------------------------------------------------------------------------------------
# Claims


def claim_row(award, **overrides):
    row = {
        "award": award,
        "employee_name": "Jordan Ellis",
        "ssn_last4": "4821",
        "date_of_birth": None,
        "date_earned": timezone.localdate() - datetime.timedelta(days=5),
        "wage_after": Decimal("23.00"),
        "amount": Decimal("1500.00"),
    }
    row.update(overrides)
    return row


def test_claim_within_six_weeks_of_earning(employer_user):
    application, award = awarded_application(employer_user.organization)
    today = timezone.localdate()
    late = claim_row(award, date_earned=today - datetime.timedelta(days=43))
    with pytest.raises(ValidationError, match="within 42 days"):
        services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=[late])
    future = claim_row(award, date_earned=today + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="future"):
        services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=[future])
    on_time = claim_row(award, date_earned=max(today - datetime.timedelta(days=42), award.line.training_start))
    claim = services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=[on_time])
    assert claim.status == ClaimStatus.SUBMITTED and claim.amount == Decimal("1500.00")


def test_one_claim_per_month_per_employer(employer_user):
    application, award = awarded_application(employer_user.organization)
    services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=[claim_row(award)])
    with pytest.raises(ValidationError, match="one claim per month"):
        services.claim_submit(
            application=application, user=employer_user, proof=pdf(), lines=[claim_row(award, employee_name="B")]
        )
    # Even written around the service, the database refuses a second claim in the month.
    with pytest.raises(IntegrityError), transaction.atomic():
        ReimbursementClaim.objects.create(
            application=application,
            organization=employer_user.organization,
            claim_month=timezone.localdate().replace(day=1),
            proof="x.pdf",
        )


def test_claims_never_pass_the_award(employer_user):
    application, award = awarded_application(employer_user.organization, employees=2, per_employee=Decimal("1500"))
    three = [claim_row(award, employee_name=name) for name in ("A", "B", "C")]
    with pytest.raises(ValidationError, match="passes the award"):
        services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=three)
    with pytest.raises(ValidationError, match="At most"):
        services.claim_submit(
            application=application, user=employer_user, proof=pdf(), lines=[claim_row(award, amount=Decimal("1600"))]
        )
    claim = services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=three[:2])
    assert claim.amount == Decimal("3000.00")


def test_claim_proof_must_be_a_pdf_by_content(employer_user):
    application, award = awarded_application(employer_user.organization)
    fake = SimpleUploadedFile("proof.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError, match="PDF"):
        services.claim_submit(application=application, user=employer_user, proof=fake, lines=[claim_row(award)])
    assert not ReimbursementClaim.objects.exists()


def test_only_the_last_four_ssn_digits_are_accepted(employer_user):
    application, award = awarded_application(employer_user.organization)
    with pytest.raises(ValidationError):
        services.claim_submit(
            application=application, user=employer_user, proof=pdf(), lines=[claim_row(award, ssn_last4="123456789")]
        )


def test_a_date_of_birth_is_required_for_a_new_hire_and_refused_for_anyone_else(employer_user):
    application, award = awarded_application(employer_user.organization)
    no_birth_date = claim_row(award, new_hire=True, date_of_birth=None)
    with pytest.raises(ValidationError) as error:
        services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=[no_birth_date])
    assert error.value.message_dict["line_0"] == ["Enter the date of birth: it is required for a new hire."]
    not_new = claim_row(award, new_hire=False, date_of_birth=datetime.date(1990, 5, 17))
    with pytest.raises(ValidationError) as error:
        services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=[not_new])
    assert error.value.message_dict["line_0"] == ["Leave the date of birth empty unless the employee is a new hire."]
    assert not ReimbursementClaim.objects.exists()

    new_hire = claim_row(award, new_hire=True, date_of_birth=datetime.date(2001, 3, 14))
    claim = services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=[new_hire])
    line = claim.lines.get()
    assert line.new_hire and line.date_of_birth == datetime.date(2001, 3, 14)


def test_the_claim_line_form_puts_the_new_hire_messages_on_the_date_of_birth(employer_user):
    from credentials.forms import ClaimLineForm

    application, award = awarded_application(employer_user.organization)
    awards = Award.objects.filter(pk=award.pk)
    data = {
        "award": award.pk,
        "employee_name": "Jordan Ellis",
        "ssn_last4": "4821",
        "date_earned": (timezone.localdate() - datetime.timedelta(days=5)).isoformat(),
        "wage_after": "23.00",
        "amount": "1500.00",
    }
    form = ClaimLineForm({**data, "new_hire": "on"}, awards=awards)
    assert form.errors == {"date_of_birth": ["Enter the date of birth: it is required for a new hire."]}
    form = ClaimLineForm({**data, "date_of_birth": "1990-05-17"}, awards=awards)
    assert form.errors == {"date_of_birth": ["Leave the date of birth empty unless the employee is a new hire."]}
    assert ClaimLineForm({**data, "new_hire": "on", "date_of_birth": "1990-05-17"}, awards=awards).is_valid()
    assert ClaimLineForm(data, awards=awards).is_valid()


def test_another_employer_cannot_claim(employer_user):
    application, award = awarded_application(employer_user.organization)
    stranger = EmployerUserFactory()
    with pytest.raises(ValidationError):
        services.claim_submit(application=application, user=stranger, proof=pdf(), lines=[claim_row(award)])


def test_claim_review_return_resubmit_approve_pay(employer_user, staff, django_capture_on_commit_callbacks):
    application, award = awarded_application(employer_user.organization)
    claim = services.claim_submit(application=application, user=employer_user, proof=pdf(), lines=[claim_row(award)])
    with pytest.raises(ValidationError):
        services.claim_mark_paid(claim=claim, user=staff)  # not approved yet
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_return(claim=claim, user=staff, reason="The invoice page is missing.")
    assert "The invoice page is missing." in mail.outbox[-1].body
    services.claim_resubmit(claim=claim, user=employer_user, proof=pdf("fixed.pdf"))
    services.claim_approve(claim=claim, user=staff)
    paid = services.claim_mark_paid(claim=claim, user=staff)
    assert paid.status == ClaimStatus.PAID and paid.paid_at is not None
    with pytest.raises(ValidationError):
        services.claim_approve(claim=claim, user=staff)


def test_next_steps_name_drafts_and_returned_claims(employer_user, staff):
    draft = ApplicationFactory(organization=employer_user.organization)
    steps = [text for text, _ in services.employer_next_steps(organization=employer_user.organization)]
    assert any(draft.round.name in text and "Submit" in text for text in steps)


def test_money_decisions_leave_an_audit_trail(staff, employer_user):
    from django.apps import apps

    application, line = submitted(OpenRoundFactory())
    services.award_lines(application=application, user=staff, amounts={line.pk: Decimal("100")})
    events = apps.get_model("credentials", "AwardEvent").objects.filter(pgh_obj__line=line)
    assert [(e.pgh_label, e.amount) for e in events] == [("insert", Decimal("100.00"))]
    assert (
        apps.get_model("credentials", "ApplicationEvent")
        .objects.filter(pgh_obj=application, status=ApplicationStatus.AWARDED)
        .exists()
    )
