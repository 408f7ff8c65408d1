"""A real Celery worker dies in the middle of a report; another worker finishes it with exactly one file."""

import json
import os
import signal
import time

import pytest
from celery import current_app
from django.conf import settings
from django.db import connection
from openpyxl import load_workbook

from core.models import JobStatus, Organization
from core.testing.factories import StaffUserFactory
from reports import services
from reports.models import Report

# The organisations report over this many organisations takes several seconds to write as XLSX, long enough to
# kill the worker while it is part-way through. The rows are real organisations and the report is the real
# kind, unthrottled: the only thing made large is the data.
BULK_ORGANISATIONS = 100_000


def bulk_organisations(count):
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Organization._meta.db_table} "
            "(name, kind, ein, state_supplier_id, naics_code, employee_count, address, website, created_at) "
            "SELECT 'Bulk employer ' || g, 'employer', '', '', '332710', g %% 900, '', '', now() "
            "FROM generate_series(1, %s) AS g",
            [count],
        )


def wait_for(condition, *, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"Waited {timeout} s for {what}")


def restore_unacknowledged(queue):
    """Hand the dead worker's unacknowledged message back to the queue, as the broker does after its timeout.

    Redis has no connection-bound acknowledgements: a message taken by a worker that died is given to another
    worker once the transport's visibility timeout has passed (settings: 2 hours, longer than any job). The test
    does not wait that long; it runs kombu's own restore step for this test queue's messages now.
    """
    with current_app.connection_for_write() as conn:
        channel = conn.default_channel
        client = channel.client
        restored = 0
        for tag, payload in client.hgetall(channel.unacked_key).items():
            _message, _exchange, routing_key = json.loads(payload)
            if routing_key == queue:
                channel.qos.restore_by_tag(tag, client)
                restored += 1
        return restored


@pytest.mark.worker
def test_report_survives_its_worker_being_killed(celery_worker_factory, media_root):
    bulk_organisations(BULK_ORGANISATIONS)
    staff = StaffUserFactory()
    first = celery_worker_factory()

    report = services.report_request(kind="organisations", params={}, fmt="xlsx", user=staff)

    def part_way():
        report.refresh_from_db()
        return report.status == JobStatus.RUNNING and 0 < report.progress < 90

    wait_for(part_way, timeout=120, what="the report to be part-way through")
    first.kill()

    report.refresh_from_db()
    assert report.status == JobStatus.RUNNING, "the report finished before the worker was killed"
    assert not report.file
    restored = restore_unacknowledged(settings.CELERY_TASK_DEFAULT_QUEUE)
    assert restored == 1, f"{restored} unacknowledged messages of this queue were found"

    celery_worker_factory()

    def finished():
        report.refresh_from_db()
        return report.is_finished

    wait_for(finished, timeout=180, what="the second worker to finish the report")
    assert report.status == JobStatus.SUCCEEDED, report.error
    assert report.attempts == 2
    files = [path for path in media_root.rglob("*") if path.is_file()]
    assert [path.relative_to(media_root).as_posix() for path in files] == [report.file.name]

    organisations = Organization.objects.count()
    workbook = load_workbook(files[0], read_only=True)
    listed = sum(1 for _ in workbook["Organisations"].iter_rows(min_row=2))
    assert listed == organisations
    kinds = Organization.objects.values("kind").distinct().count()
    assert report.rows == kinds + organisations  # the "By kind" rows plus the listed organisations
    Report.objects.filter(pk=report.pk).delete()


def pool_children(worker):
    """Process ids of the worker's pool processes (the ones that run tasks)."""
    path = f"/proc/{worker.process.pid}/task/{worker.process.pid}/children"
    with open(path) as children:
        return [int(pid) for pid in children.read().split()]


@pytest.mark.worker
def test_a_killed_pool_process_is_rejected_and_its_report_rebuilt(celery_worker_factory, media_root):
    """The worker survives but the process running the task dies: the message is rejected, redelivered at once
    (task_reject_on_worker_lost) and the report is built again by a fresh pool process."""
    bulk_organisations(BULK_ORGANISATIONS)
    worker = celery_worker_factory()
    report = services.report_request(kind="organisations", params={}, fmt="xlsx", user=StaffUserFactory())

    def part_way():
        report.refresh_from_db()
        return report.status == JobStatus.RUNNING and 0 < report.progress < 90

    wait_for(part_way, timeout=120, what="the report to be part-way through")
    for pid in pool_children(worker):
        os.kill(pid, signal.SIGKILL)

    def finished():
        report.refresh_from_db()
        return report.is_finished

    wait_for(finished, timeout=180, what="the worker to rebuild the report")
    assert report.status == JobStatus.SUCCEEDED, report.error
    assert report.attempts == 2
    assert [path for path in media_root.rglob("*") if path.is_file()] == [media_root / report.file.name]
