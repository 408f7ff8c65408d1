"""Malformed query strings never answer a server error, on any page of the permission matrix, for any user.

Every GET URL of core/tests/test_site_access.py is requested by each kind of user that may open it (the matrix
says 200 for them), with every query parameter its view knows (its filterset's filters, its table's paging and
sorting, `q`) set to malformed values: NUL bytes, negatives, huge numbers, unknown choices, over-long text. A page
may answer 200, a redirect or 400; it must never answer 500.
"""

import pytest
from django.urls import resolve

from core.tests.site_world import USERS, build_world
from core.tests.test_site_access import EXPECTED, OK, AccessRecorder, site_patterns, url_for

pytestmark = pytest.mark.django_db

COMMON = ("page", "per_page", "sort", "q", "search", "format", "ordering")
MALFORMED = {
    "nul": "\x00",
    "nul_inside": "a\x00b",
    "negative": "-1",
    "huge": "9" * 40,
    "unknown_choice": "not-a-choice",
    "long": "x" * 5000,
}


def view_class(url):
    """The class-based view (or DRF viewset) behind `url`, or None for a function view."""
    func = resolve(url.split("?")[0]).func
    return getattr(func, "view_class", None) or getattr(func, "cls", None)


def parameters_of(url):
    """The query parameters the view at `url` reads: its filterset's, its table's and the common ones."""
    names = set(COMMON)
    view = view_class(url)
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        for name, filter_ in filterset_class.base_filters.items():
            names.add(name)
            names.update(f"{name}_{suffix}" for suffix in ("after", "before", "min", "max", "0", "1"))
            names.add(getattr(filter_, "field_name", name) or name)
    for attribute in ("filterset_fields", "search_fields", "ordering_fields"):
        names.update(name for name in getattr(view, attribute, None) or () if isinstance(name, str))
    table_class = getattr(view, "table_class", None)
    if table_class is not None:
        prefix = getattr(table_class._meta, "prefix", "") or ""
        names.update(prefix + name for name in ("page", "per_page", "sort"))
    return sorted(names)


def test_no_malformed_query_string_is_a_server_error(client, people):
    client.raise_request_exception = False
    world = AccessRecorder(build_world(people))
    targets = []
    for key in site_patterns():
        statuses = EXPECTED[key]
        if statuses is None:
            continue
        url = url_for(key, world)
        readers = [who for who in USERS if statuses[who] == OK]
        if readers:
            targets.append((key, url, readers))
    failures, requests = [], 0
    for who in USERS:
        client.logout()
        if who != "anonymous":
            client.force_login(people.get(who))
        for key, url, readers in targets:
            if who not in readers:
                continue
            names = parameters_of(url)
            for label, value in MALFORMED.items():
                query = dict.fromkeys(names, value)
                response = client.get(url, query)
                requests += 1
                if response.status_code >= 500:
                    failures.append(f"{key} {url} as {who} with {label} values: {response.status_code}")
            # One parameter at a time (as the first user who may open the page), so one refusal cannot hide another.
            if who != readers[0]:
                continue
            for name in names:
                for value in ("-1", "not-a-choice"):
                    response = client.get(url, {name: value})
                    requests += 1
                    if response.status_code >= 500:
                        failures.append(f"{key} {url} as {who} with {name}={value!r}: {response.status_code}")
    client.logout()
    assert requests >= 500
    assert not failures, "\n".join(failures) + f"\n({len(failures)} in all, {requests} requests)"


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "listbox=%00", "%00=1"])
def test_a_nul_byte_in_a_picker_query_is_refused_not_a_server_error(client, people, query):
    client.raise_request_exception = False
    client.force_login(people.staff)
    response = client.get("/organizations/choices/?" + query)
    assert response.status_code == 400
