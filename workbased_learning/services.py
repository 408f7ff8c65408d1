"""Every write of work-based learning beyond a plain form save: placements, hours, evaluations and the incentive.

Each service checks who is acting, runs in one transaction and locks the row two people could race on: the
opportunity when placing a learner (capacity), the time entry when signing it off, and the budget period when
approving incentive credits (the period cap).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.jobs import JobRunner
from core.models import OrganizationKind, User
from core.money import ZERO, format_money
from core.pdf import render_pdf
from partnerships.models import SectorPartnership
from workbased_learning.models import (
    ApplicationStatus,
    Competency,
    CompetencyRating,
    CTEProgram,
    IncentiveApplication,
    IncentiveBudgetPeriod,
    IncentiveCertificate,
    IncentiveLine,
    IncentiveProgramYear,
    LineDecision,
    Opportunity,
    OpportunityStatus,
    Placement,
    PlacementEvaluation,
    PlacementStatus,
    Rating,
    TimeEntry,
    TimeEntryStatus,
    WorkSetting,
)

# --------------------------------------------------------------------------------------------------------------
# Placements
# --------------------------------------------------------------------------------------------------------------


def opportunity_check_choices(*, user, instance, partnership) -> None:
    """An opportunity names only a partnership its editor may see (one the user's organisation convenes or belongs
    to; staff any), or keeps the one it already had. Forms restrict their choices to the same set; this check
    keeps any other caller from attaching an opportunity to someone else's partnership."""
    if partnership is None or partnership.pk == getattr(instance, "partnership_id", None):
        return
    if not SectorPartnership.objects.visible_to(user).filter(pk=partnership.pk).exists():
        raise ValidationError("Choose a partnership your organisation belongs to.", code="not_allowed")


def opportunity_check_competencies(*, programs, competencies) -> None:
    """An opportunity addresses only standards of the CTE programs it is offered to (a rule across its programs'
    rows, so not in Opportunity.clean); every form that edits an opportunity, the admin's too, calls this."""
    if not programs or not competencies:
        return
    allowed = set(Competency.objects.filter(programs__in=programs).values_list("pk", flat=True))
    outside = sorted(c.code for c in competencies if c.pk not in allowed)
    if outside:
        raise ValidationError({"competencies": f"Not a standard of the chosen CTE programs: {', '.join(outside)}."})


def supervisor_candidates(*, opportunity: Opportunity):
    """Users who may supervise a learner in the opportunity: active employer-role users of the host."""
    return User.objects.filter(
        organization_id=opportunity.host_id, is_active=True, groups__name=roles.EMPLOYER
    ).order_by("last_name", "first_name", "email")


def placement_create(
    *,
    opportunity: Opportunity,
    program: CTEProgram,
    learner_ref: str,
    learner_birth_date: datetime.date,
    learner_grade: int,
    start_date: datetime.date,
    end_date: datetime.date,
    supervisor: User,
    user: User,
) -> Placement:
    """Place a learner of one of the provider's programs in an open opportunity, never past its capacity.

    The opportunity row is locked while active placements are counted, so two providers placing learners at the
    same moment cannot both take the last seat.
    """
    if not (user.is_program_staff or (user.is_provider and program.provider_id == user.organization_id)):
        raise PermissionDenied("Only the learner's provider can place the learner.")
    placement = Placement(
        opportunity=opportunity,
        program=program,
        learner_ref=learner_ref.strip(),
        learner_birth_date=learner_birth_date,
        learner_grade=learner_grade,
        start_date=start_date,
        end_date=end_date,
        supervisor=supervisor,
        placed_by=user,
    )
    placement.full_clean()  # the placement's own rules (Placement.clean)
    if not supervisor_candidates(opportunity=opportunity).filter(pk=supervisor.pk).exists():
        raise ValidationError({"supervisor": "The supervisor must be a user of the host employer."})
    with transaction.atomic():
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if locked.status != OpportunityStatus.OPEN:
            raise ValidationError("The opportunity is not open for placements.")
        taken = locked.placements.filter(status=PlacementStatus.ACTIVE).count()
        if taken >= locked.capacity:
            raise ValidationError(f"The opportunity is full: all {locked.capacity} places are taken.")
        placement.opportunity = locked
        placement.save()
        return placement


def placement_withdraw(*, placement: Placement, user: User) -> Placement:
    """The provider (or staff) withdraws an active placement, freeing its place."""
    if not (user.is_program_staff or (user.is_provider and placement.program.provider_id == user.organization_id)):
        raise PermissionDenied("Only the learner's provider can withdraw the placement.")
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        if placement.status != PlacementStatus.ACTIVE:
            raise ValidationError("Only an active placement can be withdrawn.")
        placement.status = PlacementStatus.WITHDRAWN
        placement.save(update_fields=["status", "updated_at"])
    return placement


def placement_change_supervisor(*, placement: Placement, supervisor: User, user: User) -> Placement:
    """The host employer (or staff) hands the placement to another of its users."""
    if not (user.is_program_staff or (user.is_employer and placement.opportunity.host_id == user.organization_id)):
        raise PermissionDenied("Only the host employer can change the supervisor.")
    if not supervisor_candidates(opportunity=placement.opportunity).filter(pk=supervisor.pk).exists():
        raise ValidationError({"supervisor": "The supervisor must be a user of the host employer."})
    placement.supervisor = supervisor
    placement.save(update_fields=["supervisor", "updated_at"])
    return placement


# --------------------------------------------------------------------------------------------------------------
# Hours
# --------------------------------------------------------------------------------------------------------------


def can_log_hours(*, placement: Placement, user: User) -> bool:
    if user.is_program_staff:
        return True
    if user.is_provider and placement.program.provider_id == user.organization_id:
        return True
    return user.is_employer and placement.opportunity.host_id == user.organization_id


def time_entry_log(
    *, placement: Placement, user: User, date: datetime.date, hours: Decimal, setting: str, activities: str
) -> TimeEntry:
    """Record hours the learner worked; they count once the placement's supervisor approves them."""
    if not can_log_hours(placement=placement, user=user):
        raise PermissionDenied("Only the provider or host employer can log hours.")
    if placement.status != PlacementStatus.ACTIVE:
        raise ValidationError("Hours can only be logged on an active placement.")
    if not placement.start_date <= date <= placement.end_date:
        raise ValidationError(
            {"date": f"The date must fall within the placement ({placement.start_date} to {placement.end_date})."}
        )
    if date > timezone.localdate():
        raise ValidationError({"date": "Hours cannot be logged for a future date."})
    if not Decimal("0") < hours <= Decimal("24"):
        raise ValidationError({"hours": "Hours must be more than 0 and at most 24."})
    if setting == WorkSetting.REMOTE and not placement.opportunity.is_remote:
        raise ValidationError({"setting": "This opportunity is in person only; remote hours do not count."})
    return TimeEntry.objects.create(
        placement=placement, date=date, hours=hours, setting=setting, activities=activities.strip(), logged_by=user
    )


def time_entry_decide(*, entry: TimeEntry, user: User, approve: bool, note: str = "") -> TimeEntry:
    """The placement's supervisor, logged in, approves or rejects hours awaiting sign-off."""
    with transaction.atomic():
        entry = TimeEntry.objects.select_for_update().select_related("placement").get(pk=entry.pk)
        if entry.placement.supervisor_id != user.pk or not user.is_employer:
            raise PermissionDenied("Only the placement's supervisor can sign off hours.")
        if entry.status != TimeEntryStatus.SUBMITTED:
            raise ValidationError("These hours were already signed off.")
        if not approve and not note.strip():
            raise ValidationError({"note": "Say why the hours are rejected."})
        entry.status = TimeEntryStatus.APPROVED if approve else TimeEntryStatus.REJECTED
        entry.decided_by = user
        entry.decided_at = timezone.now()
        entry.decision_note = note.strip()
        entry.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return entry


def time_entries_approve(*, entries, user: User) -> list[TimeEntry]:
    """The supervisor approves several time entries at once (all or none). Entries signed off in the meantime (in
    another tab, by a double click) are left as they are; the entries this call approved are returned."""
    approved = []
    with transaction.atomic():
        for entry in entries:
            try:
                approved.append(time_entry_decide(entry=entry, user=user, approve=True))
            except ValidationError:
                if TimeEntry.objects.get(pk=entry.pk).status == TimeEntryStatus.SUBMITTED:
                    raise
    return approved


# --------------------------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------------------------


def placement_evaluate(
    *, placement: Placement, user: User, ratings: dict, comments: str = "", credential=None
) -> PlacementEvaluation:
    """The host employer rates every competency the opportunity addresses; this completes the placement.

    `ratings` maps competency ids to a `Rating` value.
    """
    if not (user.is_employer and placement.opportunity.host_id == user.organization_id):
        raise PermissionDenied("Only the host employer can evaluate the placement.")
    expected = set(placement.opportunity.competencies.values_list("pk", flat=True))
    missing = expected - set(ratings)
    if missing:
        raise ValidationError("Rate every competency the opportunity addresses.")
    if any(int(value) not in Rating.values for value in ratings.values()):
        raise ValidationError("A rating is not on the scale.")
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        if placement.status != PlacementStatus.ACTIVE:
            raise ValidationError("Only an active placement can be evaluated.")
        evaluation = PlacementEvaluation.objects.create(placement=placement, evaluated_by=user, comments=comments)
        CompetencyRating.objects.bulk_create(
            CompetencyRating(evaluation=evaluation, competency_id=pk, rating=int(ratings[pk])) for pk in expected
        )
        placement.status = PlacementStatus.COMPLETED
        placement.credential_earned = credential
        placement.save(update_fields=["status", "credential_earned", "updated_at"])
    return evaluation


# --------------------------------------------------------------------------------------------------------------
# Incentive
# --------------------------------------------------------------------------------------------------------------


def incentive_ineligibility(*, placement: Placement, program_year: IncentiveProgramYear) -> list[str]:
    """The rules the learner fails for this program year, in words; an empty list means the learner counts."""
    reasons = []
    first_day = max(placement.start_date, datetime.date(program_year.year, 1, 1))
    age = placement.age_on(placement.start_date)
    if age is None:
        reasons.append("The learner's date of birth was removed at the end of the retention period.")
    elif age > program_year.max_learner_age:
        reasons.append(
            f"Aged {age} when the placement started; the learner must be {program_year.max_learner_age} or under."
        )
    if not placement.program.state_approved:
        reasons.append(f"Enrolled in {placement.program.name}, which is not a state-approved CTE program.")
    if first_day > min(placement.end_date, datetime.date(program_year.year, 12, 31)):
        reasons.append(f"The placement did not run during {program_year.year}.")
    return reasons


def incentive_candidates(*, employer, program_year: IncentiveProgramYear):
    """Placements the employer hosted that ran during the program year, with their program (for eligibility)."""
    return (
        Placement.objects.filter(opportunity__host=employer)
        .overlapping_year(program_year.year)
        .select_related("program", "opportunity")
        .order_by("learner_ref", "pk")
    )


@dataclass
class IncentiveCandidate:
    """A placement the employer may claim, with the rules its learner fails (none when the learner counts)."""

    placement: Placement
    reasons: list

    @property
    def eligible(self):
        return not self.reasons


def incentive_candidate_rows(*, employer, program_year: IncentiveProgramYear) -> list[IncentiveCandidate]:
    return [
        IncentiveCandidate(placement, incentive_ineligibility(placement=placement, program_year=program_year))
        for placement in incentive_candidates(employer=employer, program_year=program_year)
    ]


@dataclass
class IneligibleLearners(Exception):
    """Raised when some learners on an application fail a rule; `reasons` maps placement ids to the rules failed."""

    reasons: dict = field(default_factory=dict)

    def __str__(self):
        return "Some learners do not qualify for the incentive."


def incentive_application_submit(
    *, employer, program_year: IncentiveProgramYear, user: User, wages: dict, today: datetime.date | None = None
) -> IncentiveApplication:
    """An employer claims the credit for learners it hosted in the program year.

    `wages` maps placement ids to the wages paid to that learner in the year. Each learner must have been the
    maximum age or under during the placement and enrolled in a state-approved program; the credit per learner
    is the lesser of the per-learner cap and the rate times wages.
    """
    today = today or timezone.localdate()
    if not (user.is_employer and user.organization_id == employer.pk and employer.kind == OrganizationKind.EMPLOYER):
        raise PermissionDenied("Only a user of the employer can apply.")
    if not program_year.is_open(today):
        raise ValidationError(
            f"Applications for {program_year.year} are accepted from {program_year.opens_on:%B %-d, %Y} "
            f"to {program_year.closes_on:%B %-d, %Y}."
        )
    claimed = {int(pk): Decimal(amount) for pk, amount in wages.items() if amount and Decimal(amount) > 0}
    if not claimed:
        raise ValidationError("Enter the wages paid to at least one learner.")
    placements = {p.pk: p for p in incentive_candidates(employer=employer, program_year=program_year)}
    unknown = set(claimed) - set(placements)
    if unknown:
        raise ValidationError("A learner on the application was not hosted by the employer during the year.")
    reasons = {}
    for pk in claimed:
        failed = incentive_ineligibility(placement=placements[pk], program_year=program_year)
        if failed:
            reasons[pk] = failed
    if reasons:
        raise IneligibleLearners(reasons)
    already = f"The employer has already applied for {program_year.year}."
    with transaction.atomic():
        if IncentiveApplication.objects.filter(program_year=program_year, employer=employer).exists():
            raise ValidationError(already)
        try:
            # A savepoint: two applications sent at the same moment both pass the check above; the database's
            # unique constraint refuses the second, which is told so rather than answered with a server error.
            with transaction.atomic():
                application = IncentiveApplication.objects.create(
                    program_year=program_year,
                    employer=employer,
                    submitted_by=user,
                    submitted_at=timezone.now(),
                    decision_due_on=today + datetime.timedelta(days=program_year.decision_days),
                )
        except IntegrityError:
            raise ValidationError(already) from None
        IncentiveLine.objects.bulk_create(
            IncentiveLine(
                application=application,
                placement_id=pk,
                wages_paid=amount,
                credit_requested=program_year.credit_for(amount),
            )
            for pk, amount in sorted(claimed.items())
        )
    return application


def incentive_application_decide(
    *, application: IncentiveApplication, user: User, decisions: dict, notes: dict | None = None
) -> IncentiveApplication:
    """Staff approve or deny each learner on an application in review; never past the budget period's cap.

    `decisions` maps every line id to True (approve) or False (deny). The budget period row is locked while the
    period's approved total is summed, so two approvals at the same moment cannot together pass the cap. An
    application with any approved learner is approved and its certificate is queued for building.
    """
    if not user.is_program_staff:
        raise PermissionDenied("Only program staff decide incentive applications.")
    notes = notes or {}
    with transaction.atomic():
        period = IncentiveBudgetPeriod.objects.select_for_update().get(pk=application.program_year.budget_period_id)
        application = IncentiveApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.IN_REVIEW:
            raise ValidationError("This application was already decided.")
        lines = list(application.lines.all())
        if set(decisions) != {line.pk for line in lines}:
            raise ValidationError("Decide every learner on the application.")
        for line in lines:
            if not decisions[line.pk] and not (notes.get(line.pk) or "").strip():
                raise ValidationError(f"Say why learner {line.placement.learner_ref} is denied.")
        approving = sum((line.credit_requested for line in lines if decisions[line.pk]), ZERO)
        room = period.cap - period.approved_total()
        if approving > room:
            raise ValidationError(
                f"Approving {format_money(approving)} would pass the {period} cap of {format_money(period.cap)}: "
                f"{format_money(max(room, ZERO))} is left."
            )
        for line in lines:
            line.decision = LineDecision.APPROVED if decisions[line.pk] else LineDecision.DENIED
            line.credit_approved = line.credit_requested if decisions[line.pk] else None
            line.decision_note = (notes.get(line.pk) or "").strip()
        IncentiveLine.objects.bulk_update(lines, ["decision", "credit_approved", "decision_note"])
        approved = any(decisions.values())
        application.status = ApplicationStatus.APPROVED if approved else ApplicationStatus.DENIED
        application.decided_by = user
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_by", "decided_at"])
        if approved:
            certificate_request(application=application, user=user)
    return application


def certificate_request(*, application: IncentiveApplication, user: User) -> IncentiveCertificate:
    """Queue (or re-queue after a failure) the build of an approved application's certificate."""
    if application.status != ApplicationStatus.APPROVED:
        raise ValidationError("Only an approved application has a certificate.")
    with transaction.atomic():
        certificate, created = IncentiveCertificate.objects.select_for_update().get_or_create(
            application=application, defaults={"requested_by": user}
        )
        if created:
            certificate.queue()
        elif not (certificate.is_succeeded and certificate.file):
            certificate.requeue(requested_by=user)
    return certificate


class CertificateJob(JobRunner):
    """Draw an approved application's certificate PDF and store it; a certificate already built is left as it is."""

    model = IncentiveCertificate
    crashed = "The certificate could not be drawn"

    def refusal(self, certificate):
        # The approval is re-checked when the job runs: a decision may have been reversed since it was queued.
        self.application = (
            IncentiveApplication.objects.select_related("employer", "program_year__budget_period", "decided_by")
            .with_totals()
            .get(pk=certificate.application_id)
        )
        if self.application.status != ApplicationStatus.APPROVED:
            return "The application is not approved, so it has no certificate."
        return ""

    def run(self, certificate, progress):
        application = self.application
        lines = list(application.lines.filter(decision=LineDecision.APPROVED).select_related("placement__program"))
        number = f"WBL-{application.program_year.year}-{application.pk:06d}"
        pdf = render_pdf(
            "workbased_learning/pdf/incentive_certificate.html",
            {"application": application, "lines": lines, "number": number, "issued_on": timezone.localdate()},
        )
        progress(1, 2)
        if certificate.file:
            certificate.file.delete(save=False)
        certificate.file.save(f"{number}.pdf", ContentFile(pdf), save=False)
        return {"file": certificate.file.name, "certificate_number": number}


def incentive_overdue_notify(*, today: datetime.date | None = None) -> int:
    """Email program staff, once per application, about incentive decisions past their deadline.

    Returns how many applications were newly flagged. Safe to run as often as the schedule likes: an application
    is only ever reported once, and a failed email leaves it to be reported next time.
    """
    with transaction.atomic():
        overdue = list(
            IncentiveApplication.objects.overdue(today)
            .filter(overdue_notified_at__isnull=True)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("employer", "program_year")
            .order_by("decision_due_on", "pk")
        )
        if not overdue:
            return 0
        recipients = sorted(
            set(
                User.objects.filter(is_active=True, groups__name=roles.PROGRAM_STAFF)
                .exclude(email="")
                .values_list("email", flat=True)
            )
        )
        if recipients:
            body = render_to_string(
                "workbased_learning/email/overdue_decisions.txt",
                {
                    "applications": overdue,
                    "base_url": settings.PORTAL_BASE_URL.rstrip("/"),
                    "list_url": reverse("workbased_learning:incentive_list") + "?overdue=true",
                },
            )
            subject = f"{len(overdue)} work-based learning incentive decision(s) overdue"
            send_mail(subject, body, None, recipients)
        IncentiveApplication.objects.filter(pk__in=[a.pk for a in overdue]).update(overdue_notified_at=timezone.now())
    return len(overdue)


# --------------------------------------------------------------------------------------------------------------
# Program years
# --------------------------------------------------------------------------------------------------------------


def program_year_ensure(*, year: int) -> IncentiveProgramYear:
    """The program year for placements in `year`, created with the state's default rules when absent.

    Budget periods are the state's biennium: July 1 of an odd year to June 30 two years later.
    """
    existing = IncentiveProgramYear.objects.filter(year=year).first()
    if existing:
        return existing
    opens_on, closes_on = IncentiveProgramYear.default_window(year)
    start_year = opens_on.year if opens_on.year % 2 else opens_on.year - 1
    if opens_on < datetime.date(start_year, 7, 1):
        start_year -= 2
    period, _ = IncentiveBudgetPeriod.objects.get_or_create(
        name=f"FY{start_year + 1}–{start_year + 2}",
        defaults={"starts_on": datetime.date(start_year, 7, 1), "ends_on": datetime.date(start_year + 2, 6, 30)},
    )
    year_row, _ = IncentiveProgramYear.objects.get_or_create(
        year=year, defaults={"budget_period": period, "opens_on": opens_on, "closes_on": closes_on}
    )
    return year_row
