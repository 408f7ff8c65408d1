"""Faults: Redis restarts while report jobs wait in its queue, and loses them (this Redis keeps nothing on disk).

A report's truth is its row in PostgreSQL, not the broker's message. The recovery path (core's periodic
`requeue_lost_jobs` task, also run when a worker starts) queues again every job still "queued" after a
few minutes; builds are idempotent and locked, so a report queued twice is still built once, into one file.

The test restarts the real Redis on 127.0.0.1:6379 with the same flags the machine runs it with.
"""

import datetime
import subprocess
import time

import pytest
import redis
from celery import current_app
from django.conf import settings
from django.utils import timezone

from core.models import JobStatus
from core.tasks import requeue_lost_jobs_task
from core.testing.factories import StaffUserFactory
from reports import services
from reports.models import Report

REDIS = ["--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"]


def redis_client():
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def restart_redis():
    """Stop Redis without saving (as a crash or a reboot of this disk-less Redis would) and start it again."""
    subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"], capture_output=True, check=False
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            redis_client().ping()
        except redis.exceptions.ConnectionError:
            break
        time.sleep(0.1)
    subprocess.run(["redis-server", "--daemonize", "yes", *REDIS], capture_output=True, check=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if redis_client().ping():
                settle_celery_connections()
                return
        except redis.exceptions.ConnectionError:
            time.sleep(0.1)
    pytest.fail("Redis did not come back within 20 s after the restart")


def settle_celery_connections():
    """This process's pooled Celery connections died with the old Redis: use them until each has reconnected, so
    the worker fixture's ping does not fail on a dead one (and leave its worker running)."""
    for _ in range(20):
        try:
            current_app.control.ping(timeout=0.1)
            current_app.control.ping(timeout=0.1)
            return
        except Exception:
            time.sleep(0.1)


def wait_for(condition, *, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.mark.worker
def test_reports_queued_when_redis_restarts_are_queued_again_and_built_once(celery_worker_factory, media_root):
    current_app.control.ping(timeout=0.2)  # hold a broker connection from before the restart, as a long run does
    staff = StaffUserFactory()
    reports = [services.report_request(kind="organisations", params={}, fmt="csv", user=staff) for _ in range(3)]
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    assert redis_client().llen(queue) == 3, "the three jobs wait in Redis (no worker is running yet)"

    restart_redis()
    assert redis_client().llen(queue) == 0, "a restart of this disk-less Redis loses the queued messages"
    assert set(Report.objects.values_list("status", flat=True)) == {JobStatus.QUEUED}

    # The jobs are not stale yet: nothing is queued twice while Redis may still hold them.
    assert requeue_lost_jobs_task() == 0
    # Some minutes later the periodic recovery task finds them still queued and queues them again.
    Report.objects.update(queued_at=timezone.now() - datetime.timedelta(minutes=30))
    assert requeue_lost_jobs_task() == 3
    celery_worker_factory()
    built = wait_for(lambda: set(Report.objects.values_list("status", flat=True)) == {JobStatus.SUCCEEDED})
    assert built, list(Report.objects.values_list("pk", "status", "error"))
    for report in Report.objects.all():
        assert report.file and report.attempts == 1
        assert sorted(p.name for p in (media_root / "reports" / str(report.pk)).iterdir()) == [report.download_name]
    assert {r.pk for r in reports} == set(Report.objects.values_list("pk", flat=True))


@pytest.mark.worker
def test_a_report_requested_while_redis_is_down_is_kept_and_built_later(celery_worker_factory, media_root):
    staff = StaffUserFactory()
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"], capture_output=True)
    try:
        report = services.report_request(kind="organisations", params={}, fmt="csv", user=staff)
    finally:
        restart_redis()
    assert Report.objects.get(pk=report.pk).status == JobStatus.QUEUED
    Report.objects.update(queued_at=timezone.now() - datetime.timedelta(minutes=30))
    assert requeue_lost_jobs_task() == 1
    celery_worker_factory()
    assert wait_for(lambda: Report.objects.get(pk=report.pk).status == JobStatus.SUCCEEDED)
