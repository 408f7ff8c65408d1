"""Bad query strings on the lists answer with a page, never a server error: an invalid choice (`?status=x`) on the
lists whose counts are remembered, a page size below one or absurdly large (`?per_page=-1`) on every table list,
and a NUL byte in the public search's words, on the page and in the API."""

import pytest
from django.urls import reverse

from core.testing.factories import StaffUserFactory
from credentials.tests.factories import CredentialFactory

pytestmark = pytest.mark.django_db

INVALID_CHOICE = [
    "credentials:application_list",
    "credentials:claim_list",
    "workbased_learning:placement_list",
]
TABLE_LISTS = [
    "credentials:proposal_list",
    "credentials:application_list",
    "credentials:claim_list",
    "partnerships:list",
    "reports:list",
    "toolkit:program_list",
    "toolkit:import_list",
    "workbased_learning:program_list",
    "workbased_learning:opportunity_list",
    "workbased_learning:placement_list",
    "workbased_learning:incentive_list",
]
PUBLIC_SEARCH = [
    ("credentials:search", {"q": "\x00"}),
    ("credentials:search", {"q": "cloud\x00"}),
    ("credentials:search", {"provider": "\x00"}),
    ("credentials:search", {"category": "\x00"}),
    ("/api/credentials/", {"search": "\x00"}),
    ("/api/credentials/", {"search": "cloud\x00x"}),
    ("/api/credentials/", {"q": "\x00"}),
]


@pytest.fixture
def staff_client(client):
    client.force_login(StaffUserFactory())
    return client


@pytest.mark.parametrize("name", INVALID_CHOICE)
def test_an_invalid_choice_lists_nothing_instead_of_failing(staff_client, name):
    response = staff_client.get(reverse(name), {"status": "x"})
    assert response.status_code == 200
    assert response.context["table"].paginator.count == 0


@pytest.mark.parametrize("per_page", ["-1", "0", "1000000"])
@pytest.mark.parametrize("name", TABLE_LISTS)
def test_a_page_size_out_of_bounds_shows_a_page(staff_client, name, per_page):
    response = staff_client.get(reverse(name), {"per_page": per_page})
    assert response.status_code == 200
    table = response.context["table"]
    assert 1 <= table.paginator.per_page <= 100


@pytest.mark.parametrize("as_staff", [False, True], ids=["anonymous", "staff"])
@pytest.mark.parametrize("url, params", PUBLIC_SEARCH)
def test_a_nul_byte_in_the_public_search_is_not_a_server_error(client, url, params, as_staff):
    CredentialFactory(title="Cloud Practitioner")
    if as_staff:
        client.force_login(StaffUserFactory())
    response = client.get(url if url.startswith("/") else reverse(url), params)
    assert response.status_code in (200, 400)
