from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from core.models import County, IndustryCluster, Invitation, Organization, Region, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "fips", "region", "economically_distressed"]
    list_filter = ["region", "economically_distressed"]
    list_editable = ["economically_distressed"]
    search_fields = ["name", "fips"]
    list_select_related = ["region"]


@admin.register(IndustryCluster)
class IndustryClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "naics_prefixes"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class UserInline(admin.TabularInline):
    model = User
    fields = ["email", "first_name", "last_name", "is_active"]
    extra = 0
    show_change_link = True


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ein", "county", "employee_count", "size"]
    list_filter = ["kind", "county__region"]
    search_fields = ["name", "ein", "state_supplier_id"]
    autocomplete_fields = ["county"]
    list_select_related = ["county"]
    inlines = [UserInline]

    @admin.display(description="Size")
    def size(self, organization):
        return organization.get_size_class_display()


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "organization", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name", "organization__name"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "job_title", "phone", "organization")}),
        ("Roles and access", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "organization", "password1", "password2")}),)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "accepted_at"]
    search_fields = ["email", "organization__name"]
    autocomplete_fields = ["organization", "invited_by"]
    readonly_fields = ["token"]
