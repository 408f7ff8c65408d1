"""A broad search counts its matches only up to a cap, on the page and in the API, and says so."""

import pytest
from django.test import Client
from django.urls import reverse

from core.pagination import RankedIdsPaginator
from credentials.models import Credential, SearchTerm
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
    monkeypatch.setattr(RankedIdsPaginator, "cap", 10)
    text = client.get(reverse("credentials:search"), {"q": "cloud"}).content.decode()
    assert "More than 10 credentials found" in text and "Add a word to narrow the list" in text
    assert "12 credentials" not in text

    data = client.get("/api/credentials/", {"search": "cloud"}).json()
    assert data["count"] == 11 and data["count_is_capped"] is True


def test_pages_up_to_the_cap_still_work(client, clouds, monkeypatch):
    monkeypatch.setattr(RankedIdsPaginator, "cap", 10)
    page_one = client.get("/api/credentials/", {"search": "cloud"}).json()
    assert len(page_one["results"]) == 11  # 25 a page, the count stops at cap + 1
    page = client.get(reverse("credentials:search"), {"q": "cloud", "page": 1})
    assert page.status_code == 200 and len(page.context["object_list"]) == 11


def test_the_capped_count_is_in_the_api_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    listing = schema["components"]["schemas"]["PaginatedCredentialList"]
    assert "count_is_capped" in listing["properties"]


def test_a_search_is_remembered_and_forgotten_when_the_catalog_changes(client, clouds):
    url = reverse("credentials:search")
    assert "12 credentials found" in client.get(url, {"q": "cloud"}).content.decode()
    category = Credential.objects.first().category
    Credential.objects.create(title="Cloud practitioner level 12", issuing_body="Issuer", category=category)
    SearchTerm.objects.refresh()  # what every writer of the catalog calls (imports, proposals, the admin)
    assert "13 credentials found" in client.get(url, {"q": "cloud"}).content.decode()


def test_later_pages_of_a_remembered_search_keep_the_rank_order(client, clouds):
    first = client.get("/api/credentials/", {"search": "cloud"}).json()["results"]
    again = client.get("/api/credentials/", {"search": "cloud"}).json()["results"]
    assert [row["id"] for row in first] == [row["id"] for row in again]
    assert [row["title"] for row in first] == sorted(row["title"] for row in first)  # equal rank: by title


def test_credentials_deleted_in_the_admin_leave_remembered_searches(admin_client, clouds):
    assert public_count() == 12
    gone = Credential.objects.filter(title__endswith="level 3").values_list("pk", flat=True)
    admin_client.post(
        reverse("admin:credentials_credential_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [str(pk) for pk in gone]},
    )
    assert not Credential.objects.filter(pk__in=list(gone)).exists()
    assert public_count() == 11


def test_a_credential_retired_in_the_admin_shows_retired_in_remembered_searches(admin_client, clouds):
    def status_of_level_3():
        rows = Client().get("/api/credentials/", {"search": "cloud"}).json()["results"]
        return {row["title"]: row["status"] for row in rows}["Cloud practitioner level 3"]

    assert status_of_level_3() == "eligible"
    retired = Credential.objects.filter(title__endswith="level 3").values_list("pk", flat=True)
    admin_client.post(
        reverse("admin:credentials_credential_changelist"),
        {"action": "retire", "_selected_action": [str(pk) for pk in retired]},
    )
    assert status_of_level_3() == "retired"


def public_count():
    return Client().get("/api/credentials/", {"search": "cloud"}).json()["count"]


def test_a_remembered_api_page_is_the_same_json_and_still_browsable(client, clouds):
    first = client.get("/api/credentials/", {"search": "cloud"})
    again = client.get("/api/credentials/", {"search": "cloud"})
    assert again["Content-Type"] == "application/json" and again.content == first.content
    html = client.get("/api/credentials/", {"search": "cloud"}, HTTP_ACCEPT="text/html")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    assert "Cloud practitioner level 0" in html.content.decode()
