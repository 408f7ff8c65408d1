"""Forms of the reports pages. Each report kind's parameters form lives with its exporter."""

from django import forms

from reports.models import ReportFormat


class ReportFormatForm(forms.Form):
    """Which file to build; shown under the kind's own parameters."""

    format = forms.ChoiceField(
        label="File format",
        choices=ReportFormat.choices,
        initial=ReportFormat.XLSX,
        widget=forms.RadioSelect,
        help_text="CSV and XLSX hold every row; the PDF adds charts and shows the first rows of long lists.",
    )
