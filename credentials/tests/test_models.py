"""The catalog search, eligibility wording and round arithmetic."""

import datetime
from decimal import Decimal

import pytest

from credentials.models import Credential, CredentialStatus, default_close_at, fiscal_year_of
from credentials.tests.factories import CategoryFactory, CredentialFactory, OpenRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    cyber = CategoryFactory(name="Cybersecurity", slug="cybersecurity")
    cnc = CategoryFactory(name="Advanced Manufacturing", slug="advanced-manufacturing")
    return {
        "security": CredentialFactory(
            title="CompTIA Security+", issuing_body="CompTIA", category=cyber, keywords="security plus, cybersecurity"
        ),
        "cissp": CredentialFactory(
            title="Certified Information Systems Security Professional (CISSP)", issuing_body="ISC2", category=cyber
        ),
        "milling": CredentialFactory(
            title="NIMS CNC Milling: Operations", issuing_body="NIMS", category=cnc, keywords="cnc mill, machining"
        ),
    }


def titles(queryset):
    return [c.title for c in queryset]


def test_search_finds_words_in_any_form(catalog):
    assert titles(Credential.objects.search("milling operation")) == ["NIMS CNC Milling: Operations"]
    assert titles(Credential.objects.search("mill")) == ["NIMS CNC Milling: Operations"]


def test_search_tolerates_typos(catalog):
    assert "CompTIA Security+" in titles(Credential.objects.search("comptia secuirty"))
    assert titles(Credential.objects.search("cybersecurty"))[0] == "CompTIA Security+"
    assert titles(Credential.objects.search("machinng")) == ["NIMS CNC Milling: Operations"]


def test_search_ranks_the_best_match_first(catalog):
    assert titles(Credential.objects.search("cissp"))[0].startswith("Certified Information Systems")
    assert titles(Credential.objects.search("security plus"))[0] == "CompTIA Security+"


def test_search_without_words_lists_everything_by_title(catalog):
    assert titles(Credential.objects.search("")) == sorted(c.title for c in catalog.values())


def test_eligibility_sentence_names_the_cap_and_the_next_step(catalog):
    today = datetime.date(2026, 11, 24)
    credential = catalog["security"]
    credential.typical_cost = Decimal("2600.00")
    round = OpenRoundFactory(name="Round 9", per_credential_cap=Decimal("2000.00"))
    verdict = credential.eligibility(round=round, today=today)
    assert verdict["reimbursable"] and verdict["limit"] == Decimal("2000.00")
    assert "up to $2,000.00 per employee" in verdict["sentence"] and "Apply in Round 9" in verdict["sentence"]
    cheap = CredentialFactory(typical_cost=Decimal("300.00"))
    assert cheap.eligibility(round=round, today=today)["limit"] == Decimal("300.00")


def test_retired_or_expired_credentials_are_not_reimbursable(catalog):
    today = datetime.date(2026, 11, 24)
    retired = CredentialFactory(status=CredentialStatus.RETIRED)
    expired = CredentialFactory(effective_to=datetime.date(2025, 6, 30))
    assert not retired.eligibility(round=None, today=today)["reimbursable"]
    assert "retired from the list on June 30, 2025" in expired.eligibility(round=None, today=today)["sentence"]
    assert set(Credential.objects.eligible(on=today)) == set(catalog.values())


def test_fiscal_year_runs_july_to_june():
    assert fiscal_year_of(datetime.date(2026, 6, 30)) == 2026
    assert fiscal_year_of(datetime.date(2026, 7, 1)) == 2027


def test_rounds_close_at_three_pm_eastern_by_default():
    close = default_close_at(datetime.date(2026, 12, 31))
    assert close.isoformat() == "2026-12-31T15:00:00-05:00"
    summer = default_close_at(datetime.date(2026, 7, 31))
    assert summer.utcoffset() == datetime.timedelta(hours=-4)
