"""Background jobs of the partnerships app: thin, taking primary keys, safe to run twice (how: core.jobs)."""

from celery import shared_task

from core.jobs import job_task
from partnerships import services

build_toolkit = job_task(services.ToolkitBuildJob)


@shared_task
def outcome_reports_remind():
    """Email conveners whose outcome report is due within two weeks or overdue (scheduled weekly by beat)."""
    return services.outcome_reminders_send()
