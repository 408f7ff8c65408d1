"""Small display helpers for partnership pages."""

from django import template
from django.utils.html import format_html

register = template.Library()

STAGE_CLASSES = {
    "exploring": "text-bg-light border",
    "launching": "text-bg-info",
    "active": "text-bg-success",
    "sustaining": "text-bg-primary",
    "inactive": "text-bg-secondary",
}
REPORT_CLASSES = {
    "draft": "text-bg-light border",
    "submitted": "text-bg-info",
    "accepted": "text-bg-success",
    "returned": "text-bg-warning",
}


@register.simple_tag
def stage_badge(partnership):
    return format_html(
        '<span class="badge {}">{}</span>', STAGE_CLASSES.get(partnership.stage, ""), partnership.get_stage_display()
    )


@register.simple_tag
def report_badge(report):
    return format_html(
        '<span class="badge {}">{}</span>', REPORT_CLASSES.get(report.status, ""), report.get_status_display()
    )
