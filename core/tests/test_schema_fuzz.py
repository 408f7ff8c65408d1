"""schemathesis over the portal's OpenAPI schema (/api/schema/): every operation is called with generated valid and
invalid parameters, anonymously and with a token of each kind of user; nothing may answer with a server error.

The schema is loaded from the running Django app through WSGI, so requests run in-process against the test
database. The number of examples per operation is bounded to keep the suite within CI's time.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode

from core.tests.site_world import build_world

EXAMPLES_PER_OPERATION = 15


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Django's WSGI handler closes the database connection after each request; in a test that would end the
    test's transaction. Django's own test client disconnects the same handler for the same reason."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.django_db
def test_no_api_operation_answers_with_a_server_error(people, wsgi_keeps_the_test_connection):
    build_world(people)
    tokens = [None] + [
        Token.objects.create(user=people.get(who)).key
        for who in ("owner", "other_employer", "provider", "convener", "staff", "admin")
    ]
    found = operations()
    assert len(found) >= 12, [op.label for op in found]
    failures, calls = [], 0
    for operation in found:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode), token=st.sampled_from(tokens))
            def call(case, token):
                nonlocal calls
                headers = {"Authorization": f"Token {token}"} if token else {}
                response = case.call(headers=headers)
                calls += 1
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}")

            call()
    assert calls >= len(found) * 5
    assert not failures, "\n".join(sorted(set(failures)))
