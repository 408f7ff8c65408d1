"""Pagination for searches whose broad queries match thousands of rows.

Counting every match of a broad word ("security" matches thousands of credentials) costs more than finding the
best twenty. A capped paginator counts at most `CAP + 1` rows: pages and the "next" link work as usual up to
the cap, and the page says "more than 1,000" instead of an exact figure nobody reads.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

CAP = 1000


class CappedPaginator(Paginator):
    """A Paginator whose `count` stops at `CAP + 1`; `count_is_capped` says when it did."""

    cap = CAP

    @cached_property
    def count(self):
        objects = self.object_list
        if hasattr(objects, "query"):
            # Without the ordering (and so without a rank to compute): any cap + 1 matching rows will do.
            return objects.order_by().values("pk")[: self.cap + 1].count()
        return min(len(objects), self.cap + 1)

    @property
    def count_is_capped(self):
        return self.count > self.cap


class CappedPageNumberPagination(PageNumberPagination):
    """The API's page-number pagination with a capped count: `count` stops at 1,001 and `count_is_capped` is
    true when there are more matches than that."""

    django_paginator_class = CappedPaginator

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
            "description": f"True when more than {CAP:,} credentials match: `count` then stops at {CAP + 1:,}.",
        }
        return schema
