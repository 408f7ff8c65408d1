import uuid

import pytest
from django.conf import settings
from django.test import override_settings


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_healthz_names_what_failed_with_503(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert "redis" in body["failed"]


@pytest.mark.worker
def test_healthz_is_200_when_database_redis_and_a_worker_answer(client, celery_worker):
    response = client.get("/healthz")
    assert response.json()["checks"] == {"database": "ok", "redis": "ok", "celery": "ok"}
    assert response.status_code == 200


@pytest.mark.worker
def test_healthz_reports_a_missing_worker(client, celery_worker_factory):
    # Beside it, a worker of another queue on the same Redis, as a `make run` worker beside the test suite: it
    # answers pings but never takes the portal's jobs. (A queue of its own rather than "portal", so that it never
    # takes a running portal's jobs either.)
    celery_worker_factory(queue=f"{settings.CELERY_TASK_DEFAULT_QUEUE}-elsewhere-{uuid.uuid4().hex[:8]}")
    celery_worker_factory().kill()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["celery"]
    assert settings.CELERY_TASK_DEFAULT_QUEUE in response.json()["checks"]["celery"]
