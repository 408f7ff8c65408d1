"""Organisation search forgives typos as the credential search does: a misspelt name still finds the organisation."""

import pytest
from django.urls import reverse

from core.models import Organization
from core.testing.factories import OrganizationFactory
from core.testing.fixtures import picker_options

pytestmark = pytest.mark.django_db
CHOICES = reverse("core:organization_choices")


@pytest.fixture
def organisations():
    for name in ["Buckeye Precision Machining", "Precision Tool & Die", "Riverside Works", "Buckeye Health Partners"]:
        OrganizationFactory(name=name)


@pytest.mark.parametrize(
    "typed", ["Buckeye Precison", "bukeye precision machining", "Buckeye Prceision Machinig", "Bucekye Precision"]
)
def test_the_picker_finds_a_misspelt_organisation_first(client, people, organisations, typed):
    client.force_login(people.staff)
    assert picker_options(client, CHOICES, q=typed)[0] == "Buckeye Precision Machining"


def test_names_containing_the_text_still_come_before_misspelt_matches(organisations):
    names = list(Organization.objects.matching("precision").values_list("name", flat=True))
    assert names[:2] == ["Precision Tool & Die", "Buckeye Precision Machining"]


def test_a_short_text_matches_only_what_contains_it(organisations):
    assert not Organization.objects.matching("bkp").exists()


def test_the_search_by_name_or_ein_forgives_a_typo(organisations):
    assert list(Organization.objects.search("Riversde Works").values_list("name", flat=True)) == ["Riverside Works"]
    assert not Organization.objects.search("Aerospace Dynamics").exists()


def test_the_reports_organisation_overview_finds_a_misspelt_name(client, people, organisations):
    client.force_login(people.staff)
    body = client.get(reverse("reports:organization_list"), {"q": "Riversde"}).content.decode()
    assert "Riverside Works" in body
