"""Filters for the resource library and the training-program inventory."""

import django_filters
from django import forms

from core.models import County, Region
from toolkit.models import Modality, Resource, ResourceAudience, ResourceKind, TrainingProgram


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_text")
    kind = django_filters.ChoiceFilter(choices=ResourceKind.choices, empty_label="Any kind")
    audience = django_filters.ChoiceFilter(choices=ResourceAudience.choices, empty_label="Any audience")

    class Meta:
        model = Resource
        fields = ["q", "kind", "audience"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(attrs={"placeholder": "Words in the title or text"})

    def filter_text(self, queryset, name, value):
        return queryset.search(value)


class TrainingProgramFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_text")
    soc = django_filters.CharFilter(label="SOC code", method="filter_soc")
    modality = django_filters.ChoiceFilter(choices=Modality.choices, empty_label="Any modality")
    region = django_filters.ModelChoiceFilter(
        # A region is not a field of the program (its county is in one): the label must be given, or django-filter
        # shows "[invalid name]".
        label="Region",
        queryset=Region.objects.all(),
        method="filter_region",
        empty_label="Any region",
    )
    county = django_filters.ModelChoiceFilter(queryset=County.objects.all(), empty_label="Any county")
    credential = django_filters.ChoiceFilter(
        label="Credential",
        choices=[("catalog", "In the credentials catalog"), ("any", "Any credential")],
        method="filter_credential",
        empty_label="With or without",
    )

    class Meta:
        model = TrainingProgram
        fields = ["q", "soc", "modality", "region", "county", "credential"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(attrs={"placeholder": "Program, provider, credential or CIP"})
        self.form.fields["soc"].widget = forms.TextInput(attrs={"placeholder": "e.g. 51-4041"})

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_soc(self, queryset, name, value):
        return queryset.for_occupations([code.strip() for code in value.replace(";", ",").split(",")])

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value) if value else queryset

    def filter_credential(self, queryset, name, value):
        if value == "catalog":
            return queryset.filter(credential__isnull=False)
        if value == "any":
            return queryset.exclude(credential_name="", credential__isnull=True)
        return queryset
