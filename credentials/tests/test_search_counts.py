"""A broad search counts its matches only up to a cap, on the page and in the API, and says so."""

import pytest
from django.urls import reverse

from core.pagination import CappedPaginator
from credentials.models import Credential
from credentials.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clouds():
    category = CategoryFactory()
    Credential.objects.bulk_create(
        Credential(title=f"Cloud practitioner level {i}", issuing_body="Issuer", category=category) for i in range(12)
    )


def test_a_count_under_the_cap_is_exact(client, clouds):
    response = client.get(reverse("credentials:search"), {"q": "cloud"})
    assert "12 credentials found" in response.content.decode()
    data = client.get("/api/credentials/", {"search": "cloud"}).json()
    assert data["count"] == 12 and data["count_is_capped"] is False


def test_a_count_over_the_cap_says_more_than_the_cap(client, clouds, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 10)
    text = client.get(reverse("credentials:search"), {"q": "cloud"}).content.decode()
    assert "More than 10 credentials found" in text and "Add a word to narrow the list" in text
    assert "12 credentials" not in text

    data = client.get("/api/credentials/", {"search": "cloud"}).json()
    assert data["count"] == 11 and data["count_is_capped"] is True


def test_pages_up_to_the_cap_still_work(client, clouds, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 10)
    page_one = client.get("/api/credentials/", {"search": "cloud"}).json()
    assert len(page_one["results"]) == 11  # 25 a page, the count stops at cap + 1
    page = client.get(reverse("credentials:search"), {"q": "cloud", "page": 1})
    assert page.status_code == 200 and len(page.context["object_list"]) == 11


def test_the_capped_count_is_in_the_api_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    listing = schema["components"]["schemas"]["PaginatedCredentialList"]
    assert "count_is_capped" in listing["properties"]
