"""The cache helpers the public API leans on: the rate-limit counter and values remembered until a table changes."""

from django.core.cache import cache
from django_redis import get_redis_connection

from core.models import Organization
from core.remembered import data_changed, remember
from core.throttling import count_in_window


def test_a_window_counter_counts_from_one_and_expires_once_started():
    assert [count_in_window("calls", 60) for _ in range(3)] == [1, 2, 3]
    client = get_redis_connection()
    ttl = client.ttl(cache.make_key("calls"))
    assert 0 < ttl <= 60
    client.expire(cache.make_key("calls"), 1000)
    count_in_window("calls", 60)  # a later increment leaves the window's end where it was
    assert client.ttl(cache.make_key("calls")) > 60


def test_the_counter_uses_the_cache_s_own_client_and_keys(settings):
    """One Redis client per cache (its connection pool shared by the process), and the cache's key prefix, so each
    test's counters are its own (core.testing.fixtures.isolated_cache)."""
    assert get_redis_connection() is get_redis_connection() is cache.client.get_client(write=True)
    count_in_window("calls", 60)
    assert cache.get("calls") == 1
    assert settings.CACHES["default"]["KEY_PREFIX"] in cache.make_key("calls")


def test_a_remembered_value_is_computed_once_until_the_table_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert remember(Organization, ("count",), compute) == 1
    assert remember(Organization, ("count",), compute) == 1
    assert remember(Organization, ("other",), compute) == 2  # other parts, another value
    data_changed(Organization)
    assert remember(Organization, ("count",), compute) == 3
    assert remember(Organization, ("count",), compute) == 3


def test_nothing_and_falsy_values_are_remembered_too():
    calls = []

    def compute():
        calls.append(1)
        return None

    remember(Organization, ("none",), compute)
    remember(Organization, ("none",), compute)
    assert len(calls) == 1


def test_a_value_computed_before_a_change_is_not_served_after_it():
    """A writer bumps the version while a reader computes: what the reader stores is never served as current."""

    def compute_while_a_writer_changes_the_table():
        data_changed(Organization)
        return "stale"

    assert remember(Organization, ("race",), compute_while_a_writer_changes_the_table) == "stale"
    assert remember(Organization, ("race",), lambda: "fresh") == "fresh"
