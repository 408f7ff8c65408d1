"""Admin for the credential program: catalog upkeep, rounds, and a look at every record."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.remembered import data_changed
from credentials.models import (
    Application,
    ApplicationLine,
    Award,
    Category,
    ClaimLine,
    Credential,
    CredentialProposal,
    CredentialStatus,
    FundingRound,
    ProposalReview,
    ReimbursementClaim,
    SearchTerm,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ["title", "issuing_body", "category", "status", "typical_cost", "effective_from", "effective_to"]
    list_filter = ["status", "category"]
    search_fields = ["title", "issuing_body", "keywords"]
    autocomplete_fields = ["category"]
    list_select_related = ["category"]
    actions = ["retire", "make_eligible"]

    # Titles and keywords are the vocabulary that misspelt search words are corrected to.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        SearchTerm.objects.refresh()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        SearchTerm.objects.refresh()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        SearchTerm.objects.refresh()

    @admin.action(description="Retire the selected credentials")
    def retire(self, request, queryset):
        self.message_user(request, f"Retired {queryset.update(status=CredentialStatus.RETIRED)} credential(s).")
        data_changed(Credential)

    @admin.action(description="Mark the selected credentials eligible")
    def make_eligible(self, request, queryset):
        self.message_user(request, f"{queryset.update(status=CredentialStatus.ELIGIBLE)} credential(s) eligible.")
        data_changed(Credential)


class ProposalReviewInline(admin.TabularInline):
    model = ProposalReview
    extra = 0
    autocomplete_fields = ["reviewer"]


class SearchAidAdmin(admin.ModelAdmin):
    """Search aids are rebuilt from the catalog (SearchTerm.objects.refresh()): the admin shows them, never edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SearchTerm)
class SearchTermAdmin(SearchAidAdmin):
    list_display = ["word"]
    search_fields = ["word"]


@admin.register(CredentialProposal)
class CredentialProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "issuing_body", "organization", "status", "created_at", "decided_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "issuing_body", "organization__name"]
    autocomplete_fields = ["organization", "proposed_by", "decided_by", "credential", "category"]
    list_select_related = ["organization"]
    inlines = [ProposalReviewInline]


@admin.register(ProposalReview)
class ProposalReviewAdmin(admin.ModelAdmin):
    list_display = ["proposal", "reviewer", "score", "created_at"]
    list_filter = ["score"]
    search_fields = ["proposal__title", "reviewer__email"]
    autocomplete_fields = ["proposal", "reviewer"]
    list_select_related = ["proposal", "reviewer"]


class RoundWindowFilter(admin.SimpleListFilter):
    """Rounds by where their application window stands now: upcoming, open or closed."""

    title = "window"
    parameter_name = "window"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("open", "Open"), ("closed", "Closed")]

    def queryset(self, request, queryset):
        now = timezone.now()
        return {
            "upcoming": lambda: queryset.filter(opens_at__gt=now),
            "open": lambda: queryset.open_now(),
            "closed": lambda: queryset.filter(closes_at__lte=now),
        }.get(self.value(), lambda: queryset)()


@admin.register(FundingRound)
class FundingRoundAdmin(admin.ModelAdmin):
    list_display = [
        *("name", "window", "opens_at", "closes_at"),
        *("total_budget", "per_credential_cap", "per_employer_round_cap"),
    ]
    list_filter = [RoundWindowFilter]
    # One labelled input per moment: the admin's split date and time inputs have no labels of their own.
    formfield_overrides = {
        models.DateTimeField: {
            "form_class": forms.DateTimeField,
            "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }
    }
    search_fields = ["name"]
    date_hierarchy = "opens_at"
    fieldsets = [
        (None, {"fields": ["name", "opens_at", "closes_at", "total_budget"]}),
        (
            "Caps and windows",
            {
                "fields": [
                    "per_credential_cap",
                    "per_employer_round_cap",
                    "per_employer_fiscal_year_cap",
                    "training_window_months",
                    "claim_window_days",
                ]
            },
        ),
        (
            "Scoring",
            {
                "fields": ["wage_gain_points", "distress_points", "employer_share_points", "full_employer_share"],
                "description": "How applications in this round are ranked; the three points add up to 100.",
            },
        ),
    ]

    @admin.display(description="Window")
    def window(self, round):
        now = timezone.now()
        return "Upcoming" if round.opens_at > now else "Open" if round.is_open else "Closed"


class ApplicationLineInline(admin.TabularInline):
    model = ApplicationLine
    extra = 0
    autocomplete_fields = ["credential"]
    readonly_fields = ["amount_requested"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["organization", "round", "status", "submitted_at", "requested", "awarded", "score"]
    list_filter = ["status", "round"]
    search_fields = ["organization__name"]
    autocomplete_fields = ["organization", "round", "created_by", "submitted_by", "scored_by"]
    list_select_related = ["organization", "round"]
    inlines = [ApplicationLineInline]

    def get_queryset(self, request):
        # Both sums per row by subqueries, so a page of the list costs the same whatever the number of lines.
        awards = (
            Award.objects.filter(line__application=OuterRef("pk"))
            .order_by()
            .values("line__application")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        money = models.DecimalField(max_digits=12, decimal_places=2)
        awarded = Coalesce(Subquery(awards, output_field=money), Value(Decimal(0)), output_field=money)
        return super().get_queryset(request).with_totals().annotate(awarded_total=awarded)

    @admin.display(description="Requested", ordering="requested_total")
    def requested(self, application):
        return f"${application.requested_total:,.2f}"

    @admin.display(description="Awarded", ordering="awarded_total")
    def awarded(self, application):
        return f"${application.awarded_total:,.2f}"


@admin.register(ApplicationLine)
class ApplicationLineAdmin(admin.ModelAdmin):
    list_display = ["application", "credential", "employees", "amount_requested_per_employee", "amount_requested"]
    list_filter = ["application__round"]
    search_fields = ["credential__title", "application__organization__name"]
    autocomplete_fields = ["application", "credential"]
    list_select_related = ["application__organization", "application__round", "credential"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["line", "amount", "awarded_by", "awarded_at"]
    list_filter = ["line__application__round"]
    search_fields = ["line__credential__title", "line__application__organization__name"]
    autocomplete_fields = ["line", "awarded_by"]
    list_select_related = ["line__credential", "awarded_by"]


class ClaimLineInline(admin.TabularInline):
    model = ClaimLine
    extra = 0
    autocomplete_fields = ["award"]


@admin.register(ReimbursementClaim)
class ReimbursementClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "claim_month", "status", "amount", "submitted_at", "paid_at"]
    list_filter = ["status", "claim_month"]
    search_fields = ["organization__name"]
    autocomplete_fields = ["application", "organization", "submitted_by", "reviewed_by"]
    list_select_related = ["organization"]
    inlines = [ClaimLineInline]


@admin.register(ClaimLine)
class ClaimLineAdmin(admin.ModelAdmin):
    list_display = ["claim", "employee_name", "award", "new_hire", "date_earned", "amount"]
    list_filter = ["new_hire"]
    search_fields = ["employee_name", "claim__organization__name"]
    autocomplete_fields = ["claim", "award"]
    list_select_related = ["claim__organization", "award__line__credential"]
    exclude = []
