"""Filters for the catalog search and the staff lists."""

import django_filters
from django import forms

from credentials.models import (
    Application,
    ApplicationStatus,
    Category,
    ClaimStatus,
    Credential,
    CredentialProposal,
    ProposalStatus,
    ReimbursementClaim,
)

STATUS_SELECT = forms.Select(attrs={"class": "form-select", "aria-label": "Status"})


class CredentialFilter(django_filters.FilterSet):
    """The public eligibility check: words (typo-tolerant, ranked), category and training provider."""

    q = django_filters.CharFilter(
        label="Credential, skill or issuer",
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "for example: security plus, CNC, AWS"}),
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(),
        field_name="category",
        empty_label="All categories",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    provider = django_filters.CharFilter(
        label="Training provider", field_name="example_providers", lookup_expr="icontains"
    )

    class Meta:
        model = Credential
        fields = ["q", "category", "provider"]

    def filter_queryset(self, queryset):
        """The category and the provider first, the words last: the words rank what the other filters leave
        (CredentialQuerySet.search)."""
        data = self.form.cleaned_data
        for name in sorted(data, key=lambda name: name == "q"):
            queryset = self.filters[name].filter(queryset, data[name])
        return queryset

    def search(self, queryset, name, value):
        return queryset.search(value)


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices, empty_label="Any status", widget=STATUS_SELECT)

    class Meta:
        model = CredentialProposal
        fields = ["status"]


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=ApplicationStatus.choices, empty_label="Any status", widget=STATUS_SELECT
    )

    class Meta:
        model = Application
        fields = ["status"]


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices, empty_label="Any status", widget=STATUS_SELECT)

    class Meta:
        model = ReimbursementClaim
        fields = ["status"]
