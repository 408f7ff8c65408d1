"""The shared vocabulary every other app speaks: places, industries, organisations and people."""

import secrets
from datetime import timedelta

from celery import current_app
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.validators import RegexValidator
from django.db import connection as db_connection
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.search import contains_or_similar

ein_validator = RegexValidator(r"^\d{2}-\d{7}$", "Enter the EIN as NN-NNNNNNN, for example 31-1234567.")
naics_validator = RegexValidator(r"^\d{2,6}$", "A NAICS code is 2 to 6 digits, for example 3361.")
fips_validator = RegexValidator(r"^\d{5}$", "A county FIPS code is 5 digits, for example 39049.")


class Region(models.Model):
    """One of the state's economic-development regions; every county belongs to exactly one."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class County(models.Model):
    """A county of the state, identified by its five-digit FIPS code."""

    name = models.CharField(max_length=100)
    fips = models.CharField("FIPS code", max_length=5, unique=True, validators=[fips_validator])
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="counties")
    economically_distressed = models.BooleanField(
        default=False, help_text="Distressed counties score higher when credential applications are ranked."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "counties"

    def __str__(self):
        return f"{self.name} County"


class IndustryCluster(models.Model):
    """A target industry the state organises partnerships around, with the NAICS prefixes it spans."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    naics_prefixes = ArrayField(
        models.CharField(max_length=6, validators=[naics_validator]),
        default=list,
        blank=True,
        help_text="NAICS code prefixes that belong to this cluster, for example 3361, 3363.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganizationKind(models.TextChoices):
    EMPLOYER = "employer", "Employer"
    PROVIDER = "provider", "Education and training provider"
    GOVERNMENT = "government", "Government"
    ECONOMIC_DEVELOPMENT = "economic_development", "Economic development"
    WORKFORCE_DEVELOPMENT = "workforce_development", "Workforce development"
    LABOR = "labor", "Labor"
    COMMUNITY = "community", "Community organisation"


class SizeClass(models.TextChoices):
    SMALL = "small", "Small (1–50)"
    MEDIUM = "medium", "Medium (51–200)"
    LARGE = "large", "Large (201+)"


class OrganizationQuerySet(models.QuerySet):
    def matching(self, text):
        """Organisations whose name contains `text` (any case) or, typed with a typo, holds words like it (trigram
        word similarity, from four letters: "Buckeye Precison", core.search); those whose name starts with it
        first, then those that contain it, each by name, then the misspelt matches, most similar first. The name's
        trigram index serves both tests at any size (organization_name_trgm)."""
        starts = models.Case(
            models.When(name__istartswith=text, then=0), models.When(name__icontains=text, then=1), default=2
        )
        # Names that contain the text keep their alphabetical order; only the misspelt matches go by similarity.
        similarity = models.Case(
            models.When(name__icontains=text, then=models.Value(1.0)),
            default=TrigramWordSimilarity(text, "name"),
            output_field=models.FloatField(),
        )
        return (
            self.filter(contains_or_similar("name", text))
            .alias(starts=starts, similarity=similarity)
            .order_by("starts", "-similarity", "name")
        )

    def employers(self):
        return self.filter(kind=OrganizationKind.EMPLOYER)

    def providers(self):
        return self.filter(kind=OrganizationKind.PROVIDER)

    def of_size(self, size_class):
        bounds = {
            SizeClass.SMALL: Q(employee_count__lte=50),
            SizeClass.MEDIUM: Q(employee_count__gt=50, employee_count__lte=200),
            SizeClass.LARGE: Q(employee_count__gt=200),
        }
        return self.filter(bounds[size_class])

    def search(self, text):
        """Organisations whose EIN is `text` or whose name contains it or, misspelt, words like it (`matching`)."""
        return self.filter(contains_or_similar("name", text) | Q(ein=text)) if text else self


class Organization(models.Model):
    """An employer, provider, agency or other body that takes part in the state's programs."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=OrganizationKind.choices)
    ein = models.CharField(
        "federal EIN", max_length=10, blank=True, validators=[ein_validator], help_text="Format NN-NNNNNNN."
    )
    state_supplier_id = models.CharField("state supplier id", max_length=20, blank=True)
    naics_code = models.CharField("NAICS code", max_length=6, blank=True, validators=[naics_validator])
    county = models.ForeignKey(County, on_delete=models.PROTECT, null=True, blank=True, related_name="organizations")
    employee_count = models.PositiveIntegerField(null=True, blank=True)
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ein"], condition=~Q(ein=""), name="organization_ein_unique_when_given"),
        ]
        indexes = [
            models.Index(fields=["kind", "name"]),
            GinIndex(OpClass("name", name="gin_trgm_ops"), name="organization_name_trgm"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:core_organization_change", args=[self.pk])

    @property
    def size_class(self):
        """Small, medium or large by employee count; None when the count is unknown."""
        if self.employee_count is None:
            return None
        if self.employee_count <= 50:
            return SizeClass.SMALL
        if self.employee_count <= 200:
            return SizeClass.MEDIUM
        return SizeClass.LARGE

    def get_size_class_display(self):
        return SizeClass(self.size_class).label if self.size_class else "Unknown"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an email address and belongs to at most one organisation.

    Roles are Django groups (see core.roles); `is_staff` opens the Django admin.
    """

    username = None
    email = models.EmailField("email address", unique=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    job_title = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=30, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def has_role(self, role):
        if not self.is_authenticated:
            return False
        if "_role_names" not in self.__dict__:
            self.__dict__["_role_names"] = set(self.groups.values_list("name", flat=True))
        return role in self.__dict__["_role_names"]

    @property
    def is_program_staff(self):
        return self.is_superuser or self.has_role(roles.PROGRAM_STAFF)

    @property
    def is_employer(self):
        return self.has_role(roles.EMPLOYER) and self.organization_id is not None

    @property
    def is_provider(self):
        return self.has_role(roles.PROVIDER) and self.organization_id is not None


def _invitation_token():
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An emailed invitation for a colleague to join an organisation's account."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=50, choices=[(r, r) for r in roles.ORGANIZATION_ROLES])
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} to {self.organization}"

    @property
    def is_usable(self):
        return self.accepted_at is None and self.expires_at > timezone.now()


class JobStatus(models.TextChoices):
    """Where a background job is in its life: queued -> running -> succeeded or failed (docs/jobs.md)."""

    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class TrackedJob(models.Model):
    """The state of one background job, kept on its own row so a page can show a progress bar and a failure.

    Every app's job rows (report builds, data imports, tool kit and certificate PDFs) inherit this, so a job is
    tracked the same way everywhere. A subclass names the Celery task that runs it in `task_name`; the task is
    made by core.jobs.job_task from the app's JobRunner. The methods below are the only writers of the status
    fields. Each writes with `UPDATE ... WHERE pk` so it never overwrites other fields a concurrent request changed.
    """

    # The Celery name of the task that runs jobs of this kind (registered by core.jobs.job_task).
    task_name = ""

    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done, 0 to 100.")
    error = models.TextField(blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self):
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def is_succeeded(self):
        return self.status == JobStatus.SUCCEEDED

    @property
    def is_failed(self):
        return self.status == JobStatus.FAILED

    def _write(self, **fields):
        for name, value in fields.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(**fields)

    def queue(self):
        """Hand the job to a worker once the current transaction commits (at once outside a transaction).

        The task is found by its Celery name, so an app's services never import its tasks module. A web process
        has not imported the apps' task modules when it first queues a job (a worker imports them at start), so
        it imports them then: `force` imports them now, not at the next worker start (the default).
        """
        if self.task_name not in current_app.tasks:
            current_app.autodiscover_tasks(force=True)
        current_app.tasks[self.task_name].delay_on_commit(self.pk)

    def requeue(self, **fields):
        """Put the job back in the queue on the same row (a retry after a failure) and queue it on commit."""
        self._write(status=JobStatus.QUEUED, progress=0, error="", started_at=None, finished_at=None, **fields)
        self.queue()

    def mark_running(self):
        self._write(status=JobStatus.RUNNING, progress=0, error="", started_at=timezone.now(), finished_at=None)

    def set_progress(self, done, total, *, connection=None) -> bool:
        """Record the percentage done (0 to 99: 100 comes with success); True when it changed and was written.

        `connection` is the job's own autocommit connection (core.jobs.JobConnection), so the figure is seen
        while the work itself runs inside a transaction that nobody else can see into yet. A progress write never
        waits: while someone holds the row's lock (the work itself, saving its result) it is skipped, since
        waiting for the work from the work's own second connection would never end.
        """
        percent = min(99, done * 100 // total) if total else 0
        if percent == self.progress:
            return False
        connection = connection or db_connection
        table, pk = connection.ops.quote_name(self._meta.db_table), connection.ops.quote_name(self._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET progress = %s WHERE {pk} = "
                f"(SELECT {pk} FROM {table} WHERE {pk} = %s AND status = %s FOR UPDATE SKIP LOCKED)",
                [percent, self.pk, JobStatus.RUNNING],
            )
            written = cursor.rowcount == 1
        if written:
            self.progress = percent
        return written

    def mark_succeeded(self, **fields):
        self._write(status=JobStatus.SUCCEEDED, progress=100, error="", finished_at=timezone.now(), **fields)

    def mark_failed(self, error, **fields):
        self._write(status=JobStatus.FAILED, error=str(error)[:4000], finished_at=timezone.now(), **fields)
