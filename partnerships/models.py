"""Industry sector partnerships and everything staff and conveners track about them.

Access is decided here, once: `SectorPartnership.objects.visible_to(user)` (who may read) and `editable_by(user)`
(who may change stakeholders, contacts, meetings, gaps, actions and outcome reports). Child records have their own
`visible_to(user)` that follows their partnership.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.history import track_changes
from core.models import IndustryCluster, Organization, OrganizationKind, Region, TrackedJob
from core.search import contains_or_similar

soc_code_validator = RegexValidator(r"^\d{2}-\d{4}$", "Enter the SOC code as NN-NNNN, for example 51-4041.")


def _is_staff(user):
    return bool(user and user.is_authenticated and user.is_program_staff)


def _organization_id(user):
    return user.organization_id if user and user.is_authenticated else None


# --- Partnerships -----------------------------------------------------------------------------------------------


class Scope(models.TextChoices):
    STATEWIDE = "statewide", "Statewide"
    REGIONAL = "regional", "Regional"


class Stage(models.TextChoices):
    EXPLORING = "exploring", "Exploring"
    LAUNCHING = "launching", "Launching"
    ACTIVE = "active", "Active"
    SUSTAINING = "sustaining", "Sustaining"
    INACTIVE = "inactive", "Inactive"


# The stages a partnership may move to from each stage. Inactive partnerships restart by exploring again.
STAGE_TRANSITIONS = {
    Stage.EXPLORING: (Stage.LAUNCHING, Stage.INACTIVE),
    Stage.LAUNCHING: (Stage.ACTIVE, Stage.EXPLORING, Stage.INACTIVE),
    Stage.ACTIVE: (Stage.SUSTAINING, Stage.INACTIVE),
    Stage.SUSTAINING: (Stage.ACTIVE, Stage.INACTIVE),
    Stage.INACTIVE: (Stage.EXPLORING,),
}

# Stages in which a partnership owes half-yearly outcome reports.
REPORTING_STAGES = (Stage.LAUNCHING, Stage.ACTIVE, Stage.SUSTAINING)


class SectorPartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every partnership; users of the convener or a current member organisation see theirs."""
        if _is_staff(user):
            return self
        organization_id = _organization_id(user)
        if organization_id is None:
            return self.none()
        member = Membership.objects.current().filter(partnership=OuterRef("pk"), organization_id=organization_id)
        return self.filter(Q(convener_id=organization_id) | Exists(member))

    def editable_by(self, user):
        """Staff edit every partnership; users of the convener organisation edit their own."""
        if _is_staff(user):
            return self
        organization_id = _organization_id(user)
        if organization_id is None:
            return self.none()
        return self.filter(convener_id=organization_id)

    def public(self):
        """What the public directory lists: every partnership that is not inactive."""
        return self.exclude(stage=Stage.INACTIVE)

    def search(self, text):
        """Partnerships whose description contains `text`, or whose name or convener's name contains it or,
        misspelt, holds words like it (core.search: "Advnced Manufacturing" finds "Advanced Manufacturing")."""
        if not text:
            return self
        return self.filter(
            contains_or_similar("name", text)
            | Q(description__icontains=text)
            | contains_or_similar("convener__name", text)
        )

    def matching(self, text):
        """The partnership picker's matches: names containing `text`, or like it when misspelt, those containing it
        first by name, then the misspelt ones, most similar first."""
        similarity = Case(
            When(name__icontains=text, then=Value(1.0)),
            default=TrigramWordSimilarity(text, "name"),
            output_field=models.FloatField(),
        )
        return (
            self.filter(contains_or_similar("name", text))
            .alias(similarity=similarity)
            .order_by("-similarity", "name", "pk")
        )

    def in_region(self, region):
        """Partnerships serving the region: regional ones naming it, and every statewide one."""
        return self.filter(Q(scope=Scope.STATEWIDE) | Q(regions=region)).distinct()

    def priority(self):
        return self.filter(priority_designation__ended_on__isnull=True, priority_designation__isnull=False)

    def reporting(self):
        return self.filter(stage__in=REPORTING_STAGES)

    def owing_report(self, period):
        """Reporting partnerships that started before the period ended and have not filed its report."""
        filed = OutcomeReport.objects.filed().filter(partnership=OuterRef("pk"), period=period)
        started = Q(launch_date__lte=period.end) | Q(launch_date__isnull=True, created_at__date__lte=period.end)
        return self.reporting().filter(started).exclude(Exists(filed))

    def with_member_count(self):
        """Current members per partnership, counted by a subquery so a list's page count stays a plain count."""
        members = (
            Membership.objects.filter(partnership=OuterRef("pk"), left_on__isnull=True)
            .order_by()
            .values("partnership")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(member_count=Coalesce(Subquery(members, output_field=models.IntegerField()), 0))

    def count_by_stage(self):
        """{stage value: count} with every stage present (zero when none)."""
        counts = dict(self.order_by().values_list("stage").annotate(n=Count("pk")))
        return {stage.value: counts.get(stage.value, 0) for stage in Stage}

    def count_by_cluster(self):
        """[(cluster name, count)] for clusters that have partnerships, largest first."""
        rows = self.order_by().values_list("cluster__name").annotate(n=Count("pk")).order_by("-n", "cluster__name")
        return list(rows)

    def count_by_region(self):
        """[(region name, count)]: regional partnerships per region, and 'Statewide' for the statewide ones."""
        rows = list(
            self.filter(scope=Scope.REGIONAL)
            .order_by()
            .values_list("regions__name")
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n", "regions__name")
        )
        rows = [(name or "No region set", n) for name, n in rows]
        statewide = self.filter(scope=Scope.STATEWIDE).count()
        if statewide:
            rows.append(("Statewide", statewide))
        return rows


@track_changes()
class SectorPartnership(models.Model):
    """Employers of one industry in a region (or statewide), convened with their education and community partners."""

    name = models.CharField(max_length=200)
    cluster = models.ForeignKey(IndustryCluster, on_delete=models.PROTECT, related_name="partnerships")
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.REGIONAL)
    regions = models.ManyToManyField(Region, blank=True, related_name="partnerships")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.EXPLORING)
    convener = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="convened_partnerships"
    )
    staff_liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    launch_date = models.DateField(null=True, blank=True)
    goals = models.TextField(blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SectorPartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # The lists' order: a page of 25 reads them by name and joins just those (without it PostgreSQL joined every
        # partnership to its convener among all organisations before sorting; 15 ms -> 1 ms at 2,000 partnerships).
        indexes = [models.Index(fields=["name"], name="partnership_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    def allowed_next_stages(self):
        return STAGE_TRANSITIONS[Stage(self.stage)]

    def regions_to_keep(self, regions):
        """The regions to save with the partnership (a rule on its many-to-many rows, so outside `clean`): a
        regional partnership names at least one; a statewide one keeps none."""
        if self.scope == Scope.STATEWIDE:
            return []
        if self.scope == Scope.REGIONAL and not regions:
            raise ValidationError({"regions": "Choose at least one region for a regional partnership."})
        return list(regions)

    def region_names(self):
        """'Statewide' or the names of its regions (uses prefetched regions when present)."""
        if self.scope == Scope.STATEWIDE:
            return "Statewide"
        return ", ".join(region.name for region in self.regions.all()) or "No region set"


class StageChange(models.Model):
    """One move of a partnership from one stage to another: who moved it, when, and why."""

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.partnership}: {self.get_from_stage_display() or 'new'} → {self.get_to_stage_display()}"


# --- Stakeholders ------------------------------------------------------------------------------------------------


class MembershipRole(models.TextChoices):
    EMPLOYER_CHAMPION = "employer_champion", "Employer champion"
    EMPLOYER_MEMBER = "employer_member", "Employer member"
    CONVENER = "convener", "Convener"
    EDUCATION_PARTNER = "education_partner", "Education and training partner"
    WORKFORCE_PARTNER = "workforce_partner", "Workforce partner"
    ECONOMIC_DEVELOPMENT_PARTNER = "economic_development_partner", "Economic development partner"
    LABOR_PARTNER = "labor_partner", "Labor partner"
    COMMUNITY_PARTNER = "community_partner", "Community partner"
    PUBLIC_AGENCY = "public_agency", "Public agency"


class StakeholderKind(models.TextChoices):
    """Roles grouped into the kinds of stakeholder a partnership needs (the stakeholder section's groups)."""

    EMPLOYERS = "employers", "Employers"
    CONVENER = "convener", "Convener"
    EDUCATION = "education", "Education and training"
    WORKFORCE = "workforce", "Workforce development"
    ECONOMIC_DEVELOPMENT = "economic_development", "Economic development"
    LABOR = "labor", "Labor"
    COMMUNITY = "community", "Community"
    PUBLIC_AGENCY = "public_agency", "Public agencies"


R = MembershipRole
KIND_OF_ROLE = {
    R.EMPLOYER_CHAMPION: StakeholderKind.EMPLOYERS,
    R.EMPLOYER_MEMBER: StakeholderKind.EMPLOYERS,
    R.CONVENER: StakeholderKind.CONVENER,
    R.EDUCATION_PARTNER: StakeholderKind.EDUCATION,
    R.WORKFORCE_PARTNER: StakeholderKind.WORKFORCE,
    R.ECONOMIC_DEVELOPMENT_PARTNER: StakeholderKind.ECONOMIC_DEVELOPMENT,
    R.LABOR_PARTNER: StakeholderKind.LABOR,
    R.COMMUNITY_PARTNER: StakeholderKind.COMMUNITY,
    R.PUBLIC_AGENCY: StakeholderKind.PUBLIC_AGENCY,
}

# Roles that only one kind of organisation can hold.
ROLE_NEEDS_ORGANIZATION_KIND = {
    R.EMPLOYER_CHAMPION: OrganizationKind.EMPLOYER,
    R.EMPLOYER_MEMBER: OrganizationKind.EMPLOYER,
    R.EDUCATION_PARTNER: OrganizationKind.PROVIDER,
}

# Kinds every partnership should have, with the warning shown while one is missing.
EXPECTED_KINDS = {
    StakeholderKind.EMPLOYERS: "No employers yet: a sector partnership is led by the industry's employers.",
    StakeholderKind.EDUCATION: "No education or training partner yet: someone must train for the skill gaps.",
    StakeholderKind.WORKFORCE: "No workforce partner yet: the local workforce board connects job seekers.",
}


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(partnership__in=SectorPartnership.objects.visible_to(user))

    def current(self):
        return self.filter(left_on__isnull=True)

    def count_by_role(self):
        """{role value: count of current memberships} with every role present."""
        counts = dict(self.current().order_by().values_list("role").annotate(n=Count("pk")))
        return {role.value: counts.get(role.value, 0) for role in MembershipRole}

    def count_by_kind(self):
        """{stakeholder kind value: count of current memberships}."""
        totals = {kind.value: 0 for kind in StakeholderKind}
        for role, n in self.count_by_role().items():
            totals[KIND_OF_ROLE[MembershipRole(role)].value] += n
        return totals


class Membership(models.Model):
    """An organisation's place in a partnership, in one role, from the day it joined until the day it left."""

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="partnership_memberships")
    role = models.CharField(max_length=40, choices=MembershipRole.choices)
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["role", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organization", "role"],
                condition=Q(left_on__isnull=True),
                name="membership_one_current_role_per_organization",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()}) in {self.partnership}"

    def clean(self):
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": "An organisation cannot leave before it joined."})
        if not self.organization_id or not self.role:
            return
        if self.partnership_id and self.left_on is None:
            # The constraint membership_one_current_role_per_organization decides a race; this says it on the field.
            duplicate = Membership.objects.current().filter(
                partnership_id=self.partnership_id, organization_id=self.organization_id, role=self.role
            )
            if duplicate.exclude(pk=self.pk).exists():
                raise ValidationError({"organization": f"{self.organization} is already a member in this role."})
        required_kind = ROLE_NEEDS_ORGANIZATION_KIND.get(self.role)
        if required_kind and self.organization.kind != required_kind:
            raise ValidationError(
                {
                    "role": f"{self.get_role_display()} must be {OrganizationKind(required_kind).label.lower()}; "
                    f"{self.organization} is registered as {self.organization.get_kind_display().lower()}."
                }
            )

    @property
    def kind(self):
        return KIND_OF_ROLE[MembershipRole(self.role)]

    @property
    def is_current(self):
        return self.left_on is None


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(partnership__in=SectorPartnership.objects.visible_to(user))


class Contact(models.Model):
    """A person at a member organisation, invited to meetings and marked present at them."""

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="contacts")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="partnership_contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.organization}"


# --- Meetings ----------------------------------------------------------------------------------------------------


class MeetingKind(models.TextChoices):
    LAUNCH = "launch", "Launch meeting"
    FULL = "full", "Full partnership"
    WORKING_GROUP = "working_group", "Working group"
    EMPLOYER_ONLY = "employer_only", "Employer-only session"


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(partnership__in=SectorPartnership.objects.visible_to(user))

    def between(self, start, end):
        """Meetings held on dates from start to end, inclusive."""
        return self.filter(starts_at__date__gte=start, starts_at__date__lte=end)


class Meeting(models.Model):
    """A meeting of the partnership (or part of it): when, where, the agenda, minutes and who came."""

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=20, choices=MeetingKind.choices, default=MeetingKind.FULL)
    title = models.CharField(max_length=200, blank=True)
    starts_at = models.DateTimeField()
    format = models.CharField(max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON)
    place = models.CharField(max_length=255, blank=True, help_text="Address or room, for meetings in person.")
    link = models.URLField(blank=True, help_text="Video call link, for virtual meetings.")
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    attendees = models.ManyToManyField(Contact, blank=True, related_name="meetings_attended")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["partnership", "starts_at"])]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} on {timezone.localtime(self.starts_at):%b %-d, %Y}"

    def get_absolute_url(self):
        return reverse("partnerships:meeting_detail", args=[self.partnership_id, self.pk])

    @staticmethod
    def format_for(*, place, link):
        """The format of a meeting known only by where it is: virtual when it has a link and no place."""
        return MeetingFormat.VIRTUAL if link and not place else MeetingFormat.IN_PERSON

    def clean(self):
        """A meeting in person says where; a virtual one gives its link."""
        if self.format == MeetingFormat.IN_PERSON and not (self.place or "").strip():
            raise ValidationError({"place": "Say where a meeting in person takes place."})
        if self.format == MeetingFormat.VIRTUAL and not self.link:
            raise ValidationError({"link": "Give the link for a virtual meeting."})


# --- Skill gaps and actions --------------------------------------------------------------------------------------


class Horizon(models.TextChoices):
    SHORT_TERM = "short_term", "Short-term"
    LONG_TERM = "long_term", "Long-term"


class GapStatus(models.TextChoices):
    CURRENT = "current", "Current"
    EMERGING = "emerging", "Emerging"


class Priority(models.IntegerChoices):
    HIGH = 1, "High"
    MEDIUM = 2, "Medium"
    LOW = 3, "Low"


class SkillGapQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(partnership__in=SectorPartnership.objects.visible_to(user))

    def soc_codes(self):
        return sorted(set(self.values_list("soc_code", flat=True)))


class SkillGap(models.Model):
    """An occupation whose skills the partnership's employers cannot find, now or soon."""

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="skill_gaps")
    soc_code = models.CharField("SOC code", max_length=7, validators=[soc_code_validator])
    occupation_title = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    horizon = models.CharField(max_length=20, choices=Horizon.choices, default=Horizon.SHORT_TERM)
    status = models.CharField(max_length=20, choices=GapStatus.choices, default=GapStatus.CURRENT)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.MEDIUM)
    identified_on = models.DateField(default=timezone.localdate)

    objects = SkillGapQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "soc_code"]

    def __str__(self):
        return f"{self.soc_code} {self.occupation_title}".strip()


class ActionCategory(models.TextChoices):
    """The Outcomes Template's expected-outcome categories."""

    NEW_PROGRAM = "new_program", "New education or training program"
    CURRICULUM_REVISION = "curriculum_revision", "Curriculum revision"
    INCUMBENT_TRAINING = "incumbent_training", "Incumbent worker training"
    INTERNSHIPS = "internships", "Internships and co-ops"
    YOUTH_EXPOSURE = "youth_exposure", "Youth career exposure"
    MARKETING_PLAN = "marketing_plan", "Industry marketing plan"
    LEVERAGED_FUNDING = "leveraged_funding", "Leveraged industry funding"
    GRANT_LANGUAGE = "grant_language", "Program language in grants"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(partnership__in=SectorPartnership.objects.visible_to(user))

    def open(self):
        return self.filter(status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS])

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Action(models.Model):
    """Something the partnership does about its skill gaps, in one of the expected-outcome categories."""

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=30, choices=ActionCategory.choices)
    skill_gaps = models.ManyToManyField(SkillGap, blank=True, related_name="actions")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_up_actions",
        help_text="The meeting this action follows up, if any.",
    )
    owner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="partnership_actions"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_on", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        """A done action has its completion day: today, unless one is given."""
        if self.status == ActionStatus.DONE and not self.completed_on:
            self.completed_on = timezone.localdate()


# --- Outcomes Template -------------------------------------------------------------------------------------------


class MetricUnit(models.TextChoices):
    COUNT = "count", "Count"
    DOLLARS = "dollars", "Dollars"
    PERCENT = "percent", "Percent"


class MetricCategory(models.TextChoices):
    PROGRESS = "progress", "Progress"
    OUTPUT = "output", "Output"
    OUTCOME = "outcome", "Outcome"
    IMPACT = "impact", "Impact"


class MetricAudience(models.TextChoices):
    EMPLOYERS = "employers", "Employers"
    WORKERS = "workers", "Workers and job seekers"
    EDUCATION = "education", "Education system"
    PARTNERSHIP = "partnership", "The partnership"


class OutcomeMetricQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class OutcomeMetric(models.Model):
    """One measure of the Outcomes Template that every partnership reports each half-year."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, choices=MetricUnit.choices, default=MetricUnit.COUNT)
    category = models.CharField(max_length=20, choices=MetricCategory.choices)
    audience = models.CharField(max_length=20, choices=MetricAudience.choices)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the report form.")
    is_active = models.BooleanField(default=True, help_text="Inactive metrics are no longer asked for.")

    objects = OutcomeMetricQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


def half_year_start(day):
    """January 1 or July 1 of the half-year containing the day."""
    return date(day.year, 1 if day.month <= 6 else 7, 1)


class ReportingPeriodQuerySet(models.QuerySet):
    def containing(self, day):
        return self.filter(start__lte=day, end__gte=day)


class ReportingPeriod(models.Model):
    """A half-year (January-June or July-December) that partnerships report on, and the day reports are due."""

    start = models.DateField(unique=True)
    end = models.DateField()
    due_on = models.DateField(help_text="Reports for this half-year are due on this day.")

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__day=1) & (Q(start__month=1) | Q(start__month=7)),
                name="reporting_period_starts_a_half_year",
            ),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="reporting_period_end_after_start"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return f"{self.start.year} {'January–June' if self.start.month == 1 else 'July–December'}"

    @staticmethod
    def bounds_for(day, *, due_after_days=30):
        """(start, end, due_on) of the half-year containing the day."""
        start = half_year_start(day)
        end = date(start.year, 6, 30) if start.month == 1 else date(start.year, 12, 31)
        return start, end, end + timedelta(days=due_after_days)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned for changes"


class OutcomeReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(partnership__in=SectorPartnership.objects.visible_to(user))

    def filed(self):
        """Reports the convener has handed in (submitted or accepted)."""
        return self.filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])

    def awaiting_review(self):
        return self.filter(status=ReportStatus.SUBMITTED)

    def totals_by_metric(self, period=None, *, accepted_only=False):
        """[(metric, total)] over the reports (optionally one period; optionally accepted ones), in metric order."""
        values = OutcomeValue.objects.filter(report__in=self)
        if period is not None:
            values = values.filter(report__period=period)
        if accepted_only:
            values = values.filter(report__status=ReportStatus.ACCEPTED)
        totals = dict(values.order_by().values_list("metric_id").annotate(total=Sum("value")))
        return [(metric, totals.get(metric.pk, 0)) for metric in OutcomeMetric.objects.all()]


@track_changes()
class OutcomeReport(models.Model):
    """A partnership's Outcomes Template for one half-year: a value per metric and a narrative."""

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="outcome_reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    successes = models.TextField(blank=True)
    challenges = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    staff_comments = models.TextField(blank=True, help_text="Staff's reasons when a report is returned.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OutcomeReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period__start", "partnership__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "period"], name="one_outcome_report_per_period"),
        ]

    def __str__(self):
        return f"{self.partnership}, {self.period}"

    def get_absolute_url(self):
        return reverse("partnerships:report_detail", args=[self.partnership_id, self.pk])

    # How the audit trail (core.history) names a report on its partnership's page.
    history_related = ("period",)

    @property
    def history_label(self):
        return f"outcome report for {self.period}"

    @property
    def is_editable(self):
        """Conveners change drafts and returned reports; submitted and accepted ones are frozen."""
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


@track_changes()
class OutcomeValue(models.Model):
    """The value one outcome report gives for one metric."""

    report = models.ForeignKey(OutcomeReport, on_delete=models.CASCADE, related_name="values")
    metric = models.ForeignKey(OutcomeMetric, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["metric__position", "metric__name"]
        constraints = [models.UniqueConstraint(fields=["report", "metric"], name="one_value_per_metric_per_report")]

    def __str__(self):
        return f"{self.metric}: {self.value}"

    history_related = ("metric",)

    @property
    def history_label(self):
        return f"value for {self.metric}"


# --- Priority designation and state support -----------------------------------------------------------------------


class PriorityDesignationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)


class PriorityDesignation(models.Model):
    """Staff's designation of a partnership as a state priority, with the reasons; it ends when `ended_on` is set."""

    partnership = models.OneToOneField(SectorPartnership, on_delete=models.CASCADE, related_name="priority_designation")
    rationale = models.TextField()
    designated_on = models.DateField(default=timezone.localdate)
    designated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    ended_on = models.DateField(null=True, blank=True)

    objects = PriorityDesignationQuerySet.as_manager()

    class Meta:
        ordering = ["-designated_on"]

    def __str__(self):
        return f"Priority: {self.partnership}"

    @property
    def is_current(self):
        return self.ended_on is None


class SupportKind(models.TextChoices):
    BOARD_MEMBER = "board_member", "Executive workforce board member taking part"
    CONVENING_SUPPORT = "convening_support", "Convening support by a partner agency"
    WORKFORCE_INFORMATION = "workforce_information", "Access to additional workforce information"
    CUSTOMIZED_TOOLKIT = "customized_toolkit", "Customized tool kit issued"


class SupportRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(partnership__in=SectorPartnership.objects.visible_to(user))


class SupportRecord(models.Model):
    """State support given to a (priority) partnership: who took part, what was provided, when."""

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="support_records")
    kind = models.CharField(max_length=30, choices=SupportKind.choices)
    provided_on = models.DateField(default=timezone.localdate)
    description = models.TextField(blank=True)
    provided_by = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_support_given",
        help_text="The agency or board that gave the support, if not the program office.",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SupportRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-provided_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.partnership}"


# --- Customized tool kit -----------------------------------------------------------------------------------------


class ToolkitBuildQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff and users of the partnership's convener: the kit is theirs, members do not download it."""
        return self.filter(partnership__in=SectorPartnership.objects.editable_by(user))


def toolkit_upload_to(instance, filename):
    return f"partnerships/toolkits/{instance.partnership_id}/{filename}"


class ToolkitBuild(TrackedJob):
    """One background build of a partnership's customized tool kit PDF."""

    task_name = "partnerships.tasks.build_toolkit"

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="toolkit_builds")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    file = models.FileField(upload_to=toolkit_upload_to, blank=True)
    support_record = models.OneToOneField(
        SupportRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="toolkit_build"
    )

    objects = ToolkitBuildQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at"]

    def __str__(self):
        return f"Tool kit for {self.partnership} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("partnerships:toolkit_detail", args=[self.partnership_id, self.pk])


class OutcomeReminder(models.Model):
    """A reminder emailed to a convener about a half-year's outcome report; one per partnership, period and day."""

    partnership = models.ForeignKey(SectorPartnership, on_delete=models.CASCADE, related_name="outcome_reminders")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField(default=timezone.localdate)
    recipients = models.TextField(help_text="The addresses the reminder went to, one a line.")

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "period", "sent_on"], name="one_reminder_per_day"),
        ]

    def __str__(self):
        return f"Reminder to {self.partnership} for {self.period} on {self.sent_on}"
