"""Sortable tables of the tool kit."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from core.models import JobStatus
from toolkit.models import DataImport, TrainingProgram


class TrainingProgramTable(tables.Table):
    name = tables.Column(verbose_name="Program")
    provider = tables.Column(order_by=("provider__name",))
    credential_name = tables.Column(verbose_name="Credential", default="–")
    cip_code = tables.Column(verbose_name="CIP", default="–")
    length = tables.Column(verbose_name="Length", accessor="length_weeks", default="–")
    modality = tables.Column()
    cost = tables.Column(attrs={"td": {"class": "text-end"}}, default="–")
    county = tables.Column(order_by=("county__name",), default="–")
    soc_codes = tables.Column(verbose_name="Occupations (SOC)", orderable=False)

    class Meta:
        model = TrainingProgram
        fields = [
            "name",
            "provider",
            "credential_name",
            "cip_code",
            "length",
            "modality",
            "cost",
            "county",
            "soc_codes",
        ]
        empty_text = "No training program matches these filters."

    def render_name(self, record, value):
        if record.url:
            return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', record.url, value)
        return value

    def render_credential_name(self, record, value):
        if record.credential_id:
            url = reverse("credentials:detail", args=[record.credential_id])
            return format_html('<a href="{}">{}</a> <span class="badge text-bg-success">catalog</span>', url, value)
        return value

    def render_length(self, record):
        parts = []
        if record.length_weeks:
            parts.append(f"{record.length_weeks} weeks")
        if record.length_hours:
            parts.append(f"{record.length_hours} hours")
        return ", ".join(parts) or "–"

    def render_cost(self, value):
        return f"${value:,.2f}"

    def render_soc_codes(self, value):
        return ", ".join(value) if value else "–"


class DataImportTable(tables.Table):
    original_name = tables.Column(verbose_name="File", linkify=True)
    kind = tables.Column()
    status = tables.Column()
    queued_at = tables.DateTimeColumn(verbose_name="Uploaded", format="Y-m-d H:i")
    requested_by = tables.Column(verbose_name="By", default="–")
    rows = tables.Column(verbose_name="Rows read", accessor="summary", orderable=False)

    class Meta:
        model = DataImport
        fields = ["original_name", "kind", "status", "queued_at", "requested_by", "rows"]
        empty_text = "No file has been imported yet."

    def render_status(self, record):
        colours = {JobStatus.SUCCEEDED: "success", JobStatus.FAILED: "danger", JobStatus.RUNNING: "primary"}
        colour = colours.get(record.status, "secondary")
        return format_html('<span class="badge text-bg-{}">{}</span>', colour, record.get_status_display())

    def render_rows(self, value):
        return f"{value.get('rows_read', 0):,}" if value else "–"
