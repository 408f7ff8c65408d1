from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.jobs import run_job
from core.models import JobStatus
from partnerships import services
from partnerships.models import (
    MeetingKind,
    OutcomeReminder,
    OutcomeValue,
    ReportStatus,
    Stage,
    StageChange,
    SupportKind,
    SupportRecord,
    ToolkitBuild,
)
from partnerships.tests.factories import (
    OutcomeReportFactory,
    ReportingPeriodFactory,
    SectorPartnershipFactory,
    SkillGapFactory,
)

pytestmark = pytest.mark.django_db


# --- Stages ------------------------------------------------------------------------------------------------------


def test_stage_moves_along_allowed_transitions_and_is_recorded(people):
    partnership = SectorPartnershipFactory(stage=Stage.LAUNCHING, launch_date=None)
    change = services.partnership_change_stage(
        partnership=partnership, to_stage=Stage.ACTIVE, user=people.staff, note="Launch held"
    )
    partnership.refresh_from_db()
    assert partnership.stage == Stage.ACTIVE
    assert partnership.launch_date == timezone.localdate()
    assert (change.from_stage, change.to_stage, change.changed_by, change.note) == (
        Stage.LAUNCHING,
        Stage.ACTIVE,
        people.staff,
        "Launch held",
    )


@pytest.mark.parametrize(
    ("start", "target"),
    [(Stage.EXPLORING, Stage.ACTIVE), (Stage.EXPLORING, Stage.SUSTAINING), (Stage.INACTIVE, Stage.ACTIVE)],
)
def test_stage_cannot_skip_ahead(people, start, target):
    partnership = SectorPartnershipFactory(stage=start)
    with pytest.raises(ValidationError) as error:
        services.partnership_change_stage(partnership=partnership, to_stage=target, user=people.staff)
    assert "can move to" in str(error.value)
    partnership.refresh_from_db()
    assert partnership.stage == start
    assert not StageChange.objects.filter(partnership=partnership).exists()


def test_creating_a_partnership_records_its_first_stage(people):
    from core.testing.factories import IndustryClusterFactory, RegionFactory
    from partnerships.models import SectorPartnership

    region = RegionFactory()
    partnership = services.partnership_create(
        partnership=SectorPartnership(name="New", cluster=IndustryClusterFactory(), scope="regional"),
        regions=[region],
        user=people.staff,
    )
    assert list(partnership.regions.all()) == [region]
    assert not partnership.memberships.exists()  # no convener chosen yet
    change = partnership.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.changed_by) == ("", Stage.EXPLORING, people.staff)


# --- Outcome reports ---------------------------------------------------------------------------------------------


def fill(report, metrics, user, value="2"):
    return services.outcome_report_save(
        report=report,
        values={metric: Decimal(value) for metric in metrics},
        narrative={"successes": "Hired ten.", "challenges": "", "next_steps": ""},
        user=user,
    )


def test_report_workflow_draft_submit_accept(people, partnership, metrics):
    convener = people.extra["convener"]
    period = services.reporting_period_get(day=date(2026, 3, 3))
    assert (period.start, period.end, period.due_on) == (date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 30))
    report = services.outcome_report_start(partnership=partnership, period=period, user=convener)
    assert services.outcome_report_start(partnership=partnership, period=period, user=convener) == report
    fill(report, metrics, convener)
    assert OutcomeValue.objects.filter(report=report).count() == len(metrics)
    report = services.outcome_report_submit(report=report, user=convener)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == convener
    with pytest.raises(ValidationError):
        fill(report, metrics, convener)  # frozen once submitted
    with pytest.raises(PermissionDenied):
        services.outcome_report_accept(report=report, user=convener)
    report = services.outcome_report_accept(report=report, user=people.staff)
    assert report.status == ReportStatus.ACCEPTED and report.reviewed_by == people.staff


def test_submit_needs_every_active_metric_and_the_successes(people, partnership, metrics):
    report = OutcomeReportFactory(partnership=partnership, successes="")
    services.outcome_report_save(
        report=report, values={metrics[0]: Decimal(1), metrics[1]: None}, narrative={}, user=people.staff
    )
    with pytest.raises(ValidationError) as error:
        services.outcome_report_submit(report=report, user=people.staff)
    text = " ".join(error.value.messages)
    assert metrics[1].name in text and metrics[0].name not in text
    assert "successes" in text
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_return_needs_comments_and_reopens_the_report(people, partnership, metrics):
    report = OutcomeReportFactory(partnership=partnership)
    fill(report, metrics, people.staff)
    services.outcome_report_submit(report=report, user=people.staff)
    with pytest.raises(ValidationError):
        services.outcome_report_return(report=report, user=people.staff, comments=" ")
    report = services.outcome_report_return(report=report, user=people.staff, comments="Add placements.")
    assert report.status == ReportStatus.RETURNED and report.is_editable
    fill(report, metrics, people.extra["convener"], value="3")
    assert services.outcome_report_submit(report=report, user=people.extra["convener"]).status == "submitted"


def test_only_submitted_reports_are_reviewed(people, partnership):
    report = OutcomeReportFactory(partnership=partnership)
    with pytest.raises(ValidationError):
        services.outcome_report_accept(report=report, user=people.staff)


# --- Due reports and reminders -----------------------------------------------------------------------------------


def test_due_reports_list_the_last_ended_half_year(people, partnership):
    other = SectorPartnershipFactory(name="Other")
    today = date(2026, 7, 20)
    period, owing = services.due_reports(today=today)
    assert period.start == date(2026, 1, 1)
    assert [p for p, _ in owing] == [other, partnership]
    _, mine = services.due_reports(user=people.extra["convener"], today=today)
    assert [p for p, _ in mine] == [partnership]
    _, none = services.due_reports(user=people.extra["member"], today=today)
    assert none == []


def test_reminders_email_conveners_once_a_day_when_due_soon(people, partnership):
    filed = SectorPartnershipFactory(convener=people.extra["convener"].organization, name="Filed")
    period = services.reporting_period_get(day=date(2026, 3, 1))
    OutcomeReportFactory(partnership=filed, period=period, status="accepted")
    assert services.outcome_reminders_send(today=date(2026, 7, 1)) == 0  # due in 29 days: too early
    assert services.outcome_reminders_send(today=date(2026, 7, 20)) == 1
    message = mail.outbox[0]
    assert message.to == ["convener@example.test"]
    assert "Precision Partnership" in message.subject and "July 30, 2026" in message.body
    assert services.outcome_reminders_send(today=date(2026, 7, 20)) == 0  # already reminded today
    assert services.outcome_reminders_send(today=date(2026, 8, 10)) == 1  # overdue: reminded again
    assert "overdue" in mail.outbox[-1].subject
    assert OutcomeReminder.objects.filter(partnership=partnership).count() == 2


def test_the_reminder_schedule_is_a_beat_row():
    from django_celery_beat.models import PeriodicTask

    from partnerships import reference

    reference.schedule_reminders(apps)
    task = PeriodicTask.objects.get(name=reference.REMINDER_TASK_NAME)
    assert task.task == "partnerships.tasks.outcome_reports_remind" and task.enabled
    assert task.crontab.day_of_week == "1"


# --- Priority, meetings, tool kit --------------------------------------------------------------------------------


def test_priority_designation_needs_a_rationale_and_can_end_and_restart(people, partnership):
    with pytest.raises(ValidationError):
        services.priority_designate(partnership=partnership, rationale="", user=people.staff)
    designation = services.priority_designate(partnership=partnership, rationale="Large cluster", user=people.staff)
    assert partnership in type(partnership).objects.priority()
    services.priority_end(designation=designation)
    assert partnership not in type(partnership).objects.priority()
    services.priority_designate(partnership=partnership, rationale="Again", user=people.staff)
    assert partnership in type(partnership).objects.priority()


def test_launch_meeting_from_the_sample_agenda(partnership):
    from partnerships.toolkit_documents import fill_markdown, merge_context

    starts = timezone.make_aware(datetime(2026, 12, 3, 9, 30))
    context = merge_context(partnership, starts_at=starts, place="Room 4")
    agenda = fill_markdown("Welcome to {{ partnership }} at {{ meeting_place }} on {{ meeting_date }}", context)
    meeting = services.meeting_create_from_agenda(
        partnership=partnership, starts_at=starts, place="Room 4", agenda=agenda
    )
    assert meeting.kind == MeetingKind.LAUNCH
    assert meeting.agenda == "Welcome to Precision Partnership at Room 4 on Thursday, December 3, 2026 at 9:30 AM"


def test_toolkit_build_makes_a_pdf_and_records_support(people, partnership, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    SkillGapFactory(partnership=partnership)
    build = ToolkitBuild.objects.create(partnership=partnership, requested_by=people.extra["convener"])
    build = run_job(services.ToolkitBuildJob, build.pk)
    build.refresh_from_db()
    assert build.status == JobStatus.SUCCEEDED and build.progress == 100
    assert build.file.read(5) == b"%PDF-"
    record = SupportRecord.objects.get(partnership=partnership)
    assert record.kind == SupportKind.CUSTOMIZED_TOOLKIT and build.support_record == record
    run_job(services.ToolkitBuildJob, build.pk)  # running again changes nothing
    assert SupportRecord.objects.filter(partnership=partnership).count() == 1


def test_toolkit_build_request_is_refused_to_members(people, partnership):
    with pytest.raises(PermissionDenied):
        services.toolkit_build_request(partnership=partnership, user=people.extra["member"])
    assert not ToolkitBuild.objects.exists()


def test_reporting_period_for_the_second_half_is_due_at_the_end_of_january():
    period = services.reporting_period_get(day=date(2026, 11, 5))
    assert (period.end, period.due_on) == (date(2026, 12, 31), date(2027, 1, 30))
    assert services.reporting_period_last_ended(today=date(2027, 1, 2)) == period
    assert ReportingPeriodFactory(start=date(2026, 7, 1)) == period
    assert period.due_on - period.end == timedelta(days=30)


def test_the_convener_joins_the_stakeholders_once(people):
    from core.testing.factories import EmployerFactory

    partnership = SectorPartnershipFactory(convener=None)
    convener = EmployerFactory()
    partnership.convener = convener
    services.partnership_update(partnership=partnership, regions=[])
    services.partnership_update(partnership=partnership, regions=[])
    membership = partnership.memberships.get()
    assert (membership.organization, membership.role) == (convener, "convener")
