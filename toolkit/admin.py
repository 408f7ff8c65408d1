from django.contrib import admin, messages

from toolkit.models import (
    Area,
    ClusterOccupation,
    DataImport,
    JobPosting,
    Occupation,
    OccupationEstimate,
    Resource,
    ResourceVisibility,
    TrainingProgram,
)


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "audience", "visibility", "version", "has_merge_fields", "updated_at"]
    list_filter = ["kind", "audience", "visibility", "has_merge_fields"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    actions = ["make_public", "make_staff_only"]

    @admin.action(description="Make the selected resources public")
    def make_public(self, request, queryset):
        count = queryset.update(visibility=ResourceVisibility.PUBLIC)
        self.message_user(request, f"{count} resource(s) are public now.", messages.SUCCESS)

    @admin.action(description="Make the selected resources staff-only")
    def make_staff_only(self, request, queryset):
        count = queryset.update(visibility=ResourceVisibility.STAFF)
        self.message_user(request, f"{count} resource(s) are staff-only now.", messages.SUCCESS)


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["soc_code", "title", "group"]
    list_filter = ["group"]
    search_fields = ["soc_code", "title"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "area_type", "state", "region_names"]
    list_filter = ["area_type", "state"]
    search_fields = ["code", "name"]
    filter_horizontal = ["regions"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions")

    @admin.display(description="Regions covered")
    def region_names(self, area):
        return ", ".join(region.name for region in area.regions.all()) or "–"


@admin.register(OccupationEstimate)
class OccupationEstimateAdmin(admin.ModelAdmin):
    list_display = ["occupation", "area", "year", "employment", "location_quotient", "annual_median", "top_coded"]
    list_filter = ["year", "area__area_type", "area"]
    search_fields = ["occupation__soc_code", "occupation__title", "area__name"]
    autocomplete_fields = ["area", "occupation"]
    list_select_related = ["area", "occupation"]


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    list_display = ["period", "occupation", "area", "county", "postings", "source"]
    list_filter = ["source", "period"]
    search_fields = ["occupation__soc_code", "occupation__title"]
    autocomplete_fields = ["area", "county", "occupation"]
    list_select_related = ["area", "county", "occupation"]
    date_hierarchy = "period"


@admin.register(ClusterOccupation)
class ClusterOccupationAdmin(admin.ModelAdmin):
    list_display = ["cluster", "occupation", "note"]
    list_filter = ["cluster"]
    search_fields = ["occupation__soc_code", "occupation__title", "cluster__name"]
    autocomplete_fields = ["cluster", "occupation"]
    list_select_related = ["cluster", "occupation"]


@admin.register(TrainingProgram)
class TrainingProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "cip_code", "credential", "modality", "cost", "county", "is_active"]
    list_filter = ["modality", "is_active", "county__region"]
    search_fields = ["name", "provider__name", "cip_code", "credential_name"]
    autocomplete_fields = ["provider", "credential", "county"]
    list_select_related = ["provider", "credential", "county"]
    actions = ["deactivate"]

    @admin.action(description="Mark the selected programs inactive")
    def deactivate(self, request, queryset):
        count = queryset.update(is_active=False)
        self.message_user(request, f"{count} program(s) are inactive now.", messages.SUCCESS)


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "status", "progress", "requested_by", "queued_at", "finished_at"]
    list_filter = ["kind", "status"]
    search_fields = ["original_name", "requested_by__email"]
    list_select_related = ["requested_by"]
    readonly_fields = ["status", "progress", "error", "summary", "row_errors", "started_at", "finished_at"]
