"""List filters of work-based learning."""

import django_filters
from django.db.models import Q

from core.models import County
from workbased_learning.models import (
    ApplicationStatus,
    CareerField,
    Modality,
    Opportunity,
    OpportunityStatus,
    OpportunityType,
    Placement,
    PlacementStatus,
)


class OpportunityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    type = django_filters.ChoiceFilter(choices=OpportunityType.choices)
    modality = django_filters.ChoiceFilter(choices=Modality.choices)
    status = django_filters.ChoiceFilter(choices=OpportunityStatus.choices)
    county = django_filters.ModelChoiceFilter(queryset=County.objects.all(), field_name="host__county", label="County")
    paid = django_filters.BooleanFilter()

    class Meta:
        model = Opportunity
        fields = ["q", "type", "modality", "status", "county", "paid"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(host__name__icontains=value)) if value else queryset


class PlacementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.ChoiceFilter(choices=PlacementStatus.choices)
    modality = django_filters.ChoiceFilter(choices=Modality.choices, field_name="opportunity__modality")
    career_field = django_filters.ChoiceFilter(choices=CareerField.choices, field_name="program__career_field")

    class Meta:
        model = Placement
        fields = ["q", "status", "modality", "career_field"]

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(learner_ref__icontains=value) | Q(opportunity__title__icontains=value) | Q(program__name__icontains=value)
        )


class IncentiveApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Decision overdue")

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
