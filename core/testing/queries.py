"""The query-budget helper: a page must cost the same, bounded number of queries with few rows and with many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return len(context.captured_queries)


def assert_query_budget(client, url, *, make_rows, budget, few=3, many=300):
    """Fill `few` rows, count the queries of GET url, fill up to `many`, count again.

    `make_rows(n)` must add n more rows that the page shows. Both counts must be equal and within `budget`.
    """
    make_rows(few)
    small = count_queries(client, url)
    make_rows(many - few)
    large = count_queries(client, url)
    assert small <= budget, f"GET {url} with {few} rows ran {small} queries; the budget is {budget}"
    assert large == small, f"GET {url} ran {small} queries with {few} rows but {large} with {many}"
    return small
