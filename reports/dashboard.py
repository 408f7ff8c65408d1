"""The numbers on the staff dashboard. Every figure is a database aggregate; the page costs the same number of
queries however many partnerships, applications or placements there are.

The aggregates over the programs' biggest tables (a million time entries, hundreds of thousands of awards, claims
and placements) are remembered (core.remembered.remember) until a row of their table is saved or deleted
(core.remembered.forget_when_changed, connected by the apps), so the figures stay exact and the page does not sum
a million rows on every visit.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.charts import Series, chart_config
from core.money import ZERO
from core.remembered import remember
from credentials.models import Application, ApplicationStatus, ClaimStatus, FundingRound, ReimbursementClaim
from partnerships.models import (
    OutcomeReport,
    PriorityDesignation,
    ReportingPeriod,
    SectorPartnership,
    Stage,
    StageChange,
)
from reports.models import Report
from workbased_learning.models import (
    IncentiveApplication,
    IncentiveBudgetPeriod,
    IncentiveLine,
    LineDecision,
    Placement,
    PlacementStatus,
    TimeEntry,
    TimeEntryStatus,
)

RECENT = 8


@dataclass
class Activity:
    """One line of the recent-activity list."""

    when: datetime
    text: str
    url: str


def partnership_figures():
    """Partnerships by stage, cluster and region: each a chart and the same numbers as a table."""
    partnerships = SectorPartnership.objects.all()
    stages = partnerships.count_by_stage()
    charts = [
        ("stage", "By stage", [(Stage(value).label, n) for value, n in stages.items()]),
        ("cluster", "By industry cluster", partnerships.count_by_cluster()),
        ("region", "By region", partnerships.count_by_region()),
    ]
    return {
        "partnership_total": sum(stages.values()),
        "priority_total": PriorityDesignation.objects.current().count(),
        "partnership_charts": [
            {
                "json_id": f"partnerships-by-{key}-data",
                "title": title,
                "rows": rows,
                "config": chart_config(
                    "bar",
                    [label for label, _ in rows],
                    [Series("Partnerships", [n for _, n in rows])],
                    horizontal=True,
                    legend=False,
                    whole_numbers=True,
                ),
            }
            for key, title, rows in charts
        ],
    }


def current_period():
    """The half-year containing today, or the latest one on file."""
    today = timezone.localdate()
    return ReportingPeriod.objects.containing(today).first() or ReportingPeriod.objects.order_by("-start").first()


def outcome_figures(period):
    if period is None:
        return {"period": None, "outcome_totals": [], "reports_due": [], "reports_due_count": 0}
    filed = OutcomeReport.objects.filed().filter(period=period)
    due = SectorPartnership.objects.owing_report(period).select_related("cluster").order_by("name")
    return {
        "period": period,
        "outcome_totals": [(metric, total) for metric, total in filed.totals_by_metric(period) if metric.is_active],
        "reports_filed": filed.count(),
        "reports_due": list(due[:10]),
        "reports_due_count": due.count(),
    }


def claim_counts():
    return ReimbursementClaim.objects.order_by().aggregate(
        to_approve=Count("pk", filter=Q(status=ClaimStatus.SUBMITTED)),
        to_pay=Count("pk", filter=Q(status=ClaimStatus.APPROVED)),
    )


def credential_figures():
    open_round = next(iter(FundingRound.objects.open_now().order_by("closes_at")[:1].with_totals()), None)
    round_figures = None
    if open_round:
        round_figures = {
            "round": open_round,
            "applications": open_round.submitted_count,
            "awarded": open_round.awarded_sum,
        }
    claims = remember(ReimbursementClaim, ("dashboard-claim-counts",), claim_counts)
    return {
        "open_round": round_figures,
        "applications_awaiting_review": Application.objects.filter(status=ApplicationStatus.SUBMITTED).count(),
        "claims_to_approve": claims["to_approve"],
        "claims_to_pay": claims["to_pay"],
    }


def placement_counts():
    return Placement.objects.order_by().aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status=PlacementStatus.ACTIVE)),
        completed=Count("pk", filter=Q(status=PlacementStatus.COMPLETED)),
        withdrawn=Count("pk", filter=Q(status=PlacementStatus.WITHDRAWN)),
    )


def approved_hours():
    return TimeEntry.objects.filter(status=TimeEntryStatus.APPROVED).aggregate(t=Coalesce(Sum("hours"), ZERO))["t"]


def workbased_learning_figures():
    placements = remember(Placement, ("dashboard-placement-counts",), placement_counts)
    hours = remember(TimeEntry, ("dashboard-approved-hours",), approved_hours)
    finished = placements["completed"] + placements["withdrawn"]
    today = timezone.localdate()
    period = (
        IncentiveBudgetPeriod.objects.filter(starts_on__lte=today, ends_on__gte=today).first()
        or IncentiveBudgetPeriod.objects.order_by("-starts_on").first()
    )
    credits = None
    if period:
        approved = IncentiveLine.objects.filter(
            application__program_year__budget_period=period, decision=LineDecision.APPROVED
        ).aggregate(t=Coalesce(Sum("credit_approved"), ZERO))["t"]
        credits = {
            "period": period,
            "approved": approved,
            "cap": period.cap,
            "percent": min(100, int(approved * 100 / period.cap)) if period.cap else 0,
        }
    return {
        "placements": placements,
        "approved_hours": hours,
        "completion_rate": round(100 * placements["completed"] / finished) if finished else None,
        "incentive_credits": credits,
        "incentives_overdue": IncentiveApplication.objects.overdue().count(),
    }


def recent_activity():
    """The latest things that happened across the programs, newest first."""
    items = []
    for change in StageChange.objects.select_related("partnership").order_by("-changed_at")[:RECENT]:
        items.append(
            Activity(
                change.changed_at,
                f"{change.partnership} moved to {change.get_to_stage_display().lower()}",
                reverse("partnerships:detail", args=[change.partnership_id]),
            )
        )
    reports = OutcomeReport.objects.filter(submitted_at__isnull=False).select_related("partnership", "period")
    for report in reports.order_by("-submitted_at")[:RECENT]:
        items.append(
            Activity(
                report.submitted_at,
                f"{report.partnership} filed its outcome report for {report.period.label}",
                report.get_absolute_url(),
            )
        )
    applications = Application.objects.filter(submitted_at__isnull=False).select_related("organization", "round")
    for application in applications.order_by("-submitted_at")[:RECENT]:
        items.append(
            Activity(
                application.submitted_at,
                f"{application.organization} applied in {application.round}",
                application.get_absolute_url(),
            )
        )
    for claim in ReimbursementClaim.objects.select_related("organization").order_by("-submitted_at")[:RECENT]:
        items.append(
            Activity(claim.submitted_at, f"{claim.organization} claimed reimbursement", claim.get_absolute_url())
        )
    incentives = IncentiveApplication.objects.select_related("employer", "program_year")
    for incentive in incentives.order_by("-submitted_at")[:RECENT]:
        items.append(
            Activity(
                incentive.submitted_at,
                f"{incentive.employer} applied for the work-based learning incentive ({incentive.program_year.year})",
                incentive.get_absolute_url(),
            )
        )
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:RECENT]


def dashboard_context(*, user):
    context = {}
    context.update(partnership_figures())
    context.update(outcome_figures(current_period()))
    context.update(credential_figures())
    context.update(workbased_learning_figures())
    context["activity"] = recent_activity()
    context["my_reports"] = list(Report.objects.filter(requested_by=user).order_by("-queued_at")[:5])
    return context
