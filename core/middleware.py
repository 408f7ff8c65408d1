"""Request middleware of the portal's own."""

import logging
import re

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect

from core.templatetags.submission_token import FIELD

logger = logging.getLogger(__name__)

PENDING = "pending"
TOKEN = re.compile(r"[0-9a-f]{32}")


class SubmissionTokenMiddleware:
    """A double click sends the same form twice: the second copy must not do the work a second time.

    Each rendering of a POST form carries a new one-time token (core.templatetags.submission_token). The first POST
    with a token claims it in the cache; a second POST with the same token (a double click, a resend of the same
    page) is not run: it is sent where the first one's redirect went, or, while the first is still being answered,
    told so at once (nothing waits in the request thread). A refused form (re-shown with its errors) releases its
    token. A deliberate resubmission always runs, because it comes from a new rendering with a new token. POSTs
    without a token (the API, the admin, scripts), anonymous ones and the login are not guarded; when the cache
    (Redis) is down, submissions go through unguarded rather than failing.
    """

    # A claimed token waits this long for its answer (the web server's own timeout), then is given up.
    pending_seconds = 90
    # How long a used token is remembered. A new rendering has a new token, so remembering longer stops nothing.
    remembered_seconds = 60 * 60
    skipped_prefixes = ("/admin/", "/api/", "/accounts/login/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            return self.get_response(request)
        try:
            claimed = cache.add(key, PENDING, timeout=self.pending_seconds)
            first = None if claimed else cache.get(key)
        except Exception:  # The cache is down: let the submission through rather than refuse it.
            logger.warning("Submission-token guard skipped: the cache is not answering.")
            return self.get_response(request)
        if first == PENDING:
            return HttpResponse(
                "This form is already being sent. Wait a moment, then open the page again to see the result.",
                status=409,
                content_type="text/plain; charset=utf-8",
            )
        if first:
            return HttpResponseRedirect(first)
        # Claimed now, or the first copy was refused and released its token in between: this copy runs.
        response = self.get_response(request)
        try:
            if response.status_code in (301, 302, 303) and response.get("Location"):
                cache.set(key, response["Location"], timeout=self.remembered_seconds)
            else:
                cache.delete(key)
        except Exception:
            logger.warning("Submission-token guard could not record a result: the cache is not answering.")
        return response

    def key(self, request):
        """The cache key of this POST's token, or None when the POST is not guarded."""
        if request.method != "POST" or request.path.startswith(self.skipped_prefixes):
            return None
        user = getattr(request, "user", None)
        session_key = getattr(getattr(request, "session", None), "session_key", None)
        if not (user and user.is_authenticated and session_key):
            return None
        token = request.POST.get(FIELD, "")
        if not TOKEN.fullmatch(token):
            return None
        # One session's tokens never answer another's requests.
        return f"submission-token:{session_key}:{token}"


class NulQueryStringMiddleware:
    """Answer 400 to a query string that carries a NUL character (`?q=%00`).

    PostgreSQL cannot hold NUL in any text value, so such a parameter reaching a filter, a search or a picker ends as
    a database error (a 500) wherever it is compared with a column. No page has a use for it: refuse it once, here,
    before any view reads it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return HttpResponseBadRequest("The address holds a NUL character, which no page accepts.")
        return self.get_response(request)
