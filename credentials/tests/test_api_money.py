"""Money in the API is one representation everywhere: a decimal string with two places ("3000.00"), never a JSON
number, and the schema says so (DRF's COERCE_DECIMAL_TO_STRING)."""

import json
import re

import pytest

from credentials.tests.factories import ApplicationLineFactory, AwardFactory

MONEY = re.compile(r"-?\d+\.\d{2}")
MONEY_FIELDS = {
    "cost_per_employee",
    "amount_requested_per_employee",
    "amount_requested",
    "wage_before",
    "wage_after",
    "awarded",
    "per_credential_cap",
    "per_employer_round_cap",
    "per_employer_fiscal_year_cap",
    "total_budget",
}


def pairs(value, key=None):
    """Every (key, value) in a JSON document, at any depth."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from pairs(inner, name)
    elif isinstance(value, list):
        for inner in value:
            yield from pairs(inner, key)
    else:
        yield key, value


@pytest.mark.django_db
def test_every_amount_in_the_api_is_a_decimal_string(client, people):
    line = ApplicationLineFactory(application__organization=people.employer.organization)
    AwardFactory(line=line)
    client.force_login(people.staff)
    documents = [
        json.loads(client.get(url).content)  # parsed as a client would: a JSON number becomes an int or a float
        for url in ("/api/credential-applications/", "/api/funding-rounds/", "/api/credentials/")
    ]
    found = [(key, value) for document in documents for key, value in pairs(document) if key in MONEY_FIELDS]
    assert {key for key, _ in found} == MONEY_FIELDS
    assert [(key, value) for key, value in found if not (isinstance(value, str) and MONEY.fullmatch(value))] == []
    assert not [(key, value) for document in documents for key, value in pairs(document) if isinstance(value, float)]


@pytest.mark.django_db
def test_the_schema_documents_amounts_as_decimal_strings(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    line = schema["components"]["schemas"]["ApplicationLine"]["properties"]
    for name in ("amount_requested", "amount_requested_per_employee", "cost_per_employee", "awarded"):
        assert line[name]["type"] == "string" and line[name]["format"] == "decimal", (name, line[name])
    assert line["awarded"]["nullable"] is True
