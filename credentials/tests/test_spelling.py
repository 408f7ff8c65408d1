"""Misspelt search words are corrected to the catalog's own vocabulary, which follows the catalog's changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from credentials.importers import import_credentials
from credentials.models import Credential, SearchTerm
from credentials.tests.factories import CategoryFactory, CredentialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    CredentialFactory(title="CNC Machining Operator", keywords="lathe, mill")
    CredentialFactory(title="Certified Kubernetes Administrator", keywords="containers")
    CredentialFactory(title="Welding Inspector")
    SearchTerm.objects.refresh()


def test_the_vocabulary_holds_the_words_of_titles_and_keywords(catalog):
    words = set(SearchTerm.objects.values_list("word", flat=True))
    assert {"machining", "operator", "kubernetes", "lathe", "containers", "welding"} <= words
    assert "cnc" in words and not any(any(char.isdigit() for char in word) for word in words)


def test_each_unknown_word_becomes_the_closest_known_one(catalog):
    assert SearchTerm.objects.correct("machinng operatr") == "machining operator"
    assert SearchTerm.objects.correct("kubernets") == "kubernetes"
    assert SearchTerm.objects.correct("machining") is None  # nothing to correct
    assert SearchTerm.objects.correct("zz") is None  # too short to correct


def test_a_misspelt_word_finds_the_credential_through_the_full_text_index(client, catalog):
    titles = list(Credential.objects.search("machinng").values_list("title", flat=True))
    assert titles == ["CNC Machining Operator"]
    page = client.get(reverse("credentials:search"), {"q": "kubernets"}).content.decode()
    assert "Certified Kubernetes Administrator" in page


def test_an_import_refreshes_the_vocabulary(catalog):
    CategoryFactory(name="Robotics")
    upload = SimpleUploadedFile(
        "catalog.csv", b"title,issuing_body,category\nFanuc Robot Programmer,Fanuc,Robotics\n", "text/csv"
    )
    result = import_credentials(upload, upload.name)
    assert result.ok, result.errors.lines()
    assert SearchTerm.objects.filter(word="fanuc").exists()
    assert list(Credential.objects.search("fanck").values_list("title", flat=True)) == ["Fanuc Robot Programmer"]


def test_removed_words_leave_the_vocabulary(catalog):
    Credential.objects.filter(title="Welding Inspector").delete()
    SearchTerm.objects.refresh()
    assert not SearchTerm.objects.filter(word="welding").exists()
    assert SearchTerm.objects.filter(word="machining").exists()


def test_when_the_corrected_words_find_nothing_together_any_one_of_them_will_do(catalog):
    titles = list(Credential.objects.search("machinng weldng").values_list("title", flat=True))
    assert sorted(titles) == ["CNC Machining Operator", "Welding Inspector"]


def test_what_a_search_found_is_remembered_until_the_catalog_changes(client, catalog):
    url = reverse("credentials:search") + "?q=kubernets"
    client.get(url)
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 200
    # Searched again: neither the spelling correction nor the full-text search runs; the page looks its rows up by id.
    sql = " ".join(query["sql"] for query in again.captured_queries)
    assert "credentials_searchterm" not in sql and "to_tsquery" not in sql and "ts_rank" not in sql
    assert client.get(url).context["paginator"].count == 1
    CredentialFactory(title="Kubernetes Security Specialist")
    SearchTerm.objects.refresh()
    assert client.get(url).context["paginator"].count == 2


def test_words_that_nothing_resembles_find_nothing(client, catalog):
    assert list(Credential.objects.search("zz qq")) == []
    assert (
        "No credential in the list matches"
        in client.get(reverse("credentials:search"), {"q": "zz qq"}).content.decode()
    )
