"""Work-based learning for career-technical (CTE) learners, and the state's employer incentive for hosting them.

Modelled on Ohio's Senate Bill 166: providers run state-approved CTE programs aligned to state competencies,
employers host learners in person, virtually or hybrid, supervisors sign off hours, and employers claim a tax
credit per eligible learner. Every rule a future program year may change lives on `IncentiveProgramYear` and
`IncentiveBudgetPeriod` rows, with the state's current values as defaults.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.history import track_changes
from core.models import County, IndustryCluster, Organization, TrackedJob
from core.money import ZERO
from credentials.models import Credential
from partnerships.models import SectorPartnership

MONEY = {"max_digits": 12, "decimal_places": 2}

# CTE programs serve grades 7 to 14 (CTEProgram.grade_levels); the youngest seventh graders are 11. A learner
# younger than that on the first day of a placement is a mistyped date of birth, not a learner.
LOWEST_CTE_GRADE = 7
YOUNGEST_LEARNER_AGE = 11


def _is_staff(user):
    return user.is_authenticated and user.is_program_staff


# --------------------------------------------------------------------------------------------------------------
# Programs and the competencies they align to
# --------------------------------------------------------------------------------------------------------------


class CareerField(models.TextChoices):
    """Ohio's sixteen career fields."""

    AGRICULTURE = "agriculture", "Agricultural and Environmental Systems"
    ARTS = "arts", "Arts and Communication"
    BUSINESS = "business", "Business and Administrative Services"
    CONSTRUCTION = "construction", "Construction Technologies"
    EDUCATION = "education", "Education and Training"
    ENGINEERING = "engineering", "Engineering and Science Technologies"
    FINANCE = "finance", "Finance"
    GOVERNMENT = "government", "Government and Public Administration"
    HEALTH = "health", "Health Science"
    HOSPITALITY = "hospitality", "Hospitality and Tourism"
    HUMAN_SERVICES = "human_services", "Human Services"
    IT = "it", "Information Technology"
    LAW = "law", "Law and Public Safety"
    MANUFACTURING = "manufacturing", "Manufacturing"
    MARKETING = "marketing", "Marketing"
    TRANSPORTATION = "transportation", "Transportation Systems"


class Competency(models.Model):
    """A state standard or competency that CTE programs align to and opportunities address."""

    code = models.CharField(max_length=30, unique=True, help_text="The state's code, for example MFG-2.1.")
    title = models.CharField(max_length=255)
    career_field = models.CharField(max_length=30, choices=CareerField.choices)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "competencies"

    def __str__(self):
        return f"{self.code} {self.title}"


class CTEProgramQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every program; a provider sees its own programs; nobody else sees any."""
        if _is_staff(user):
            return self
        if user.is_authenticated and user.is_provider:
            return self.filter(provider_id=user.organization_id)
        return self.none()

    def state_approved(self):
        return self.filter(state_approved=True)

    def with_placement_counts(self):
        return self.annotate(placement_count=Count("placements", distinct=True))


class CTEProgram(models.Model):
    """A career-technical education program a provider runs; learners are enrolled in one when placed."""

    provider = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="cte_programs")
    name = models.CharField(max_length=200)
    career_field = models.CharField(max_length=30, choices=CareerField.choices)
    pathway = models.CharField(max_length=200, blank=True, help_text="The career pathway within the field.")
    state_approved = models.BooleanField(
        "state-approved", default=False, help_text="Approved by the state; only these learners earn the incentive."
    )
    grade_levels = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(LOWEST_CTE_GRADE), MaxValueValidator(14)]),
        default=list,
        blank=True,
        help_text="Grades the program serves, for example 11, 12.",
    )
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="cte_programs")
    competencies = models.ManyToManyField(Competency, blank=True, related_name="programs")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CTEProgramQuerySet.as_manager()

    class Meta:
        ordering = ["provider__name", "name"]
        verbose_name = "CTE program"
        constraints = [models.UniqueConstraint(fields=["provider", "name"], name="wbl_program_unique_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workbased_learning:program_update", args=[self.pk])

    @property
    def grade_levels_display(self):
        return ", ".join(str(grade) for grade in sorted(self.grade_levels)) or "—"


# --------------------------------------------------------------------------------------------------------------
# Opportunities
# --------------------------------------------------------------------------------------------------------------


class OpportunityType(models.TextChoices):
    """The state's work-based learning types."""

    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    PRE_APPRENTICESHIP = "pre_apprenticeship", "Pre-apprenticeship"
    INTERNSHIP = "internship", "Internship"
    CO_OP = "co_op", "Co-op"
    MENTORSHIP = "mentorship", "Mentorship"
    REMOTE_PLACEMENT = "remote_placement", "Remote or virtual placement"
    SIMULATED = "simulated", "Simulated work environment"
    SCHOOL_BASED_ENTERPRISE = "school_based_enterprise", "School-based enterprise"


class Modality(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"
    HYBRID = "hybrid", "Hybrid"


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class OpportunityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff: all. Employers: the ones they host. Providers: open ones, their partner ones, and any where they
        placed a learner."""
        if _is_staff(user):
            return self
        if not user.is_authenticated or not user.organization_id:
            return self.none()
        org = user.organization_id
        if user.is_employer:
            return self.filter(host_id=org)
        if user.is_provider:
            # A subquery rather than a join, so counts annotated afterwards still see every placement.
            placed_here = Placement.objects.filter(program__provider_id=org).values("opportunity_id")
            return self.filter(Q(status=OpportunityStatus.OPEN) | Q(provider_id=org) | Q(pk__in=placed_here))
        return self.none()

    def manageable_by(self, user):
        """Opportunities the user may edit: staff all, employers the ones they host."""
        if _is_staff(user):
            return self
        if user.is_authenticated and user.is_employer:
            return self.filter(host_id=user.organization_id)
        return self.none()

    def open(self):
        return self.filter(status=OpportunityStatus.OPEN)

    def with_counts(self):
        """Annotate `active_count` (active placements) and `placement_count`."""
        return self.annotate(
            placement_count=Count("placements", distinct=True),
            active_count=Count("placements", filter=Q(placements__status=PlacementStatus.ACTIVE), distinct=True),
        )


class Opportunity(models.Model):
    """A work-based learning opportunity an employer hosts for CTE learners."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    host = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="hosted_opportunities", verbose_name="host employer"
    )
    provider = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_opportunities",
        help_text="The partner provider, if the opportunity was set up with one.",
    )
    programs = models.ManyToManyField(CTEProgram, blank=True, related_name="opportunities", verbose_name="CTE programs")
    type = models.CharField(max_length=30, choices=OpportunityType.choices)
    modality = models.CharField(max_length=20, choices=Modality.choices, default=Modality.IN_PERSON)
    remote_supervision = models.TextField(
        blank=True, help_text="Virtual and hybrid: how the supervisor oversees the learner's work remotely."
    )
    meeting_frequency = models.CharField(
        max_length=200, blank=True, help_text="Virtual and hybrid: how often learner and supervisor meet."
    )
    paid = models.BooleanField(default=True)
    hourly_wage = models.DecimalField(**MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)])
    hours_target = models.PositiveIntegerField(
        default=250,
        validators=[MinValueValidator(1)],
        help_text="Hours of work a learner is expected to complete; the placement's progress bar counts toward it.",
    )
    capacity = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)], help_text="Learners at once.")
    competencies = models.ManyToManyField(Competency, blank=True, related_name="opportunities")
    partnership = models.ForeignKey(
        SectorPartnership, on_delete=models.SET_NULL, null=True, blank=True, related_name="wbl_opportunities"
    )
    cluster = models.ForeignKey(
        IndustryCluster,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wbl_opportunities",
        verbose_name="industry cluster",
    )
    status = models.CharField(max_length=20, choices=OpportunityStatus.choices, default=OpportunityStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["status", "modality"]),
            # The list's order: a page is read from the index instead of sorting every opportunity.
            models.Index(fields=["title", "id"], name="wbl_opportunity_list_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(modality=Modality.IN_PERSON) | (~Q(remote_supervision="") & ~Q(meeting_frequency="")),
                name="wbl_opportunity_remote_supervision_stated",
            ),
            models.CheckConstraint(
                condition=Q(paid=False) | Q(hourly_wage__isnull=False), name="wbl_opportunity_paid_has_wage"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workbased_learning:opportunity_detail", args=[self.pk])

    @property
    def is_remote(self):
        return self.modality != Modality.IN_PERSON

    def clean(self):
        """A virtual or hybrid opportunity says how the learner is supervised remotely; a paid one states its wage
        (an unpaid one keeps none). That its competencies are its programs' standards is a rule across rows:
        workbased_learning.services.opportunity_check_competencies."""
        errors = {}
        if self.is_remote:
            for name, what in (
                ("remote_supervision", "how the supervisor oversees the learner remotely"),
                ("meeting_frequency", "how often the learner and supervisor meet"),
            ):
                if not (getattr(self, name) or "").strip():
                    errors[name] = f"A virtual or hybrid opportunity must say {what}."
        if self.paid and self.hourly_wage is None:
            errors["hourly_wage"] = "A paid opportunity needs its hourly wage."
        if not self.paid:
            self.hourly_wage = None
        if errors:
            raise ValidationError(errors)


# --------------------------------------------------------------------------------------------------------------
# Placements, hours and evaluations
# --------------------------------------------------------------------------------------------------------------


class PlacementStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff: all. Providers: placements of learners in their programs. Employers: placements they host."""
        if _is_staff(user):
            return self
        if not user.is_authenticated or not user.organization_id:
            return self.none()
        if user.is_provider:
            return self.filter(program__provider_id=user.organization_id)
        if user.is_employer:
            return self.filter(opportunity__host_id=user.organization_id)
        return self.none()

    def active(self):
        return self.filter(status=PlacementStatus.ACTIVE)

    def with_hours(self):
        """Annotate `approved_hours` and `pending_hours`.

        Correlated subqueries rather than a join and GROUP BY: a page of 25 placements sums the time entries of
        those 25 only (the join summed every placement's entries before the LIMIT: seconds at 200,000 placements),
        and the paginator's count leaves them out.
        """

        def hours(status):
            total = (
                TimeEntry.objects.filter(placement=models.OuterRef("pk"), status=status)
                .order_by()
                .values("placement")
                .annotate(total=Sum("hours"))
                .values("total")
            )
            return Coalesce(models.Subquery(total, output_field=models.DecimalField()), Decimal("0"))

        return self.annotate(
            approved_hours=hours(TimeEntryStatus.APPROVED), pending_hours=hours(TimeEntryStatus.SUBMITTED)
        )

    def overlapping_year(self, year):
        """Placements that ran during some part of the calendar year."""
        return self.filter(start_date__lte=datetime.date(year, 12, 31)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=datetime.date(year, 1, 1))
        )

    def count_by(self, field):
        """Counts grouped by one field, for dashboards: `count_by("opportunity__modality")` -> [{key, count}]."""
        return list(self.order_by().values(key=models.F(field)).annotate(count=Count("id")).order_by("key"))

    def counts_by_each(self, *fields):
        """Counts grouped by several fields at once, for a dashboard that adds them up into several breakdowns
        from one pass over the placements: `counts_by_each("opportunity__type", "opportunity__modality")` ->
        [{"opportunity__type", "opportunity__modality", "count"}]."""
        return list(self.order_by().values(*fields).annotate(count=Count("id")))

    def summary(self):
        """Totals for dashboards: placements, active, completed, withdrawn, approved hours, completion rate.

        Plain counts, not distinct ones: `visible_to` joins only rows a placement points to, which never repeat it.
        Every placement's hours (staff) are summed without the `placement IN (every placement)` test, which
        joined a million time entries to 200,000 placements to keep them all.
        """
        totals = self.order_by().aggregate(
            total=Count("id"),
            active=Count("id", filter=Q(status=PlacementStatus.ACTIVE)),
            completed=Count("id", filter=Q(status=PlacementStatus.COMPLETED)),
            withdrawn=Count("id", filter=Q(status=PlacementStatus.WITHDRAWN)),
        )
        approved = TimeEntry.objects.approved()
        if self.query.has_filters():
            approved = approved.filter(placement__in=self)
        totals["approved_hours"] = approved.aggregate(hours=Coalesce(Sum("hours"), Decimal("0")))["hours"]
        finished = totals["completed"] + totals["withdrawn"]
        totals["completion_rate"] = round(100 * totals["completed"] / finished) if finished else None
        return totals


def looks_like_a_name(learner_ref):
    """True for an id made of letters alone ("Jane Doe", "O'Brien, Sam"): pseudonymous ids carry a digit."""
    return not any(character.isdigit() for character in learner_ref)


# The audit trail leaves the learner's date of birth out: it stays in one place, the placement row (docs/privacy.md).
@track_changes(exclude=["learner_birth_date"])
class Placement(models.Model):
    """One learner placed in one opportunity by the provider whose CTE program the learner is enrolled in.

    Learners are not users: they are known by a pseudonymous id the provider keeps. Their date of birth is needed
    for the incentive's age rule and is shown only to the provider and to staff.
    """

    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="placements")
    program = models.ForeignKey(
        CTEProgram, on_delete=models.PROTECT, related_name="placements", verbose_name="CTE program"
    )
    learner_ref = models.CharField(
        "learner id", max_length=50, help_text="The provider's pseudonymous id for the learner; never a name."
    )
    # Null only once the retention period has passed (workbased_learning/retention.py); forms still require it.
    learner_birth_date = models.DateField("learner's date of birth", null=True)
    learner_grade = models.PositiveSmallIntegerField(
        "learner's grade", validators=[MinValueValidator(LOWEST_CTE_GRADE), MaxValueValidator(14)]
    )
    start_date = models.DateField()
    end_date = models.DateField()
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervised_placements",
        help_text="A user of the host employer who signs off the learner's hours.",
    )
    status = models.CharField(max_length=20, choices=PlacementStatus.choices, default=PlacementStatus.ACTIVE)
    credential_earned = models.ForeignKey(
        Credential, on_delete=models.SET_NULL, null=True, blank=True, related_name="wbl_placements"
    )
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "learner_ref"]
        # The placement's own page shows the date of birth to its provider and staff; lists, exports and the API
        # carry it only for users granted this permission (docs/privacy.md).
        permissions = [("view_learner_birth_date", "Can see learners' dates of birth in lists, exports and the API")]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["start_date"])]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="wbl_placement_dates"),
        ]

    def __str__(self):
        return f"{self.learner_ref} at {self.opportunity}"

    def get_absolute_url(self):
        return reverse("workbased_learning:placement_detail", args=[self.pk])

    def birth_date_visible_to(self, user):
        """Only the learner's provider and staff may see the date of birth."""
        if _is_staff(user):
            return True
        return user.is_authenticated and user.is_provider and user.organization_id == self.program.provider_id

    def clean(self):
        """The placement's own rules: dates in order, a learner old enough for a CTE program, and an id that is not a
        name (learners are known only by the provider's pseudonymous id, docs/privacy.md)."""
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date must be on or after the start date."
        if self.learner_birth_date and self.start_date:
            age = self.age_on(self.start_date)
            if age < YOUNGEST_LEARNER_AGE:
                errors["learner_birth_date"] = (
                    f"With this date of birth the learner is {max(age, 0)} when the placement starts; CTE programs "
                    f"start in grade {LOWEST_CTE_GRADE}, at age {YOUNGEST_LEARNER_AGE} or older. Check the date."
                )
        if self.learner_ref and looks_like_a_name(self.learner_ref):
            errors["learner_ref"] = (
                "This looks like a name. Use your pseudonymous id for the learner, with at least one digit "
                "(for example SV-25-0117); never the learner's name."
            )
        if errors:
            raise ValidationError(errors)

    def age_on(self, day):
        """The learner's age in whole years on `day`; None once the date of birth was removed (retention)."""
        born = self.learner_birth_date
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def hours_percent(self, approved_hours):
        target = self.opportunity.hours_target
        return min(100, int(approved_hours * 100 / target)) if target else 100


class TimeEntryStatus(models.TextChoices):
    SUBMITTED = "submitted", "Awaiting sign-off"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class WorkSetting(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    REMOTE = "remote", "Remote"


class TimeEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(placement__in=Placement.objects.visible_to(user))

    def approved(self):
        return self.filter(status=TimeEntryStatus.APPROVED)

    def awaiting(self):
        return self.filter(status=TimeEntryStatus.SUBMITTED)


@track_changes()
class TimeEntry(models.Model):
    """Hours a learner worked on one day, signed off (approved or rejected) by the placement's supervisor."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="time_entries")
    date = models.DateField()
    hours = models.DecimalField(
        max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(24)]
    )
    setting = models.CharField(max_length=20, choices=WorkSetting.choices, default=WorkSetting.IN_PERSON)
    activities = models.TextField("what was done")
    status = models.CharField(max_length=20, choices=TimeEntryStatus.choices, default=TimeEntryStatus.SUBMITTED)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = "time entries"
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="wbl_time_entry_hours_range"),
        ]

    def __str__(self):
        return f"{self.hours} h on {self.date}"

    # How the audit trail (core.history) names an entry on its placement's page.
    @property
    def history_label(self):
        return f"time entry for {self.date:%b} {self.date.day}, {self.date.year}"


class Rating(models.IntegerChoices):
    NOT_YET = 1, "Not yet demonstrated"
    DEVELOPING = 2, "Developing"
    PROFICIENT = 3, "Proficient"
    ADVANCED = 4, "Advanced"


class PlacementEvaluation(models.Model):
    """The host employer's end-of-placement evaluation; completes the placement."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="evaluation")
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    comments = models.TextField(blank=True)
    evaluated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-evaluated_at"]

    def __str__(self):
        return f"Evaluation of {self.placement}"


class CompetencyRating(models.Model):
    """How well the learner demonstrated one competency, as part of an evaluation."""

    evaluation = models.ForeignKey(PlacementEvaluation, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="ratings")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)

    class Meta:
        ordering = ["competency__code"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "competency"], name="wbl_rating_one_per_competency")
        ]

    def __str__(self):
        return f"{self.competency.code}: {self.get_rating_display()}"


# --------------------------------------------------------------------------------------------------------------
# Employer incentive
# --------------------------------------------------------------------------------------------------------------


class IncentiveBudgetPeriodQuerySet(models.QuerySet):
    def with_approved_credits(self):
        """Annotate `approved_credits`: credits approved so far in the period."""
        return self.annotate(
            approved_credits=Coalesce(
                Sum(
                    "program_years__applications__lines__credit_approved",
                    filter=Q(program_years__applications__lines__decision=LineDecision.APPROVED),
                ),
                ZERO,
            )
        )


class IncentiveBudgetPeriod(models.Model):
    """The state's budget period (two years) and the most credit that may be approved in it."""

    name = models.CharField(max_length=50, unique=True, help_text="For example FY2026–2027.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    cap = models.DecimalField(
        **MONEY,
        default=Decimal("5000000.00"),
        validators=[MinValueValidator(ZERO)],
        help_text="The most incentive credit that may be approved in this budget period, in dollars.",
    )

    objects = IncentiveBudgetPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self):
        return self.name

    def approved_total(self):
        return IncentiveLine.objects.filter(
            application__program_year__budget_period=self, decision=LineDecision.APPROVED
        ).aggregate(total=Coalesce(Sum("credit_approved"), ZERO))["total"]


class IncentiveProgramYearQuerySet(models.QuerySet):
    def accepting_applications(self, on=None):
        day = on or timezone.localdate()
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class IncentiveProgramYear(models.Model):
    """The incentive's rules for placements in one calendar year. Defaults are the state's current rules."""

    year = models.PositiveSmallIntegerField(unique=True, help_text="Placements in this calendar year qualify.")
    budget_period = models.ForeignKey(IncentiveBudgetPeriod, on_delete=models.PROTECT, related_name="program_years")
    opens_on = models.DateField(help_text="First day employers may apply (state default: January 1 after the year).")
    closes_on = models.DateField(help_text="Last day employers may apply (state default: February 1 after the year).")
    credit_rate = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.1500"),
        validators=[MinValueValidator(ZERO), MaxValueValidator(1)],
        help_text="Share of wages paid to the learner, 0.15 = 15%.",
    )
    per_learner_cap = models.DecimalField(
        **MONEY,
        default=Decimal("5000.00"),
        validators=[MinValueValidator(ZERO)],
        help_text="The most credit one learner's placement can earn in the year: credit = min(this, rate x wages).",
    )
    max_learner_age = models.PositiveSmallIntegerField(
        default=19, help_text="A learner counts when this age or under during the placement."
    )
    decision_days = models.PositiveSmallIntegerField(
        default=60, help_text="Staff decide within this many days of submission; later ones are flagged."
    )

    objects = IncentiveProgramYearQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        constraints = [models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="wbl_year_window")]

    def __str__(self):
        return f"Incentive {self.year}"

    @classmethod
    def default_window(cls, year):
        return datetime.date(year + 1, 1, 1), datetime.date(year + 1, 2, 1)

    def is_open(self, on=None):
        day = on or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def credit_for(self, wages):
        """The credit for one learner: the lesser of the per-learner cap and the rate times wages, to the cent."""
        return min(self.per_learner_cap, (wages * self.credit_rate).quantize(Decimal("0.01")))


class ApplicationStatus(models.TextChoices):
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"


class IncentiveApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff: all. Employers: their own. Nobody else."""
        if _is_staff(user):
            return self
        if user.is_authenticated and user.is_employer:
            return self.filter(employer_id=user.organization_id)
        return self.none()

    def in_review(self):
        return self.filter(status=ApplicationStatus.IN_REVIEW)

    def overdue(self, on=None):
        """In review past the decision deadline."""
        return self.in_review().filter(decision_due_on__lt=on or timezone.localdate())

    def with_totals(self):
        """Annotate `learner_count`, `requested_total` and `approved_total`."""
        return self.annotate(
            learner_count=Count("lines", distinct=True),
            requested_total=Coalesce(Sum("lines__credit_requested"), ZERO),
            approved_total=Coalesce(
                Sum("lines__credit_approved", filter=Q(lines__decision=LineDecision.APPROVED)), ZERO
            ),
        )


@track_changes()
class IncentiveApplication(models.Model):
    """An employer's claim for the work-based learning credit for the learners it hosted in one program year."""

    program_year = models.ForeignKey(IncentiveProgramYear, on_delete=models.PROTECT, related_name="applications")
    employer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="wbl_incentive_applications")
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.IN_REVIEW)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    decision_due_on = models.DateField(help_text="Submission date plus the program year's decision days.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When staff were emailed that the decision is overdue."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IncentiveApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "decision_due_on"]),
            # The list's order: a page is read from the index instead of sorting every application.
            models.Index(fields=["-submitted_at", "id"], name="wbl_application_list_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["program_year", "employer"], name="wbl_one_application_per_year")
        ]

    def __str__(self):
        return f"{self.employer} – {self.program_year}"

    def get_absolute_url(self):
        return reverse("workbased_learning:incentive_detail", args=[self.pk])

    def is_overdue(self, on=None):
        return self.status == ApplicationStatus.IN_REVIEW and self.decision_due_on < (on or timezone.localdate())


class LineDecision(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"


@track_changes()
class IncentiveLine(models.Model):
    """One learner on an incentive application: the wages paid, the credit asked for and staff's decision."""

    application = models.ForeignKey(IncentiveApplication, on_delete=models.CASCADE, related_name="lines")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="incentive_lines")
    wages_paid = models.DecimalField(**MONEY, validators=[MinValueValidator(ZERO)])
    credit_requested = models.DecimalField(**MONEY)
    decision = models.CharField(max_length=20, choices=LineDecision.choices, default=LineDecision.PENDING)
    credit_approved = models.DecimalField(**MONEY, null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["placement__learner_ref"]
        constraints = [
            models.UniqueConstraint(fields=["application", "placement"], name="wbl_line_one_per_placement"),
        ]

    def __str__(self):
        return f"{self.placement.learner_ref}: {self.credit_requested}"

    history_related = ("placement",)

    @property
    def history_label(self):
        return f"line for learner {self.placement.learner_ref}"


class IncentiveCertificate(TrackedJob):
    """The background job that draws an approved application's credit certificate as a PDF, and its file."""

    task_name = "workbased_learning.build_incentive_certificate"

    application = models.OneToOneField(IncentiveApplication, on_delete=models.CASCADE, related_name="certificate")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    file = models.FileField(upload_to="workbased_learning/certificates/", blank=True)
    certificate_number = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["-queued_at"]

    def __str__(self):
        return f"Certificate for {self.application}"
