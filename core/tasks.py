"""Celery tasks of core: the recovery of jobs whose broker message was lost (see core.jobs)."""

import contextlib

from celery import shared_task
from celery.signals import worker_ready

from core.jobs import TRANSIENT_ERRORS, requeue_lost_jobs


@shared_task(name="core.requeue_lost_jobs", autoretry_for=TRANSIENT_ERRORS, max_retries=3, retry_backoff=5)
def requeue_lost_jobs_task() -> int:
    """Run by django-celery-beat every few minutes and when a worker starts: queue again every job (of any kind)
    whose message the broker lost (see core.jobs.requeue_lost_jobs). Returns how many."""
    return len(requeue_lost_jobs())


@worker_ready.connect
def requeue_lost_jobs_on_worker_start(sender=None, **kwargs):
    """A worker starting after a Redis or machine restart picks up the jobs that were lost with it."""
    with contextlib.suppress(*TRANSIENT_ERRORS):
        requeue_lost_jobs_task.delay()
