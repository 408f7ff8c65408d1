"""The portal's URLs plus the reference view the benchmarks compare against (bench settings only)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    """The least a Django view can do: the same middleware, no database, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal, name="bench-minimal"), *portal_urlpatterns]
