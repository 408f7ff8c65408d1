import pytest
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
def test_healthz_reports_a_missing_worker(client, celery_worker):
    celery_worker.kill()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["celery"]
