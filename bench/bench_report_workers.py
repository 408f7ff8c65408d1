"""Benchmark: a batch of report jobs with one Celery worker process, then with two; prints the speed-up.

    BENCH_FACTOR=1 .venv/bin/python bench/bench_report_workers.py

Requests a batch of reports through reports.services.report_request (so they are queued exactly as the portal
queues them) on a queue of the bench's own, with a real Celery worker (prefork pool) of 1 and then 2 processes,
and times from the request to the last report succeeded. Two processes on two cores should come close to twice
as fast: the jobs share nothing but PostgreSQL and Redis, which is what lets workers run on several hosts.
"""

import os
import signal
import subprocess
import sys
import time

from common import ROOT, finish, prepare, staff_user


def batch():
    """A mixed batch as staff ask for them: two round reports, a work-based learning year, two organisation lists
    and a statewide summary (six jobs of unequal length, so the two processes cannot split them exactly)."""
    from credentials.models import FundingRound
    from partnerships.models import ReportingPeriod

    rounds = list(FundingRound.objects.filter(name__startswith="Scale round").order_by("-closes_at")[1:3])
    period = ReportingPeriod.objects.filter(reports__isnull=False).order_by("-start").first()
    return [
        ("credential-round", {"round": rounds[0].pk}),
        ("credential-round", {"round": rounds[-1].pk}),
        ("work-based-learning", {"starts_on": "2024-01-01", "ends_on": "2024-12-31"}),
        ("organisations", {"kind": "employer"}),
        ("organisations", {"kind": "provider"}),
        ("statewide-summary", {"period": period.pk}),
    ]


def start_worker(concurrency):
    from celery import current_app
    from django.conf import settings

    node = f"bench-{concurrency}@{os.uname().nodename}"
    log = open(f"/tmp/portal-bench-worker-{concurrency}.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "prefork", "-c", str(concurrency)]
        + [
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            "-n",
            node,
            "--without-gossip",
            "--without-mingle",
            "-l",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The Celery worker exited at start; see {log.name}")
        if current_app.control.ping(destination=[node], timeout=0.5):
            return process
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit(f"The Celery worker did not answer within 60 s; see {log.name}")


def run_batch(concurrency, staff):
    from core.models import JobStatus
    from reports.models import Report
    from reports.services import report_request

    worker = start_worker(concurrency)
    try:
        started = time.perf_counter()
        ids = [report_request(kind=k, params=p, fmt="xlsx", user=staff).pk for k, p in batch()]
        while True:
            states = list(Report.objects.filter(pk__in=ids).values_list("status", flat=True))
            if all(s in (JobStatus.SUCCEEDED, JobStatus.FAILED) for s in states):
                break
            if time.perf_counter() - started > 900:
                raise SystemExit(f"The batch did not finish in 15 minutes: {states}")
            time.sleep(0.1)
        seconds = time.perf_counter() - started
        failed = Report.objects.filter(pk__in=ids, status=JobStatus.FAILED).values_list("kind", "error")
        if failed:
            raise SystemExit(f"Reports failed: {list(failed)}")
        return seconds
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)


def main():
    prepare()
    from celery import current_app
    from django.conf import settings

    current_app.control.purge()  # nothing left over from an interrupted run on the bench queue
    staff = staff_user()
    one = run_batch(1, staff)
    two = run_batch(2, staff)
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    print(f"Batch of {len(batch())} report jobs (XLSX) on queue {queue}, {os.cpu_count()} cores")
    print(f"{'measured':<44}{'seconds':>10}{'speed-up':>10}")
    print(f"{'1 worker process (reference)':<44}{one:>10.1f}")
    print(f"{'2 worker processes':<44}{two:>10.1f}{one / two:>9.2f}x")
    return finish()


if __name__ == "__main__":
    raise SystemExit(main())
