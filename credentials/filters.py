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
    """The public eligibility check: category and training provider narrow the catalog; the words (`q`, typo-tolerant
    and ranked) are checked here and searched by whoever lists the results (`words`), as
    `CredentialQuerySet.search`: the page remembers what a search found (core.pagination.RememberedSearchPaginator)
    and runs it only when nothing is remembered."""

    q = django_filters.CharFilter(
        label="Credential, skill or issuer",
        method="searched_by_the_list",
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

    def searched_by_the_list(self, queryset, name, value):
        return queryset

    @property
    def words(self):
        """The words to search for, once the filters are valid ("" when they are not)."""
        if not self.is_valid():
            return ""
        return self.form.cleaned_data.get("q") or ""


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
