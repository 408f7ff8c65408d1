"""The caller's address that rate limits and login lock-outs count by: REMOTE_ADDR, or behind NUM_PROXIES proxies
the address the outermost trusted proxy saw. Whatever a caller writes into X-Forwarded-For is never trusted."""

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from core.throttling import AnonymousRateThrottle

CATALOG = "/api/credential-categories/"


@pytest.fixture
def five_a_minute(monkeypatch):
    monkeypatch.setattr(AnonymousRateThrottle, "rate", "5/minute", raising=False)


@pytest.mark.django_db
def test_a_new_x_forwarded_for_on_every_request_does_not_escape_the_anonymous_limit(client, five_a_minute):
    statuses = [
        client.get(CATALOG, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", REMOTE_ADDR="203.0.113.7").status_code
        for n in range(11)
    ]
    assert statuses.count(429) >= 5


@pytest.mark.django_db
@override_settings(NUM_PROXIES=1)
def test_behind_one_proxy_the_address_it_saw_counts_and_what_the_caller_wrote_before_it_does_not(client, five_a_minute):
    def get(forwarded):
        return client.get(CATALOG, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2").status_code

    # One caller (192.0.2.10, as the proxy saw it) forging a new address in front each time: still one caller.
    statuses = [get(f"198.51.100.{n}, 192.0.2.10") for n in range(11)]
    assert statuses.count(429) >= 5
    # Another caller behind the same proxy has a limit of its own.
    assert get("192.0.2.20") == 200


@pytest.mark.django_db
@override_settings(NUM_PROXIES=1)
def test_login_lock_outs_count_by_the_same_address(client):
    client.post(
        reverse("login"),
        {"username": "nobody@example.test", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.1, 192.0.2.10",
        REMOTE_ADDR="10.0.0.2",
    )
    assert AccessAttempt.objects.get().ip_address == "192.0.2.10"
