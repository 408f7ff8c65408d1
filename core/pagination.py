"""Paginators for lists whose counts and rankings cost more than the page they show.

- `RememberedCountPaginator`: the staff lists over the biggest tables count a single table's rows once until that
  table changes (core.remembered).
- `RankedIdsPaginator`: a ranked search reads the ids of its first `CAP + 1` matches, in rank order, and stops
  counting there: pages and the "next" link work as usual up to the cap, and the page says "more than 1,000"
  instead of an exact figure nobody reads. A page is then one lookup by primary key.
- `RememberedSearchPaginator`: the same over `queryset.search(words)`, with the ranked ids remembered until the
  table changes; the search runs only when nothing is remembered.
- `CappedPageNumberPagination`: the API's page-number pagination over ranked ids, with the capped count.

A queryset that can match no row (`.none()`, an invalid filter, `pk__in=[]`) has no SQL to remember it by: it
counts 0 and lists nothing, without a query.
"""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.remembered import FORGOTTEN_WHEN_CHANGED, remember

CAP = 1000


def _sql(queryset):
    """The queryset's SQL with its parameters, to remember a value by; None when it can match no row."""
    if queryset.query.is_empty():
        return None
    try:
        return queryset.query.sql_with_params()
    except EmptyResultSet:
        return None


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
        sql = _sql(counted)
        return 0 if sql is None else remember(counted.model, ("count", sql), counted.count)


class RankedIdsPaginator(Paginator):
    """A paginator over a ranked queryset that reads the ids of its first `cap + 1` rows once: its `count` stops at
    `cap + 1`, `count_is_capped` says when it did, and a page is one lookup by primary key."""

    cap = CAP

    def ranked(self):
        """The ranked queryset whose ids are paged."""
        return self.object_list

    def read_ranked_ids(self):
        ranked = self.ranked()
        return [] if _sql(ranked) is None else list(ranked.values_list("pk", flat=True)[: self.cap + 1])

    @cached_property
    def ranked_ids(self):
        return self.read_ranked_ids()

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
        by_id = {row.pk: row for row in rows} if ids else {}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)


class RememberedSearchPaginator(RankedIdsPaginator):
    """Pages through `object_list.search(words)` (a queryset with a `search` method, already filtered), with the
    ranked ids remembered until the table changes, under the filters' SQL and the words: a repeated search costs
    one cache read and the page's lookup by primary key, and the search itself runs only when nothing is
    remembered."""

    def __init__(self, object_list, per_page, *args, words="", **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.words = words

    def ranked(self):
        return self.object_list.search(self.words)

    def read_ranked_ids(self):
        sql = _sql(self.object_list)
        if sql is None:
            return []
        return remember(self.object_list.model, ("ranked-ids", sql, self.words, self.cap), super().read_ranked_ids)


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
    """The API's page-number pagination over ranked ids, with a capped count: `count` stops at 1,001 and
    `count_is_capped` is true when there are more matches than that."""

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
