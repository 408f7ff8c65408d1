"""Benchmark: every report kind at scale, built as XLSX by the report service, against the bare SQL it needs.

    BENCH_FACTOR=1 .venv/bin/python bench/bench_report_kinds.py

Each kind is built synchronously by core.jobs.run_job(ReportJob, ...) in a fresh Python process (as a worker would),
which reports its time and its peak memory (max RSS). The reference is the bare SQL aggregates the report's
figures come from (its groupings and its detail rows fetched, nothing rendered), timed in this process. The ratio
is report time / SQL time: what rendering and the ORM add on top of the database's own work.
Target (reports issue): each report at most 30 s and 300 MB.
"""

import json
import os
import statistics
import subprocess
import sys
import time

from common import FACTOR, finish, prepare, staff_user

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "1" if FACTOR >= 0.5 else "3"))


def parameters():
    """One realistic set of parameters per kind, over the scale data."""
    from core.models import IndustryCluster, Region
    from credentials.models import FundingRound
    from partnerships.models import OutcomeReport, ReportingPeriod

    round = FundingRound.objects.filter(name__startswith="Scale round").order_by("-closes_at")[4]
    period = ReportingPeriod.objects.filter(reports__isnull=False).order_by("-start").distinct()[1]
    report = OutcomeReport.objects.filter(period=period).order_by("pk").first()
    cluster = IndustryCluster.objects.filter(key_occupations__isnull=False).order_by("pk").first()
    region = Region.objects.order_by("pk").first()
    year = round.closes_at.year - 1
    return {
        "credential-round": ({"round": round.pk}, SQL["credential-round"], {"round": round.pk}),
        "work-based-learning": (
            {"starts_on": f"{year}-01-01", "ends_on": f"{year}-12-31"},
            SQL["work-based-learning"],
            {"starts": f"{year}-01-01", "ends": f"{year}-12-31"},
        ),
        "partnership-outcomes": (
            {"partnership": report.partnership_id, "period": period.pk},
            SQL["partnership-outcomes"],
            {"partnership": report.partnership_id, "period": period.pk},
        ),
        "statewide-summary": ({"period": period.pk}, SQL["statewide-summary"], {"period": period.pk}),
        "labor-market-profile": (
            {"cluster": cluster.pk, "region": region.pk},
            SQL["labor-market-profile"],
            {"cluster": cluster.pk},
        ),
        "organisations": ({"kind": "employer"}, SQL["organisations"], {"kind": "employer"}),
    }


SQL = {
    "credential-round": [
        """SELECT a.organization_id, a.status, COUNT(DISTINCT a.id), SUM(l.amount_requested), SUM(aw.amount)
           FROM credentials_application a JOIN credentials_applicationline l ON l.application_id = a.id
           LEFT JOIN credentials_award aw ON aw.line_id = l.id WHERE a.round_id = %(round)s GROUP BY 1, 2""",
        """SELECT c.organization_id, c.status, COUNT(*), SUM(cl.amount) FROM credentials_reimbursementclaim c
           JOIN credentials_claimline cl ON cl.claim_id = c.id JOIN credentials_application a ON a.id = c.application_id
           WHERE a.round_id = %(round)s GROUP BY 1, 2""",
        """SELECT cr.category_id, COUNT(*), SUM(aw.amount) FROM credentials_award aw
           JOIN credentials_applicationline l ON l.id = aw.line_id
           JOIN credentials_application a ON a.id = l.application_id
           JOIN credentials_credential cr ON cr.id = l.credential_id WHERE a.round_id = %(round)s GROUP BY 1""",
    ],
    "work-based-learning": [
        """SELECT o.modality, p.status, COUNT(DISTINCT p.id),
                  (SELECT COALESCE(SUM(t.hours), 0) FROM workbased_learning_timeentry t
                    JOIN workbased_learning_placement p2 ON p2.id = t.placement_id
                    JOIN workbased_learning_opportunity o2 ON o2.id = p2.opportunity_id
                    WHERE t.status = 'approved' AND o2.modality = o.modality AND p2.status = p.status
                      AND p2.start_date <= %(ends)s AND p2.end_date >= %(starts)s)
           FROM workbased_learning_placement p JOIN workbased_learning_opportunity o ON o.id = p.opportunity_id
           WHERE p.start_date <= %(ends)s AND p.end_date >= %(starts)s GROUP BY 1, 2""",
        """SELECT pr.career_field, COUNT(*) FROM workbased_learning_placement p
           JOIN workbased_learning_cteprogram pr ON pr.id = p.program_id
           WHERE p.start_date <= %(ends)s AND p.end_date >= %(starts)s GROUP BY 1""",
        """SELECT a.status, COUNT(*), SUM(l.credit_requested), SUM(l.credit_approved)
           FROM workbased_learning_incentiveline l JOIN workbased_learning_incentiveapplication a
           ON a.id = l.application_id GROUP BY 1""",
    ],
    "partnership-outcomes": [
        """SELECT r.period_id, v.metric_id, v.value FROM partnerships_outcomevalue v
           JOIN partnerships_outcomereport r ON r.id = v.report_id WHERE r.partnership_id = %(partnership)s""",
        """SELECT role, COUNT(*) FROM partnerships_membership WHERE partnership_id = %(partnership)s
           AND left_on IS NULL GROUP BY 1""",
    ],
    "statewide-summary": [
        """SELECT v.metric_id, SUM(v.value), COUNT(*) FROM partnerships_outcomevalue v
           JOIN partnerships_outcomereport r ON r.id = v.report_id WHERE r.period_id = %(period)s GROUP BY 1""",
        """SELECT p.stage, p.cluster_id, COUNT(*) FROM partnerships_sectorpartnership p GROUP BY 1, 2""",
        """SELECT r.status, COUNT(*) FROM partnerships_outcomereport r WHERE r.period_id = %(period)s GROUP BY 1""",
    ],
    "labor-market-profile": [
        """SELECT e.occupation_id, SUM(e.employment), AVG(e.hourly_median), AVG(e.annual_median)
           FROM toolkit_occupationestimate e JOIN toolkit_clusteroccupation co ON co.occupation_id = e.occupation_id
           WHERE co.cluster_id = %(cluster)s
             AND e.year = (SELECT MAX(year) FROM toolkit_occupationestimate) GROUP BY 1""",
    ],
    "organisations": [
        """SELECT kind, COUNT(*) FROM core_organization WHERE kind = %(kind)s GROUP BY 1""",
        """SELECT o.name, o.kind, o.ein, o.naics_code, c.name, r.name, o.employee_count FROM core_organization o
           LEFT JOIN core_county c ON c.id = o.county_id LEFT JOIN core_region r ON r.id = c.region_id
           WHERE o.kind = %(kind)s ORDER BY o.name, o.id""",
    ],
}


def bare_sql(statements, values):
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, values)
            cursor.fetchall()


def build_one(kind, params):
    """In the child process: build one report as the worker does; print seconds, rows and max RSS as JSON."""
    import resource

    from core.jobs import run_job
    from reports.models import Report, ReportFormat
    from reports.services import ReportJob

    report = Report.objects.create(kind=kind, parameters=params, format=ReportFormat.XLSX, requested_by=staff_user())
    started = time.perf_counter()
    report = run_job(ReportJob, report.pk)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps({"seconds": seconds, "rows": report.rows, "status": report.status, "rss": rss, "err": report.error})
    )


def main():
    prepare()
    staff = staff_user()
    results = []
    for kind, (params, statements, values) in parameters().items():
        from core.models import JobStatus
        from reports.services import report_request

        report_request(kind=kind, params=params, fmt="xlsx", user=staff).delete()  # the parameters validate
        builds = []
        for _ in range(ROUNDS):
            child = subprocess.run(
                [sys.executable, __file__, "--one", kind, json.dumps(params)],
                capture_output=True,
                text=True,
                env=os.environ,
                check=False,
            )
            lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
            if child.returncode or not lines:
                raise SystemExit(f"{kind} failed:\n{child.stdout}\n{child.stderr[-3000:]}")
            builds.append(json.loads(lines[-1]))
            if builds[-1]["status"] != JobStatus.SUCCEEDED:
                raise SystemExit(f"{kind} did not succeed: {builds[-1]}")
        bare_sql(statements, values)
        sql_times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            bare_sql(statements, values)
            sql_times.append(time.perf_counter() - started)
        results.append((kind, builds, sql_times))

    print(f"Report kinds as XLSX, built in-process by run_job (fresh process each), N={ROUNDS}; times in s")
    print(f"{'kind':<24}{'rows':>9}{'median':>9}{'max':>8}{'SQL med':>9}{'ratio':>8}{'peak MB':>9}  target")
    all_ok = True
    for kind, builds, sql_times in results:
        times = [b["seconds"] for b in builds]
        sql = statistics.median(sql_times)
        rss = max(b["rss"] for b in builds)
        ok = max(times) <= 30 and rss <= 300
        all_ok &= ok
        print(
            f"{kind:<24}{builds[0]['rows'] or 0:>9,}{statistics.median(times):>9.2f}{max(times):>8.2f}{sql:>9.2f}"
            f"{statistics.median(times) / sql if sql else 0:>7.1f}x{rss:>9.0f}  <=30 s, <=300 MB "
            f"{'met' if ok else 'NOT met'}"
        )
    print("(ratio: report time / time of its bare SQL aggregates; peak MB: max RSS of the building process)")
    status = finish()
    return status or (0 if all_ok else 1)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        build_one(sys.argv[2], json.loads(sys.argv[3]))
    else:
        raise SystemExit(main())
