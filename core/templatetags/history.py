"""`{% load history %}{% history_of object %}`: the audit trail of a record, shown to program staff only."""

from django import template

from core.history import history_for

register = template.Library()


@register.inclusion_tag("partials/history.html", takes_context=True)
def history_of(context, obj, *also, limit=50, embedded=False):
    """`{% history_of application lines %}`: the records after the first one add their own events (and those of
    the records pointing to them) to the first one's trail; see `core.history.history_for`.

    `embedded=True` is for a page that has its own History section (a partnership's timeline): the trail goes inside
    it under a sub-heading, so the page keeps one History heading and one landmark."""
    request = context.get("request")
    user = getattr(request, "user", None)
    visible = bool(user and user.is_authenticated and user.is_program_staff and obj is not None)
    entries = history_for(obj, also=also, limit=limit) if visible else []
    return {"visible": visible, "entries": entries, "limit": limit, "embedded": embedded}
