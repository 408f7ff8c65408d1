"""Pagination for searches whose broad queries match thousands of rows.

Counting every match of a broad word ("security" matches thousands of credentials) costs more than finding the
best twenty, so `RankedIdsPaginator` counts at most `CAP + 1` rows: pages and the "next" link work as usual up to
the cap, and the page says "more than 1,000" instead of an exact figure nobody reads.

A ranked search is also worth remembering (`remember`): the paginator keeps the ids of a query's first
`CAP + 1` matches, in rank order, in the cache for a few minutes. The count and every page of that query then come
from them, and a page costs one lookup by primary key. The cache key is the query's own SQL with its parameters
(so a different filter, user scope or day is a different key) and a version of the table that writers bump with
`data_changed(model)` whenever rows are added, changed or removed.
"""

import hashlib
import time
from functools import partial

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

CAP = 1000
REMEMBER_SECONDS = 10 * 60


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


# The models whose saves and deletes forget what is remembered about them (forget_when_changed).
FORGOTTEN_WHEN_CHANGED = set()


def forget_when_changed(*models):
    """Forget what is remembered about these models' tables whenever one of their rows is saved or deleted, once the
    write commits: a rolled-back write leaves the remembered values alone, a committed one is seen by the very next
    request. Signals do not fire for `QuerySet.update()`, `bulk_create()` or raw SQL; code writing that way calls
    `data_changed(model)` itself. Called from the apps' `ready()`."""
    for model in models:
        FORGOTTEN_WHEN_CHANGED.add(model)
        post_save.connect(_forget_on_commit, sender=model, dispatch_uid="forget-remembered")
        post_delete.connect(_forget_on_commit, sender=model, dispatch_uid="forget-remembered")


def _forget_on_commit(sender, using=None, **kwargs):
    transaction.on_commit(partial(data_changed, sender), using=using)


def remember(model, parts, compute, *, timeout=REMEMBER_SECONDS):
    """`compute()`, kept in the cache under `parts` (anything with a stable repr) until `model`'s rows change or
    `timeout` seconds pass, whichever comes first.

    The value is kept with the table's version it was computed under, and the version and the value are read in
    one round trip: a value from before the last `data_changed(model)` is computed again.
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


class RememberedCountPaginator(Paginator):
    """A paginator whose count of a single table's rows is remembered until that table changes.

    For the staff lists over the biggest tables (200,000 placements, applications, claims): counting them is most
    of a page's SQL. Only a table whose writes forget what is remembered (`forget_when_changed`, connected by the
    apps) has its count remembered, and only a count of that table alone: one that joins others (a filter on a
    related row's field, a user's scope) is counted every time, as a change to the other table would not forget it.
    """

    @cached_property
    def count(self):
        # django-tables2 paginates its rows (BoundRows over TableQuerysetData over the queryset).
        queryset = getattr(getattr(self.object_list, "data", None), "data", self.object_list)
        if not hasattr(queryset, "query"):
            return Paginator.count.func(self)
        counted = queryset.order_by().select_related(None)
        if counted.model not in FORGOTTEN_WHEN_CHANGED or len(counted.query.alias_map) > 1:
            return counted.count()
        return remember(counted.model, ("count", counted.query.sql_with_params()), counted.count)


class RankedIdsPaginator(Paginator):
    """A paginator over a ranked queryset that remembers the ranked ids of its first `cap + 1` rows: its `count`
    stops at `cap + 1`, and `count_is_capped` says when it did."""

    cap = CAP

    @cached_property
    def ranked_ids(self):
        queryset = self.object_list
        ids = queryset.values_list("pk", flat=True)
        return remember(queryset.model, ("ranked-ids", ids.query.sql_with_params()), lambda: list(ids[: self.cap + 1]))

    @cached_property
    def count(self):
        return len(self.ranked_ids)

    @property
    def count_is_capped(self):
        return self.count > self.cap

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self.ranked_ids[bottom : bottom + self.per_page]
        queryset = self.object_list
        rows = queryset.model._default_manager.filter(pk__in=ids)
        if queryset.query.select_related:
            rows = rows.select_related(*_related_names(queryset.query.select_related))
        by_id = {row.pk: row for row in rows}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)


def _related_names(tree, prefix=""):
    """select_related's nested dict ({"category": {}}) as the lookups it was made from (["category"])."""
    if tree is True:
        return []
    names = []
    for name, children in tree.items():
        path = f"{prefix}{name}"
        names += _related_names(children, f"{path}__") if children else [path]
    return names


class CappedPageNumberPagination(PageNumberPagination):
    """The API's page-number pagination over remembered ranked ids, with a capped count: `count` stops at 1,001
    and `count_is_capped` is true when there are more matches than that."""

    django_paginator_class = RankedIdsPaginator

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_is_capped": paginator.count_is_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count"]["description"] = f"Number of matches, counted up to {CAP + 1:,}."
        schema["properties"]["count_is_capped"] = {
            "type": "boolean",
            "description": f"True when more than {CAP:,} rows match: `count` then stops at {CAP + 1:,}.",
        }
        return schema
