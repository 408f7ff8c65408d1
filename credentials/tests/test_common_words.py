"""Words that match more credentials than a search lists are ranked once per catalog change (CommonWord), and a
search of the whole catalog for one of them lists exactly what ranking its matches on the spot would list."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F
from django.urls import reverse

from core.pagination import RankedIdsPaginator
from core.testing.queries import assert_query_budget
from credentials.models import SEARCH_CONFIG, CommonWord, Credential, SearchTerm
from credentials.tests.factories import CategoryFactory, CredentialFactory

pytestmark = pytest.mark.django_db

CAP = 4


@pytest.fixture(autouse=True)
def small_cap(monkeypatch):
    """A search lists at most CAP + 1 matches here, so a word becomes common with a handful of credentials."""
    monkeypatch.setattr("credentials.models.CAP", CAP)
    monkeypatch.setattr(RankedIdsPaginator, "cap", CAP)


@pytest.fixture
def clouds():
    """Nine credentials that say "cloud": in the title, in the keywords or only in the description."""
    networks, data = CategoryFactory(name="Networks"), CategoryFactory(name="Data")
    for i in range(3):
        CredentialFactory(title=f"Cloud architect {i}", category=networks)
        CredentialFactory(title=f"Platform engineer {i}", keywords="cloud, platforms", category=data)
        CredentialFactory(
            title=f"Database administrator {i}", description="Runs databases in the cloud.", category=data
        )
    CredentialFactory(title="Welding inspector")
    SearchTerm.objects.refresh()  # what every writer of the catalog calls


def ranked_on_the_spot(queryset, words):
    query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
    matched = queryset.filter(search_document=query)
    return list(
        matched.annotate(rank=SearchRank(F("search_document"), query))
        .order_by("-rank", "title")
        .values_list("title", flat=True)
    )


def titles(queryset):
    return list(queryset.values_list("title", flat=True))


def test_a_word_matching_more_than_a_search_lists_is_ranked_once(clouds):
    word = CommonWord.objects.get(query="'cloud'")
    assert word.matches == 9
    assert set(CommonWord.objects.values_list("query", flat=True)) == {"'cloud'", "'issuer'"}  # every factory's issuer
    best = list(word.best_matches.values_list("position", "credential__title"))
    assert [position for position, _ in best] == [1, 2, 3, 4, 5]
    assert [title for _, title in best] == ranked_on_the_spot(Credential.objects.all(), "cloud")[: CAP + 1]


def test_searching_the_whole_catalog_lists_what_ranking_on_the_spot_lists(clouds):
    expected = ranked_on_the_spot(Credential.objects.all(), "cloud")[: CAP + 1]
    assert titles(Credential.objects.search("Cloud")) == expected
    assert titles(Credential.objects.search("clouds")) == expected  # the same stem
    assert expected[:3] == [f"Cloud architect {i}" for i in range(3)]  # title matches first


def test_a_rare_word_and_a_filtered_search_rank_their_own_matches(clouds):
    assert titles(Credential.objects.search("welding")) == ["Welding inspector"]
    data = Credential.objects.filter(category__name="Data")
    assert titles(data.search("cloud")) == ranked_on_the_spot(data, "cloud")  # all six, not only the best five
    assert len(titles(data.search("cloud"))) == 6


def test_the_page_and_the_api_filter_by_category_before_ranking(client, clouds):
    data = CategoryFactory._meta.model.objects.get(name="Data")
    page = client.get(reverse("credentials:search"), {"q": "cloud", "category": data.pk})
    listed = [credential.title for credential in page.context["object_list"]]
    assert listed == ranked_on_the_spot(Credential.objects.filter(category=data), "cloud")[: CAP + 1]
    assert page.context["paginator"].count == CAP + 1 and "More than 4 credentials found" in page.content.decode()

    api = client.get("/api/credentials/", {"search": "cloud", "category": data.pk}).json()
    assert {row["category"]["name"] for row in api["results"]} == {"Data"}
    assert api["count"] == CAP + 1 and api["count_is_capped"] is True
    whole = client.get("/api/credentials/", {"search": "cloud"}).json()
    assert [row["title"] for row in whole["results"]][:3] == [f"Cloud architect {i}" for i in range(3)]


def test_the_ranking_follows_the_catalog(client, clouds):
    CredentialFactory(title="Cloud cloud cloud", keywords="cloud", description="cloud")
    SearchTerm.objects.refresh()
    assert titles(Credential.objects.search("cloud"))[0] == "Cloud cloud cloud"
    assert CommonWord.objects.get(query="'cloud'").matches == 10

    Credential.objects.filter(title__contains="Cloud").delete()
    Credential.objects.filter(title__startswith="Platform").delete()
    SearchTerm.objects.refresh()
    assert not CommonWord.objects.filter(query="'cloud'").exists()  # three matches left: ranked on the spot again
    assert len(titles(Credential.objects.search("cloud"))) == 3


def test_a_common_word_search_page_has_a_query_budget(client):
    category = CategoryFactory()

    def make_rows(n):
        start = Credential.objects.count()
        Credential.objects.bulk_create(
            Credential(title=f"Cloud credential {start + i}", issuing_body="X", category=category) for i in range(n)
        )
        SearchTerm.objects.refresh()

    # Five rows and three hundred: "cloud" is a common word both times, and its ranking is read, not computed.
    assert_query_budget(client, reverse("credentials:search") + "?q=cloud", make_rows=make_rows, budget=5, few=5)
    assert CommonWord.objects.filter(query="'cloud'").exists()
