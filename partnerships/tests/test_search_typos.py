"""Partnership search (list, directory, picker) forgives typos as the credential search does."""

import pytest
from django.urls import reverse

from core.testing.factories import OrganizationFactory
from core.testing.fixtures import picker_options
from partnerships.models import SectorPartnership
from partnerships.tests.factories import SectorPartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnerships():
    return {
        "manufacturing": SectorPartnershipFactory(
            name="Central Ohio Advanced Manufacturing Partnership",
            convener=OrganizationFactory(name="Columbus State Community College"),
        ),
        "health": SectorPartnershipFactory(name="Miami Valley Healthcare Talent Partnership"),
    }


@pytest.mark.parametrize("typed", ["advnced manufacturing", "Manufacturng", "Centrl Ohio Advanced"])
def test_a_misspelt_name_finds_the_partnership(partnerships, typed):
    assert list(SectorPartnership.objects.search(typed)) == [partnerships["manufacturing"]]


def test_a_misspelt_convener_finds_its_partnership(partnerships):
    assert list(SectorPartnership.objects.search("Colombus State")) == [partnerships["manufacturing"]]


def test_the_list_and_the_directory_find_a_misspelt_name(client, people, partnerships):
    client.force_login(people.staff)
    body = client.get(reverse("partnerships:list"), {"q": "helthcare talent"}).content.decode()
    assert "Miami Valley Healthcare Talent Partnership" in body
    assert "Central Ohio Advanced Manufacturing Partnership" not in body
    body = client.get(reverse("partnerships:directory"), {"q": "advnced manufacturing"}).content.decode()
    assert "Central Ohio Advanced Manufacturing Partnership" in body


def test_the_picker_finds_a_misspelt_partnership(client, people, partnerships):
    client.force_login(people.staff)  # staff pick among every partnership
    options = picker_options(client, reverse("partnerships:partnership_choices"), q="Helthcare")
    assert options == ["Miami Valley Healthcare Talent Partnership"]
