"""The two sector partnership reports: one partnership's outcomes for a half-year, and the statewide summary."""

from django import forms
from django.db.models import Count, Q, Sum

from core.exports import CHUNK_SIZE, Chart, Column, Headline, Table, cell_text
from partnerships.models import (
    KIND_OF_ROLE,
    Action,
    ActionStatus,
    Meeting,
    MeetingFormat,
    MeetingKind,
    Membership,
    MembershipRole,
    OutcomeMetric,
    OutcomeReport,
    OutcomeValue,
    PriorityDesignation,
    ReportingPeriod,
    ReportStatus,
    Scope,
    SectorPartnership,
    SkillGap,
    Stage,
    SupportKind,
    SupportRecord,
)
from reports.exporters.base import Exporter, ParametersForm, registry


def previous_period(period):
    """The half-year before `period`, if it is on file."""
    start = period.start.replace(year=period.start.year - 1, month=7) if period.start.month == 1 else None
    start = start or period.start.replace(month=1)
    return ReportingPeriod.objects.filter(start=start).first()


def metric_values(reports):
    """{metric id: summed value} over the given outcome reports."""
    return dict(
        OutcomeValue.objects.filter(report__in=reports).order_by().values_list("metric_id").annotate(total=Sum("value"))
    )


def outcomes_table(title, current, previous, *, note=""):
    """Every Outcomes Template metric: this period, the previous one, and the change."""
    rows = []
    for metric in OutcomeMetric.objects.order_by("position", "name"):
        now, before = current.get(metric.pk), previous.get(metric.pk)
        change = now - before if now is not None and before is not None else None
        rows.append(
            (
                metric.name,
                metric.get_unit_display(),
                metric.get_category_display(),
                metric.get_audience_display(),
                now,
                before,
                change,
            )
        )
    return Table(
        title,
        [
            Column("Metric"),
            Column("Unit"),
            Column("Category"),
            Column("Audience"),
            Column("This period", "number"),
            Column("Previous period", "number"),
            Column("Change", "number"),
        ],
        rows,
        count=len(rows),
        note=note,
    )


def counted_choices(queryset, field, choices, title, label, *, chart_title=None):
    """A table counting `queryset` rows per choice of `field`, every choice listed (zero when none)."""
    counts = dict(queryset.order_by().values_list(field).annotate(n=Count("pk", distinct=True)))
    rows = [(choice_label, counts.get(value, 0)) for value, choice_label in choices]
    return Table(
        title,
        [Column(label), Column("Count", "int")],
        rows,
        count=len(rows),
        totals=("Total", queryset.order_by().aggregate(n=Count("pk", distinct=True))["n"]),
        chart=Chart(chart_title) if chart_title else None,
    )


class PartnershipOutcomesForm(ParametersForm):
    partnership = forms.ModelChoiceField(SectorPartnership.objects.none(), empty_label="Pick a partnership")
    period = forms.ModelChoiceField(ReportingPeriod.objects.all(), label="Half-year", empty_label="Pick a half-year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnerships = SectorPartnership.objects.select_related("cluster")
        if self.user is not None:
            partnerships = partnerships.visible_to(self.user)
        self.fields["partnership"].queryset = partnerships


@registry.register
class PartnershipOutcomesExporter(Exporter):
    identifier = "partnership-outcomes"
    position = 10
    title = "Partnership outcomes report"
    description = (
        "One partnership and half-year: stakeholders by kind, meetings, skill gaps and actions, every Outcomes "
        "Template metric against the previous half-year, and the narrative."
    )
    form_class = PartnershipOutcomesForm

    @property
    def partnership(self):
        return self.options["partnership"]

    @property
    def period(self):
        return self.options["period"]

    def subtitle(self):
        start, end = cell_text(self.period.start), cell_text(self.period.end)
        return f"{self.partnership.name} · {self.period.label} ({start} to {end})"

    def report(self):
        if not hasattr(self, "_report"):
            self._report = OutcomeReport.objects.filter(partnership=self.partnership, period=self.period).first()
        return self._report

    def memberships(self):
        return Membership.objects.filter(partnership=self.partnership)

    def meetings(self):
        return Meeting.objects.filter(partnership=self.partnership).between(self.period.start, self.period.end)

    def headlines(self):
        partnership, report = self.partnership, self.report()
        actions = Action.objects.filter(partnership=partnership).aggregate(
            open=Count("pk", filter=Q(status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS])),
            done=Count(
                "pk", filter=Q(status=ActionStatus.DONE, completed_on__range=(self.period.start, self.period.end))
            ),
        )
        return [
            Headline("Stage", partnership.get_stage_display(), "text"),
            Headline("Industry cluster", str(partnership.cluster), "text"),
            Headline("Convener", str(partnership.convener or "None named"), "text"),
            Headline("Outcome report", report.get_status_display() if report else "Not started", "text"),
            Headline("Current members", self.memberships().current().count()),
            Headline("Meetings in the half-year", self.meetings().count()),
            Headline("Skill gaps", SkillGap.objects.filter(partnership=partnership).count()),
            Headline("Open actions", actions["open"]),
            Headline("Actions done in the half-year", actions["done"]),
        ]

    def tables(self):
        return [
            self.stakeholder_kinds(),
            self.stakeholders(),
            self.meetings_table(),
            self.gaps_table(),
            self.actions_table(),
            self.outcomes(),
            self.narrative(),
        ]

    def stakeholder_kinds(self):
        by_role = self.memberships().current().count_by_role()
        kinds = {}
        for role, n in by_role.items():
            kind = KIND_OF_ROLE[MembershipRole(role)]
            kinds[kind.label] = kinds.get(kind.label, 0) + n
        rows = list(kinds.items())
        return Table(
            "Stakeholders by kind",
            [Column("Kind"), Column("Current members", "int")],
            rows,
            count=len(rows),
            totals=("Total", self.memberships().current().count()),
            chart=Chart("Current members by kind"),
        )

    def stakeholders(self):
        roles = dict(MembershipRole.choices)
        queryset = (
            self.memberships()
            .order_by("role", "organization__name")
            .values_list("organization__name", "organization__kind", "role", "joined_on", "left_on")
        )
        rows = [
            (name, kind, roles.get(role), KIND_OF_ROLE[MembershipRole(role)].label, joined, left)
            for name, kind, role, joined, left in queryset
        ]
        return Table(
            "Stakeholders",
            [
                Column("Organisation"),
                Column("Organisation kind"),
                Column("Role"),
                Column("Stakeholder kind"),
                Column("Joined", "date"),
                Column("Left", "date"),
            ],
            rows,
            count=len(rows),
        )

    def meetings_table(self):
        kinds, formats = dict(MeetingKind.choices), dict(MeetingFormat.choices)
        queryset = self.meetings().annotate(attended=Count("attendees")).order_by("starts_at")
        rows = [
            (m.starts_at, kinds.get(m.kind), m.title, formats.get(m.format), m.attended)
            for m in queryset.only("starts_at", "kind", "title", "format")
        ]
        return Table(
            "Meetings",
            [Column("When"), Column("Kind"), Column("Title"), Column("Format"), Column("Attendees", "int")],
            rows,
            count=len(rows),
            totals=("Total", "", "", "", sum(row[4] for row in rows)),
        )

    def gaps_table(self):
        queryset = (
            SkillGap.objects.filter(partnership=self.partnership)
            .annotate(actions_count=Count("actions"))
            .order_by("priority", "soc_code")
        )
        rows = [
            (
                g.soc_code,
                g.occupation_title,
                g.get_horizon_display(),
                g.get_status_display(),
                g.get_priority_display(),
                g.actions_count,
            )
            for g in queryset
        ]
        return Table(
            "Skill gaps",
            [
                Column("SOC code"),
                Column("Occupation"),
                Column("Horizon"),
                Column("Status"),
                Column("Priority"),
                Column("Actions", "int"),
            ],
            rows,
            count=len(rows),
        )

    def actions_table(self):
        queryset = (
            Action.objects.filter(partnership=self.partnership)
            .select_related("owner")
            .order_by("category", "due_on", "pk")
        )
        rows = [
            (
                a.title,
                a.get_category_display(),
                str(a.owner) if a.owner else "",
                a.due_on,
                a.get_status_display(),
                a.completed_on,
            )
            for a in queryset
        ]
        return Table(
            "Actions",
            [
                Column("Action"),
                Column("Outcome category"),
                Column("Owner"),
                Column("Due", "date"),
                Column("Status"),
                Column("Completed", "date"),
            ],
            rows,
            count=len(rows),
        )

    def outcomes(self):
        report = self.report()
        before = previous_period(self.period)
        previous_report = (
            OutcomeReport.objects.filter(partnership=self.partnership, period=before)
            if before
            else OutcomeReport.objects.none()
        )
        current = metric_values(OutcomeReport.objects.filter(pk=report.pk)) if report else {}
        note = "" if report else "No outcome report has been started for this half-year."
        return outcomes_table("Outcomes", current, metric_values(previous_report), note=note)

    def narrative(self):
        report = self.report()
        rows = []
        if report:
            rows = [
                ("Successes", report.successes),
                ("Challenges", report.challenges),
                ("Next steps", report.next_steps),
            ]
            if report.staff_comments:
                rows.append(("Staff comments", report.staff_comments))
        return Table("Narrative", [Column("Section"), Column("Text")], rows, count=len(rows))


class StatewideSummaryForm(ParametersForm):
    period = forms.ModelChoiceField(
        ReportingPeriod.objects.all(),
        required=False,
        label="Half-year",
        empty_label="The latest half-year on file",
        help_text="Outcome totals are for this half-year, against the one before.",
    )


@registry.register
class StatewideSummaryExporter(Exporter):
    identifier = "statewide-summary"
    position = 20
    title = "Statewide sector partnership summary"
    description = (
        "Partnerships by cluster, region and stage; outcome totals for a half-year against the one before; "
        "priority partnerships and the support the state gave them."
    )
    form_class = StatewideSummaryForm

    @property
    def period(self):
        if "_period" not in self.__dict__:
            self._period = self.options.get("period") or ReportingPeriod.objects.order_by("-start").first()
        return self._period

    def subtitle(self):
        return f"Outcomes for {self.period.label}" if self.period else "No reporting half-year on file yet"

    def headlines(self):
        partnerships = SectorPartnership.objects.all()
        filed = (
            OutcomeReport.objects.filed().filter(period=self.period) if self.period else OutcomeReport.objects.none()
        )
        return [
            Headline("Partnerships", partnerships.count()),
            Headline("Active or sustaining", partnerships.filter(stage__in=[Stage.ACTIVE, Stage.SUSTAINING]).count()),
            Headline("Priority partnerships", PriorityDesignation.objects.current().count()),
            Headline("Outcome reports filed for the half-year", filed.count()),
            Headline("Of which accepted", filed.filter(status=ReportStatus.ACCEPTED).count()),
            Headline("Support given (all time)", SupportRecord.objects.count()),
        ]

    def tables(self):
        partnerships = SectorPartnership.objects.all()
        by_stage = partnerships.count_by_stage()
        stage_rows = [(Stage(value).label, n) for value, n in by_stage.items()]
        total = partnerships.count()
        cluster_rows = partnerships.count_by_cluster()
        region_rows = partnerships.count_by_region()
        return [
            Table(
                "By stage",
                [Column("Stage"), Column("Partnerships", "int")],
                stage_rows,
                count=len(stage_rows),
                totals=("Total", total),
                chart=Chart("Partnerships by stage"),
            ),
            Table(
                "By cluster",
                [Column("Industry cluster"), Column("Partnerships", "int")],
                cluster_rows,
                count=len(cluster_rows),
                totals=("Total", total),
                chart=Chart("Partnerships by industry cluster"),
            ),
            Table(
                "By region",
                [Column("Region"), Column("Partnerships", "int")],
                region_rows,
                count=len(region_rows),
                chart=Chart("Partnerships by region"),
                note="A regional partnership serving two regions counts in each; statewide ones count once.",
            ),
            self.outcome_totals(),
            self.priority_table(),
            counted_choices(
                SupportRecord.objects.all(),
                "kind",
                SupportKind.choices,
                "Support by kind",
                "Support",
                chart_title="State support given, by kind",
            ),
            self.support_table(),
            self.partnerships_table(),
        ]

    def outcome_totals(self):
        if self.period is None:
            return outcomes_table("Outcome totals", {}, {}, note="No reporting half-year is on file yet.")
        before = previous_period(self.period)
        current = metric_values(OutcomeReport.objects.filed().filter(period=self.period))
        previous = metric_values(OutcomeReport.objects.filed().filter(period=before))
        return outcomes_table(
            "Outcome totals",
            current,
            previous,
            note="Sums over the outcome reports filed (submitted or accepted) for each half-year.",
        )

    def priority_table(self):
        designations = (
            PriorityDesignation.objects.current()
            .select_related("partnership__cluster")
            .annotate(support_count=Count("partnership__support_records"))
            .order_by("partnership__name")
        )
        rows = [
            (
                d.partnership.name,
                str(d.partnership.cluster),
                d.partnership.get_stage_display(),
                d.designated_on,
                d.rationale,
                d.support_count,
            )
            for d in designations
        ]
        return Table(
            "Priority partnerships",
            [
                Column("Partnership"),
                Column("Industry cluster"),
                Column("Stage"),
                Column("Designated", "date"),
                Column("Rationale"),
                Column("Support given", "int"),
            ],
            rows,
            count=len(rows),
            totals=("Total", "", "", "", "", sum(row[5] for row in rows)),
        )

    def support_table(self):
        kinds = dict(SupportKind.choices)
        queryset = SupportRecord.objects.order_by("-provided_on", "pk").values_list(
            "partnership__name", "kind", "provided_on", "provided_by__name", "description"
        )

        def rows():
            for name, kind, provided_on, provider, description in queryset.iterator(chunk_size=CHUNK_SIZE):
                yield (name, kinds.get(kind), provided_on, provider or "Program office", description)

        return Table(
            "Support given",
            [Column("Partnership"), Column("Support"), Column("Provided", "date"), Column("By"), Column("Notes")],
            rows(),
            count=queryset.count(),
            detail=True,
        )

    def partnerships_table(self):
        queryset = (
            SectorPartnership.objects.with_member_count()
            .select_related("cluster", "convener")
            .prefetch_related("regions")
            .order_by("name")
        )
        stages, scopes = dict(Stage.choices), dict(Scope.choices)
        designated = set(PriorityDesignation.objects.current().values_list("partnership_id", flat=True))
        rows = [
            (
                p.name,
                str(p.cluster),
                scopes.get(p.scope),
                p.region_names(),
                stages.get(p.stage),
                str(p.convener or ""),
                p.member_count,
                "Yes" if p.pk in designated else "",
            )
            for p in queryset
        ]
        return Table(
            "Partnerships",
            [
                Column("Partnership"),
                Column("Industry cluster"),
                Column("Scope"),
                Column("Regions"),
                Column("Stage"),
                Column("Convener"),
                Column("Current members", "int"),
                Column("Priority"),
            ],
            rows,
            count=len(rows),
            totals=("Total", "", "", "", "", "", sum(row[6] for row in rows), len(designated)),
            detail=True,
        )
