"""`bench.scale.seed_scale` at a tiny factor: the volumes asked for, and the program rules hold on every row."""

from io import StringIO

import pytest
from django.db import connection
from django.db.models import F, Sum

from bench.scale import ROUND_PREFIX, SCALE_DOMAIN, VOLUMES, seed_scale
from core.models import Organization, OrganizationKind
from credentials.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    Award,
    ClaimLine,
    Credential,
    FundingRound,
    ReimbursementClaim,
    fiscal_year_of,
)
from partnerships.models import Membership, OutcomeReport, SectorPartnership
from toolkit.models import OccupationEstimate
from workbased_learning.models import IncentiveLine, IncentiveProgramYear, Placement, TimeEntry

FACTOR = 0.002

pytestmark = pytest.mark.django_db


def expected(name):
    return round(VOLUMES[name] * FACTOR)


def scale_orgs():
    return Organization.objects.filter(website__endswith=f".{SCALE_DOMAIN}/")


@pytest.fixture
def seeded():
    seed_scale(factor=FACTOR, stdout=StringIO())


def check_volumes_follow_the_factor():
    assert scale_orgs().count() == expected("organisations")
    assert Credential.objects.filter(category__slug__startswith="scale-").count() == expected("credentials")
    assert Application.objects.filter(round__name__startswith=ROUND_PREFIX).count() == expected("applications")
    assert SectorPartnership.objects.count() == expected("partnerships")
    assert Placement.objects.count() == expected("placements")
    assert OccupationEstimate.objects.count() == expected("estimates")
    # Derived volumes: about five claim lines per application and time entries per placement.
    assert 0.7 * expected("claim_lines") <= ClaimLine.objects.count() <= 1.3 * expected("claim_lines")
    assert TimeEntry.objects.count() >= 3 * expected("placements")
    assert Membership.objects.count() >= 8 * expected("partnerships")
    assert OutcomeReport.objects.exists()


def check_credential_rules_hold():
    rounds = {r.pk: r for r in FundingRound.objects.all()}
    # A line never asks more per employee than the round's per-credential cap.
    assert not ApplicationLine.objects.filter(
        amount_requested_per_employee__gt=F("application__round__per_credential_cap")
    )
    # No award above what its line asked for.
    assert not Award.objects.filter(amount__gt=F("line__amount_requested"))
    assert not Award.objects.exclude(line__application__status=ApplicationStatus.AWARDED)
    # Per employer: within the round cap, and within the fiscal-year cap over all rounds of that fiscal year.
    per_fiscal_year = {}
    for row in Award.objects.values(
        "line__application_id", "line__application__organization_id", "line__application__round_id"
    ).annotate(total=Sum("amount")):
        round = rounds[row["line__application__round_id"]]
        assert row["total"] <= round.per_employer_round_cap
        key = (row["line__application__organization_id"], round.fiscal_year)
        per_fiscal_year[key] = per_fiscal_year.get(key, 0) + row["total"]
    caps = {fiscal_year_of(r.closes_at.date()): r.per_employer_fiscal_year_cap for r in rounds.values()}
    assert all(total <= caps[fy] for (_org, fy), total in per_fiscal_year.items())
    # Every round stays within its budget.
    for round in rounds.values():
        assert round.awarded_total() <= round.total_budget


def check_claim_rules_hold():
    claimed = dict(ClaimLine.objects.values_list("award_id").annotate(total=Sum("amount")))
    awards = Award.objects.in_bulk(claimed)
    assert all(total <= awards[pk].amount for pk, total in claimed.items())
    for line in ClaimLine.objects.select_related("claim__application__round", "award__line"):
        award_line = line.award.line
        assert line.amount <= min(award_line.amount_requested_per_employee, line.award.amount)
        assert line.date_earned >= award_line.training_start
        window = line.claim.application.round.claim_window_days
        assert 0 <= (line.claim.submitted_at.date() - line.date_earned).days <= window
        assert line.award.line.application_id == line.claim.application_id
    # A claim's amount is the sum of its lines; one claim per employer per month is a database constraint.
    for claim in ReimbursementClaim.objects.annotate(total=Sum("lines__amount")):
        assert claim.amount == claim.total


def check_incentive_rules_hold():
    for line in IncentiveLine.objects.select_related("application__program_year", "placement"):
        year = line.application.program_year
        assert line.credit_requested == year.credit_for(line.wages_paid)
        assert line.credit_requested <= year.per_learner_cap
        assert line.placement.age_on(line.placement.start_date) <= year.max_learner_age
        assert line.placement.start_date.year == year.year
    for year in IncentiveProgramYear.objects.select_related("budget_period"):
        assert year.budget_period.approved_total() <= year.budget_period.cap


def test_volumes_and_rules(seeded):
    """One seeding (the slow part), every check on it."""
    check_volumes_follow_the_factor()
    check_credential_rules_hold()
    check_claim_rules_hold()
    check_incentive_rules_hold()


def test_a_second_run_replaces_the_first(seeded):
    seed_scale(factor=FACTOR, stdout=StringIO())
    assert scale_orgs().count() == expected("organisations")
    assert FundingRound.objects.filter(name__startswith=ROUND_PREFIX).count() == 20
    with pytest.raises(RuntimeError, match="earlier run"):
        seed_scale(factor=FACTOR, replace=False, stdout=StringIO())
    # The sequences were moved past the explicit ids: the ORM can add rows afterwards.
    Organization.objects.create(name="After the scale run", kind=OrganizationKind.EMPLOYER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM core_organization")
        assert cursor.fetchone()[0] == expected("organisations") + 1
