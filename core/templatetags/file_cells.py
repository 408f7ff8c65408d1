"""Cells of an export (core.exports) as people read them in a PDF or on a page, by column kind."""

from django import template

from core.exports import NUMBER_KINDS, cell_text

register = template.Library()


@register.filter
def index(sequence, position):
    try:
        return sequence[position]
    except (IndexError, TypeError):
        return ""


@register.filter
def cell(value, kind="text"):
    return cell_text(value, kind)


@register.filter
def is_number_kind(kind):
    return kind in NUMBER_KINDS
