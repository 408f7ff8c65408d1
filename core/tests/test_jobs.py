"""The one job lifecycle (core.jobs, core.models.TrackedJob): transitions, the runner, retries and recovery.

The job rows are reports (any TrackedJob kind would do); the work is a small runner declared here, so these tests
say what core.jobs does for every kind, whatever the work is.
"""

from datetime import timedelta

import kombu.exceptions
import pytest
from billiard.exceptions import WorkerLostError
from celery import current_app
from django.db import OperationalError, connections, transaction
from django.utils import timezone

from core.jobs import (
    JobBusy,
    JobConnection,
    JobRefused,
    JobRunner,
    JobTask,
    requeue_lost_jobs,
    run_job,
)
from core.models import JobStatus, Region
from reports.models import Report
from reports.tests.factories import ReportFactory


class CountingJob(JobRunner):
    """Records each run; a subclass says what the work does and who may run it."""

    model = Report
    related = ("requested_by",)
    crashed = "The test job crashed"
    runs: list

    def run(self, job, progress):
        type(self).runs.append(job.pk)
        progress(1, 2)
        return {"rows": 3}


@pytest.fixture
def counting():
    CountingJob.runs = []
    return CountingJob


def queued_tasks(callbacks):
    """(task name, args) of each `delay` waiting for the commit."""
    return [(callback.func.__self__.name, callback.args) for callback in callbacks]


# --- Transitions on the row --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_transition_writes_the_row(django_capture_on_commit_callbacks):
    job = ReportFactory()
    assert (job.status, job.progress, job.is_finished) == (JobStatus.QUEUED, 0, False)

    job.mark_running()
    job.refresh_from_db()
    assert (job.status, job.progress, job.error, job.finished_at) == (JobStatus.RUNNING, 0, "", None)
    assert job.started_at is not None

    assert job.set_progress(1, 4)
    assert not job.set_progress(1, 4)  # unchanged: nothing written
    assert job.set_progress(4, 4)  # 99 at most until the job succeeds
    job.refresh_from_db()
    assert job.progress == 99

    job.mark_succeeded(rows=12)
    job.refresh_from_db()
    assert (job.status, job.progress, job.rows, job.is_succeeded, job.is_finished) == (
        JobStatus.SUCCEEDED,
        100,
        12,
        True,
        True,
    )
    assert job.finished_at is not None

    job.mark_failed(ValueError("x" * 5000), rows=0)
    job.refresh_from_db()
    assert (job.status, job.is_failed, job.rows, len(job.error)) == (JobStatus.FAILED, True, 0, 4000)

    with django_capture_on_commit_callbacks() as callbacks:
        job.requeue(attempts=0)
    job.refresh_from_db()
    assert (job.status, job.progress, job.error, job.started_at, job.finished_at) == (
        JobStatus.QUEUED,
        0,
        "",
        None,
        None,
    )
    assert queued_tasks(callbacks) == [(Report.task_name, (job.pk,))]


@pytest.mark.django_db
def test_progress_is_only_written_while_the_job_runs():
    job = ReportFactory()
    job.set_progress(1, 2)
    assert Report.objects.get(pk=job.pk).progress == 0  # a queued job shows no progress


@pytest.mark.django_db(transaction=True)
def test_a_progress_write_never_waits_for_a_lock_on_the_row():
    job = ReportFactory()
    job.mark_running()
    holder = connections.create_connection("default")
    try:
        holder.set_autocommit(False)
        with holder.cursor() as cursor:  # the work saving its result holds the row like this
            cursor.execute("SELECT id FROM reports_report WHERE id = %s FOR UPDATE", [job.pk])
        with JobConnection(job) as own:
            assert not job.set_progress(1, 2, connection=own.connection)  # skipped, not waited for
        holder.rollback()
    finally:
        holder.close()
    assert job.set_progress(1, 2)
    assert Report.objects.get(pk=job.pk).progress == 50


@pytest.mark.django_db
def test_a_job_is_queued_by_its_task_name_once_the_transaction_commits(django_capture_on_commit_callbacks):
    job = ReportFactory()
    with django_capture_on_commit_callbacks() as callbacks:  # the message waits for the row's commit
        job.queue()
    assert queued_tasks(callbacks) == [("reports.tasks.build_report", (job.pk,))]
    assert isinstance(current_app.tasks[Report.task_name], JobTask)


@pytest.mark.django_db
def test_a_broker_that_is_down_when_the_request_commits_leaves_the_job_queued(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broker_down(*args, **kwargs):
        raise kombu.exceptions.OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(current_app.tasks[Report.task_name], "delay", broker_down)
    job = ReportFactory()
    with django_capture_on_commit_callbacks(execute=True):
        job.queue()  # the request does not fail: requeue_lost_jobs sends it later
    assert Report.objects.get(pk=job.pk).status == JobStatus.QUEUED
    assert "reports.tasks.build_report.delay" in caplog.text and "Connection refused" in caplog.text


# --- The runner ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_run_job_marks_running_then_succeeded_with_the_fields_the_work_returned(counting):
    job = ReportFactory()
    finished = run_job(counting, job.pk)
    job.refresh_from_db()
    assert (job.status, job.progress, job.rows, job.error) == (JobStatus.SUCCEEDED, 100, 3, "")
    assert counting.runs == [job.pk] and finished.pk == job.pk
    assert job.started_at <= job.finished_at


@pytest.mark.django_db
def test_running_a_finished_job_again_does_nothing(counting):
    job = ReportFactory()
    run_job(counting, job.pk)
    finished_at = Report.objects.get(pk=job.pk).finished_at
    run_job(counting, job.pk)  # a redelivered message
    assert counting.runs == [job.pk]
    assert Report.objects.get(pk=job.pk).finished_at == finished_at

    failed = ReportFactory()
    failed.mark_failed("gave up")
    run_job(counting, failed.pk)
    assert counting.runs == [job.pk]
    assert run_job(counting, 987654) is None  # a job whose row is gone is ignored


@pytest.mark.django_db
def test_a_job_left_running_by_a_dead_worker_runs_again(counting):
    job = ReportFactory()
    job.mark_running()  # the worker died here; the broker delivers the message again
    run_job(counting, job.pk)
    assert Report.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED
    assert counting.runs == [job.pk]


@pytest.mark.django_db
def test_the_permission_recheck_fails_the_job_with_its_message(counting):
    class RefusedJob(counting):
        def refusal(self, job):
            return "" if job.requested_by.is_active else "The person who asked for this may no longer have it."

    job = ReportFactory()
    job.requested_by.is_active = False
    job.requested_by.save()
    run_job(RefusedJob, job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "The person who asked for this may no longer have it.")
    assert job.started_at is None  # refused before it started
    assert counting.runs == []


@pytest.mark.django_db
def test_a_refusal_in_the_work_fails_the_job_with_its_message_and_fields():
    class RefusingJob(JobRunner):
        model = Report

        def run(self, job, progress):
            raise JobRefused("Line 4 is wrong; nothing was written.", rows=0)

    job = ReportFactory()
    run_job(RefusingJob, job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.rows) == (JobStatus.FAILED, "Line 4 is wrong; nothing was written.", 0)


@pytest.mark.django_db
def test_a_crash_leaves_a_failed_row_with_the_error(caplog):
    class CrashingJob(JobRunner):
        model = Report
        crashed = "The test job crashed"

        def run(self, job, progress):
            raise ZeroDivisionError("division by zero in the work")

    job = ReportFactory()
    assert run_job(CrashingJob, job.pk).pk == job.pk  # the task itself ends normally: nothing to retry
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "The test job crashed: division by zero in the work"
    assert job.finished_at is not None
    assert "Report" in caplog.text and "ZeroDivisionError" in caplog.text  # logged with its traceback


@pytest.mark.django_db
def test_transient_errors_propagate_for_retry_and_the_last_retry_fails_the_row():
    class FlakyJob(JobRunner):
        model = Report
        crashed = "The test job crashed"

        def run(self, job, progress):
            raise OperationalError("the database went away")

    job = ReportFactory()
    with pytest.raises(OperationalError):
        run_job(FlakyJob, job.pk)
    assert Report.objects.get(pk=job.pk).status == JobStatus.RUNNING  # the retry will run it again

    task = current_app.tasks[Report.task_name]
    task.on_failure(WorkerLostError("killed"), "task-id", (job.pk,), {}, None)
    assert Report.objects.get(pk=job.pk).status == JobStatus.RUNNING  # redelivered: the next worker runs it
    task.on_failure(OperationalError("the database went away"), "task-id", (job.pk,), {}, None)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "The report could not be built after retries: the database went away"


@pytest.mark.django_db(transaction=True)
def test_a_second_delivery_leaves_the_job_to_the_worker_holding_its_lock(counting):
    job = ReportFactory()
    with JobConnection(job) as first:
        assert first.try_lock()
        with pytest.raises(JobBusy):
            run_job(counting, job.pk)
        assert Report.objects.get(pk=job.pk).status == JobStatus.QUEUED
    run_job(counting, job.pk)  # the first worker's connection is gone, and the lock with it
    assert counting.runs == [job.pk]


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_by_others_while_the_work_is_inside_a_transaction():
    seen = []

    class AtomicJob(JobRunner):
        model = Report

        def run(self, job, progress):
            observer = connections.create_connection("default")
            try:
                with transaction.atomic():  # an import writes all or nothing like this
                    Region.objects.create(name="Written at commit", slug="written-at-commit")
                    progress(3, 4)
                    with observer.cursor() as cursor:
                        cursor.execute("SELECT progress FROM reports_report WHERE id = %s", [job.pk])
                        (percent,) = cursor.fetchone()
                        cursor.execute("SELECT count(*) FROM core_region WHERE slug = 'written-at-commit'")
                        (regions,) = cursor.fetchone()
                    seen.append((percent, regions))
            finally:
                observer.close()
            return {}

    job = ReportFactory()
    run_job(AtomicJob, job.pk)
    assert seen == [(75, 0)]  # the progress is seen at once; the work's own rows only at its commit
    assert Report.objects.get(pk=job.pk).progress == 100


# --- Recovery of lost messages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_jobs_whose_message_was_lost_are_queued_again(django_capture_on_commit_callbacks, settings):
    now = timezone.now()
    waiting = ReportFactory()  # queued a moment ago: its message may still be in the broker
    lost = ReportFactory()
    Report.objects.filter(pk=lost.pk).update(queued_at=now - timedelta(minutes=30))
    running = ReportFactory()
    running.mark_running()
    dead = ReportFactory()
    dead.mark_running()
    Report.objects.filter(pk=dead.pk).update(started_at=now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120))
    done = ReportFactory()
    done.mark_succeeded()
    Report.objects.filter(pk=done.pk).update(queued_at=now - timedelta(days=1))

    with django_capture_on_commit_callbacks() as callbacks:
        again = requeue_lost_jobs(now=now)
    assert sorted(job.pk for job in again) == sorted([lost.pk, dead.pk])
    assert sorted(queued_tasks(callbacks)) == sorted([(Report.task_name, (lost.pk,)), (Report.task_name, (dead.pk,))])
    assert waiting.pk and running.pk  # left alone
