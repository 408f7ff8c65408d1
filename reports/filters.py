"""Filters of the report job list."""

import django_filters

from core.models import JobStatus
from reports.exporters import registry
from reports.models import Report, ReportFormat


class ReportFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=registry.choices, empty_label="Every kind")
    status = django_filters.ChoiceFilter(choices=JobStatus.choices, empty_label="Every status")
    format = django_filters.ChoiceFilter(choices=ReportFormat.choices, empty_label="Every format")

    class Meta:
        model = Report
        fields = ["kind", "status", "format"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
