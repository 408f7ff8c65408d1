"""Credential round report: one funding round's applications, awards, credentials earned and reimbursements.

Every number is an SQL aggregate. Groups by category, county and employer size are grouped in SQL; the industry
cluster of an employer comes from its NAICS code and the clusters' NAICS prefixes, so the database groups by
NAICS code and the few NAICS groups are folded into clusters here (sums only, so nothing is double counted).
"""

from collections import defaultdict

from django import forms
from django.db.models import Count, DecimalField, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.exports import CHUNK_SIZE, Chart, Column, Headline, Table
from core.money import ZERO
from credentials.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    ClaimLine,
    ClaimStatus,
    FundingRound,
)
from reports.exporters.base import Exporter, ParametersForm, registry
from reports.exporters.common import UNKNOWN, clusters_by_naics, divide, label_of, size_class_case

MONEY = DecimalField(max_digits=14, decimal_places=2)
EARNED_STATUSES = [ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID]


class CredentialRoundForm(ParametersForm):
    round = forms.ModelChoiceField(
        FundingRound.objects.order_by("-opens_at"), label="Funding round", empty_label="Pick a round"
    )


def _line_sums(prefix=""):
    """Additive sums over submitted application lines (`prefix` reaches ApplicationLine from the queryset)."""
    p = prefix
    return {
        "applications": Count(f"{p}application", distinct=True),
        "lines": Count(f"{p}pk" if p else "pk"),
        "employee_total": Coalesce(Sum(f"{p}employees"), 0),
        "requested": Coalesce(Sum(f"{p}amount_requested"), ZERO, output_field=MONEY),
        "awarded": Coalesce(Sum(f"{p}award__amount"), ZERO, output_field=MONEY),
        "wage_before_total": Coalesce(Sum(F(f"{p}wage_before") * F(f"{p}employees")), ZERO, output_field=MONEY),
        "wage_after_total": Coalesce(Sum(F(f"{p}wage_after") * F(f"{p}employees")), ZERO, output_field=MONEY),
    }


CLAIM_SUMS = {
    "earned": Count("pk"),
    "paid": Coalesce(Sum("amount", filter=Q(claim__status=ClaimStatus.PAID)), ZERO, output_field=MONEY),
    "actual_wage_total": Coalesce(Sum("wage_after"), ZERO, output_field=MONEY),
}

# (table title, column label, group expression from ApplicationLine, the same from ClaimLine, label function)
DIMENSIONS = [
    ("By category", "Category", F("credential__category__name"), F("award__line__credential__category__name")),
    (
        "By county",
        "County",
        F("application__organization__county__name"),
        F("award__line__application__organization__county__name"),
    ),
    (
        "By employer size",
        "Employer size",
        size_class_case("application__organization__employee_count"),
        size_class_case("award__line__application__organization__employee_count"),
    ),
    (
        "By industry cluster",
        "Industry cluster",
        F("application__organization__naics_code"),
        F("award__line__application__organization__naics_code"),
    ),
]

GROUP_COLUMNS = [
    Column("Applications", "int"),
    Column("Employees", "int"),
    Column("Requested", "money"),
    Column("Awarded", "money"),
    Column("Credentials earned", "int"),
    Column("Reimbursements paid", "money"),
    Column("Average hourly wage before", "money"),
    Column("Pledged average hourly wage after", "money"),
    Column("Average hourly wage after (claims)", "money"),
]


@registry.register
class CredentialRoundExporter(Exporter):
    identifier = "credential-round"
    position = 30
    title = "Credential round report"
    description = (
        "One funding round: applications, awards, credentials earned, reimbursements paid and wages before and "
        "after, by category, county, employer size and industry cluster."
    )
    form_class = CredentialRoundForm

    @property
    def round(self):
        return self.options["round"]

    def lines(self):
        return ApplicationLine.objects.filter(application__round=self.round).exclude(
            application__status=ApplicationStatus.DRAFT
        )

    def claim_lines(self):
        return ClaimLine.objects.filter(award__line__application__round=self.round, claim__status__in=EARNED_STATUSES)

    def subtitle(self):
        opens, closes = timezone.localtime(self.round.opens_at), timezone.localtime(self.round.closes_at)
        return f"{self.round.name} · open {opens:%b %-d, %Y} to {closes:%b %-d, %Y}"

    def _totals(self):
        if not hasattr(self, "_cached_totals"):
            totals = self.lines().aggregate(**_line_sums())
            totals.update(self.claim_lines().aggregate(**CLAIM_SUMS))
            self._cached_totals = totals
        return self._cached_totals

    def headlines(self):
        totals = self._totals()
        decisions = Application.objects.filter(round=self.round).aggregate(
            submitted=Count("pk", filter=~Q(status=ApplicationStatus.DRAFT)),
            awarded=Count("pk", filter=Q(status=ApplicationStatus.AWARDED)),
            declined=Count("pk", filter=Q(status=ApplicationStatus.DECLINED)),
        )
        return [
            Headline("Applications submitted", decisions["submitted"]),
            Headline("Applications awarded", decisions["awarded"]),
            Headline("Applications declined", decisions["declined"]),
            Headline("Round budget", self.round.total_budget, "money"),
            Headline("Amount requested", totals["requested"], "money"),
            Headline("Amount awarded", totals["awarded"], "money"),
            Headline("Budget remaining", self.round.total_budget - totals["awarded"], "money"),
            Headline("Credentials earned", totals["earned"]),
            Headline("Reimbursements paid", totals["paid"], "money"),
            Headline(
                "Average hourly wage before",
                divide(totals["wage_before_total"], totals["employee_total"]),
                "money",
            ),
            Headline(
                "Pledged average hourly wage after",
                divide(totals["wage_after_total"], totals["employee_total"]),
                "money",
            ),
            Headline(
                "Average hourly wage after (claims)", divide(totals["actual_wage_total"], totals["earned"]), "money"
            ),
        ]

    @staticmethod
    def _row(label, sums):
        return (
            label,
            sums.get("applications", 0),
            sums.get("employee_total", 0),
            sums.get("requested", ZERO),
            sums.get("awarded", ZERO),
            sums.get("earned", 0),
            sums.get("paid", ZERO),
            divide(sums.get("wage_before_total"), sums.get("employee_total")),
            divide(sums.get("wage_after_total"), sums.get("employee_total")),
            divide(sums.get("actual_wage_total"), sums.get("earned")),
        )

    def group_table(self, title, label, line_key, claim_key):
        groups = defaultdict(dict)
        for row in self.lines().annotate(group=line_key).order_by().values("group").annotate(**_line_sums()):
            groups[row.pop("group")].update(row)
        for row in self.claim_lines().annotate(group=claim_key).order_by().values("group").annotate(**CLAIM_SUMS):
            groups[row.pop("group")].update(row)
        if label == "Industry cluster":
            groups = self._fold_into_clusters(groups)
        rows = [self._row(name or UNKNOWN, sums) for name, sums in sorted(groups.items(), key=lambda i: i[0] or "")]
        return Table(
            title,
            [Column(label), *GROUP_COLUMNS],
            rows,
            count=len(rows),
            totals=self._row("Total", self._totals()),
            # Before any award the amounts requested say more than a chart of zeros.
            chart=Chart(f"Amount awarded {title.lower()}", value_column=4)
            if self._totals()["awarded"]
            else Chart(f"Amount requested {title.lower()}", value_column=3),
        )

    @staticmethod
    def _fold_into_clusters(by_naics):
        cluster_of = clusters_by_naics(by_naics)
        folded = defaultdict(lambda: defaultdict(int))
        for code, sums in by_naics.items():
            for name, value in sums.items():
                folded[cluster_of[code]][name] += value
        return folded

    def tables(self):
        tables = [self.group_table(*dimension) for dimension in DIMENSIONS]
        tables.append(self.lines_table())
        tables.append(self.earned_table())
        return tables

    def lines_table(self):
        lines = self.lines().annotate(size=size_class_case("application__organization__employee_count"))
        statuses = dict(ApplicationStatus.choices)
        columns = [
            Column("Application"),
            Column("Employer"),
            Column("County"),
            Column("Employer size"),
            Column("Credential"),
            Column("Category"),
            Column("Training provider"),
            Column("Employees", "int"),
            Column("Requested", "money"),
            Column("Awarded", "money"),
            Column("Hourly wage before", "money"),
            Column("Pledged hourly wage after", "money"),
            Column("Status"),
        ]
        fields = (
            "application_id",
            "application__organization__name",
            "application__organization__county__name",
            "size",
            "credential__title",
            "credential__category__name",
            "training_provider",
            "employees",
            "amount_requested",
            "award__amount",
            "wage_before",
            "wage_after",
            "application__status",
        )

        def rows():
            queryset = lines.order_by("application__organization__name", "pk").values_list(*fields)
            for row in queryset.iterator(chunk_size=CHUNK_SIZE):
                yield (*row[:-1], label_of(statuses, row[-1]))

        totals = self._totals()
        return Table(
            "Application lines",
            columns,
            rows(),
            count=totals["lines"],
            totals=("Total", "", "", "", "", "", "", totals["employee_total"], totals["requested"], totals["awarded"]),
            detail=True,
        )

    def earned_table(self):
        statuses = dict(ClaimStatus.choices)
        columns = [
            Column("Claim"),
            Column("Employer"),
            Column("Credential"),
            Column("Category"),
            Column("Date earned", "date"),
            Column("Claim status"),
            Column("Amount claimed", "money"),
            Column("Hourly wage after", "money"),
        ]
        fields = (
            "claim_id",
            "claim__organization__name",
            "award__line__credential__title",
            "award__line__credential__category__name",
            "date_earned",
            "claim__status",
            "amount",
            "wage_after",
        )

        def rows():
            queryset = self.claim_lines().order_by("claim_id", "pk").values_list(*fields)
            for row in queryset.iterator(chunk_size=CHUNK_SIZE):
                yield (*row[:5], label_of(statuses, row[5]), *row[6:])

        totals = self._totals()
        claimed = self.claim_lines().aggregate(t=Coalesce(Sum("amount"), ZERO, output_field=MONEY))["t"]
        return Table(
            "Credentials earned",
            columns,
            rows(),
            count=totals["earned"],
            totals=("Total", "", "", "", "", "", claimed, None),
            detail=True,
            note="One row per employee who earned a credential (claims returned for changes are left out). "
            "Employee names, SSN digits and dates of birth are never included in reports.",
        )
