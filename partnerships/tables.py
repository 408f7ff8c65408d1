"""Sortable tables of partnerships."""

import django_tables2 as tables
from django.utils.html import format_html

from core.tables import DateColumn, Table
from partnerships.models import SectorPartnership
from partnerships.templatetags.partnership_tags import stage_badge


class PartnershipTable(Table):
    name = tables.Column(linkify=True)
    cluster = tables.Column(order_by=("cluster__name",))
    regions = tables.Column(verbose_name="Region", accessor="pk", orderable=False)
    stage = tables.Column()
    convener = tables.Column(order_by=("convener__name",), default="–")
    member_count = tables.Column(verbose_name="Members", attrs={"td": {"class": "text-end"}})
    priority = tables.Column(verbose_name="Priority", accessor="pk", orderable=False)
    launch_date = DateColumn(verbose_name="Launched", default="–")

    class Meta:
        model = SectorPartnership
        fields = ["name", "cluster", "regions", "stage", "convener", "member_count", "priority", "launch_date"]
        empty_text = "No partnership matches these filters."

    def render_regions(self, record):
        return record.region_names()

    def render_stage(self, record):
        return stage_badge(record)

    def render_priority(self, record):
        designation = getattr(record, "priority_designation", None)
        if designation is not None and designation.is_current:
            return format_html('<span class="badge text-bg-warning">{}</span>', "Priority")
        return ""
