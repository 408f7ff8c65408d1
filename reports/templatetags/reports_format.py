"""Formatting of report cells on pages, by column kind: the same words a PDF prints (core.exports.cell_text)."""

from django import template

from core.exports import cell_text

register = template.Library()


@register.filter
def report_cell(value, kind="text"):
    return cell_text(value, kind)
