from django.contrib import admin

from credentials.models import Category, Credential


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ["title", "issuing_body", "category", "status", "typical_cost", "effective_from"]
    list_filter = ["status", "category"]
    search_fields = ["title", "issuing_body", "keywords"]
    autocomplete_fields = ["category"]
    list_select_related = ["category"]
