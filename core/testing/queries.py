"""The query-budget helper: a page must cost the same, bounded number of queries with few rows and with many."""

import uuid
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return len(context.captured_queries)


@contextmanager
def nothing_remembered():
    """Inside, values remembered in the cache (core.remembered.remember) are out of reach, as if every table had
    just changed: the cache gets a fresh key prefix."""
    caches = {name: {**options, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"} for name, options in settings.CACHES.items()}
    with override_settings(CACHES=caches):
        yield


def assert_query_budget(client, url, *, make_rows, budget, few=3, many=300):
    """Fill `few` rows, count the queries of GET url, fill up to `many`, count again.

    `make_rows(n)` must add n more rows that the page shows. Both counts must be equal and within `budget`. Each
    count is of a request that computes everything: nothing remembered from an earlier request is used.
    """
    make_rows(few)
    with nothing_remembered():
        small = count_queries(client, url)
    make_rows(many - few)
    with nothing_remembered():
        large = count_queries(client, url)
    assert small <= budget, f"GET {url} with {few} rows ran {small} queries; the budget is {budget}"
    assert large == small, f"GET {url} ran {small} queries with {few} rows but {large} with {many}"
    return small
