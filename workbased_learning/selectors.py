"""Reads that work-based learning's pages assemble: placement breakdowns and statewide figures (HackSoft's
selectors). Views pick what to read here and render it; nothing here writes."""

from collections import Counter

from django.utils import timezone

from core.charts import Series, chart_config
from core.remembered import remember
from workbased_learning.models import IncentiveBudgetPeriod, Modality, OpportunityType, Placement, TimeEntry

# The statewide overview lists the CTE programs with the most placements, this many of them.
PROGRAMS_SHOWN = 10
# How long the overview's statewide placement figures are kept before they are counted again.
STATEWIDE_FIGURES_SECONDS = 5 * 60


def _added_up(rows, field, choices=None):
    """Rows of `counts_by_each` added up by one of their fields: [{key, label, count}] in the order of the keys."""
    labels = dict(choices or [])
    totals = Counter()
    for row in rows:
        totals[row[field]] += row["count"]
    keys = sorted(totals, key=lambda key: (key is None, key or ""))
    return [{"key": key, "label": labels.get(key, key), "count": totals[key]} for key in keys]


def _placement_chart(kind, rows, **options):
    return chart_config(
        kind, [row["label"] or "—" for row in rows], [Series("Placements", [r["count"] for r in rows])], **options
    )


def placement_breakdown(placements, *, programs_shown=None):
    """The placements by type, modality, county and CTE program, as rows for tables and Chart.js configs.

    Two grouped counts give all four (type with modality, county with program), however many placements there are.
    With `programs_shown`, the breakdown by program keeps only the programs with the most placements (most first);
    without, every program in name order. `programs_total` says how many programs there are either way.
    """
    kinds = placements.counts_by_each("opportunity__type", "opportunity__modality")
    places = placements.counts_by_each("program__county__name", "program__name")
    by_type = _added_up(kinds, "opportunity__type", OpportunityType.choices)
    by_modality = _added_up(kinds, "opportunity__modality", Modality.choices)
    programs = _added_up(places, "program__name")
    shown = programs
    if programs_shown is not None:
        shown = sorted(programs, key=lambda row: (-row["count"], row["key"] or ""))[:programs_shown]
    return {
        "by_type": by_type,
        "by_modality": by_modality,
        "by_county": _added_up(places, "program__county__name"),
        "by_program": shown,
        "programs_total": len(programs),
        "charts": {
            "type": _placement_chart("bar", by_type, legend=False, whole_numbers=True),
            "modality": _placement_chart("doughnut", by_modality),
        },
    }


def statewide_placement_figures():
    """Every placement's totals and breakdowns, counted at most once every few minutes.

    At 200,000 placements and a million time entries they are a few hundred milliseconds of aggregates (the approved
    hours alone sum a million rows), too slow for each view of the overview; figures a few minutes old, with the
    time they were counted, serve its purpose.
    """

    def count():
        placements = Placement.objects.all()
        return {
            "summary": placements.summary(),
            "breakdown": placement_breakdown(placements, programs_shown=PROGRAMS_SHOWN),
            "counted_at": timezone.now(),
        }

    return remember(Placement, ("staff-overview",), count, timeout=STATEWIDE_FIGURES_SECONDS)


def budget_periods_with_use():
    """Every incentive budget period with its approved credits and `percent`, the share of its cap they use."""
    periods = list(IncentiveBudgetPeriod.objects.with_approved_credits())
    for period in periods:
        period.percent = min(100, int(period.approved_credits * 100 / period.cap)) if period.cap else 100
    return periods


def time_entries_to_sign_off(user):
    """The time entries `user` signs off: on placements they supervise at their own organisation's opportunities
    (every status; `.awaiting()` narrows to those still waiting). Another organisation's entry is never among them."""
    return TimeEntry.objects.filter(
        placement__supervisor=user, placement__opportunity__host_id=user.organization_id
    ).select_related("placement__opportunity")
