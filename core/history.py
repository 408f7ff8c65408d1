"""The audit trail (django-pghistory's trigger-written events): what apps mark, and reading one record's events for
staff pages as sentences about people and things.

Apps mark their models with `@track_changes()`; the database triggers then write an event for every insert,
update and delete, including bulk `.update()` calls and changes made outside Django. pghistory's HistoryMiddleware
adds the request's user and URL as the event's context. Reading knows no app's models: it takes any tracked record
and asks pghistory's aggregate `Events` model for the rows that track it.

How a record is named in a sentence is the record's own business: a tracked model may define `history_label`, a
noun phrase without its article ("line for CompTIA Security+"), and `history_related`, the relations that label
reads (prefetched once per model for all the events of a page). Without them the model's verbose name is used.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

import pghistory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst

# Field names whose values are personal data: the trail says that they changed, never what they were.
PERSONAL_FIELDS = ("ssn", "birth", "date_of_birth", "tax_id", "ein")
# The portal's readable formats (the same as the templates' `date` filters).
DATE_FORMAT = "M j, Y"
DATETIME_FORMAT = "M j, Y g:i A"
# Fields whose new value says what happened to the record ("submitted", "approved", "moved to active").
STATE_FIELDS = ("status", "stage", "decision")
NOTHING = "—"


@dataclass
class Change:
    """One field's change, both values as readable text. Personal data is `hidden`: old and new are left out."""

    field: str
    old: object = None
    new: object = None
    hidden: bool = False


@dataclass
class HistoryEntry:
    """One event of a record: when, who (None when made outside a web request), what happened as a sentence, and
    which fields changed."""

    when: datetime
    action: str
    who: object = None
    url: str = ""
    subject: str = ""
    sentence: str = ""
    changes: list = field(default_factory=list)


def track_changes(**options):
    """The audit trail's trackers for a model: creation, every change, and deletion (a removed record stays on its
    parent's history). `options` go to `pghistory.track`, e.g. `exclude=[...]` for personal data."""
    return pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **options)


def is_personal(field_name):
    return any(part in field_name.lower() for part in PERSONAL_FIELDS)


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except (AttributeError, LookupError):
        return None


def _label(model, field_name):
    model_field = _field(model, field_name)
    if model_field is not None and hasattr(model_field, "verbose_name"):
        return capfirst(str(model_field.verbose_name))
    return field_name.replace("_", " ").capitalize()


def person_name(user):
    """How the trail names a person: their full name, else their email address."""
    return (user.get_full_name() or user.email or str(user)).strip()


# --- Values: what a stored JSON value reads as on a page --------------------------------------------------------


def _related_ids(events):
    """{related model: {ids}} for every foreign key value in the events' diffs, so each model is read once."""
    wanted = {}
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        for name, values in (event.pgh_diff or {}).items():
            model_field = _field(model, name)
            if model_field is None or not model_field.many_to_one and not model_field.one_to_one:
                continue
            wanted.setdefault(model_field.related_model, set()).update(v for v in values if v is not None)
    return wanted


def readable_value(model_field, value, related):
    """One stored value as a person reads it: a name for a foreign key, the label of a choice, a date in the portal's
    format, Yes or No; `related` is {model: {id: object}}."""
    if value is None or value == "":
        return NOTHING
    if model_field is None:
        return str(value)
    if model_field.many_to_one or model_field.one_to_one:
        target = related.get(model_field.related_model, {}).get(value)
        if target is None:
            return f"a {model_field.related_model._meta.verbose_name} since removed"
        return person_name(target) if isinstance(target, get_user_model()) else str(target)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(model_field, models.DateTimeField):
        moment = parse_datetime(str(value))
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, DATETIME_FORMAT)
    elif isinstance(model_field, models.DateField):
        day = parse_date(str(value))
        if day is not None:
            return date_format(day, DATE_FORMAT)
    if isinstance(model_field, models.DecimalField):
        try:
            # The trail's JSON keeps numbers as floats (5400.0): show them at the field's own precision.
            places = Decimal(1).scaleb(-model_field.decimal_places)
            return f"{Decimal(str(value)).quantize(places):,}"
        except InvalidOperation:
            pass
    return str(value)


# --- Records: how a record is named, rebuilt from the event's snapshot (a deleted record has nothing else) --------


def _snapshot(model, data):
    """An unsaved instance of `model` holding the event's copy of the row."""
    values = {}
    for model_field in model._meta.concrete_fields:
        if model_field.attname not in (data or {}) or isinstance(model_field, models.GeneratedField):
            continue
        raw = data[model_field.attname]
        try:
            values[model_field.attname] = model_field.to_python(raw)
        except (ValidationError, TypeError, ValueError):
            values[model_field.attname] = None
    return model(**values)


def _prefetch_labels(snapshots):
    """Read the relations the records' labels name, one query per relation and model whatever the number of
    records; a relation whose row is gone reads as None instead of a query per record."""
    by_model = {}
    for instance in snapshots:
        by_model.setdefault(type(instance), []).append(instance)
    for model, instances in by_model.items():
        lookups = getattr(model, "history_related", ())
        if lookups:
            prefetch_related_objects(instances, *lookups)
            for lookup in lookups:
                name = lookup.split("__")[0]
                for instance in instances:
                    if not model._meta.get_field(name).is_cached(instance):
                        model._meta.get_field(name).set_cached_value(instance, None)


def record_label(instance):
    """The noun phrase for a record, without its article: the model's `history_label`, else its verbose name."""
    try:
        label = getattr(instance, "history_label", None)
    except (ObjectDoesNotExist, AttributeError, TypeError, ValueError):
        label = None
    return str(label) if label else str(instance._meta.verbose_name)


def _past_tense(label):
    """(verb, rest) when a status label starts with what was done to the record ("Returned for changes"),
    else None ("Under review", "Active")."""
    first, _, rest = str(label).lower().partition(" ")
    if first.endswith(("ed", "wn", "id")):
        return first, rest
    return None


def _sentence(*, action, who, noun, own, state):
    """What happened as one sentence: "Uma Tester submitted the application", "Line for CompTIA Security+ removed".

    `own` says the record is the page's own (created / deleted) or one belonging to it (added / removed); `state` is
    the new label of its status, when the change moved it."""
    if action == "insert":
        verb = "created" if own else "added"
    elif action == "delete":
        verb = "deleted" if own else "removed"
    elif state is not None and _past_tense(state):
        verb, rest = _past_tense(state)
        if who:
            return f"{who} {verb} the {noun}" + (f" {rest}" if rest else "")
        return capfirst(f"{noun} {verb}" + (f" {rest}" if rest else ""))
    elif state is not None:
        if who:
            return f"{who} moved the {noun} to {str(state).lower()}"
        return capfirst(f"{noun} moved to {str(state).lower()}")
    else:
        verb = "changed"
    return f"{who} {verb} the {noun}" if who else capfirst(f"{noun} {verb}")


ACTION_WORDS = {"insert": "Created", "update": "Changed", "delete": "Deleted"}


def history_for(obj, *, also=(), limit=50):
    """The latest `limit` audit events of `obj` and of the tracked records that point to it (a placement's time
    entries, a report's values), newest first, each told as a sentence, with the people and records it names read in
    a bounded number of queries (one for the people, one per kind of record named), whatever the number of events.

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
    user_model = get_user_model()
    wanted = _related_ids(events)
    user_ids = {(event.pgh_context or {}).get("user") for event in events} | wanted.pop(user_model, set())
    # Always one query for the people (never skipped when nobody is named), so a page's query count does not depend
    # on the data; one more per other kind of record a change points to.
    users = user_model.objects.filter(pk__in=sorted(user_ids - {None}) or [0])
    related = {user_model: {user.pk: user for user in users}}
    for model, ids in wanted.items():
        related[model] = model._default_manager.in_bulk(sorted(ids))
    snapshots = {event.pgh_slug: _snapshot(apps.get_model(event.pgh_obj_model), event.pgh_data) for event in events}
    _prefetch_labels([snapshots[event.pgh_slug] for event in events if event.pgh_obj_model != own_label])

    entries = []
    for event in events:
        context = event.pgh_context or {}
        model = apps.get_model(event.pgh_obj_model)
        own = event.pgh_obj_model == own_label
        noun = str(model._meta.verbose_name) if own else record_label(snapshots[event.pgh_slug])
        diff = event.pgh_diff or {}
        changes = []
        state = None
        for name, (old, new) in sorted(diff.items()):
            model_field = _field(model, name)
            if is_personal(name):
                changes.append(Change(_label(model, name), hidden=True))
                continue
            changes.append(
                Change(
                    _label(model, name),
                    readable_value(model_field, old, related),
                    readable_value(model_field, new, related),
                )
            )
            if name in STATE_FIELDS and model_field is not None and model_field.choices and new:
                state = dict(model_field.flatchoices).get(new, new)
        who = related[user_model].get(context.get("user"))
        entries.append(
            HistoryEntry(
                when=event.pgh_created_at,
                action=ACTION_WORDS.get(event.pgh_label, event.pgh_label.capitalize()),
                who=who,
                url=context.get("url") or "",
                subject="" if own else capfirst(noun),
                sentence=_sentence(
                    action=event.pgh_label,
                    who=person_name(who) if who else "",
                    noun=noun,
                    own=own,
                    state=state if event.pgh_label == "update" else None,
                ),
                changes=changes,
            )
        )
    return entries
