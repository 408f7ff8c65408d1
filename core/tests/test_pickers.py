"""Organisation pickers: forms ask for the few organisations matching what was typed instead of listing them all."""

import factory
import pytest
from django.urls import reverse

from core.models import Organization, OrganizationKind
from core.testing.factories import EmployerFactory, OrganizationFactory, ProviderFactory
from core.testing.fixtures import picker_options
from core.testing.queries import assert_query_budget
from partnerships.models import Membership
from partnerships.tests.factories import MembershipFactory, SectorPartnershipFactory

pytestmark = pytest.mark.django_db
CHOICES = reverse("core:organization_choices")


def options(client, **params):
    return picker_options(client, CHOICES, **params)


def test_names_containing_the_text_come_back_those_starting_with_it_first(client, people):
    for name in ["Metro Technical College", "Acme Metro Tools", "Metronome Labs", "Riverside Works"]:
        OrganizationFactory(name=name)
    client.force_login(people.staff)
    assert options(client, q="metro") == ["Metro Technical College", "Metronome Labs", "Acme Metro Tools"]
    assert options(client, q="zzz") == []
    assert "No organisation matches" in client.get(CHOICES, {"q": "zzz"}).content.decode()
    assert "at least two letters" in client.get(CHOICES, {"q": "m"}).content.decode()


def test_kinds_narrow_the_options_and_unknown_kinds_are_ignored(client, people):
    EmployerFactory(name="Metro Tooling")
    ProviderFactory(name="Metro Career Center")
    client.force_login(people.employer)
    assert options(client, q="metro", kind="provider") == ["Metro Career Center"]
    assert options(client, q="metro", kind="provider,employer") == ["Metro Career Center", "Metro Tooling"]
    assert len(options(client, q="metro", kind="nonsense")) == 2
    assert (
        "No education and training provider organisation matches"
        in client.get(CHOICES, {"q": "nobody", "kind": "provider"}).content.decode()
    )


def test_at_most_ten_options_and_a_safe_listbox_id(client, people):
    OrganizationFactory.create_batch(12, name=factory.Sequence(lambda n: f"Sample organisation {n:02d}"))
    client.force_login(people.provider)
    assert len(options(client, q="Sample")) == 10
    text = client.get(CHOICES, {"q": "Sample", "listbox": '"><script>'}).content.decode()
    assert 'id="id_choice_listbox"' in text and "<script>" not in text


def test_only_signed_in_users_ask(client):
    response = client.get(CHOICES, {"q": "metro"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_options_cost_the_same_queries_with_few_and_many_organisations(client, people):
    client.force_login(people.staff)

    def make_rows(n):
        start = Organization.objects.count()
        Organization.objects.bulk_create(
            Organization(name=f"Metro member {start + i}", kind=OrganizationKind.EMPLOYER) for i in range(n)
        )

    assert_query_budget(client, f"{CHOICES}?q=metro", make_rows=make_rows, budget=4)


def test_the_member_form_has_a_picker_not_a_list_of_every_organisation(client, people):
    partnership = SectorPartnershipFactory()
    acme = EmployerFactory(name="Acme Tool and Die")
    OrganizationFactory.create_batch(30)
    client.force_login(people.staff)
    url = reverse("partnerships:member_create", args=[partnership.pk])
    text = client.get(url).content.decode()
    assert '<select name="organization"' not in text and "Organisation 1<" not in text
    assert 'role="combobox"' in text and 'for="id_organization_search"' in text
    assert 'type="hidden" name="organization"' in text

    response = client.post(url, {"organization": acme.pk, "role": "employer_champion", "joined_on": "2026-01-05"})
    assert response.status_code == 302
    assert Membership.objects.filter(partnership=partnership, organization=acme).exists()


def test_a_bad_or_missing_choice_is_an_error_on_the_field(client, people):
    partnership = SectorPartnershipFactory()
    client.force_login(people.staff)
    url = reverse("partnerships:member_create", args=[partnership.pk])
    for value, message in [("", "This field is required."), ("999999", "Select a valid choice.")]:
        response = client.post(url, {"organization": value, "role": "employer_champion", "joined_on": "2026-01-05"})
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors["organization"])
        assert 'aria-invalid="true"' in response.content.decode()
    assert not Membership.objects.filter(partnership=partnership).exists()


def test_editing_shows_the_chosen_organisation(client, people):
    partnership = SectorPartnershipFactory()
    acme = EmployerFactory(name="Acme Tool and Die")
    membership = MembershipFactory(partnership=partnership, organization=acme)
    client.force_login(people.staff)
    text = client.get(reverse("partnerships:member_update", args=[partnership.pk, membership.pk])).content.decode()
    assert 'value="Acme Tool and Die"' in text
    assert f'name="organization" id="id_organization" value="{acme.pk}"' in text
