"""How every background job runs: one Celery task class, one runner, one progress writer (docs/jobs.md).

An app declares what a kind of job does in a JobRunner subclass in its services (which rows, who may still run it,
the work itself) and makes its task with `job_task(Runner)` in its tasks module. Everything else is here, the
same for every kind:

- the row (a core.models.TrackedJob) is the truth about the job; the broker message only carries its id;
- a finished job is left alone, so a re-delivered message does nothing;
- one worker at a time works on a job (a PostgreSQL advisory lock held by the job's own connection);
- the requester's permission is checked again when the job runs, not only when it was asked for;
- progress is written through that second, autocommit connection, so it is seen while the work runs inside a
  transaction;
- a failure is written on the row with its reason; transient database and broker errors propagate instead, so
  Celery retries the task, and the row is marked failed only when the last retry failed too.
"""

import contextlib
import functools
import logging
import time
import zlib
from datetime import timedelta

import kombu.exceptions
import psycopg2
import redis.exceptions
from billiard.exceptions import WorkerLostError
from celery import shared_task
from celery.contrib.django.task import DjangoTask
from celery.exceptions import SoftTimeLimitExceeded
from django.apps import apps
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import Q
from django.utils import timezone

from core.models import JobStatus, TrackedJob

logger = logging.getLogger(__name__)

# Errors that mean "try again shortly": a dropped database connection or an unreachable broker. Anything else is a
# fault in the job itself, and retrying it would only fail again.
TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,
)

# At most one progress write per this many seconds (plus the first), so a fast job is not slowed by hundreds of
# UPDATEs; the percentage shown is never more than this much behind.
PROGRESS_INTERVAL = 0.25

# While another worker holds a job's lock, look again this often, for at most the longest a job may run.
BUSY_RETRY_SECONDS = 60
BUSY_RETRIES = settings.CELERY_TASK_TIME_LIMIT // BUSY_RETRY_SECONDS + 2

# A job still queued this long after it was asked for lost its broker message (Redis restarted: it keeps nothing on
# disk). A job running longer than the task time limit lost its worker and its message.
STALE_QUEUED = timedelta(minutes=10)


class JobRefused(Exception):
    """The job cannot be done, for a reason its requester should read; `fields` are stored on the row with it."""

    def __init__(self, message, **fields):
        super().__init__(message)
        self.fields = fields


class JobBusy(Exception):
    """Another worker holds the job's lock: it is working on the job right now."""


class JobConnection:
    """A second database connection for one job, beside the one the work uses; a context manager.

    The work may read inside one long transaction (a report's snapshot) or write all or nothing (an import).
    Anything written on that connection becomes visible only at commit, so the progress bar would jump from 0 to
    100: progress goes through this autocommit connection instead. The same connection holds a session advisory
    lock on the job while it runs: a second delivery of the same job (a broker redelivery while the first worker is
    still alive) sees the lock and leaves the work to the first. When a worker dies, its connections close and
    PostgreSQL releases the lock, so the redelivered job can take it.
    """

    def __init__(self, job: TrackedJob, *, alias="default"):
        self.job = job
        self.connection = connections.create_connection(alias)
        self.locked = False
        self._written_at = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.connection.close()
        finally:
            self.locked = False

    @property
    def lock_key(self):
        """Two 32-bit keys: the job table's (a checksum of its name, so kinds never collide) and the job's id."""
        table = zlib.crc32(self.job._meta.db_table.encode()) - 2**31
        return table, self.job.pk

    def try_lock(self) -> bool:
        """Take the job's lock for this connection's session; False when another worker holds it."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", list(self.lock_key))
            (self.locked,) = cursor.fetchone()
        return self.locked

    def progress(self, done, total):
        """Record how far the job is (`done` of `total`) when the percentage changed and time has passed."""
        now = time.monotonic()
        if self._written_at is not None and now - self._written_at < PROGRESS_INTERVAL:
            return
        if self.job.set_progress(done, total, connection=self.connection):
            self._written_at = now


class JobRunner:
    """What one kind of job does; subclass it in the app's services and make its task with `job_task`.

    `model` is the TrackedJob subclass; `related` are select_related paths the work needs. `refusal` re-checks,
    when the job runs, that it may still run (the requester's permission, the state of what it works on). `run`
    does the work, calling `progress(done, total)` as it goes, and returns the fields to store on success; it
    raises JobRefused for a reason the requester should read. `succeeded` runs after the row is marked succeeded.
    """

    model: type[TrackedJob]
    related: tuple[str, ...] = ()
    # The sentence a failure message starts with when the work crashed; the error follows it.
    crashed = "The job stopped"
    too_long = "The job took longer than the time limit."

    def refusal(self, job) -> str:
        """Why the job may no longer run, or "" when it may."""
        return ""

    def run(self, job, progress) -> dict:
        raise NotImplementedError

    def succeeded(self, job) -> None:
        """Called once the row says succeeded (a notification, say); the default does nothing."""


def run_job(runner_class: type[JobRunner], job_id) -> TrackedJob | None:
    """Run one job of `runner_class`'s kind, from its row; safe to call again for the same job.

    A job that is gone or finished is left alone. Raises JobBusy when another worker holds the job's lock (the task
    looks again later) and lets transient errors propagate (the task retries); anything else ends on the row.
    """
    runner = runner_class()
    model = runner_class.model
    job = model.objects.select_related(*runner.related).filter(pk=job_id).first()
    if job is None or job.is_finished:
        return job
    with JobConnection(job) as own:
        if not own.try_lock():
            # Either a live worker is running it (it will finish), or a dead worker's connection has not been
            # dropped by the database yet. The task looks again later rather than dropping the job.
            raise JobBusy(f"{model._meta.verbose_name} {job.pk} is being worked on by another worker.")
        job.refresh_from_db()
        if job.is_finished:  # finished by the worker that held the lock a moment ago
            return job
        refusal = runner.refusal(job)
        if refusal:
            job.mark_failed(refusal)
            return job
        job.mark_running()
        try:
            fields = runner.run(job, own.progress) or {}
        except JobRefused as refused:
            job.mark_failed(refused, **refused.fields)
            return job
        except TRANSIENT_ERRORS:
            raise
        except SoftTimeLimitExceeded:
            job.mark_failed(runner.too_long)
            return job
        except Exception as error:
            logger.exception("%s %s failed", model.__name__, job.pk)
            job.mark_failed(f"{runner.crashed}: {error}")
            return job
        job.mark_succeeded(**fields)
    runner.succeeded(job)
    return job


def job_fail(model: type[TrackedJob], job_id, error) -> None:
    """Mark a job failed unless it already finished (a task's last retry failed too)."""
    job = model.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).first()
    if job is not None:
        job.mark_failed(error)


class JobTask(DjangoTask):
    """The base of every task that runs a TrackedJob (made by `job_task`).

    Transient errors are retried with backoff; when the last retry fails the row is marked failed, so a page never
    shows "running" for ever. `delay_on_commit` does not fail the request when the broker is down: the row stays
    queued and `requeue_lost_jobs` queues it again.
    """

    runner: type[JobRunner]
    autoretry_for = TRANSIENT_ERRORS
    max_retries = 3
    retry_backoff = 5
    retry_backoff_max = 120
    retry_jitter = True

    def delay_on_commit(self, *args, **kwargs) -> None:
        send = functools.partial(self.delay, *args, **kwargs)
        send.__qualname__ = f"{self.name}.delay"  # Django logs a robust callback that failed by this name
        transaction.on_commit(send, robust=True)

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if isinstance(exc, WorkerLostError):
            return  # the message is rejected and delivered again; the next worker runs the job
        job_id = args[0] if args else kwargs.get("job_id")
        # If the database is still away the row stays "running", and the stale sweep queues it again later.
        with contextlib.suppress(*TRANSIENT_ERRORS):
            job_fail(self.runner.model, job_id, f"{self.runner.crashed} after retries: {exc}")


def job_task(runner_class: type[JobRunner]):
    """The Celery task that runs `runner_class`'s jobs, registered under the name its model gives (`task_name`).

    Call it once, in the app's tasks module: `build_toolkit = job_task(ToolkitBuildJob)`.
    """

    def run(self, job_id):
        try:
            run_job(runner_class, job_id)
        except JobBusy as busy:
            raise self.retry(exc=busy, countdown=BUSY_RETRY_SECONDS, max_retries=BUSY_RETRIES) from busy

    run.__name__ = run.__qualname__ = runner_class.model.task_name.rpartition(".")[2]
    run.__doc__ = runner_class.__doc__
    run.__module__ = runner_class.__module__
    return shared_task(bind=True, base=JobTask, name=runner_class.model.task_name, runner=runner_class)(run)


def job_models() -> list[type[TrackedJob]]:
    """Every kind of job row that has a task."""
    return [model for model in apps.get_models() if issubclass(model, TrackedJob) and model.task_name]


def requeue_lost_jobs(*, now=None) -> list[TrackedJob]:
    """Queue again every job whose broker message was lost; return those jobs.

    Safe to run at any time: a job is run once whatever the number of its messages (finished jobs are skipped,
    and the job's lock keeps a second worker off it), so a job whose message was not lost after all still runs once.
    """
    now = now or timezone.now()
    running_too_long = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    lost = []
    for model in job_models():
        stale = model.objects.filter(
            Q(status=JobStatus.QUEUED, queued_at__lt=now - STALE_QUEUED)
            | Q(status=JobStatus.RUNNING, started_at__lt=now - running_too_long)
        ).only("pk")
        for job in stale.order_by("pk"):
            job.queue()
            lost.append(job)
    if lost:
        names = [f"{job._meta.label} {job.pk}" for job in lost]
        logger.warning("Queued %s job(s) again after their messages were lost: %s", len(lost), names)
    return lost
