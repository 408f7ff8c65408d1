"""The state's tool kit for sector partnerships: resources, labor-market data and the training-program inventory.

Higher floors (partnerships) read these models and call `toolkit.documents.fill_template`,
`toolkit.profiles.cluster_profile`, `toolkit.profiles.rank_clusters` and
`TrainingProgram.objects.for_occupations(soc_codes)`; nothing here knows about partnerships.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.models import County, IndustryCluster, Organization, Region, TrackedJob
from core.validators import FileContentValidator
from toolkit.documents import merge_fields_in
from toolkit.states import portal_state, state_named

soc_validator = RegexValidator(r"^\d{2}-\d{4}$", "A SOC code is written NN-NNNN, for example 51-4041.")
cip_validator = RegexValidator(r"^\d{2}\.\d{4}$", "A CIP code is written NN.NNNN, for example 48.0508.")


# --- Resource library -------------------------------------------------------------------------------------------


class ResourceKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    SAMPLE_AGENDA = "sample_agenda", "Sample agenda"
    SAMPLE_INVITATION = "sample_invitation", "Sample invitation"
    TEMPLATE = "template", "Template"
    DATA_GUIDE = "data_guide", "Data guide"


class ResourceAudience(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    CONVENERS = "conveners", "Conveners"
    EMPLOYERS = "employers", "Employers"
    PARTNERS = "partners", "Non-employer partners"
    STAFF = "staff", "Program staff"


class ResourceVisibility(models.TextChoices):
    PUBLIC = "public", "Public"
    STAFF = "staff", "Staff only"


class SeededResource(models.TextChoices):
    """Slugs of the resources the state seeds; the partnerships app fetches its documents by these."""

    PARTNERSHIP_101 = "sector-partnership-101", "Sector Partnership 101"
    LAUNCH_AGENDA = "launch-meeting-agenda", "Sample launch meeting agenda"
    EMPLOYER_INVITATION = "employer-invitation", "Sample invitation for employers"
    PARTNER_INVITATION = "partner-invitation", "Sample invitation for non-employer partners"
    OUTCOMES_GUIDE = "outcomes-template-guide", "Guide to the Outcomes Template"


class ResourceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public resources for everyone; staff-only resources for program staff as well."""
        if user is not None and user.is_authenticated and user.is_program_staff:
            return self
        return self.filter(visibility=ResourceVisibility.PUBLIC)

    def search(self, text):
        """Title, summary and body contain every word of `text` (case-insensitive)."""
        queryset = self
        for word in (text or "").split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word))
        return queryset


class Resource(models.Model):
    """A piece of the tool kit: guidance or a sample document, written in Markdown and/or attached as a file.

    `body` is Markdown; it is rendered and sanitised by `toolkit.documents.render_markdown`. A body may carry
    merge fields such as `{{ partnership }}` (see `toolkit.documents.MERGE_FIELDS`); `fill_template` replaces them
    with plain values a caller passes in. Staff-only resources are hidden from everyone else.
    """

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=30, choices=ResourceKind.choices)
    audience = models.CharField(max_length=20, choices=ResourceAudience.choices, default=ResourceAudience.EVERYONE)
    summary = models.CharField(max_length=300, blank=True, help_text="One or two sentences shown in the library.")
    body = models.TextField(blank=True, help_text="Markdown. Merge fields are written {{ partnership }}.")
    file = models.FileField(
        upload_to="toolkit/resources/",
        blank=True,
        validators=[FileContentValidator(kinds=["pdf", "docx", "xlsx"])],
        help_text="Optional PDF, Word (DOCX) or Excel (XLSX) file, at most 10 MB.",
    )
    version = models.CharField(max_length=20, default="1.0")
    visibility = models.CharField(max_length=10, choices=ResourceVisibility.choices, default=ResourceVisibility.PUBLIC)
    has_merge_fields = models.BooleanField(
        default=False, editable=False, help_text="Set on save when the body carries merge fields."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=~Q(body="") | ~Q(file=""), name="resource_has_body_or_file"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.has_merge_fields = bool(merge_fields_in(self.body))
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "has_merge_fields"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("toolkit:resource_detail", args=[self.slug])


# --- Labor-market data ------------------------------------------------------------------------------------------


class OccupationGroup(models.TextChoices):
    TOTAL = "total", "All occupations"
    MAJOR = "major", "Major group"
    MINOR = "minor", "Minor group"
    BROAD = "broad", "Broad occupation"
    DETAILED = "detailed", "Detailed occupation"


class OccupationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Labor-market data is public."""
        return self

    def detailed(self):
        return self.filter(group=OccupationGroup.DETAILED)

    def search(self, text):
        text = (text or "").strip()
        return self.filter(Q(soc_code__startswith=text) | Q(title__icontains=text)) if text else self


class Occupation(models.Model):
    """An occupation of the Standard Occupational Classification (SOC), as BLS names it."""

    soc_code = models.CharField("SOC code", max_length=7, unique=True, validators=[soc_validator])
    title = models.CharField(max_length=255)
    group = models.CharField(max_length=10, choices=OccupationGroup.choices, default=OccupationGroup.DETAILED)

    objects = OccupationQuerySet.as_manager()

    class Meta:
        ordering = ["soc_code"]

    def __str__(self):
        return f"{self.soc_code} {self.title}"


class AreaType(models.TextChoices):
    """BLS area types, stored by name; BLS codes them 2 (state), 4 (metropolitan) and 6 (nonmetropolitan)."""

    STATE = "state", "State"
    METRO = "metro", "Metropolitan area"
    NONMETRO = "nonmetro", "Nonmetropolitan area"


BLS_AREA_TYPES = {"2": AreaType.STATE, "4": AreaType.METRO, "6": AreaType.NONMETRO}


class AreaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Labor-market data is public."""
        return self

    def states(self):
        return self.filter(area_type=AreaType.STATE)

    def portal_state(self):
        """The statewide area of the state the portal serves (`PORTAL_STATE`), or None before its file is imported.

        Other states' areas may be on file (an import of another state's file is kept), but statewide figures are
        only ever this one's.
        """
        state = portal_state()
        return self.states().filter(code__in=state.area_codes).order_by("code").first()

    def covering(self, region):
        """Metro and nonmetro areas that cover (part of) `region`."""
        return self.filter(regions=region)


class Area(models.Model):
    """A BLS estimate area: a state, a metropolitan area or a nonmetropolitan area.

    `regions` says which of the state's regions a metro or nonmetro area covers (staff set it in the admin; an
    area may straddle regions and a region may hold several areas). A region's profile adds up the areas that
    cover it; a region with no area falls back to the statewide figures, which are always those of the state the
    portal serves (the `PORTAL_STATE` setting, `Area.objects.portal_state()`).
    """

    code = models.CharField("BLS area code", max_length=7, unique=True)
    name = models.CharField(max_length=200)
    area_type = models.CharField(max_length=10, choices=AreaType.choices)
    state = models.CharField(max_length=2, blank=True, help_text="Postal abbreviation of the primary state.")
    regions = models.ManyToManyField(
        Region, blank=True, related_name="labor_areas", help_text="The state's regions this area covers."
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["area_type", "name"]

    def __str__(self):
        return self.name


class OccupationEstimateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Labor-market data is public."""
        return self

    def latest_year(self):
        return self.aggregate(latest=models.Max("year"))["latest"]


class OccupationEstimate(models.Model):
    """One BLS OEWS estimate: employment and wages of one occupation in one area in one May reference year.

    A value BLS did not publish is NULL, and its field name is listed in `not_published`; a wage at or above the
    BLS top-code (`#`) is NULL and listed in `top_coded` (the top-code itself is in `TOP_CODE_HOURLY/ANNUAL`). So a
    NULL never reads as zero and a marker never becomes a made-up number. `annual_only` mirrors BLS's ANNUAL=TRUE
    (only annual wages published, e.g. teachers); `hourly_only` mirrors HOURLY=TRUE.
    """

    TOP_CODE_HOURLY = 115
    TOP_CODE_ANNUAL = 239_200

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="estimates")
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="estimates")
    year = models.PositiveSmallIntegerField(help_text="The May reference year of the estimates.")
    naics = models.CharField("NAICS", max_length=8, default="000000", help_text="000000 is cross-industry.")
    ownership = models.CharField("OWN_CODE", max_length=4, blank=True)

    employment = models.PositiveIntegerField(null=True, blank=True)
    employment_rse = models.DecimalField("employment RSE (%)", max_digits=5, decimal_places=1, null=True, blank=True)
    jobs_per_1000 = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    location_quotient = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    pct_total = models.DecimalField("percent of industry", max_digits=6, decimal_places=2, null=True, blank=True)
    pct_reporting = models.DecimalField(
        "percent of establishments reporting", max_digits=6, decimal_places=2, null=True, blank=True
    )

    hourly_mean = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_mean = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    mean_wage_rse = models.DecimalField("mean wage RSE (%)", max_digits=5, decimal_places=1, null=True, blank=True)
    hourly_p10 = models.DecimalField("hourly 10th percentile", max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p25 = models.DecimalField("hourly 25th percentile", max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p75 = models.DecimalField("hourly 75th percentile", max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p90 = models.DecimalField("hourly 90th percentile", max_digits=7, decimal_places=2, null=True, blank=True)
    annual_p10 = models.DecimalField("annual 10th percentile", max_digits=12, decimal_places=2, null=True, blank=True)
    annual_p25 = models.DecimalField("annual 25th percentile", max_digits=12, decimal_places=2, null=True, blank=True)
    annual_median = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    annual_p75 = models.DecimalField("annual 75th percentile", max_digits=12, decimal_places=2, null=True, blank=True)
    annual_p90 = models.DecimalField("annual 90th percentile", max_digits=12, decimal_places=2, null=True, blank=True)
    annual_only = models.BooleanField(default=False, help_text="BLS published annual wages only (ANNUAL=TRUE).")
    hourly_only = models.BooleanField(default=False, help_text="BLS published hourly wages only (HOURLY=TRUE).")

    not_published = ArrayField(
        models.CharField(max_length=30), default=list, blank=True, help_text="Fields BLS marked *, ** or ~."
    )
    top_coded = ArrayField(
        models.CharField(max_length=30), default=list, blank=True, help_text="Wage fields BLS marked # (top-coded)."
    )

    objects = OccupationEstimateQuerySet.as_manager()

    class Meta:
        ordering = ["area", "occupation"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "area", "occupation", "naics", "ownership"], name="estimate_unique_per_year"
            ),
        ]
        indexes = [models.Index(fields=["occupation", "year"])]

    def __str__(self):
        return f"{self.occupation.soc_code} in {self.area} ({self.year})"

    def status_of(self, field_name):
        """ "published", "not_published" or "top_coded" for one value field."""
        if field_name in self.top_coded:
            return "top_coded"
        if field_name in self.not_published:
            return "not_published"
        return "published"


class JobPostingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Labor-market data is public."""
        return self

    def in_region(self, region):
        """Postings counted in a county of `region` or in a BLS area that covers it."""
        return self.filter(Q(county__region=region) | Q(area__regions=region))


class JobPosting(models.Model):
    """Online job postings (OhioMeansJobs-style demand data) for one occupation, place and month.

    The place is either a BLS area or a county (exactly one). `period` is the first day of the month counted.
    """

    period = models.DateField(help_text="First day of the month the postings were counted in.")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True, related_name="postings")
    county = models.ForeignKey(County, on_delete=models.CASCADE, null=True, blank=True, related_name="job_postings")
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="postings")
    postings = models.PositiveIntegerField()
    source = models.CharField(max_length=100, blank=True, default="OhioMeansJobs")

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "occupation"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=True, county__isnull=False) | Q(area__isnull=False, county__isnull=True),
                name="jobposting_area_xor_county",
            ),
            models.UniqueConstraint(
                fields=["period", "area", "occupation"], condition=Q(area__isnull=False), name="jobposting_area_unique"
            ),
            models.UniqueConstraint(
                fields=["period", "county", "occupation"],
                condition=Q(county__isnull=False),
                name="jobposting_county_unique",
            ),
        ]
        indexes = [models.Index(fields=["occupation", "period"])]

    def __str__(self):
        return f"{self.postings} postings for {self.occupation_id} in {self.period:%Y-%m}"


class ClusterOccupationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self

    def soc_codes_for(self, cluster):
        return list(self.filter(cluster=cluster).values_list("occupation__soc_code", flat=True))


class ClusterOccupation(models.Model):
    """One key occupation of an industry cluster: the occupations a cluster profile and ranking read."""

    cluster = models.ForeignKey(IndustryCluster, on_delete=models.CASCADE, related_name="key_occupations")
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="cluster_links")
    note = models.CharField(max_length=200, blank=True)

    objects = ClusterOccupationQuerySet.as_manager()

    class Meta:
        ordering = ["cluster", "occupation"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "occupation"], name="cluster_occupation_unique"),
        ]

    def __str__(self):
        return f"{self.cluster}: {self.occupation}"


# --- Training programs ------------------------------------------------------------------------------------------


class Modality(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class TrainingProgramQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The inventory is public; programs marked inactive are shown to staff only."""
        if user is not None and user.is_authenticated and user.is_program_staff:
            return self
        return self.filter(is_active=True)

    def active(self):
        return self.filter(is_active=True)

    def for_occupations(self, soc_codes):
        """Programs that prepare for any of `soc_codes` (a list of "NN-NNNN" strings)."""
        codes = [code for code in soc_codes or [] if code]
        return self.filter(soc_codes__overlap=codes) if codes else self.none()

    def in_region(self, region):
        return self.filter(county__region=region)

    def search(self, text):
        queryset = self
        for word in (text or "").split():
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(provider__name__icontains=word)
                | Q(credential_name__icontains=word)
                | Q(cip_code__startswith=word)
                | Q(soc_codes__contains=[word])
            )
        return queryset


class TrainingProgram(models.Model):
    """An education or training program in the state's inventory, with the occupations it prepares people for.

    `credential` links the credentials catalog when the program ends in a listed credential; `credential_name`
    holds the credential's name as the provider wrote it, listed or not.
    """

    provider = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="training_programs")
    name = models.CharField(max_length=255)
    cip_code = models.CharField("CIP code", max_length=7, blank=True, validators=[cip_validator])
    credential = models.ForeignKey(
        "credentials.Credential", on_delete=models.SET_NULL, null=True, blank=True, related_name="training_programs"
    )
    credential_name = models.CharField("credential awarded", max_length=255, blank=True)
    length_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    length_hours = models.PositiveIntegerField("length in clock hours", null=True, blank=True)
    modality = models.CharField(max_length=20, choices=Modality.choices, default=Modality.IN_PERSON)
    cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, null=True, blank=True, related_name="training_programs"
    )
    soc_codes = ArrayField(
        models.CharField(max_length=7, validators=[soc_validator]),
        default=list,
        blank=True,
        verbose_name="SOC codes",
        help_text="Occupations the program prepares for.",
    )
    url = models.URLField("web page", blank=True)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="training_program_unique_per_provider"),
        ]
        indexes = [GinIndex(fields=["soc_codes"], name="trainingprogram_soc_gin")]

    def __str__(self):
        return f"{self.name} ({self.provider})"


# --- Imports ----------------------------------------------------------------------------------------------------


class ImportKind(models.TextChoices):
    OEWS = "oews", "BLS OEWS estimates"
    JOB_POSTINGS = "job_postings", "Job postings"
    TRAINING_PROGRAMS = "training_programs", "Training programs"
    CLUSTER_OCCUPATIONS = "cluster_occupations", "Cluster key occupations"


class DataImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Imports are program staff's business only."""
        if user is not None and user.is_authenticated and user.is_program_staff:
            return self
        return self.none()


class DataImport(TrackedJob):
    """One uploaded data file imported by a Celery job (see TrackedJob for status and progress).

    `summary` holds what the import did: rows_read, written, areas, occupations, skipped (reason -> count).
    `row_errors` lists "Line N: ..." messages when the file was refused; then nothing was written. An OEWS summary
    also lists the `states` whose statewide areas the file held: any state's are kept, only the portal's are shown.
    """

    task_name = "toolkit.tasks.run_data_import"

    kind = models.CharField(max_length=30, choices=ImportKind.choices)
    file = models.FileField(upload_to="toolkit/imports/")
    original_name = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="OEWS reference year, if not in name.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="toolkit_imports"
    )
    summary = models.JSONField(default=dict, blank=True)
    row_errors = models.JSONField(default=list, blank=True)

    objects = DataImportQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_absolute_url(self):
        return reverse("toolkit:import_detail", args=[self.pk])

    def _states_held(self):
        return [state_named(code) or code for code in (self.summary or {}).get("states", [])]

    @property
    def other_states(self):
        """Names of the states other than the portal's whose statewide estimates this import holds: kept on file,
        never shown as statewide figures."""
        portal = portal_state()
        return [getattr(state, "name", state) for state in self._states_held() if state != portal]

    @property
    def holds_portal_state(self):
        """Whether this import holds the statewide estimates of the state the portal serves."""
        return portal_state() in self._states_held()
