"""`{% load money %}{{ amount|money }}` -> "$1,234.50"; `{{ amount|money:0 }}` -> "$1,235" (see core.money)."""

from django import template

from core.money import format_money

register = template.Library()


@register.filter
def money(value, places=2):
    """The amount as core.money writes it; nothing for a missing amount."""
    if value is None or value == "":
        return ""
    try:
        return format_money(value, int(places))
    except (ArithmeticError, TypeError, ValueError):
        return ""
