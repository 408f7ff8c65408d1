"""Request middleware of the portal's own."""

import hashlib
import logging
import time

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect

logger = logging.getLogger(__name__)

PENDING = "pending"


class DuplicateSubmissionMiddleware:
    """A double click sends the same form twice: the second copy must not create a second record.

    Every POST of a signed-in user is fingerprinted (session, path, fields, uploaded files). The first copy claims
    the fingerprint in the cache for `window` seconds; a copy arriving while the first is still running waits for
    it, and a copy arriving after the first succeeded (answered with a redirect) is sent to the same place without
    running again. A refused form (re-shown with errors) releases the fingerprint, so correcting and resending
    works at once. When the cache (Redis) is down, submissions go through unguarded rather than failing.
    """

    window = 10
    wait_for_twin = 5.0
    skipped_prefixes = ("/admin/", "/api/", "/accounts/login/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.fingerprint(request)
        if key is None:
            return self.get_response(request)
        try:
            claimed = cache.add(key, PENDING, timeout=self.window)
        except Exception:  # The cache is down: let the submission through rather than refuse it.
            logger.warning("Duplicate-submission guard skipped: the cache is not answering.")
            return self.get_response(request)
        if not claimed:
            twin = self.wait_for_first(key)
            if twin == PENDING:
                return HttpResponse("This form is already being sent; wait a moment and reload the page.", status=409)
            if twin:
                return HttpResponseRedirect(twin)
        response = self.get_response(request)
        try:
            if response.status_code in (301, 302, 303) and response.get("Location"):
                cache.set(key, response["Location"], timeout=self.window)
            else:
                cache.delete(key)
        except Exception:
            logger.warning("Duplicate-submission guard could not record a result: the cache is not answering.")
        return response

    def wait_for_first(self, key):
        """The first copy's redirect target, PENDING if it is still running, or None if it was refused."""
        deadline = time.monotonic() + self.wait_for_twin
        while True:
            value = cache.get(key)
            if value != PENDING or time.monotonic() > deadline:
                return value
            time.sleep(0.05)

    def fingerprint(self, request):
        if request.method != "POST" or request.path.startswith(self.skipped_prefixes):
            return None
        user = getattr(request, "user", None)
        session_key = getattr(getattr(request, "session", None), "session_key", None)
        if not (user and user.is_authenticated and session_key):
            return None
        digest = hashlib.sha256()
        digest.update(f"{session_key}\n{request.path}\n".encode())
        for name in sorted(request.POST):
            if name != "csrfmiddlewaretoken":
                for value in request.POST.getlist(name):
                    digest.update(f"{name}={value}\n".encode())
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                digest.update(f"{name}:{upload.name}:{upload.size}\n".encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
        return f"double-submit:{digest.hexdigest()}"
