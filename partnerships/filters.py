"""Filters for the partnership list and its CSV export (the export uses the same filters)."""

import django_filters
from django import forms

from core.models import IndustryCluster, Region
from partnerships.models import SectorPartnership, Stage


class BootstrapFilterSet(django_filters.FilterSet):
    """Gives the filter form's widgets Bootstrap's classes (the list templates lay the fields out in a row)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css


class PartnershipFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_text")
    cluster = django_filters.ModelChoiceFilter(queryset=IndustryCluster.objects.all(), empty_label="Any cluster")
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), method="filter_region", empty_label="Any region", label="Region"
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, empty_label="Any stage")
    priority = django_filters.ChoiceFilter(
        choices=[("yes", "Priority only"), ("no", "Not priority")],
        method="filter_priority",
        empty_label="Any",
        label="Priority",
    )

    class Meta:
        model = SectorPartnership
        fields = ["q", "cluster", "region", "stage", "priority"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["placeholder"] = "Name, description or convener"
        user = getattr(self.request, "user", None)
        if not (user and user.is_authenticated and user.is_program_staff):
            # Priority designation is staff's working list; others filter by what they can see.
            del self.filters["priority"]
            del self.form.fields["priority"]

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value) if value else queryset

    def filter_priority(self, queryset, name, value):
        priority = SectorPartnership.objects.priority().values("pk")
        if value == "yes":
            return queryset.filter(pk__in=priority)
        if value == "no":
            return queryset.exclude(pk__in=priority)
        return queryset


class DirectoryFilter(BootstrapFilterSet):
    """The public directory's filters: nothing staff-only (no priority)."""

    q = django_filters.CharFilter(label="Search", method="filter_text")
    cluster = django_filters.ModelChoiceFilter(queryset=IndustryCluster.objects.all(), empty_label="Any cluster")
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), method="filter_region", empty_label="Any region", label="Region"
    )

    class Meta:
        model = SectorPartnership
        fields = ["q", "cluster", "region"]

    filter_text = PartnershipFilter.filter_text
    filter_region = PartnershipFilter.filter_region
