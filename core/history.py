"""The audit trail (django-pghistory's trigger-written events): what apps mark, and reading one record's events for
staff pages.

Apps mark their models with `@track_changes()`; the database triggers then write an event for every insert,
update and delete, including bulk `.update()` calls and changes made outside Django. pghistory's HistoryMiddleware
adds the request's user and URL as the event's context. Reading knows no app's models: it takes any tracked record
and asks pghistory's aggregate `Events` model for the rows that track it.
"""

from dataclasses import dataclass, field
from datetime import datetime

import pghistory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

# Field names whose values are personal data: the trail says that they changed, never what they were.
PERSONAL_FIELDS = ("ssn", "birth", "date_of_birth", "tax_id", "ein")
EVENT_WORDS = {"insert": "Created", "update": "Changed", "delete": "Deleted"}


@dataclass
class Change:
    """One field's change. Personal data is `hidden`: old and new are left out."""

    field: str
    old: object = None
    new: object = None
    hidden: bool = False


@dataclass
class HistoryEntry:
    """One event of a record: when, who (None when made outside a web request), and which fields changed."""

    when: datetime
    action: str
    who: object = None
    url: str = ""
    subject: str = ""
    changes: list = field(default_factory=list)


def track_changes(**options):
    """The audit trail's trackers for a model: creation, every change, and deletion (a removed record stays on its
    parent's history). `options` go to `pghistory.track`, e.g. `exclude=[...]` for personal data."""
    return pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **options)


def is_personal(field_name):
    return any(part in field_name.lower() for part in PERSONAL_FIELDS)


def _label(model, field_name):
    try:
        return str(model._meta.get_field(field_name).verbose_name).capitalize()
    except (AttributeError, LookupError):
        return field_name.replace("_", " ").capitalize()


def history_for(obj, *, also=(), limit=50):
    """The latest `limit` audit events of `obj` and of the tracked records that point to it (a placement's time
    entries, a report's values), newest first, with the users named in one extra query.

    `also` adds more records (objects, lists of objects of one model, or querysets) whose events, and the events of
    the records pointing to them, belong on `obj`'s page: an application passes its lines, because the awards point
    to the lines and not to the application. One query per entry of `also`, whatever the number of records in it.
    """
    from pghistory.models import Events

    events = {}
    for records in (obj, *also):
        records = list(records) if isinstance(records, (list, tuple, QuerySet)) else [records]
        if not records:
            continue
        for event in Events.objects.references(records).order_by("-pgh_created_at", "-pgh_id")[:limit]:
            # A line's own events are found both through the application and through the line: keep one.
            events[event.pgh_slug] = event
    events = sorted(events.values(), key=lambda event: (event.pgh_created_at, event.pgh_id), reverse=True)[:limit]
    own_label = obj._meta.label
    user_ids = {(event.pgh_context or {}).get("user") for event in events} - {None}
    # Always one query (never skipped when nobody is named), so a page's query count does not depend on the data.
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=sorted(user_ids) or [0])}
    entries = []
    for event in events:
        context = event.pgh_context or {}
        model = apps.get_model(event.pgh_obj_model)
        subject = ""
        if event.pgh_obj_model != own_label:
            subject = f"{model._meta.verbose_name.capitalize()} {event.pgh_obj_id}"
        changes = [
            Change(_label(model, name), hidden=True) if is_personal(name) else Change(_label(model, name), old, new)
            for name, (old, new) in sorted((event.pgh_diff or {}).items())
        ]
        entries.append(
            HistoryEntry(
                when=event.pgh_created_at,
                action=EVENT_WORDS.get(event.pgh_label, event.pgh_label.capitalize()),
                who=users.get(context.get("user")),
                url=context.get("url") or "",
                subject=subject,
                changes=changes,
            )
        )
    return entries
