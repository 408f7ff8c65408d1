"""Report jobs and the schedules that request them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from core.models import TrackedJob


class ReportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"
    PDF = "pdf", "PDF with charts"


CONTENT_TYPES = {
    ReportFormat.CSV: "text/csv",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.PDF: "application/pdf",
}


def report_file_name(report, filename=None):
    """The one name a report's file ever has, so a job delivered twice overwrites instead of adding a file."""
    return f"reports/{report.pk}/{slugify(report.kind)}-{report.pk}.{report.format}"


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Admins see every report; program staff their own and those of schedules they subscribe to."""
        if not user.is_authenticated or not user.is_program_staff:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(Q(requested_by=user) | Q(schedule__subscribers=user)).distinct()


class Report(TrackedJob):
    """One requested report: which kind, with which parameters, in which format, and the file it produced.

    The row is the truth about the job (status, progress, error); the Celery task only carries its id.
    """

    task_name = "reports.tasks.build_report"

    kind = models.CharField(max_length=50, help_text="The identifier of the exporter that builds it.")
    parameters = models.JSONField(default=dict, blank=True)
    format = models.CharField(max_length=10, choices=ReportFormat.choices, default=ReportFormat.XLSX)
    rows = models.PositiveIntegerField(null=True, blank=True, help_text="Data rows written to the file.")
    file = models.FileField(upload_to=report_file_name, max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        help_text="Empty for reports a schedule requested.",
    )
    schedule = models.ForeignKey(
        "ScheduledReport", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="How many times a worker started building it.")

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at", "-pk"]
        indexes = [
            models.Index(fields=["requested_by", "-queued_at"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self):
        return f"{self.title} #{self.pk}"

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def title(self):
        from reports.exporters import registry

        exporter = registry.get(self.kind)
        return exporter.title if exporter else self.kind

    @property
    def download_name(self):
        return f"{slugify(self.kind)}-{self.pk}.{self.format}"

    @property
    def content_type(self):
        return CONTENT_TYPES.get(self.format, "application/octet-stream")


class ScheduleTrigger(models.TextChoices):
    SCHEDULE = "schedule", "On the schedule of its periodic task"
    ROUND_CLOSED = "round_closed", "For each credential funding round that closed since the last run"


class ScheduledReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated or not user.is_program_staff:
            return self.none()
        return self if user.is_superuser else self.filter(subscribers=user).distinct()


class ScheduledReport(models.Model):
    """A report requested by django-celery-beat instead of a person; its subscribers are emailed a link.

    The timing lives on the linked PeriodicTask (editable in the admin). With the `round_closed` trigger the
    periodic task runs daily and requests one credential round report per round that closed since the last run.
    """

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=50)
    parameters = models.JSONField(default=dict, blank=True)
    format = models.CharField(max_length=10, choices=ReportFormat.choices, default=ReportFormat.PDF)
    trigger = models.CharField(max_length=20, choices=ScheduleTrigger.choices, default=ScheduleTrigger.SCHEDULE)
    periodic_task = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scheduled_report",
    )
    subscribers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="report_subscriptions")
    is_active = models.BooleanField(default=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    objects = ScheduledReportQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
