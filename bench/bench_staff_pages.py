"""Benchmark: the main staff pages at scale, against a minimal Django view through the same stack.

    BENCH_FACTOR=1 .venv/bin/python bench/bench_staff_pages.py

Server-side time in-process through Django's test client, logged in as a program-staff member (who sees every
row): the partnership list and detail, the credential application review list (plain, filtered, a later page), the
claim list, the placement list (plain, filtered, a later page), and the pages that were slowest when every page was
crawled at scale: the staff dashboard, the funding round list, the work-based learning overview and opportunity
list, and the forms that pick organisations, programs and partnerships. Also prints the SQL queries per page.
Target (performance issue): every page p95 at most 150 ms.
"""

from common import FACTOR, finish, header, p95, prepare, row, sample, staff_user, timed
from django.db import connection
from django.test import Client


class QueryCounter:
    """Counts the SQL statements of one request (connection.execute_wrapper), with DEBUG off."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


N = max(10, int(20 / max(FACTOR, 0.5)))


def main():
    prepare()
    from partnerships.models import SectorPartnership, Stage

    client = Client()
    client.force_login(staff_user())
    partnerships = list(
        SectorPartnership.objects.filter(stage=Stage.ACTIVE).order_by("pk").values_list("pk", flat=True)[:N]
    )
    pages = [
        ("partnership list", lambda i: "/partnerships/"),
        ("partnership list, filtered by stage", lambda i: "/partnerships/?stage=active"),
        ("partnership detail", lambda i: f"/partnerships/{partnerships[i % len(partnerships)]}/"),
        ("application review list", lambda i: "/credentials/applications/"),
        ("application review list, submitted", lambda i: "/credentials/applications/?status=submitted"),
        ("application review list, page 200", lambda i: "/credentials/applications/?page=200"),
        ("claim list", lambda i: "/credentials/claims/"),
        ("placement list", lambda i: "/work-based-learning/placements/"),
        ("placement list, completed", lambda i: "/work-based-learning/placements/?status=completed"),
        ("placement list, page 100", lambda i: "/work-based-learning/placements/?page=100"),
        ("staff dashboard", lambda i: "/reports/dashboard/"),
        ("funding round list", lambda i: "/credentials/rounds/"),
        ("work-based learning overview", lambda i: "/work-based-learning/overview/"),
        ("opportunity list", lambda i: "/work-based-learning/"),
        ("new partnership form", lambda i: "/partnerships/new/"),
        ("add stakeholder form", lambda i: f"/partnerships/{partnerships[0]}/members/new/"),
        ("new opportunity form", lambda i: "/work-based-learning/opportunities/new/"),
    ]

    def fetch(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    reference = sample(lambda: fetch("/bench/minimal/"), n=N * 5)
    results = []
    for name, url in pages:
        calls = iter(range(10**6))
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            first = timed(fetch, url(0))
        # A page that takes seconds is measured fewer times: its verdict is clear and make bench stays short.
        n = N if first < 1000 else 5
        samples = sample(lambda url=url, calls=calls: fetch(url(next(calls))), n=n, warm=1)
        results.append((f"{name} ({counter.count} q)", samples))

    header("Staff pages at scale (server-side, in-process, logged in as program staff); times in ms")
    row("minimal Django view (reference)", reference)
    for name, samples in results:
        row(name, samples, ratio=p95(samples) / p95(reference), target="p95<=150ms", ok=p95(samples) <= 150)
    print("(ratio: times slower than the minimal view; q: SQL queries for one request)")
    return finish()


if __name__ == "__main__":
    raise SystemExit(main())
