"""Values remembered in the cache until the rows they were computed from change.

The one way the portal keeps a computed value (a count, a total, a search's ranked ids, an API page):

- `remember(model, parts, compute)` returns `compute()`, kept in the cache under `parts` until `model`'s table
  changes or a few minutes pass, whichever comes first;
- `data_changed(model)` forgets everything remembered about `model`'s table: writers call it after writing rows in
  bulk (`QuerySet.update()`, `bulk_create()`, COPY, raw SQL);
- `forget_when_changed(*models)`, called from the apps' `ready()`, calls `data_changed` whenever one of those
  models' rows is saved or deleted, once the write commits.

Each table has a version in the cache; a value is kept with the version it was computed under and served only while
that version is current, so forgetting a table is one increment, whatever was remembered about it.
"""

import hashlib
import time
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

REMEMBER_SECONDS = 10 * 60

# The models whose saves and deletes forget what is remembered about them (forget_when_changed).
FORGOTTEN_WHEN_CHANGED = set()


def _version_key(model):
    return f"rows-version:{model._meta.label_lower}"


def _new_version():
    # Unique, not 1: a version key Redis evicted must never come back as a version an old value was stored under.
    return time.time_ns()


def data_changed(model):
    """Forget everything remembered about `model`'s table (call after writing its rows)."""
    try:
        cache.incr(_version_key(model))
    except ValueError:  # no version (never set, or evicted)
        cache.set(_version_key(model), _new_version(), timeout=None)


def forget_when_changed(*models):
    """Forget what is remembered about these models' tables whenever one of their rows is saved or deleted, once the
    write commits: a rolled-back write leaves the remembered values alone, a committed one is seen by the very next
    request. Signals do not fire for `QuerySet.update()`, `bulk_create()` or raw SQL; code writing that way calls
    `data_changed(model)` itself."""
    for model in models:
        FORGOTTEN_WHEN_CHANGED.add(model)
        post_save.connect(_forget_on_commit, sender=model, dispatch_uid="forget-remembered")
        post_delete.connect(_forget_on_commit, sender=model, dispatch_uid="forget-remembered")


def _forget_on_commit(sender, using=None, **kwargs):
    transaction.on_commit(partial(data_changed, sender), using=using)


def remember(model, parts, compute, *, timeout=REMEMBER_SECONDS):
    """`compute()`, kept in the cache under `parts` (anything with a stable repr) until `model`'s rows change or
    `timeout` seconds pass, whichever comes first.

    The version and the value are read in one round trip (MGET): a value from before the last `data_changed(model)`
    is computed again.
    """
    version_key = _version_key(model)
    key = f"remembered:{model._meta.label_lower}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
    found = cache.get_many([version_key, key])
    version = found.get(version_key)
    if version is None:
        cache.add(version_key, _new_version(), timeout=None)
        version = cache.get(version_key)
    kept = found.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = compute()
    cache.set(key, (version, value), timeout=timeout)
    return value
