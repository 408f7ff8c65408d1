"""API rate limits: anonymous callers by address, signed-in callers by account, each against one limit."""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

__all__ = ["AnonRateThrottle", "SignedInRateThrottle"]


class SignedInRateThrottle(UserRateThrottle):
    """The per-user limit, for signed-in callers only.

    DRF's UserRateThrottle falls back to the caller's address for anonymous requests, so an anonymous caller was
    counted twice (against both limits), at two cache reads and two writes per request.
    """

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
