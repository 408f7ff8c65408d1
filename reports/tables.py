"""Tables of the reports pages."""

import django_tables2 as tables

from core.tables import DateTimeColumn, Table, TemplateColumn
from reports.models import Report


class ReportTable(Table):
    """The job list: one row per report, its status cell polled while the job runs."""

    id = tables.Column(verbose_name="#", linkify=True)
    kind = tables.Column(verbose_name="Report", accessor="title", order_by=("kind",))
    format = tables.Column()
    requested_by = tables.Column(verbose_name="Requested by", default="Schedule")
    queued_at = DateTimeColumn(verbose_name="Requested", format="M j, Y H:i")
    status = TemplateColumn(template_name="reports/partials/report_status_cell.html", orderable=True)
    rows = tables.Column(verbose_name="Rows", default="–")

    class Meta:
        model = Report
        fields = ["id", "kind", "format", "requested_by", "queued_at", "status", "rows"]
        order_by = "-queued_at"
        empty_text = "No reports yet. Pick a kind above to request one."
