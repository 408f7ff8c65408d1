"""Celery tasks of the reports app: thin, taking ids; the work is in reports.services.

How a report job runs (retries, redelivery, the lock, progress) is core.jobs, the same for every kind of job.
"""

from celery import shared_task

from core.jobs import TRANSIENT_ERRORS, job_task
from reports import services
from reports.models import ScheduledReport

build_report = job_task(services.ReportJob)


@shared_task(autoretry_for=TRANSIENT_ERRORS, max_retries=3, retry_backoff=5)
def run_scheduled_report(scheduled_report_id):
    """Called by django-celery-beat: request the reports a ScheduledReport asks for now."""
    schedule = ScheduledReport.objects.filter(pk=scheduled_report_id).first()
    if schedule is not None:
        services.scheduled_report_run(schedule=schedule)
