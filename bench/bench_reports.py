"""Benchmark: the credential round report and the work-based learning report as XLSX on large data.

    .venv/bin/python bench/bench_reports.py [--claim-lines 1000000] [--placements 200000]

Uses its own database (DATABASE_URL, default postgres:///portal_bench_reports; created and migrated when missing)
and fills it once (later runs reuse the rows): one funding round with 2,000 awarded employers, their claims and the
claim lines; CTE programs, opportunities, placements with two time entries each, and incentive lines. Each report
is then built by reports.services.report_build in a fresh process, as a worker would, and the bench prints its
time beside the time of the bare SQL aggregates the report needs, and the process's peak memory (max RSS).
The issue's targets: at most 30 seconds and 300 MB each.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres:///portal_bench_reports")
os.environ.setdefault("MEDIA_ROOT", "/tmp/portal-bench-reports-media")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

BENCH_ROUND = "Bench round"
EMPLOYERS = 2000
LINES_PER_APPLICATION = 5
MONTHS = 12


def ensure_database():
    call_command("ensure_services")  # creates the database when missing
    call_command("migrate", verbosity=0)


def fill_credentials(claim_lines):
    from core import reference
    from core.models import County, Organization, OrganizationKind, User
    from credentials.models import (
        Application,
        ApplicationLine,
        ApplicationStatus,
        Award,
        Category,
        ClaimLine,
        ClaimStatus,
        Credential,
        FundingRound,
        ReimbursementClaim,
    )

    existing = FundingRound.objects.filter(name=BENCH_ROUND).first()
    if existing and ClaimLine.objects.filter(award__line__application__round=existing).count() >= claim_lines:
        return existing
    reference.load(apps)
    with transaction.atomic():
        if existing:
            ClaimLine.objects.filter(award__line__application__round=existing).delete()
            ReimbursementClaim.objects.filter(application__round=existing).delete()
            Award.objects.filter(line__application__round=existing).delete()
            ApplicationLine.objects.filter(application__round=existing).delete()
            Application.objects.filter(round=existing).delete()
            existing.delete()
        counties = list(County.objects.all())
        now = timezone.now()
        staff = User.objects.filter(is_superuser=True).first()
        round = FundingRound.objects.create(
            name=BENCH_ROUND,
            opens_at=now - timedelta(days=400),
            closes_at=now - timedelta(days=370),
            total_budget=Decimal("90000000.00"),
        )
        categories = [
            Category.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Bench {i}"})[0] for i in range(8)
        ]
        credentials = [
            Credential.objects.get_or_create(
                title=f"Bench credential {i}", issuing_body="Bench", defaults={"category": categories[i % 8]}
            )[0]
            for i in range(40)
        ]
        naics = ["332710", "336350", "522110", "541511", "622110", "493110"]
        employers = Organization.objects.bulk_create(
            Organization(
                name=f"Bench employer {i}",
                kind=OrganizationKind.EMPLOYER,
                county=counties[i % len(counties)],
                employee_count=10 + (i * 37) % 900,
                naics_code=naics[i % len(naics)],
            )
            for i in range(EMPLOYERS)
        )
        applications = Application.objects.bulk_create(
            Application(organization=org, round=round, status=ApplicationStatus.AWARDED, submitted_at=now)
            for org in employers
        )
        start = round.training_starts_on
        lines = ApplicationLine.objects.bulk_create(
            ApplicationLine(
                application=application,
                credential=credentials[(i * LINES_PER_APPLICATION + j) % len(credentials)],
                training_provider="Bench provider",
                cost_per_employee=Decimal("1500.00"),
                employees=10 + j,
                amount_requested_per_employee=Decimal("1500.00"),
                wage_before=Decimal("20.00") + j,
                wage_after=Decimal("23.00") + j,
                training_start=start,
                training_end=start + timedelta(days=120),
            )
            for i, application in enumerate(applications)
            for j in range(LINES_PER_APPLICATION)
        )
        Award.objects.bulk_create(
            Award(line=line, amount=Decimal("1500.00") * (10 + index % LINES_PER_APPLICATION), awarded_by=staff)
            for index, line in enumerate(lines)
        )
        statuses = [ClaimStatus.PAID, ClaimStatus.APPROVED, ClaimStatus.SUBMITTED]
        ReimbursementClaim.objects.bulk_create(
            ReimbursementClaim(
                application=application,
                organization_id=application.organization_id,
                claim_month=date(2025, month + 1, 1),
                status=statuses[(i + month) % 3],
                proof="credentials/claims/bench.pdf",
            )
            for i, application in enumerate(applications)
            for month in range(MONTHS)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                """
                WITH claims AS (
                    SELECT c.id, row_number() OVER (ORDER BY c.id) AS n,
                           (SELECT a.id FROM credentials_award a
                              JOIN credentials_applicationline l ON a.line_id = l.id
                             WHERE l.application_id = c.application_id ORDER BY a.id LIMIT 1) AS award_id
                      FROM credentials_reimbursementclaim c
                      JOIN credentials_application app ON app.id = c.application_id
                     WHERE app.round_id = %s
                ), counted AS (SELECT count(*) AS total FROM claims)
                INSERT INTO credentials_claimline
                    (claim_id, award_id, employee_name, ssn_last4, date_earned, wage_after, amount)
                SELECT claims.id, claims.award_id, 'Employee ' || g, lpad((g %% 10000)::text, 4, '0'),
                       date '2025-03-01' + (g %% 300), 22 + (g %% 15), 500 + (g %% 1000)
                  FROM generate_series(0, %s - 1) AS g
                  JOIN counted ON true
                  JOIN claims ON claims.n = (g %% counted.total) + 1
                """,
                [round.pk, claim_lines],
            )
    return round


def fill_placements(placements):
    from core.models import County, Organization, OrganizationKind, User
    from workbased_learning.models import (
        CareerField,
        CTEProgram,
        IncentiveApplication,
        IncentiveBudgetPeriod,
        IncentiveLine,
        IncentiveProgramYear,
        Opportunity,
        Placement,
    )

    if Placement.objects.filter(learner_ref__startswith="B-").count() >= placements:
        return
    with transaction.atomic():
        IncentiveLine.objects.filter(placement__learner_ref__startswith="B-").delete()
        Placement.objects.filter(learner_ref__startswith="B-").delete()
        counties = list(County.objects.all())
        providers = [
            Organization.objects.get_or_create(
                name=f"Bench provider {i}", defaults={"kind": OrganizationKind.PROVIDER, "county": counties[i]}
            )[0]
            for i in range(20)
        ]
        hosts = list(Organization.objects.filter(name__startswith="Bench employer")[:200])
        supervisor, _ = User.objects.get_or_create(
            email="bench-supervisor@example.test", defaults={"organization": hosts[0]}
        )
        programs = [
            CTEProgram.objects.get_or_create(
                provider=providers[i % 20],
                name=f"Bench program {i}",
                defaults={
                    "career_field": CareerField.values[i % len(CareerField.values)],
                    "state_approved": True,
                    "county": counties[i % len(counties)],
                },
            )[0]
            for i in range(100)
        ]
        types = ["apprenticeship", "internship", "co_op", "mentorship", "simulated"]
        opportunities = [
            Opportunity.objects.get_or_create(
                title=f"Bench opportunity {i}",
                host=host,
                defaults={"type": types[i % len(types)], "capacity": 100_000, "status": "open", "hourly_wage": 15},
            )[0]
            for i, host in enumerate(hosts)
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO workbased_learning_placement
                    (opportunity_id, program_id, learner_ref, learner_birth_date, learner_grade, start_date, end_date,
                     supervisor_id, status, created_at, updated_at)
                SELECT (%s::bigint[])[g %% %s + 1], (%s::bigint[])[g %% %s + 1], 'B-' || g, date '2008-01-01',
                       11 + g %% 2, date '2025-01-01' + (g %% 200), date '2025-06-01' + (g %% 200), %s,
                       (ARRAY['active', 'completed', 'withdrawn'])[g %% 3 + 1], now(), now()
                  FROM generate_series(1, %s) AS g
                """,
                [
                    [o.pk for o in opportunities],
                    len(opportunities),
                    [p.pk for p in programs],
                    len(programs),
                    supervisor.pk,
                    placements,
                ],
            )
            cursor.execute(
                """
                INSERT INTO workbased_learning_timeentry
                    (placement_id, date, hours, setting, activities, status, decision_note, created_at)
                SELECT p.id, p.start_date + k, 4.00, 'in_person', 'Bench work',
                       CASE WHEN k = 0 THEN 'approved' ELSE 'submitted' END, '', now()
                  FROM workbased_learning_placement p CROSS JOIN generate_series(0, 1) AS k
                 WHERE p.learner_ref LIKE 'B-%%'
                """
            )
        period, _ = IncentiveBudgetPeriod.objects.get_or_create(
            name="Bench period", defaults={"starts_on": date(2025, 7, 1), "ends_on": date(2027, 6, 30)}
        )
        year, _ = IncentiveProgramYear.objects.get_or_create(
            year=2025, defaults={"budget_period": period, "opens_on": date(2026, 1, 1), "closes_on": date(2026, 2, 1)}
        )
        for host in hosts[:50]:
            application, _ = IncentiveApplication.objects.get_or_create(
                program_year=year, employer=host, defaults={"decision_due_on": date(2026, 3, 1)}
            )
            placement_ids = Placement.objects.filter(opportunity__host=host).values_list("pk", flat=True)[:20]
            IncentiveLine.objects.bulk_create(
                [
                    IncentiveLine(
                        application=application,
                        placement_id=pk,
                        wages_paid=Decimal("8000.00"),
                        credit_requested=Decimal("1200.00"),
                        decision="approved",
                        credit_approved=Decimal("1200.00"),
                    )
                    for pk in placement_ids
                ],
                ignore_conflicts=True,
            )


def bare_aggregates(kind, params, user):
    """Time the SQL the report needs without writing rows: headlines, group tables and counts."""
    from reports.exporters import registry

    started = time.perf_counter()
    exporter = registry.get(kind)(params, user=user)
    exporter.headlines()
    for table in exporter.tables():
        if not table.detail:
            list(table.rows)
    return time.perf_counter() - started


def build_in_child(report_id):
    """Build in a fresh process (as a worker would); returns (seconds, peak RSS in MB)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--build", str(report_id)], cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"Building report {report_id} failed (exit status {status}).")
    return seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claim-lines", type=int, default=1_000_000)
    parser.add_argument("--placements", type=int, default=200_000)
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.build:
        from reports.services import report_build

        report = report_build(report_id=args.build)
        if report.status != "succeeded":
            raise SystemExit(f"Report {report.pk} {report.status}: {report.error}")
        return

    ensure_database()
    from core.testing.factories import AdminUserFactory
    from reports.models import Report

    print(f"Filling (once): {args.claim_lines:,} claim lines and {args.placements:,} placements ...", flush=True)
    started = time.perf_counter()
    round = fill_credentials(args.claim_lines)
    fill_placements(args.placements)
    print(f"  ready in {time.perf_counter() - started:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    user = AdminUserFactory(email=f"bench-{time.time_ns()}@example.test")
    print(f"{'report':<24}{'rows':>12}{'XLSX build':>14}{'bare SQL':>12}{'peak RSS':>12}  target")
    for kind, params in [("credential-round", {"round": round.pk}), ("work-based-learning", {})]:
        sql_seconds = bare_aggregates(kind, params, user)
        report = Report.objects.create(kind=kind, parameters=params, format="xlsx", requested_by=user)
        seconds, peak = build_in_child(report.pk)
        report.refresh_from_db()
        ok = "ok" if seconds <= 30 and peak <= 300 else "MISSED (30 s, 300 MB)"
        print(f"{kind:<24}{report.rows:>12,}{seconds:>12.1f} s{sql_seconds:>10.2f} s{peak:>9.0f} MB  {ok}")


if __name__ == "__main__":
    main()
