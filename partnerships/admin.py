from django.contrib import admin

from partnerships.models import SectorPartnership


@admin.register(SectorPartnership)
class SectorPartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "cluster", "scope", "stage", "convener", "launch_date"]
    list_filter = ["stage", "scope", "cluster", "regions"]
    search_fields = ["name", "description", "convener__name"]
    autocomplete_fields = ["cluster", "convener", "staff_liaison"]
    filter_horizontal = ["regions"]
    list_select_related = ["cluster", "convener"]
