"""Celery tasks of work-based learning: thin wrappers that take ids and call a service."""

import logging

from celery import shared_task

from workbased_learning.models import IncentiveCertificate
from workbased_learning.retention import purge_expired_learner_birth_dates
from workbased_learning.services import certificate_build, incentive_overdue_notify

logger = logging.getLogger(__name__)


@shared_task(name="workbased_learning.build_incentive_certificate")
def build_incentive_certificate(certificate_id: int) -> None:
    """Build an approved application's certificate PDF; re-checks the approval, does nothing when built."""
    certificate = IncentiveCertificate.objects.filter(pk=certificate_id).first()
    if certificate is not None:
        certificate_build(certificate=certificate)


@shared_task(name="workbased_learning.notify_overdue_incentive_decisions")
def notify_overdue_incentive_decisions() -> int:
    """Email staff about incentive decisions past their deadline (each application once)."""
    return incentive_overdue_notify()


@shared_task(name="workbased_learning.purge_expired_learner_birth_dates")
def purge_expired_learner_birth_dates_task() -> int:
    """Daily: clear learners' dates of birth on placements whose incentive year closed longer ago than the
    retention period."""
    count = purge_expired_learner_birth_dates()
    logger.info("Cleared the date of birth of %s placements past the retention period.", count)
    return count
