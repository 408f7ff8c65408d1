"""Requesting, building, retrying and scheduling reports."""

import logging
import tempfile
from contextlib import contextmanager
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.models import JobStatus
from core.renderers import render
from reports.exporters import registry
from reports.exporters.base import ReportRefused
from reports.models import Report, ReportFormat, ScheduledReport, ScheduleTrigger, report_file_name
from reports.progress import JobConnection
from reports.transient import TRANSIENT_ERRORS

logger = logging.getLogger(__name__)


class ReportError(Exception):
    """A request that cannot be accepted; the message says why."""


class ReportBusy(Exception):
    """Another worker holds the report's build lock: it is building the report right now."""


def _queue(report):
    from reports.tasks import build_report

    # robust: when Redis is down the row stays "queued" and report_requeue_stale queues it again later, instead
    # of the request failing after its row was saved.
    transaction.on_commit(lambda: build_report.delay(report.pk), robust=True)


# A report still "queued" this long after it was requested lost its broker message (Redis restarted: it keeps
# nothing on disk). A report "running" longer than the task time limit lost its worker and its message.
STALE_QUEUED = timedelta(minutes=10)


def report_requeue_stale(*, now=None) -> list[int]:
    """Queue again every report whose job the broker lost; return their ids.

    Safe to run at any time: report_build is idempotent and takes a per-report lock, so a report whose message
    was not lost after all is still built once, into one file.
    """
    now = now or timezone.now()
    running_too_long = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    stale = Report.objects.filter(
        Q(status=JobStatus.QUEUED, queued_at__lt=now - STALE_QUEUED)
        | Q(status=JobStatus.RUNNING, started_at__lt=now - running_too_long)
    )
    ids = list(stale.order_by("pk").values_list("pk", flat=True))
    for report_id in ids:
        report = Report(pk=report_id)
        _queue(report)
    if ids:
        logger.warning("Queued %s report(s) again after their jobs were lost: %s", len(ids), ids)
    return ids


def exporter_for(report):
    """The report's exporter, re-validated for its requester now; raises ReportRefused when that fails."""
    exporter_class = registry.get(report.kind)
    if exporter_class is None:
        raise ReportRefused(f"There is no report kind called {report.kind!r} any more.")
    return exporter_class(report.parameters, user=report.requested_by)


@transaction.atomic
def report_request(*, kind, params, fmt, user, schedule=None) -> Report:
    """Record a report request and queue its build once the request's transaction commits.

    `params` are the JSON parameters (ParametersForm.to_parameters()). They are validated here for `user`
    exactly as the job will validate them again when it runs.
    """
    if fmt not in ReportFormat.values:
        raise ReportError(f"{fmt!r} is not a report format.")
    exporter_class = registry.get(kind)
    if exporter_class is None:
        raise ReportError(f"There is no report kind called {kind!r}.")
    try:
        exporter_class(params, user=user)
    except ReportRefused as refusal:
        raise ReportError(str(refusal)) from refusal
    report = Report.objects.create(kind=kind, parameters=params, format=fmt, requested_by=user, schedule=schedule)
    _queue(report)
    return report


@transaction.atomic
def report_retry(*, report: Report, user) -> Report:
    """Queue a failed report again (same kind, parameters and format) on the same row."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != JobStatus.FAILED:
        raise ReportError("Only a failed report can be tried again.")
    if registry.get(report.kind) is None or not registry.get(report.kind).user_may_request(user):
        raise ReportError("You may not request this report.")
    report._write(status=JobStatus.QUEUED, progress=0, error="", started_at=None, finished_at=None)
    _queue(report)
    return report


@contextmanager
def snapshot():
    """One consistent, read-only view of the database for everything read inside the block."""
    if connection.in_atomic_block:
        raise RuntimeError("A report is built outside any transaction, so it can read one snapshot of its own.")
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Must be the transaction's first statement; every query after it sees the same snapshot.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def report_build(*, report_id) -> Report | None:
    """Build the report's file. Safe to run again for the same report (a redelivered job).

    The file always has the same name (reports/<pk>/<kind>-<pk>.<format>) and is overwritten, and the row is
    marked succeeded only after the file is saved, so a worker that dies at any point leaves either nothing or
    a file that the next delivery overwrites: a finished report has exactly one file.
    Transient database and broker errors propagate so the task can retry; anything else fails the report.
    """
    report = Report.objects.select_related("requested_by").filter(pk=report_id).first()
    if report is None or report.status == JobStatus.SUCCEEDED:
        return report
    with JobConnection(report.pk) as job:
        if not job.try_lock():
            # Either a live worker is building it (it will finish), or a dead worker's connection has not been
            # dropped by the database yet. The task looks again later rather than dropping the job.
            raise ReportBusy(f"Report {report.pk} is being built by another worker.")
        report.refresh_from_db()
        if report.status == JobStatus.SUCCEEDED:
            return report
        report.mark_running()
        Report.objects.filter(pk=report.pk).update(attempts=F("attempts") + 1)
        try:
            exporter = exporter_for(report)
            with tempfile.TemporaryFile() as output:  # unlinked at once: a killed worker leaves no stray file
                with snapshot():
                    rows = render(exporter, report.format, output, progress=job.progress)
                output.seek(0)
                name = report_file_name(report)
                default_storage.delete(name)
                saved = default_storage.save(name, File(output, name=name))
            report.mark_succeeded(file=saved, rows=rows)
        except ReportRefused as refusal:
            report.mark_failed(refusal)
            return report
        except TRANSIENT_ERRORS:
            raise
        except SoftTimeLimitExceeded:
            report.mark_failed("The report took longer than the time limit. Narrow its parameters and try again.")
            return report
        except Exception as error:
            logger.exception("Report %s failed", report.pk)
            report.mark_failed(f"The report could not be built: {error}")
            return report
    if report.schedule_id:
        report_notify_subscribers(report=report)
    return report


def report_fail(*, report_id, error) -> None:
    """Mark a report failed after its last retry (the task's failure handler)."""
    report = Report.objects.filter(pk=report_id).exclude(status=JobStatus.SUCCEEDED).first()
    if report:
        report.mark_failed(error)


def report_notify_subscribers(*, report: Report) -> int:
    """Email each subscriber of the report's schedule who may still see reports a link to it."""
    schedule = report.schedule
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("reports:detail", args=[report.pk])
    sent = 0
    for user in schedule.subscribers.filter(is_active=True).prefetch_related("groups"):
        if not user.is_program_staff:
            continue
        body = render_to_string("reports/email/report_ready.txt", {"report": report, "user": user, "link": link})
        sent += send_mail(f"Report ready: {report.title}", body, None, [user.email])
    return sent


def scheduled_report_run(*, schedule: ScheduledReport, now=None) -> list[Report]:
    """Request what a schedule asks for now: its report, or one report per funding round closed since last run."""
    now = now or timezone.now()
    with transaction.atomic():
        schedule = ScheduledReport.objects.select_for_update().get(pk=schedule.pk)
        if not schedule.is_active:
            return []
        if schedule.trigger == ScheduleTrigger.ROUND_CLOSED:
            since = schedule.last_run_at or now - timedelta(days=1)
            parameter_sets = [{**schedule.parameters, "round": pk} for pk in _rounds_closed_between(since, now)]
        else:
            parameter_sets = [schedule.parameters]
        reports = [
            report_request(kind=schedule.kind, params=params, fmt=schedule.format, user=None, schedule=schedule)
            for params in parameter_sets
        ]
        schedule.last_run_at = now
        schedule.save(update_fields=["last_run_at"])
    return reports


def _rounds_closed_between(since, until):
    from credentials.models import FundingRound

    return list(
        FundingRound.objects.filter(closes_at__gt=since, closes_at__lte=until)
        .order_by("closes_at")
        .values_list("pk", flat=True)
    )
