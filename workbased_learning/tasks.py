"""Celery tasks of work-based learning: thin wrappers that take ids and call a service (jobs run by core.jobs)."""

import logging

from celery import shared_task

from core.jobs import job_task
from workbased_learning import services
from workbased_learning.retention import purge_expired_learner_birth_dates

logger = logging.getLogger(__name__)

build_incentive_certificate = job_task(services.CertificateJob)


@shared_task(name="workbased_learning.notify_overdue_incentive_decisions")
def notify_overdue_incentive_decisions() -> int:
    """Email staff about incentive decisions past their deadline (each application once)."""
    return services.incentive_overdue_notify()


@shared_task(name="workbased_learning.purge_expired_learner_birth_dates")
def purge_expired_learner_birth_dates_task() -> int:
    """Daily: clear learners' dates of birth on placements whose incentive year closed longer ago than the
    retention period."""
    count = purge_expired_learner_birth_dates()
    logger.info("Cleared the date of birth of %s placements past the retention period.", count)
    return count
