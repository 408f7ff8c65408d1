"""The credential picker of the application line form: a type-ahead over the catalog instead of a <select> of every
credential. The options endpoint, who may use it, what it costs, and the form's server-side check."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core.testing.access import assert_access
from core.testing.queries import assert_query_budget
from credentials.models import ApplicationLine, Credential, CredentialStatus, SearchTerm
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    CategoryFactory,
    CredentialFactory,
    OpenRoundFactory,
)

pytestmark = pytest.mark.django_db

PARTICIPANTS = {"anonymous": 302, "staff": 200, "admin": 200, "employer": 200, "other_employer": 200, "provider": 403}


def choices(client, q, round=None):
    params = {"q": q, **({"round": round.pk} if round else {})}
    return client.get(reverse("credentials:credential_choices"), params)


def line_data(credential_id, round, **overrides):
    start = round.training_starts_on
    data = {
        "credential": credential_id,
        "training_provider": "COTC",
        "cost_per_employee": "1000",
        "employees": "2",
        "amount_requested_per_employee": "1000",
        "wage_before": "20",
        "wage_after": "21",
        "training_start": start.isoformat(),
        "training_end": (start + datetime.timedelta(days=30)).isoformat(),
    }
    data.update(overrides)
    return data


def test_only_signed_in_employers_and_staff_use_the_picker(client, people):
    CredentialFactory(title="AWS Cloud Practitioner")
    url = reverse("credentials:credential_choices") + "?q=cloud"
    assert_access(client, url, PARTICIPANTS, people)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_options_are_the_best_few_eligible_matches_with_the_rounds_cap(client, people):
    round = OpenRoundFactory(per_credential_cap=Decimal("2000.00"))
    category = CategoryFactory()
    CredentialFactory(title="CompTIA Security+", issuing_body="CompTIA", typical_cost=Decimal("1400.00"))
    CredentialFactory(title="Certified Security Analyst", issuing_body="EC-Council", status=CredentialStatus.RETIRED)
    for n in range(15):
        CredentialFactory(title=f"Security credential {n}", issuing_body="Issuer", category=category)
    client.force_login(people.employer)
    text = choices(client, "secur", round).content.decode()
    assert text.count('role="option"') == 10
    assert "CompTIA Security+" in text and "Certified Security Analyst" not in text
    # The cap is the lower of the round's per-credential cap and the credential's typical cost.
    assert "Up to $1,400.00 per employee" in text
    # Nothing found: the employer is offered to propose the credential.
    text = choices(client, "underwater basket weaving", round).content.decode()
    assert 'role="option"' not in text and "Propose it" in text
    assert "Type at least two letters" in choices(client, "s", round).content.decode()


def test_the_picker_costs_the_same_queries_with_few_and_many_credentials(client, people):
    round = OpenRoundFactory()
    category = CategoryFactory()
    client.force_login(people.employer)

    def make_rows(n):
        start = Credential.objects.count()
        Credential.objects.bulk_create(
            Credential(title=f"Cloud credential {start + i}", issuing_body="X", category=category) for i in range(n)
        )
        SearchTerm.objects.refresh()  # as every writer of the catalog does

    url = reverse("credentials:credential_choices") + f"?q=cloud&round={round.pk}"
    assert_query_budget(client, url, make_rows=make_rows, budget=6)


def test_the_form_is_a_type_ahead_not_a_list_of_the_whole_catalog(client, people):
    draft = ApplicationFactory(organization=people.employer.organization, round=OpenRoundFactory())
    CredentialFactory.create_batch(3)
    client.force_login(people.employer)
    text = client.get(reverse("credentials:line_create", args=[draft.pk])).content.decode()
    assert '<select name="credential"' not in text
    assert 'role="combobox"' in text and 'for="id_credential_search"' in text
    assert 'type="hidden" name="credential"' in text
    assert "js/picker.js" in text and "<script>" not in text


def test_editing_a_line_shows_its_credential(client, people):
    draft = ApplicationFactory(organization=people.employer.organization, round=OpenRoundFactory())
    line = ApplicationLineFactory(
        application=draft, credential=CredentialFactory(title="Certified SolidWorks Associate", issuing_body="Dassault")
    )
    client.force_login(people.employer)
    text = client.get(reverse("credentials:line_update", args=[draft.pk, line.pk])).content.decode()
    assert 'value="Certified SolidWorks Associate"' in text
    assert f'name="credential" id="id_credential" value="{line.credential_id}"' in text
    assert "Dassault" in text


def test_the_form_still_refuses_a_retired_or_missing_credential(client, people):
    round = OpenRoundFactory()
    draft = ApplicationFactory(organization=people.employer.organization, round=round)
    retired = CredentialFactory(title="Old credential", status=CredentialStatus.RETIRED)
    client.force_login(people.employer)
    url = reverse("credentials:line_create", args=[draft.pk])
    response = client.post(url, line_data(retired.pk, round))
    assert response.status_code == 200
    assert response.context["form"].errors["credential"] == [
        "This credential is not on the list of eligible credentials (it may have been retired): "
        "choose another one from the list."
    ]
    response = client.post(url, line_data("", round))
    assert response.context["form"].errors["credential"] == [
        "Choose the credential: type part of its name and pick it from the list."
    ]
    assert not ApplicationLine.objects.exists()
    eligible = CredentialFactory(title="New credential")
    assert client.post(url, line_data(eligible.pk, round)).status_code == 302
    assert ApplicationLine.objects.get().credential == eligible
