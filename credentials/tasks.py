"""Celery tasks of the credential program: thin wrappers that call a service."""

import logging

from celery import shared_task

from credentials.retention import purge_expired_claim_lines

logger = logging.getLogger(__name__)


@shared_task(name="credentials.purge_expired_claim_lines")
def purge_expired_claim_lines_task() -> int:
    """Daily: blank the employees' personal data on lines of claims paid longer ago than the retention period."""
    count = purge_expired_claim_lines()
    logger.info("Blanked the personal data of %s claim lines past the retention period.", count)
    return count
