"""Admin for report jobs and scheduled reports (their timing is the linked django-celery-beat periodic task)."""

from django.contrib import admin, messages

from core.models import JobStatus
from reports import services
from reports.models import Report, ScheduledReport


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "format", "status", "progress", "rows", "requested_by", "schedule", "queued_at"]
    list_filter = ["status", "format", "kind"]
    search_fields = ["kind", "requested_by__email", "error"]
    autocomplete_fields = ["requested_by", "schedule"]
    list_select_related = ["requested_by", "schedule"]
    readonly_fields = ["status", "progress", "error", "queued_at", "started_at", "finished_at", "rows", "attempts"]
    actions = ["retry_failed"]

    @admin.action(description="Try the selected failed reports again")
    def retry_failed(self, request, queryset):
        count = 0
        for report in queryset.filter(status=JobStatus.FAILED):
            services.report_retry(report=report, user=request.user)
            count += 1
        self.message_user(request, f"{count} report(s) queued again.", messages.SUCCESS)


@admin.register(ScheduledReport)
class ScheduledReportAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "format", "trigger", "periodic_task", "is_active", "last_run_at"]
    list_filter = ["trigger", "format", "is_active"]
    search_fields = ["name", "kind"]
    autocomplete_fields = ["subscribers", "periodic_task"]
    list_select_related = ["periodic_task"]
    actions = ["run_now"]

    @admin.action(description="Request the selected scheduled reports now")
    def run_now(self, request, queryset):
        reports = [report for schedule in queryset for report in services.scheduled_report_run(schedule=schedule)]
        self.message_user(request, f"{len(reports)} report(s) requested.", messages.SUCCESS)
