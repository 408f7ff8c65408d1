"""API rate limits: anonymous callers by address, signed-in callers by account, each against one limit.

Each limit counts requests in fixed windows (120 a minute: at most 120 between 10:04:00 and 10:04:59) with one
Redis round trip per request (`count_in_window`). DRF's own throttles keep a list of every request's time in the
window and read and write it whole on each request, which costs more as the rate allowed grows.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django_redis import get_redis_connection
from rest_framework.throttling import SimpleRateThrottle


def count_in_window(key, seconds):
    """Add one to the counter `key` (a cache key: the cache's prefix is added) and return its new value, in one
    round trip: the counter starts at 1 and expires `seconds` after its first increment. The cache's `incr` costs
    two round trips and refuses a missing key, so this pipelines INCR and EXPIRE NX on django-redis's client."""
    key = cache.make_key(key)
    pipeline = get_redis_connection("default").pipeline(transaction=False)
    pipeline.incr(key)
    pipeline.expire(key, seconds, nx=True)
    count, _ = pipeline.execute()
    return count


def client_address(request):
    """The caller's address for limits and lock-outs (the API's throttle, django-axes' AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR, unless settings.NUM_PROXIES proxies of our own stand in front: then the address the outermost of
    them saw, which is the NUM_PROXIES-th entry from the right of X-Forwarded-For (each proxy appends the address
    it received from). Entries further left are whatever the caller wrote, so they are never trusted.
    """
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not settings.NUM_PROXIES or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    return hops[-min(settings.NUM_PROXIES, len(hops))] or remote


class WindowRateThrottle(SimpleRateThrottle):
    """At most `num_requests` per `duration`-second window for one caller (`get_cache_key`); None: not limited."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        window = int(time.time() // self.duration)
        self.window_ends = (window + 1) * self.duration
        return count_in_window(f"{key}:{window}", self.duration + 1) <= self.num_requests

    def wait(self):
        return max(0.0, self.window_ends - time.time())


class AnonymousRateThrottle(WindowRateThrottle):
    """The limit of callers who are not signed in, by address (setting: DEFAULT_THROTTLE_RATES["anon"])."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class SignedInRateThrottle(WindowRateThrottle):
    """The limit of each signed-in caller, by account (setting: DEFAULT_THROTTLE_RATES["user"])."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
