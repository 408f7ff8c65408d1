"""Settings for the benchmarks: production settings (DEBUG off, manifest static files) on the bench database, plus
bench/urls.py, which adds one minimal view as the reference for Django's own speed. Never used in production."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DATABASE_URL", "postgres:///portal_bench_scale")
# The API's rate limits are policy, not capacity: the load generator comes from one address and would hit them.
os.environ.setdefault("API_ANON_RATE", "100000000/second")
os.environ.setdefault("API_USER_RATE", "100000000/second")
# Report jobs the benchmarks queue go to a queue of their own, never to a `make run` worker.
os.environ.setdefault("CELERY_QUEUE", "portal-bench-scale")

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# Cached values of the bench database never mix with those of a `make run` on the same Redis.
CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": "portal-bench"}}  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Over plain http on 127.0.0.1: the load generator and the test client carry the session cookie themselves.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Static file URLs without the manifest: pages are measured, not static files (whitenoise serves those from memory),
# so the benchmarks need no `collectstatic` run first.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = False
STATIC_ROOT = "/tmp/portal-bench-static"  # empty, so whitenoise does not warn about a missing staticfiles/
os.makedirs(STATIC_ROOT, exist_ok=True)
