"""Writes on partnerships that carry rules: stage transitions, the outcome report workflow, reminders, priority
designation and the customized tool kit."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.jobs import JobRunner
from core.models import User
from partnerships.models import (
    Meeting,
    MeetingKind,
    Membership,
    MembershipRole,
    OutcomeMetric,
    OutcomeReminder,
    OutcomeReport,
    OutcomeValue,
    PriorityDesignation,
    ReportingPeriod,
    ReportStatus,
    SectorPartnership,
    Stage,
    StageChange,
    SupportKind,
    SupportRecord,
    ToolkitBuild,
)
from partnerships.toolkit_documents import toolkit_pdf

# Reminders go out for reports due within this many days, and for overdue ones.
REMINDER_LEAD_DAYS = 14


# --- Partnerships ------------------------------------------------------------------------------------------------


def _ensure_convener_is_member(partnership):
    """The convener organisation takes part as a stakeholder in the convener role."""
    if partnership.convener_id is None:
        return
    already = Membership.objects.current().filter(partnership=partnership, organization_id=partnership.convener_id)
    if not already.exists():
        Membership.objects.create(
            partnership=partnership,
            organization_id=partnership.convener_id,
            role=MembershipRole.CONVENER,
            joined_on=timezone.localdate(),
        )


def partnership_create(*, partnership: SectorPartnership, regions, user: User) -> SectorPartnership:
    """Save a new partnership with its regions, list its convener among the stakeholders, and record its first
    stage as a stage change by the creator."""
    regions = partnership.regions_to_keep(regions)
    with transaction.atomic():
        partnership.save()
        partnership.regions.set(regions)
        _ensure_convener_is_member(partnership)
        StageChange.objects.create(partnership=partnership, from_stage="", to_stage=partnership.stage, changed_by=user)
    return partnership


def partnership_update(*, partnership: SectorPartnership, regions) -> SectorPartnership:
    """Save staff's changes to a partnership; a newly chosen convener joins its stakeholders."""
    regions = partnership.regions_to_keep(regions)
    with transaction.atomic():
        partnership.save()
        partnership.regions.set(regions)
        _ensure_convener_is_member(partnership)
    return partnership


def partnership_change_stage(*, partnership: SectorPartnership, to_stage: str, user: User, note: str = ""):
    """Move the partnership to another stage when the move is allowed; record who moved it and when.

    Two staff members changing the stage at once cannot both move from the same stage: the row is locked.
    """
    with transaction.atomic():
        locked = SectorPartnership.objects.select_for_update().get(pk=partnership.pk)
        if to_stage not in locked.allowed_next_stages():
            allowed = ", ".join(Stage(s).label for s in locked.allowed_next_stages())
            raise ValidationError(
                {"to_stage": f"A {locked.get_stage_display().lower()} partnership can move to: {allowed}."}
            )
        change = StageChange.objects.create(
            partnership=locked, from_stage=locked.stage, to_stage=to_stage, changed_by=user, note=note
        )
        locked.stage = to_stage
        fields = ["stage", "updated_at"]
        if to_stage == Stage.ACTIVE and locked.launch_date is None:
            locked.launch_date = timezone.localdate()
            fields.append("launch_date")
        locked.save(update_fields=fields)
    partnership.refresh_from_db()
    return change


# --- Meetings ----------------------------------------------------------------------------------------------------


def meeting_create_from_agenda(*, partnership: SectorPartnership, starts_at, place: str, agenda: str, link: str = ""):
    """Create the partnership's launch meeting carrying the filled sample agenda; its rules are Meeting.clean's."""
    meeting = Meeting(
        partnership=partnership,
        kind=MeetingKind.LAUNCH,
        title=f"Launch meeting of {partnership.name}",
        starts_at=starts_at,
        format=Meeting.format_for(place=place, link=link),
        place=place,
        link=link,
        agenda=agenda,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


# --- Outcome reports ---------------------------------------------------------------------------------------------


def reporting_period_get(*, day, due_after_days: int = 30) -> ReportingPeriod:
    """The row of the half-year containing the day, created with its due date the first time it is asked for."""
    start, end, due_on = ReportingPeriod.bounds_for(day, due_after_days=due_after_days)
    period, _ = ReportingPeriod.objects.get_or_create(start=start, defaults={"end": end, "due_on": due_on})
    return period


def reporting_period_last_ended(*, today=None) -> ReportingPeriod:
    """The most recent half-year that has ended: the one whose reports fall due next."""
    today = today or timezone.localdate()
    start, _, _ = ReportingPeriod.bounds_for(today)
    return reporting_period_get(day=start - timedelta(days=1))


def due_reports(*, user=None, today=None):
    """Partnerships that owe the last ended half-year's report, with the report if one is started.

    Returns (period, [(partnership, report or None)]). With a user, only partnerships that user may edit.
    """
    today = today or timezone.localdate()
    period = reporting_period_last_ended(today=today)
    partnerships = SectorPartnership.objects.owing_report(period).select_related("convener")
    if user is not None:
        partnerships = partnerships & SectorPartnership.objects.editable_by(user)
    reports = {r.partnership_id: r for r in OutcomeReport.objects.filter(period=period, partnership__in=partnerships)}
    return period, [(p, reports.get(p.pk)) for p in partnerships.order_by("name")]


def outcome_report_start(*, partnership: SectorPartnership, period: ReportingPeriod, user: User) -> OutcomeReport:
    """Open a draft report for the half-year, or return the one already opened."""
    with transaction.atomic():
        report, _ = OutcomeReport.objects.get_or_create(
            partnership=partnership, period=period, defaults={"created_by": user}
        )
    return report


def _check_editable(report):
    if not report.is_editable:
        raise ValidationError(f"A {report.get_status_display().lower()} report cannot be changed.")


def outcome_report_save(*, report: OutcomeReport, values: dict, narrative: dict, user: User) -> OutcomeReport:
    """Store the report's metric values ({metric: Decimal or None}) and narrative while it is a draft or returned.

    A metric left blank has no value; a blank is different from zero.
    """
    with transaction.atomic():
        report = OutcomeReport.objects.select_for_update().get(pk=report.pk)
        _check_editable(report)
        for field in ("successes", "challenges", "next_steps"):
            setattr(report, field, narrative.get(field, getattr(report, field)))
        report.save()
        for metric, value in values.items():
            if value is None:
                OutcomeValue.objects.filter(report=report, metric=metric).delete()
            else:
                OutcomeValue.objects.update_or_create(report=report, metric=metric, defaults={"value": Decimal(value)})
    return report


def outcome_report_submit(*, report: OutcomeReport, user: User) -> OutcomeReport:
    """Hand the report to staff. Every active metric needs a value and the successes must be told."""
    with transaction.atomic():
        report = OutcomeReport.objects.select_for_update().get(pk=report.pk)
        _check_editable(report)
        answered = set(report.values.values_list("metric_id", flat=True))
        missing = [m.name for m in OutcomeMetric.objects.active() if m.pk not in answered]
        problems = []
        if missing:
            problems.append("Enter a value (0 if none) for: " + ", ".join(missing) + ".")
        if not report.successes.strip():
            problems.append("Describe the half-year's successes before submitting.")
        if problems:
            raise ValidationError(problems)
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = user
        report.save(update_fields=["status", "submitted_at", "submitted_by"])
    return report


def _review(report, user, status, comments):
    if not user.is_program_staff:
        raise PermissionDenied("Only program staff review outcome reports.")
    with transaction.atomic():
        report = OutcomeReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.SUBMITTED:
            raise ValidationError(f"Only submitted reports can be reviewed; this one is {report.get_status_display()}.")
        report.status = status
        report.staff_comments = comments
        report.reviewed_at = timezone.now()
        report.reviewed_by = user
        report.save(update_fields=["status", "staff_comments", "reviewed_at", "reviewed_by"])
    return report


def outcome_report_accept(*, report: OutcomeReport, user: User, comments: str = "") -> OutcomeReport:
    """Staff accept a submitted report; its values then count in the state's totals."""
    return _review(report, user, ReportStatus.ACCEPTED, comments)


def outcome_report_return(*, report: OutcomeReport, user: User, comments: str) -> OutcomeReport:
    """Staff send a submitted report back to the convener, saying what to change."""
    if not comments.strip():
        raise ValidationError({"comments": "Say what the convener should change."})
    return _review(report, user, ReportStatus.RETURNED, comments)


def convener_addresses(partnership: SectorPartnership):
    """Email addresses of the active users of the partnership's convener organisation."""
    if partnership.convener_id is None:
        return []
    return sorted(
        User.objects.filter(organization_id=partnership.convener_id, is_active=True).values_list("email", flat=True)
    )


def outcome_reminders_send(*, today=None) -> int:
    """Email the conveners whose last half-year report is due within two weeks or overdue; return how many went.

    Idempotent per day: a partnership reminded today for a period is not reminded again today.
    """
    today = today or timezone.localdate()
    period, owing = due_reports(today=today)
    if (period.due_on - today).days > REMINDER_LEAD_DAYS:
        return 0
    sent = 0
    for partnership, report in owing:
        recipients = convener_addresses(partnership)
        if not recipients:
            continue
        try:
            with transaction.atomic():
                OutcomeReminder.objects.create(
                    partnership=partnership, period=period, sent_on=today, recipients="\n".join(recipients)
                )
        except IntegrityError:
            continue  # already reminded today
        context = {
            "partnership": partnership,
            "period": period,
            "report": report,
            "overdue": period.due_on < today,
            "link": settings.PORTAL_BASE_URL + reverse("partnerships:reports_due"),
        }
        send_mail(
            subject=f"Outcome report for {period} {'overdue' if period.due_on < today else 'due'}: {partnership}",
            message=render_to_string("partnerships/email/outcome_reminder.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
        sent += 1
    return sent


# --- Priority designation and support ----------------------------------------------------------------------------


def priority_designate(*, partnership: SectorPartnership, rationale: str, user: User) -> PriorityDesignation:
    """Designate the partnership a state priority (again, if an earlier designation had ended)."""
    if not rationale.strip():
        raise ValidationError({"rationale": "Give the reasons for the designation."})
    with transaction.atomic():
        designation, _ = PriorityDesignation.objects.select_for_update().update_or_create(
            partnership=partnership,
            defaults={
                "rationale": rationale,
                "designated_by": user,
                "designated_on": timezone.localdate(),
                "ended_on": None,
            },
        )
    return designation


def priority_end(*, designation: PriorityDesignation) -> PriorityDesignation:
    """End a priority designation; the support already given stays on record."""
    designation.ended_on = timezone.localdate()
    designation.save(update_fields=["ended_on"])
    return designation


# --- Customized tool kit -----------------------------------------------------------------------------------------


def toolkit_build_request(*, partnership: SectorPartnership, user: User) -> ToolkitBuild:
    """Queue a build of the partnership's customized tool kit; the PDF is made in the background."""
    if not SectorPartnership.objects.editable_by(user).filter(pk=partnership.pk).exists():
        raise PermissionDenied("Only staff and the convener may build this partnership's tool kit.")
    with transaction.atomic():
        build = ToolkitBuild.objects.create(partnership=partnership, requested_by=user)
        build.queue()
    return build


class ToolkitBuildJob(JobRunner):
    """Make the tool kit PDF for a queued build and record it as support given. Running it again is harmless."""

    model = ToolkitBuild
    related = ("partnership", "requested_by")
    crashed = "The tool kit could not be built"

    def refusal(self, build):
        user = build.requested_by
        if user is None or not SectorPartnership.objects.editable_by(user).filter(pk=build.partnership_id).exists():
            return "The person who asked for this tool kit may no longer build it."
        return ""

    def run(self, build, progress):
        content = toolkit_pdf(build.partnership, progress=progress)
        with transaction.atomic():
            locked = ToolkitBuild.objects.select_for_update().get(pk=build.pk)
            if locked.file:
                locked.file.delete(save=False)
            locked.file.save(f"toolkit-{build.partnership_id}-{build.pk}.pdf", ContentFile(content), save=False)
            if locked.support_record_id is None:
                locked.support_record = SupportRecord.objects.create(
                    partnership=build.partnership,
                    kind=SupportKind.CUSTOMIZED_TOOLKIT,
                    description="Customized tool kit built in the portal.",
                    recorded_by=build.requested_by,
                )
            locked.save(update_fields=["file", "support_record"])
        build.file, build.support_record = locked.file, locked.support_record
        return {}
