"""Small display helpers for partnership pages."""

from django import template
from django.utils.html import format_html

from partnerships.models import ReportStatus, Stage

register = template.Library()

STAGE_CLASSES = {
    Stage.EXPLORING: "text-bg-light border",
    Stage.LAUNCHING: "text-bg-info",
    Stage.ACTIVE: "text-bg-success",
    Stage.SUSTAINING: "text-bg-primary",
    Stage.INACTIVE: "text-bg-secondary",
}
REPORT_CLASSES = {
    ReportStatus.DRAFT: "text-bg-light border",
    ReportStatus.SUBMITTED: "text-bg-info",
    ReportStatus.ACCEPTED: "text-bg-success",
    ReportStatus.RETURNED: "text-bg-warning",
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
