from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from workbased_learning import services
from workbased_learning.forms import OpportunityAdminForm
from workbased_learning.models import (
    ApplicationStatus,
    Competency,
    CompetencyRating,
    CTEProgram,
    IncentiveApplication,
    IncentiveBudgetPeriod,
    IncentiveCertificate,
    IncentiveLine,
    IncentiveProgramYear,
    Opportunity,
    OpportunityStatus,
    Placement,
    PlacementEvaluation,
    TimeEntry,
)


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "career_field"]
    list_filter = ["career_field"]
    search_fields = ["code", "title"]


@admin.register(CTEProgram)
class CTEProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "career_field", "pathway", "state_approved", "county"]
    list_filter = ["state_approved", "career_field", "county__region"]
    search_fields = ["name", "pathway", "provider__name"]
    autocomplete_fields = ["provider", "county", "competencies"]
    list_select_related = ["provider", "county"]
    actions = ["mark_state_approved"]

    @admin.action(description="Mark the selected programs state-approved")
    def mark_state_approved(self, request, queryset):
        updated = queryset.update(state_approved=True)
        self.message_user(request, f"{updated} program(s) marked state-approved.")


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    form = OpportunityAdminForm
    list_display = ["title", "host", "type", "modality", "paid", "capacity", "hours_target", "status"]
    list_filter = ["status", "type", "modality", "paid"]
    search_fields = ["title", "host__name", "provider__name"]
    autocomplete_fields = ["host", "provider", "programs", "competencies", "partnership", "cluster", "created_by"]
    list_select_related = ["host"]
    actions = ["open_selected", "close_selected"]

    @admin.action(description="Open the selected opportunities")
    def open_selected(self, request, queryset):
        queryset.update(status=OpportunityStatus.OPEN)

    @admin.action(description="Close the selected opportunities")
    def close_selected(self, request, queryset):
        queryset.update(status=OpportunityStatus.CLOSED)


class TimeEntryInline(admin.TabularInline):
    model = TimeEntry
    extra = 0
    fields = ["date", "hours", "setting", "status", "decided_by", "decided_at"]
    readonly_fields = ["decided_by", "decided_at"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["learner_ref", "opportunity", "program", "start_date", "end_date", "status"]
    list_filter = ["status", "opportunity__modality", "opportunity__type"]
    search_fields = ["learner_ref", "opportunity__title", "program__name", "opportunity__host__name"]
    autocomplete_fields = ["opportunity", "program", "supervisor", "credential_earned", "placed_by"]
    list_select_related = ["opportunity", "program"]
    date_hierarchy = "start_date"
    inlines = [TimeEntryInline]


@admin.register(TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin):
    list_display = ["placement", "date", "hours", "setting", "status", "decided_by"]
    list_filter = ["status", "setting"]
    search_fields = ["placement__learner_ref", "activities"]
    autocomplete_fields = ["placement", "logged_by", "decided_by"]
    list_select_related = ["placement__opportunity", "decided_by"]
    date_hierarchy = "date"


class CompetencyRatingInline(admin.TabularInline):
    model = CompetencyRating
    extra = 0
    autocomplete_fields = ["competency"]


@admin.register(PlacementEvaluation)
class PlacementEvaluationAdmin(admin.ModelAdmin):
    list_display = ["placement", "evaluated_by", "evaluated_at"]
    search_fields = ["placement__learner_ref"]
    autocomplete_fields = ["placement", "evaluated_by"]
    list_select_related = ["placement__opportunity", "evaluated_by"]
    inlines = [CompetencyRatingInline]


@admin.register(CompetencyRating)
class CompetencyRatingAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "competency", "rating"]
    list_filter = ["rating"]
    search_fields = ["competency__code", "evaluation__placement__learner_ref"]
    autocomplete_fields = ["evaluation", "competency"]
    list_select_related = ["evaluation__placement__opportunity", "competency"]


@admin.register(IncentiveBudgetPeriod)
class IncentiveBudgetPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "cap"]
    search_fields = ["name"]


@admin.register(IncentiveProgramYear)
class IncentiveProgramYearAdmin(admin.ModelAdmin):
    list_display = ["year", "budget_period", "opens_on", "closes_on", "credit_rate", "per_learner_cap",
                    "max_learner_age", "decision_days"]  # fmt: skip
    list_filter = ["budget_period"]
    search_fields = ["year"]
    list_select_related = ["budget_period"]


class IncentiveLineInline(admin.TabularInline):
    model = IncentiveLine
    extra = 0
    fields = ["placement", "wages_paid", "credit_requested", "decision", "credit_approved", "decision_note"]
    readonly_fields = ["credit_requested", "decision", "credit_approved"]
    autocomplete_fields = ["placement"]


@admin.register(IncentiveApplication)
class IncentiveApplicationAdmin(admin.ModelAdmin):
    list_display = ["employer", "program_year", "status", "submitted_at", "decision_due_on", "decided_at"]
    list_filter = ["status", "program_year"]
    search_fields = ["employer__name", "employer__ein"]
    autocomplete_fields = ["employer", "submitted_by", "decided_by"]
    list_select_related = ["employer", "program_year"]
    inlines = [IncentiveLineInline]
    actions = ["rebuild_certificates"]

    @admin.action(description="Build the certificates of the selected approved applications again")
    def rebuild_certificates(self, request, queryset):
        for application in queryset.filter(status=ApplicationStatus.APPROVED):
            try:
                services.certificate_request(application=application, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"#{application.pk}: {' '.join(error.messages)}", messages.ERROR)


@admin.register(IncentiveLine)
class IncentiveLineAdmin(admin.ModelAdmin):
    list_display = ["application", "placement", "wages_paid", "credit_requested", "decision", "credit_approved"]
    list_filter = ["decision"]
    search_fields = ["placement__learner_ref", "application__employer__name"]
    autocomplete_fields = ["application", "placement"]
    list_select_related = ["application__employer", "application__program_year", "placement__opportunity"]


@admin.register(IncentiveCertificate)
class IncentiveCertificateAdmin(admin.ModelAdmin):
    list_display = ["application", "status", "progress", "certificate_number", "queued_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["certificate_number", "application__employer__name"]
    autocomplete_fields = ["application", "requested_by"]
    list_select_related = ["application__employer", "application__program_year"]
    readonly_fields = ["status", "progress", "error", "queued_at", "started_at", "finished_at"]
