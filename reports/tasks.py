"""Celery tasks of the reports app: thin, taking ids; the work is in reports.services.

Durability comes from the global settings (config/settings.py): late acknowledgement and rejection when the
worker is lost, so a job whose worker dies is delivered again; reports.services.report_build is idempotent.
"""

import contextlib

from billiard.exceptions import WorkerLostError
from celery import Task, shared_task
from celery.signals import worker_ready
from django.conf import settings

from reports import services
from reports.models import ScheduledReport
from reports.transient import TRANSIENT_ERRORS


class ReportTask(Task):
    """Marks the report failed once the last retry of a transient error has failed too."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if isinstance(exc, WorkerLostError):
            return  # the message is rejected and delivered again; the next worker builds the report
        report_id = args[0] if args else kwargs.get("report_id")
        # If the database is still away the row stays "running" and the user can see it never finished.
        with contextlib.suppress(*TRANSIENT_ERRORS):
            services.report_fail(report_id=report_id, error=f"The report could not be built after retries: {exc}")


# While another worker holds a report's build lock, look again this often, for at most the longest a job may run.
BUSY_RETRY_SECONDS = 60
BUSY_RETRIES = settings.CELERY_TASK_TIME_LIMIT // BUSY_RETRY_SECONDS + 2


@shared_task(
    bind=True,
    base=ReportTask,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=3,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
)
def build_report(self, report_id):
    """Build one report's file (see reports.services.report_build)."""
    try:
        services.report_build(report_id=report_id)
    except services.ReportBusy as busy:
        raise self.retry(exc=busy, countdown=BUSY_RETRY_SECONDS, max_retries=BUSY_RETRIES) from busy


@shared_task(autoretry_for=TRANSIENT_ERRORS, max_retries=3, retry_backoff=5)
def run_scheduled_report(scheduled_report_id):
    """Called by django-celery-beat: request the reports a ScheduledReport asks for now."""
    schedule = ScheduledReport.objects.filter(pk=scheduled_report_id).first()
    if schedule is not None:
        services.scheduled_report_run(schedule=schedule)


@shared_task(autoretry_for=TRANSIENT_ERRORS, max_retries=3, retry_backoff=5)
def requeue_stale_reports():
    """Run by django-celery-beat every few minutes and when a worker starts: queue again the reports whose job
    the broker lost (see reports.services.report_requeue_stale). Returns how many."""
    return len(services.report_requeue_stale())


@worker_ready.connect
def requeue_stale_reports_on_worker_start(sender=None, **kwargs):
    """A worker starting after a Redis or machine restart picks up the jobs that were lost with it."""
    with contextlib.suppress(*TRANSIENT_ERRORS):
        requeue_stale_reports.delay()
