"""`{% load history %}{% history_of object %}`: the audit trail of a record, shown to program staff only."""

from django import template

from core.history import history_for

register = template.Library()


@register.inclusion_tag("partials/history.html", takes_context=True)
def history_of(context, obj, limit=50):
    request = context.get("request")
    user = getattr(request, "user", None)
    visible = bool(user and user.is_authenticated and user.is_program_staff and obj is not None)
    return {"visible": visible, "entries": history_for(obj, limit=limit) if visible else [], "limit": limit}
