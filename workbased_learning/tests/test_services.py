import datetime
import threading
import time
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from core.jobs import run_job
from core.models import JobStatus
from core.testing.factories import EmployerUserFactory, ProviderUserFactory, StaffUserFactory
from credentials.models import Category, Credential
from workbased_learning import services
from workbased_learning.models import (
    ApplicationStatus,
    IncentiveCertificate,
    IncentiveLine,
    LineDecision,
    OpportunityStatus,
    Placement,
    PlacementStatus,
    Rating,
    TimeEntryStatus,
    WorkSetting,
)
from workbased_learning.tests.factories import (
    BudgetPeriodFactory,
    CompetencyFactory,
    CTEProgramFactory,
    IncentiveApplicationFactory,
    IncentiveLineFactory,
    OpportunityFactory,
    PlacementFactory,
    ProgramYearFactory,
    TimeEntryFactory,
    VirtualOpportunityFactory,
    last_year_placement,
)

TODAY = timezone.localdate


@contextmanager
def table_held(model, *, waiters=2):
    """Hold an exclusive lock on a table until `waiters` other sessions are blocked, then let them all go at once.

    Both racing threads then reach the read they would race on together, so a missing row lock shows as a failure
    instead of depending on luck. With the row lock, one thread waits on it and the reads are serialised.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'LOCK TABLE "{model._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
        yield
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            # Activity statistics are a snapshot per transaction unless cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= waiters:
                break
            time.sleep(0.05)


def place(opportunity, provider_user, **overrides):
    program = overrides.pop("program", None) or CTEProgramFactory(provider=provider_user.organization)
    supervisor = overrides.pop("supervisor", None) or EmployerUserFactory(organization=opportunity.host)
    values = {
        "learner_ref": "L-1",
        "learner_birth_date": datetime.date(TODAY().year - 17, 1, 1),
        "learner_grade": 12,
        "start_date": TODAY(),
        "end_date": TODAY() + datetime.timedelta(days=30),
        **overrides,
    }
    return services.placement_create(
        opportunity=opportunity, program=program, supervisor=supervisor, user=provider_user, **values
    )


# ---------------------------------------------------------------------------------------------------- placements


@pytest.mark.django_db
class TestPlacementCreate:
    def test_places_a_learner_of_the_providers_program(self):
        provider = ProviderUserFactory()
        opportunity = VirtualOpportunityFactory()
        placement = place(opportunity, provider)
        assert placement.status == PlacementStatus.ACTIVE
        assert placement.placed_by == provider

    def test_capacity_is_never_exceeded(self):
        provider = ProviderUserFactory()
        opportunity = OpportunityFactory(capacity=2)
        supervisor = EmployerUserFactory(organization=opportunity.host)
        place(opportunity, provider, supervisor=supervisor)
        place(opportunity, provider, supervisor=supervisor)
        with pytest.raises(ValidationError, match="full"):
            place(opportunity, provider, supervisor=supervisor)

    def test_a_withdrawn_placement_frees_its_place(self):
        provider = ProviderUserFactory()
        opportunity = OpportunityFactory(capacity=1)
        placement = place(opportunity, provider)
        services.placement_withdraw(placement=placement, user=provider)
        assert place(opportunity, provider).status == PlacementStatus.ACTIVE

    @pytest.mark.parametrize("status", [OpportunityStatus.DRAFT, OpportunityStatus.CLOSED])
    def test_only_open_opportunities_take_placements(self, status):
        with pytest.raises(ValidationError, match="not open"):
            place(OpportunityFactory(status=status), ProviderUserFactory())

    def test_supervisor_must_belong_to_the_host(self):
        opportunity = OpportunityFactory()
        with pytest.raises(ValidationError) as caught:
            place(opportunity, ProviderUserFactory(), supervisor=EmployerUserFactory())
        assert "supervisor" in caught.value.message_dict

    def test_provider_may_only_place_learners_of_its_own_programs(self):
        with pytest.raises(PermissionDenied):
            place(OpportunityFactory(), ProviderUserFactory(), program=CTEProgramFactory())

    def test_employers_cannot_place_learners(self):
        opportunity = OpportunityFactory()
        employer = EmployerUserFactory(organization=opportunity.host)
        with pytest.raises(PermissionDenied):
            place(opportunity, employer, program=CTEProgramFactory())


@pytest.mark.django_db(transaction=True)
def test_two_providers_racing_for_the_last_place_get_one_placement():
    opportunity = OpportunityFactory(capacity=1)
    supervisor = EmployerUserFactory(organization=opportunity.host)
    providers = [ProviderUserFactory(), ProviderUserFactory()]
    programs = [CTEProgramFactory(provider=p.organization) for p in providers]
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(index):
        try:
            barrier.wait()
            place(opportunity, providers[index], program=programs[index], supervisor=supervisor)
            outcomes.append("placed")
        except ValidationError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(2)]
    with table_held(Placement):
        for thread in threads:
            thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full", "placed"]
    assert opportunity.placements.count() == 1


# ---------------------------------------------------------------------------------------------------- hours


@pytest.mark.django_db
class TestHours:
    def test_provider_logs_and_supervisor_approves(self):
        placement = PlacementFactory()
        provider = ProviderUserFactory(organization=placement.program.provider)
        entry = services.time_entry_log(
            placement=placement, user=provider, date=TODAY(), hours=Decimal("5"), setting="in_person", activities="x"
        )
        assert entry.status == TimeEntryStatus.SUBMITTED
        services.time_entry_decide(entry=entry, user=placement.supervisor, approve=True)
        entry.refresh_from_db()
        assert entry.status == TimeEntryStatus.APPROVED
        assert entry.decided_by == placement.supervisor

    def test_only_the_supervisor_signs_off(self):
        entry = TimeEntryFactory()
        placement = entry.placement
        colleague = EmployerUserFactory(organization=placement.opportunity.host)
        provider = ProviderUserFactory(organization=placement.program.provider)
        for user in (colleague, provider, StaffUserFactory()):
            with pytest.raises(PermissionDenied):
                services.time_entry_decide(entry=entry, user=user, approve=True)
        entry.refresh_from_db()
        assert entry.status == TimeEntryStatus.SUBMITTED

    def test_hours_are_signed_off_once(self):
        entry = TimeEntryFactory()
        services.time_entry_decide(entry=entry, user=entry.placement.supervisor, approve=True)
        with pytest.raises(ValidationError, match="already"):
            services.time_entry_decide(entry=entry, user=entry.placement.supervisor, approve=False, note="no")

    def test_rejecting_needs_a_reason(self):
        entry = TimeEntryFactory()
        with pytest.raises(ValidationError):
            services.time_entry_decide(entry=entry, user=entry.placement.supervisor, approve=False, note=" ")

    def test_approved_hours_drive_the_progress(self):
        placement = PlacementFactory(opportunity=OpportunityFactory(hours_target=100))
        approved = TimeEntryFactory(placement=placement, hours=Decimal("20"))
        TimeEntryFactory(placement=placement, hours=Decimal("8"))
        services.time_entry_decide(entry=approved, user=placement.supervisor, approve=True)
        annotated = type(placement).objects.with_hours().get(pk=placement.pk)
        assert annotated.approved_hours == Decimal("20")
        assert annotated.pending_hours == Decimal("8")
        assert placement.hours_percent(annotated.approved_hours) == 20

    @pytest.mark.parametrize(
        "day, field",
        [
            (lambda p: p.start_date - datetime.timedelta(days=1), "date"),
            (lambda p: TODAY() + datetime.timedelta(days=1), "date"),
        ],
    )
    def test_dates_must_fall_within_the_placement_and_not_in_the_future(self, day, field):
        placement = PlacementFactory()
        with pytest.raises(ValidationError) as caught:
            services.time_entry_log(
                placement=placement, user=StaffUserFactory(), date=day(placement), hours=Decimal("2"),
                setting="in_person", activities="x",
            )  # fmt: skip
        assert field in caught.value.message_dict

    def test_remote_hours_need_a_virtual_or_hybrid_opportunity(self):
        placement = PlacementFactory()
        with pytest.raises(ValidationError) as caught:
            services.time_entry_log(
                placement=placement, user=StaffUserFactory(), date=TODAY(), hours=Decimal("2"),
                setting=WorkSetting.REMOTE, activities="x",
            )  # fmt: skip
        assert "setting" in caught.value.message_dict

    def test_another_provider_cannot_log_hours(self):
        with pytest.raises(PermissionDenied):
            services.time_entry_log(
                placement=PlacementFactory(), user=ProviderUserFactory(), date=TODAY(), hours=Decimal("2"),
                setting="in_person", activities="x",
            )  # fmt: skip


@pytest.mark.django_db
class TestEvaluation:
    def test_evaluation_rates_every_competency_and_completes_the_placement(self):
        competencies = CompetencyFactory.create_batch(2)
        placement = PlacementFactory()
        placement.opportunity.competencies.set(competencies)
        host_user = EmployerUserFactory(organization=placement.opportunity.host)
        credential = Credential.objects.create(
            title="NIMS Machining Level I", issuing_body="NIMS", category=Category.objects.create(name="M", slug="m")
        )
        with pytest.raises(ValidationError, match="every competency"):
            services.placement_evaluate(placement=placement, user=host_user, ratings={competencies[0].pk: 3})
        services.placement_evaluate(
            placement=placement,
            user=host_user,
            ratings={c.pk: Rating.PROFICIENT for c in competencies},
            credential=credential,
        )
        placement.refresh_from_db()
        assert placement.status == PlacementStatus.COMPLETED
        assert placement.credential_earned == credential
        assert placement.evaluation.ratings.count() == 2

    def test_only_the_host_evaluates(self):
        placement = PlacementFactory()
        with pytest.raises(PermissionDenied):
            services.placement_evaluate(placement=placement, user=EmployerUserFactory(), ratings={})


# ---------------------------------------------------------------------------------------------------- incentive


@pytest.mark.django_db
class TestEligibility:
    def _year(self):
        return ProgramYearFactory()

    def test_learner_aged_19_at_the_start_counts(self):
        program_year = self._year()
        start = datetime.date(program_year.year, 6, 1)
        placement = last_year_placement(learner_birth_date=datetime.date(start.year - 20, 6, 2), start_date=start)
        assert placement.age_on(start) == 19
        assert services.incentive_ineligibility(placement=placement, program_year=program_year) == []

    def test_learner_aged_20_does_not_count(self):
        program_year = self._year()
        start = datetime.date(program_year.year, 6, 1)
        placement = last_year_placement(learner_birth_date=datetime.date(start.year - 20, 6, 1), start_date=start)
        reasons = services.incentive_ineligibility(placement=placement, program_year=program_year)
        assert len(reasons) == 1 and "Aged 20" in reasons[0]

    def test_program_must_be_state_approved(self):
        program_year = self._year()
        placement = last_year_placement(program=CTEProgramFactory(state_approved=False, name="Unapproved"))
        reasons = services.incentive_ineligibility(placement=placement, program_year=program_year)
        assert reasons == ["Enrolled in Unapproved, which is not a state-approved CTE program."]

    def test_max_age_is_data_on_the_year(self):
        program_year = ProgramYearFactory(max_learner_age=17)
        placement = last_year_placement(learner_birth_date=datetime.date(program_year.year - 18, 1, 1))
        assert services.incentive_ineligibility(placement=placement, program_year=program_year)

    def test_the_application_names_which_learner_fails_which_rule(self):
        program_year = self._year()
        employer = EmployerUserFactory()
        opportunity = OpportunityFactory(host=employer.organization)
        good = last_year_placement(opportunity=opportunity)
        old = last_year_placement(
            opportunity=opportunity, learner_birth_date=datetime.date(program_year.year - 25, 1, 1)
        )
        unapproved = last_year_placement(opportunity=opportunity, program=CTEProgramFactory(state_approved=False))
        with pytest.raises(services.IneligibleLearners) as caught:
            services.incentive_application_submit(
                employer=employer.organization,
                program_year=program_year,
                user=employer,
                wages={good.pk: "1000", old.pk: "1000", unapproved.pk: "1000"},
            )
        assert set(caught.value.reasons) == {old.pk, unapproved.pk}
        assert "Aged" in caught.value.reasons[old.pk][0]
        assert "state-approved" in caught.value.reasons[unapproved.pk][0]


@pytest.mark.django_db
class TestCreditFormula:
    @pytest.mark.parametrize(
        "rate, wages, credit",
        [
            ("0.15", "10000.00", "1500.00"),  # below the cap
            ("0.25", "20000.00", "5000.00"),  # exactly the cap
            ("0.15", "40000.00", "5000.00"),  # above the cap
            ("0.15", "333.33", "50.00"),  # rounded to the cent
        ],
    )
    def test_credit_is_the_lesser_of_cap_and_rate_times_wages(self, rate, wages, credit):
        program_year = ProgramYearFactory(credit_rate=Decimal(rate))
        assert program_year.credit_for(Decimal(wages)) == Decimal(credit)

    def test_submitted_lines_carry_the_credit(self):
        program_year = ProgramYearFactory()
        employer = EmployerUserFactory()
        opportunity = OpportunityFactory(host=employer.organization)
        small, large = last_year_placement(opportunity=opportunity), last_year_placement(opportunity=opportunity)
        application = services.incentive_application_submit(
            employer=employer.organization,
            program_year=program_year,
            user=employer,
            wages={small.pk: Decimal("8000"), large.pk: Decimal("50000"), 999999: ""},
        )
        credits = {line.placement_id: line.credit_requested for line in application.lines.all()}
        assert credits == {small.pk: Decimal("1200.00"), large.pk: Decimal("5000.00")}
        assert application.status == ApplicationStatus.IN_REVIEW
        assert application.decision_due_on == TODAY() + datetime.timedelta(days=60)


@pytest.mark.django_db
class TestWindow:
    def _submit(self, program_year, today):
        employer = EmployerUserFactory()
        placement = last_year_placement(opportunity=OpportunityFactory(host=employer.organization))
        return services.incentive_application_submit(
            employer=employer.organization,
            program_year=program_year,
            user=employer,
            wages={placement.pk: Decimal("1000")},
            today=today,
        )

    def test_state_default_window_is_january_1_to_february_1(self):
        assert services.program_year_ensure(year=2025).opens_on == datetime.date(2026, 1, 1)
        assert services.program_year_ensure(year=2025).closes_on == datetime.date(2026, 2, 1)
        assert services.program_year_ensure(year=2025).budget_period.name == "FY2026–2027"

    @pytest.mark.parametrize("day, accepted", [(0, True), (-1, False), (31, True), (32, False)])
    def test_applications_only_inside_the_window(self, day, accepted):
        program_year = ProgramYearFactory(
            opens_on=datetime.date(TODAY().year, 1, 1), closes_on=datetime.date(TODAY().year, 2, 1)
        )
        today = program_year.opens_on + datetime.timedelta(days=day)
        if accepted:
            assert self._submit(program_year, today).pk
        else:
            with pytest.raises(ValidationError, match="accepted from"):
                self._submit(program_year, today)

    def test_one_application_per_employer_and_year(self):
        program_year = ProgramYearFactory()
        employer = EmployerUserFactory()
        opportunity = OpportunityFactory(host=employer.organization)
        first, second = last_year_placement(opportunity=opportunity), last_year_placement(opportunity=opportunity)
        services.incentive_application_submit(
            employer=employer.organization, program_year=program_year, user=employer, wages={first.pk: "100"}
        )
        with pytest.raises(ValidationError, match="already applied"):
            services.incentive_application_submit(
                employer=employer.organization, program_year=program_year, user=employer, wages={second.pk: "100"}
            )

    def test_an_employer_cannot_claim_another_hosts_learner(self):
        program_year = ProgramYearFactory()
        employer = EmployerUserFactory()
        stranger = last_year_placement()
        with pytest.raises(ValidationError, match="not hosted"):
            services.incentive_application_submit(
                employer=employer.organization, program_year=program_year, user=employer, wages={stranger.pk: "100"}
            )


@pytest.mark.django_db
class TestDecision:
    def test_staff_approve_and_deny_per_learner(self, django_capture_on_commit_callbacks):
        approved, denied = IncentiveLineFactory(), None
        denied = IncentiveLineFactory(application=approved.application, credit_requested=Decimal("700"))
        staff = StaffUserFactory()
        with django_capture_on_commit_callbacks() as callbacks:
            services.incentive_application_decide(
                application=approved.application,
                user=staff,
                decisions={approved.pk: True, denied.pk: False},
                notes={denied.pk: "Wages not documented"},
            )
        approved.refresh_from_db()
        denied.refresh_from_db()
        assert (approved.decision, approved.credit_approved) == (LineDecision.APPROVED, Decimal("1500.00"))
        assert (denied.decision, denied.credit_approved) == (LineDecision.DENIED, None)
        assert approved.application.__class__.objects.get(pk=approved.application_id).status == "approved"
        assert IncentiveCertificate.objects.filter(application=approved.application).exists()
        assert len(callbacks) == 1

    def test_all_denied_means_denied_and_no_certificate(self):
        line = IncentiveLineFactory()
        services.incentive_application_decide(
            application=line.application, user=StaffUserFactory(), decisions={line.pk: False}, notes={line.pk: "No"}
        )
        line.application.refresh_from_db()
        assert line.application.status == ApplicationStatus.DENIED
        assert not IncentiveCertificate.objects.exists()

    def test_only_staff_decide(self):
        line = IncentiveLineFactory()
        with pytest.raises(PermissionDenied):
            services.incentive_application_decide(
                application=line.application, user=EmployerUserFactory(), decisions={line.pk: True}
            )

    def test_every_learner_is_decided_and_only_once(self):
        line = IncentiveLineFactory()
        other = IncentiveLineFactory(application=line.application)
        staff = StaffUserFactory()
        with pytest.raises(ValidationError, match="every learner"):
            services.incentive_application_decide(application=line.application, user=staff, decisions={line.pk: True})
        services.incentive_application_decide(
            application=line.application, user=staff, decisions={line.pk: True, other.pk: True}
        )
        with pytest.raises(ValidationError, match="already"):
            services.incentive_application_decide(
                application=line.application, user=staff, decisions={line.pk: True, other.pk: True}
            )

    def test_budget_period_cap_is_never_passed(self):
        period = BudgetPeriodFactory(cap=Decimal("2000.00"))
        program_year = ProgramYearFactory(budget_period=period)
        first = IncentiveLineFactory(application__program_year=program_year, credit_requested=Decimal("1500.00"))
        second = IncentiveLineFactory(application__program_year=program_year, credit_requested=Decimal("600.00"))
        third = IncentiveLineFactory(application__program_year=program_year, credit_requested=Decimal("500.00"))
        staff = StaffUserFactory()
        services.incentive_application_decide(application=first.application, user=staff, decisions={first.pk: True})
        with pytest.raises(ValidationError, match=r"\$500.00 is left"):
            services.incentive_application_decide(
                application=second.application, user=staff, decisions={second.pk: True}
            )
        # Exactly reaching the cap is allowed.
        services.incentive_application_decide(application=third.application, user=staff, decisions={third.pk: True})
        assert period.approved_total() == Decimal("2000.00")

    def test_overdue_after_the_decision_days(self):
        due = IncentiveApplicationFactory(decision_due_on=TODAY() - datetime.timedelta(days=1))
        IncentiveApplicationFactory(decision_due_on=TODAY())
        IncentiveApplicationFactory(decision_due_on=TODAY() - datetime.timedelta(days=5), status="approved")
        assert list(due.__class__.objects.overdue()) == [due]
        assert due.is_overdue()


@pytest.mark.django_db
def test_staff_are_emailed_once_about_each_overdue_decision():
    StaffUserFactory(email="reviewer@state.test")
    EmployerUserFactory(email="not-staff@example.test")
    overdue = IncentiveApplicationFactory(
        decision_due_on=TODAY() - datetime.timedelta(days=2), employer__name="Late Decision Works"
    )
    IncentiveApplicationFactory(decision_due_on=TODAY())
    assert services.incentive_overdue_notify() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reviewer@state.test"]
    assert "Late Decision Works" in mail.outbox[0].body
    assert overdue.get_absolute_url() in mail.outbox[0].body
    assert services.incentive_overdue_notify() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_host_hands_a_placement_to_another_supervisor():
    placement = PlacementFactory()
    colleague = EmployerUserFactory(organization=placement.opportunity.host)
    entry = TimeEntryFactory(placement=placement)
    services.placement_change_supervisor(placement=placement, supervisor=colleague, user=colleague)
    services.time_entry_decide(entry=entry, user=colleague, approve=True)
    with pytest.raises(ValidationError):
        services.placement_change_supervisor(placement=placement, supervisor=EmployerUserFactory(), user=colleague)
    with pytest.raises(PermissionDenied):
        services.placement_change_supervisor(placement=placement, supervisor=colleague, user=EmployerUserFactory())


@pytest.mark.django_db(transaction=True)
def test_two_approvals_racing_never_pass_the_budget_cap():
    period = BudgetPeriodFactory(cap=Decimal("2000.00"))
    program_year = ProgramYearFactory(budget_period=period)
    lines = [
        IncentiveLineFactory(application__program_year=program_year, credit_requested=Decimal("1500.00"))
        for _ in range(2)
    ]
    staff = [StaffUserFactory(), StaffUserFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(index):
        try:
            barrier.wait()
            line = lines[index]
            services.incentive_application_decide(
                application=line.application, user=staff[index], decisions={line.pk: True}
            )
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("over cap")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(2)]
    with table_held(IncentiveLine):
        for thread in threads:
            thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "over cap"]
    assert period.approved_total() == Decimal("1500.00")


@pytest.mark.django_db
class TestCertificate:
    def test_build_draws_a_pdf_once(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        line = IncentiveLineFactory()
        services.incentive_application_decide(
            application=line.application, user=StaffUserFactory(), decisions={line.pk: True}
        )
        certificate = IncentiveCertificate.objects.get(application=line.application)
        run_job(services.CertificateJob, certificate.pk)
        certificate.refresh_from_db()
        assert certificate.status == JobStatus.SUCCEEDED
        assert certificate.certificate_number.startswith("WBL-")
        with certificate.file.open("rb") as handle:
            assert handle.read(4) == b"%PDF"
        name = certificate.file.name
        run_job(services.CertificateJob, certificate.pk)
        certificate.refresh_from_db()
        assert certificate.file.name == name

    def test_build_refuses_an_application_that_is_not_approved(self):
        application = IncentiveApplicationFactory()
        certificate = IncentiveCertificate.objects.create(application=application)
        run_job(services.CertificateJob, certificate.pk)
        certificate.refresh_from_db()
        assert certificate.status == JobStatus.FAILED
        assert not certificate.file
