"""The Django admin for partnerships: every model, searchable and filterable, for administrators."""

from django.contrib import admin

from partnerships.forms import PartnershipAdminForm
from partnerships.models import (
    Action,
    ActionStatus,
    Contact,
    Meeting,
    Membership,
    OutcomeMetric,
    OutcomeReminder,
    OutcomeReport,
    OutcomeValue,
    PriorityDesignation,
    ReportingPeriod,
    SectorPartnership,
    SkillGap,
    StageChange,
    SupportRecord,
    ToolkitBuild,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "changed_by", "changed_at", "note"]
    can_delete = False


@admin.register(SectorPartnership)
class SectorPartnershipAdmin(admin.ModelAdmin):
    form = PartnershipAdminForm
    list_display = ["name", "cluster", "scope", "stage", "convener", "launch_date"]
    list_filter = ["stage", "scope", "cluster", "regions"]
    search_fields = ["name", "description", "convener__name"]
    autocomplete_fields = ["cluster", "convener", "staff_liaison"]
    filter_horizontal = ["regions"]
    list_select_related = ["cluster", "convener"]
    inlines = [MembershipInline, StageChangeInline]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ["partnership", "from_stage", "to_stage", "changed_by", "changed_at"]
    list_filter = ["to_stage"]
    search_fields = ["partnership__name", "note"]
    autocomplete_fields = ["partnership", "changed_by"]
    list_select_related = ["partnership", "changed_by"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organization", "partnership", "role", "joined_on", "left_on"]
    list_filter = ["role", "left_on"]
    search_fields = ["organization__name", "partnership__name"]
    autocomplete_fields = ["partnership", "organization"]
    list_select_related = ["organization", "partnership"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "partnership", "title", "email", "phone"]
    search_fields = ["name", "email", "organization__name", "partnership__name"]
    autocomplete_fields = ["partnership", "organization"]
    list_select_related = ["organization", "partnership"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "partnership", "kind", "starts_at", "format"]
    list_filter = ["kind", "format"]
    search_fields = ["title", "partnership__name", "agenda", "minutes"]
    autocomplete_fields = ["partnership", "attendees"]
    list_select_related = ["partnership"]
    date_hierarchy = "starts_at"


@admin.register(SkillGap)
class SkillGapAdmin(admin.ModelAdmin):
    list_display = ["soc_code", "occupation_title", "partnership", "horizon", "status", "priority"]
    list_filter = ["horizon", "status", "priority"]
    search_fields = ["soc_code", "occupation_title", "partnership__name"]
    autocomplete_fields = ["partnership"]
    list_select_related = ["partnership"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "category", "owner", "due_on", "status"]
    list_filter = ["category", "status"]
    search_fields = ["title", "description", "partnership__name"]
    autocomplete_fields = ["partnership", "owner", "meeting", "skill_gaps"]
    list_select_related = ["partnership", "owner"]
    actions = ["mark_done"]

    @admin.action(description="Mark the selected actions done")
    def mark_done(self, request, queryset):
        from django.utils import timezone

        updated = queryset.exclude(status=ActionStatus.DONE).update(
            status=ActionStatus.DONE, completed_on=timezone.localdate()
        )
        self.message_user(request, f"{updated} actions marked done.")


@admin.register(OutcomeMetric)
class OutcomeMetricAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "unit", "category", "audience", "position", "is_active"]
    list_filter = ["category", "audience", "unit", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name", "code", "description"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "start", "end", "due_on"]
    search_fields = ["start"]


class OutcomeValueInline(admin.TabularInline):
    model = OutcomeValue
    extra = 0
    autocomplete_fields = ["metric"]


@admin.register(OutcomeReport)
class OutcomeReportAdmin(admin.ModelAdmin):
    list_display = ["partnership", "period", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "period"]
    search_fields = ["partnership__name", "successes", "challenges"]
    autocomplete_fields = ["partnership", "created_by", "submitted_by", "reviewed_by"]
    list_select_related = ["partnership", "period"]
    inlines = [OutcomeValueInline]


@admin.register(OutcomeValue)
class OutcomeValueAdmin(admin.ModelAdmin):
    list_display = ["report", "metric", "value"]
    list_filter = ["metric"]
    search_fields = ["report__partnership__name", "metric__name"]
    autocomplete_fields = ["report", "metric"]
    list_select_related = ["report__partnership", "report__period", "metric"]


@admin.register(OutcomeReminder)
class OutcomeReminderAdmin(admin.ModelAdmin):
    list_display = ["partnership", "period", "sent_on"]
    list_filter = ["period", "sent_on"]
    search_fields = ["partnership__name", "recipients"]
    autocomplete_fields = ["partnership"]
    list_select_related = ["partnership", "period"]


@admin.register(PriorityDesignation)
class PriorityDesignationAdmin(admin.ModelAdmin):
    list_display = ["partnership", "designated_on", "designated_by", "ended_on"]
    list_filter = ["ended_on"]
    search_fields = ["partnership__name", "rationale"]
    autocomplete_fields = ["partnership", "designated_by"]
    list_select_related = ["partnership", "designated_by"]


@admin.register(SupportRecord)
class SupportRecordAdmin(admin.ModelAdmin):
    list_display = ["partnership", "kind", "provided_on", "provided_by"]
    list_filter = ["kind"]
    search_fields = ["partnership__name", "description"]
    autocomplete_fields = ["partnership", "provided_by", "recorded_by"]
    list_select_related = ["partnership", "provided_by"]


@admin.register(ToolkitBuild)
class ToolkitBuildAdmin(admin.ModelAdmin):
    list_display = ["partnership", "status", "progress", "queued_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["partnership__name", "error"]
    autocomplete_fields = ["partnership", "requested_by", "support_record"]
    readonly_fields = ["status", "progress", "error", "queued_at", "started_at", "finished_at"]
    list_select_related = ["partnership"]
