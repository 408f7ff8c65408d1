"""Work-based learning report: placements by type, modality, county and program; hours; completion; incentive
credits approved against each budget period's cap.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Concat

from core.exports import CHUNK_SIZE, Chart, Column, Headline, Table, cell_text
from core.models import County
from core.money import ZERO
from reports.exporters.base import Exporter, ParametersForm, registry
from reports.exporters.common import divide, label_of
from workbased_learning.models import (
    IncentiveBudgetPeriod,
    IncentiveLine,
    LineDecision,
    Modality,
    OpportunityType,
    Placement,
    PlacementStatus,
    TimeEntry,
    TimeEntryStatus,
)

HOURS = DecimalField(max_digits=14, decimal_places=2)
MONEY = DecimalField(max_digits=14, decimal_places=2)


class WorkBasedLearningForm(ParametersForm):
    starts_on = forms.DateField(
        required=False, label="From", help_text="Placements running on or after this day. Empty: from the start."
    )
    ends_on = forms.DateField(
        required=False, label="To", help_text="Placements running on or before this day. Empty: up to today."
    )
    county = forms.ModelChoiceField(
        County.objects.all(), required=False, empty_label="Every county", help_text="The county of the CTE program."
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError({"ends_on": "The end of the period comes before its start."})
        return data


def _placement_sums():
    """Counts of placements by status and approved hours, additive over groups."""
    approved = Q(time_entries__status=TimeEntryStatus.APPROVED)
    return {
        "placements": Count("pk", distinct=True),
        "active": Count("pk", filter=Q(status=PlacementStatus.ACTIVE), distinct=True),
        "completed": Count("pk", filter=Q(status=PlacementStatus.COMPLETED), distinct=True),
        "withdrawn": Count("pk", filter=Q(status=PlacementStatus.WITHDRAWN), distinct=True),
        "hours": Coalesce(Sum("time_entries__hours", filter=approved), Decimal("0"), output_field=HOURS),
    }


GROUP_COLUMNS = [
    Column("Placements", "int"),
    Column("Active", "int"),
    Column("Completed", "int"),
    Column("Withdrawn", "int"),
    Column("Approved hours", "decimal"),
    Column("Completion rate", "percent"),
]


def _completion(sums):
    """Completed among finished placements (completed or withdrawn), as a fraction."""
    finished = sums["completed"] + sums["withdrawn"]
    return divide(sums["completed"], finished, "0.001")


@registry.register
class WorkBasedLearningExporter(Exporter):
    identifier = "work-based-learning"
    position = 40
    title = "Work-based learning report"
    description = (
        "Placements by type, modality, county and CTE program; approved hours; completion; and incentive credits "
        "approved against each budget period's cap."
    )
    form_class = WorkBasedLearningForm

    def placements(self):
        queryset = Placement.objects.all()
        if self.options.get("starts_on"):
            queryset = queryset.filter(end_date__gte=self.options["starts_on"])
        if self.options.get("ends_on"):
            queryset = queryset.filter(start_date__lte=self.options["ends_on"])
        if self.options.get("county"):
            queryset = queryset.filter(program__county=self.options["county"])
        return queryset

    def subtitle(self):
        start, end, county = (self.options.get(name) for name in ("starts_on", "ends_on", "county"))
        if not (start or end):
            return f"All placements{f', {county}' if county else ''}"
        period = f"{cell_text(start) or 'the start'} to {cell_text(end) or 'today'}"
        return f"{period}{f', {county}' if county else ''}"

    def _totals(self):
        if not hasattr(self, "_cached_totals"):
            self._cached_totals = self.placements().aggregate(**_placement_sums())
        return self._cached_totals

    def headlines(self):
        totals = self._totals()
        return [
            Headline("Placements", totals["placements"]),
            Headline("Active", totals["active"]),
            Headline("Completed", totals["completed"]),
            Headline("Withdrawn", totals["withdrawn"]),
            Headline("Approved hours", totals["hours"], "decimal"),
            Headline("Completion rate", _completion(totals), "percent"),
        ]

    def _row(self, label, sums):
        return (
            label,
            sums["placements"],
            sums["active"],
            sums["completed"],
            sums["withdrawn"],
            sums["hours"],
            _completion(sums),
        )

    def group_table(self, title, label, key, labels=None):
        grouped = self.placements().annotate(group=key).order_by("group").values("group").annotate(**_placement_sums())
        rows = [self._row(label_of(labels, row["group"]) if labels else row["group"], row) for row in grouped]
        return Table(
            title,
            [Column(label), *GROUP_COLUMNS],
            rows,
            count=len(rows),
            totals=self._row("Total", self._totals()),
            chart=Chart(f"Placements {title.lower()}"),
        )

    def tables(self):
        return [
            self.group_table("By type", "Type", F("opportunity__type"), OpportunityType.choices),
            self.group_table("By modality", "Modality", F("opportunity__modality"), Modality.choices),
            self.group_table("By county", "County of the program", F("program__county__name")),
            self.group_table(
                "By program", "CTE program", Concat("program__name", Value(" · "), "program__provider__name")
            ),
            self.incentive_table(),
            self.placements_table(),
        ]

    def incentive_table(self):
        lines = IncentiveLine.objects.filter(application__program_year__budget_period=OuterRef("pk")).order_by()

        def total(decision, field):
            return Coalesce(
                Subquery(
                    lines.filter(decision=decision)
                    .values("application__program_year__budget_period")
                    .annotate(t=Sum(field))
                    .values("t")
                ),
                ZERO,
                output_field=MONEY,
            )

        periods = IncentiveBudgetPeriod.objects.order_by("starts_on").annotate(
            approved=total(LineDecision.APPROVED, "credit_approved"),
            pending=total(LineDecision.PENDING, "credit_requested"),
            learners=Coalesce(
                Subquery(
                    lines.filter(decision=LineDecision.APPROVED)
                    .values("application__program_year__budget_period")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
        )
        rows = [
            (
                period.name,
                period.starts_on,
                period.ends_on,
                period.cap,
                period.learners,
                period.approved,
                period.pending,
                period.cap - period.approved,
                divide(period.approved, period.cap, "0.001"),
            )
            for period in periods
        ]
        return Table(
            "Incentive credits",
            [
                Column("Budget period"),
                Column("Starts", "date"),
                Column("Ends", "date"),
                Column("Cap", "money"),
                Column("Learners approved", "int"),
                Column("Credits approved", "money"),
                Column("Credits requested, undecided", "money"),
                Column("Remaining under the cap", "money"),
                Column("Share of cap used", "percent"),
            ],
            rows,
            count=len(rows),
            chart=Chart("Credits approved by budget period", value_column=5),
            note="Employer incentive credits for every budget period; the placement filters above do not apply.",
        )

    def placements_table(self):
        hours = (
            TimeEntry.objects.filter(placement=OuterRef("pk"), status=TimeEntryStatus.APPROVED)
            .order_by()
            .values("placement")
            .annotate(t=Sum("hours"))
            .values("t")
        )
        types, modalities, statuses = (
            dict(OpportunityType.choices),
            dict(Modality.choices),
            dict(PlacementStatus.choices),
        )
        fields = (
            "learner_ref",
            "program__name",
            "program__provider__name",
            "program__county__name",
            "opportunity__title",
            "opportunity__host__name",
            "opportunity__type",
            "opportunity__modality",
            "start_date",
            "end_date",
            "status",
            "opportunity__hours_target",
            "approved_hours",
        )

        def rows():
            queryset = (
                self.placements()
                .annotate(approved_hours=Coalesce(Subquery(hours), Decimal("0"), output_field=HOURS))
                .order_by("start_date", "pk")
                .values_list(*fields)
            )
            for row in queryset.iterator(chunk_size=CHUNK_SIZE):
                row = list(row)
                row[6], row[7], row[10] = types.get(row[6]), modalities.get(row[7]), statuses.get(row[10])
                yield row

        totals = self._totals()
        return Table(
            "Placements",
            [
                Column("Learner id"),
                Column("CTE program"),
                Column("Provider"),
                Column("County"),
                Column("Opportunity"),
                Column("Host employer"),
                Column("Type"),
                Column("Modality"),
                Column("Start", "date"),
                Column("End", "date"),
                Column("Status"),
                Column("Hours target", "int"),
                Column("Approved hours", "decimal"),
            ],
            rows(),
            count=totals["placements"],
            totals=("Total", "", "", "", "", "", "", "", "", "", "", None, totals["hours"]),
            detail=True,
            note="Learners appear by their provider's pseudonymous id only; dates of birth are never included.",
        )
