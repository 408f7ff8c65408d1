"""Formatting of report cells in templates (PDF and pages), by column kind."""

from datetime import date
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from core.money import format_money

register = template.Library()


@register.filter
def index(sequence, position):
    try:
        return sequence[position]
    except (IndexError, TypeError):
        return ""


@register.filter
def report_cell(value, kind="text"):
    if value is None or value == "":
        return ""
    if kind == "money" and isinstance(value, int | float | Decimal):
        return format_money(Decimal(value))
    if kind == "percent" and isinstance(value, int | float | Decimal):
        return f"{float(value) * 100:.1f}%"
    if kind == "decimal" and isinstance(value, int | float | Decimal):
        return intcomma(f"{Decimal(value):.2f}")
    if kind == "int" and isinstance(value, int | float | Decimal):
        return intcomma(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return value
