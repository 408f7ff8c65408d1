"""Requesting, building, retrying and scheduling reports (how a report job runs: core.jobs, docs/jobs.md)."""

import tempfile
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.jobs import JobRefused, JobRunner
from core.models import JobStatus
from core.renderers import render
from reports.exporters import registry
from reports.exporters.base import ReportRefused
from reports.models import Report, ReportFormat, ScheduledReport, ScheduleTrigger, report_file_name


class ReportError(Exception):
    """A request that cannot be accepted; the message says why."""


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
    report.queue()
    return report


@transaction.atomic
def report_retry(*, report: Report, user) -> Report:
    """Queue a failed report again (same kind, parameters and format) on the same row."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != JobStatus.FAILED:
        raise ReportError("Only a failed report can be tried again.")
    if registry.get(report.kind) is None or not registry.get(report.kind).user_may_request(user):
        raise ReportError("You may not request this report.")
    report.requeue()
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


class ReportJob(JobRunner):
    """Build one report's file; safe to run again for the same report (a redelivered job).

    The file always has the same name (reports/<pk>/<kind>-<pk>.<format>) and is overwritten, and the row is
    marked succeeded only after the file is saved, so a worker that dies at any point leaves either nothing or
    a file that the next delivery overwrites: a finished report has exactly one file. The rows are read from one
    snapshot, so every table of the report agrees with every other.
    """

    model = Report
    related = ("requested_by", "schedule")
    crashed = "The report could not be built"
    too_long = "The report took longer than the time limit. Narrow its parameters and try again."

    def refusal(self, report):
        # The exporter re-validates the parameters for the requester as they are now (roles, rows since deleted).
        try:
            self.exporter = exporter_for(report)
        except ReportRefused as refused:
            return str(refused)
        return ""

    def run(self, report, progress):
        Report.objects.filter(pk=report.pk).update(attempts=F("attempts") + 1)
        try:
            with tempfile.TemporaryFile() as output:  # unlinked at once: a killed worker leaves no stray file
                with snapshot():
                    rows = render(self.exporter, report.format, output, progress=progress)
                output.seek(0)
                name = report_file_name(report)
                default_storage.delete(name)
                saved = default_storage.save(name, File(output, name=name))
        except ReportRefused as refused:
            raise JobRefused(str(refused)) from refused
        return {"file": saved, "rows": rows}

    def succeeded(self, report):
        if report.schedule_id:
            report_notify_subscribers(report=report)


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
