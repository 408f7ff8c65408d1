"""The organisation overview: everything the state does with one organisation, read across the domain apps.

Each section is one bounded query for its latest rows plus one count, whatever the organisation's history.
"""

from dataclasses import dataclass, field

import django_filters
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from core.models import Organization, OrganizationKind
from core.money import ZERO
from credentials.models import Application, ClaimStatus, ReimbursementClaim
from partnerships.models import Membership, SectorPartnership, SupportRecord
from reports.templatetags.reports_format import report_cell
from toolkit.models import TrainingProgram
from workbased_learning.models import CTEProgram, IncentiveApplication, Opportunity

SHOWN = 20


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name or EIN", method="search")
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, empty_label="Every kind")

    class Meta:
        model = Organization
        fields = ["q", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["class"] = "form-control form-control-sm"
        self.form.fields["kind"].widget.attrs["class"] = "form-select form-select-sm"

    def search(self, queryset, name, value):
        return queryset.search(value)


@dataclass
class Section:
    """One block of the overview: a few rows of one kind of record, and how many there are in all."""

    title: str
    headings: list
    rows: list
    total: int
    empty: str
    headlines: list = field(default_factory=list)

    @property
    def more(self):
        return self.total > len(self.rows)


def _section(title, headings, queryset, row, *, empty, headlines=()):
    rows = [row(item) for item in queryset[:SHOWN]]
    total = queryset.count()
    return Section(title, headings, rows, total, empty, list(headlines))


def organization_sections(organization):
    org = organization
    memberships = Membership.objects.filter(organization=org).select_related("partnership").order_by("-joined_on")
    convened = SectorPartnership.objects.filter(convener=org).select_related("cluster").order_by("name")
    support = SupportRecord.objects.filter(provided_by=org).select_related("partnership").order_by("-provided_on")
    applications = (
        Application.objects.filter(organization=org)
        .select_related("round")
        .annotate(
            requested=Coalesce(Sum("lines__amount_requested"), ZERO),
            awarded=Coalesce(Sum("lines__award__amount"), ZERO),
        )
        .order_by("-created_at")
    )
    claims = ReimbursementClaim.objects.filter(organization=org).select_related("application__round")
    claims = claims.annotate(employees=Count("lines")).order_by("-submitted_at")
    money = claims.aggregate(paid=Coalesce(Sum("amount", filter=Q(status=ClaimStatus.PAID)), ZERO))
    opportunities = (
        Opportunity.objects.filter(host=org).annotate(placement_count=Count("placements")).order_by("-created_at")
    )
    programs = CTEProgram.objects.filter(provider=org).with_placement_counts().order_by("name")
    incentives = (
        IncentiveApplication.objects.filter(employer=org)
        .with_totals()
        .select_related("program_year")
        .order_by("-submitted_at")
    )
    training = TrainingProgram.objects.filter(provider=org).order_by("name")
    people = org.users.order_by("last_name", "email")

    sections = [
        _section(
            "Sector partnerships",
            ["Partnership", "Role", "Joined", "Left"],
            memberships,
            lambda m: (m.partnership.name, m.get_role_display(), m.joined_on, m.left_on),
            empty="Not a member of any partnership.",
        ),
        _section(
            "Partnerships convened",
            ["Partnership", "Industry cluster", "Stage"],
            convened,
            lambda p: (p.name, p.cluster.name, p.get_stage_display()),
            empty="Convenes no partnership.",
        ),
        _section(
            "Support given to partnerships",
            ["Partnership", "Support", "Provided"],
            support,
            lambda s: (s.partnership.name, s.get_kind_display(), s.provided_on),
            empty="No support recorded as given by this organisation.",
        ),
        _section(
            "Tech credential applications",
            ["Funding round", "Status", "Requested", "Awarded"],
            applications,
            lambda a: (
                a.round.name,
                a.get_status_display(),
                report_cell(a.requested, "money"),
                report_cell(a.awarded, "money"),
            ),
            empty="No credential applications.",
        ),
        _section(
            "Reimbursement claims",
            ["Month", "Funding round", "Employees", "Status", "Amount"],
            claims,
            lambda c: (
                c.claim_month.strftime("%B %Y"),
                c.application.round.name,
                c.employees,
                c.get_status_display(),
                report_cell(c.amount, "money"),
            ),
            empty="No reimbursement claims.",
            headlines=[("Reimbursements paid", report_cell(money["paid"], "money"))],
        ),
        _section(
            "Work-based learning hosted",
            ["Opportunity", "Type", "Modality", "Status", "Placements"],
            opportunities,
            lambda o: (
                o.title,
                o.get_type_display(),
                o.get_modality_display(),
                o.get_status_display(),
                o.placement_count,
            ),
            empty="Hosts no work-based learning opportunities.",
        ),
        _section(
            "CTE programs",
            ["Program", "Career field", "State-approved", "Placements"],
            programs,
            lambda p: (p.name, p.get_career_field_display(), "Yes" if p.state_approved else "No", p.placement_count),
            empty="Runs no CTE programs.",
        ),
        _section(
            "Work-based learning incentive",
            ["Year", "Status", "Learners", "Requested", "Approved"],
            incentives,
            lambda i: (
                i.program_year.year,
                i.get_status_display(),
                i.learner_count,
                report_cell(i.requested_total, "money"),
                report_cell(i.approved_total, "money"),
            ),
            empty="No incentive applications.",
        ),
        _section(
            "Training programs in the inventory",
            ["Program", "Credential awarded", "Modality"],
            training,
            lambda t: (t.name, t.credential_name, t.get_modality_display()),
            empty="Lists no training programs.",
        ),
        _section(
            "People",
            ["Name", "Email", "Job title"],
            people,
            lambda u: (u.get_full_name(), u.email, u.job_title),
            empty="Nobody from this organisation has an account.",
        ),
    ]
    return sections
