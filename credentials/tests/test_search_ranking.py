"""A search ranks its own matches, best first, and lists the same credentials in the same order whichever order
its filters were applied in (before the words or after them), on the page and in the API."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F
from django.urls import reverse

from core.pagination import RankedIdsPaginator
from core.testing.queries import assert_query_budget
from credentials.models import SEARCH_CONFIG, Category, Credential, SearchTerm
from credentials.tests.factories import CategoryFactory, CredentialFactory

pytestmark = pytest.mark.django_db

CAP = 4


@pytest.fixture(autouse=True)
def small_cap(monkeypatch):
    """A search lists at most CAP + 1 matches here, so a word is broad with a handful of credentials."""
    monkeypatch.setattr(RankedIdsPaginator, "cap", CAP)


@pytest.fixture
def clouds():
    """Nine credentials that say "cloud": in the title, in the keywords or only in the description."""
    networks, data = CategoryFactory(name="Networks"), CategoryFactory(name="Data")
    for i in range(3):
        CredentialFactory(title=f"Cloud architect {i}", category=networks, example_providers="Tri-C")
        CredentialFactory(title=f"Platform engineer {i}", keywords="cloud, platforms", category=data)
        CredentialFactory(
            title=f"Database administrator {i}",
            description="Runs databases in the cloud.",
            category=data,
            example_providers="Tri-C\nCOTC" if i else "COTC",
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


def test_searching_the_whole_catalog_ranks_every_match(clouds):
    expected = ranked_on_the_spot(Credential.objects.all(), "cloud")
    assert titles(Credential.objects.search("Cloud")) == expected
    assert titles(Credential.objects.search("clouds")) == expected  # the same stem
    assert len(expected) == 9 and expected[:3] == [f"Cloud architect {i}" for i in range(3)]  # title matches first


def test_a_rare_word_and_a_filtered_search_rank_their_own_matches(clouds):
    assert titles(Credential.objects.search("welding")) == ["Welding inspector"]
    data = Credential.objects.filter(category__name="Data")
    assert titles(data.search("cloud")) == ranked_on_the_spot(data, "cloud")  # all six, not only the best five
    assert len(titles(data.search("cloud"))) == 6


@pytest.mark.parametrize("text", ["cloud", "clouds", "cloud architect", "clodu", "databse cloud", "zzqq", ""])
def test_the_order_of_the_filters_does_not_change_what_a_search_lists(clouds, text):
    data = Category.objects.get(name="Data")
    catalog = Credential.objects.all()
    narrowings = [
        lambda queryset: queryset.filter(category=data),
        lambda queryset: queryset.filter(example_providers__icontains="tri-c"),
        lambda queryset: queryset.eligible(),
    ]
    for narrow in narrowings:
        assert titles(narrow(catalog).search(text)) == titles(narrow(catalog.search(text)))
    both_first = catalog.filter(category=data).filter(example_providers__icontains="cotc").search(text)
    both_after = catalog.search(text).filter(example_providers__icontains="cotc").filter(category=data)
    mixed = catalog.filter(example_providers__icontains="cotc").search(text).filter(category=data)
    assert titles(both_first) == titles(both_after) == titles(mixed)


def test_the_page_and_the_api_list_the_same_whatever_the_order_of_their_parameters(client, clouds):
    data = Category.objects.get(name="Data")
    narrowed = Credential.objects.filter(category=data, example_providers__icontains="cotc")
    expected = ranked_on_the_spot(narrowed, "cloud")
    assert len(expected) == 3
    pages = ["?q=cloud&category={0}&provider=cotc", "?provider=cotc&category={0}&q=cloud"]
    for params in pages:
        page = client.get(reverse("credentials:search") + params.format(data.pk))
        assert [credential.title for credential in page.context["object_list"]] == expected
    for params in ["?search=cloud&category={0}&provider=cotc", "?provider=cotc&category={0}&search=cloud"]:
        api = client.get("/api/credentials/" + params.format(data.pk)).json()
        assert [row["title"] for row in api["results"]] == expected


def test_the_page_and_the_api_filter_by_category_before_counting(client, clouds):
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
    assert client.get(reverse("credentials:search"), {"q": "cloud"}).context["paginator"].count == CAP + 1
    CredentialFactory(title="Cloud cloud cloud", keywords="cloud", description="cloud")
    SearchTerm.objects.refresh()
    assert titles(Credential.objects.search("cloud"))[0] == "Cloud cloud cloud"
    page = client.get(reverse("credentials:search"), {"q": "cloud"})
    assert page.context["object_list"][0].title == "Cloud cloud cloud"

    Credential.objects.filter(title__contains="Cloud").delete()
    Credential.objects.filter(title__startswith="Platform").delete()
    SearchTerm.objects.refresh()
    assert len(titles(Credential.objects.search("cloud"))) == 3
    assert client.get(reverse("credentials:search"), {"q": "cloud"}).context["paginator"].count == 3


def test_a_broad_word_search_page_has_a_query_budget(client):
    category = CategoryFactory()

    def make_rows(n):
        start = Credential.objects.count()
        Credential.objects.bulk_create(
            Credential(title=f"Cloud credential {start + i}", issuing_body="X", category=category) for i in range(n)
        )
        SearchTerm.objects.refresh()

    # Five rows and three hundred: "cloud" matches more than a search lists both times.
    assert_query_budget(client, reverse("credentials:search") + "?q=cloud", make_rows=make_rows, budget=5, few=5)
