"""The search puts the obvious credential first: the relevance set (relevance.csv) over the demo catalog."""

import pytest

from credentials.demo import _seed_catalog
from credentials.models import Credential, SearchTerm
from credentials.relevance import FIRST_TARGET, TOP_THREE_TARGET, evaluate, load_cases, share
from credentials.tests.factories import CredentialFactory


@pytest.fixture
def demo_catalog(db):
    _seed_catalog()
    SearchTerm.objects.refresh()


def test_the_relevance_set_is_real_and_large_enough():
    cases = load_cases()
    assert len(cases) >= 40
    assert {"typo", "abbreviation", "issuer"} <= {case.kind for case in cases}


def test_every_expected_credential_is_in_the_demo_catalog(demo_catalog):
    titles = set(Credential.objects.values_list("title", flat=True))
    assert [case.expected for case in load_cases() if case.expected not in titles] == []


def test_the_expected_credential_comes_first_and_always_in_the_top_three(demo_catalog):
    outcomes = evaluate(load_cases())
    misses = [(o.case.query, o.position, o.first) for o in outcomes if o.position != 1]
    assert share(outcomes, within=1) >= FIRST_TARGET, misses
    assert share(outcomes, within=3) >= TOP_THREE_TARGET, misses


def test_a_misspelt_credential_lists_the_one_named_by_every_word_first(demo_catalog):
    assert Credential.objects.search("Comptia Secuirty+").first().title == "CompTIA Security+"


def test_the_credential_whose_title_holds_every_word_outranks_keyword_matches(db):
    many = "security, security analyst, security operations, security monitoring, comptia security"
    CredentialFactory(title="CompTIA CySA+", keywords=many, description="Security analytics: " + many)
    wanted = CredentialFactory(title="Security+ by CompTIA, the entry-level certification", keywords="")
    SearchTerm.objects.refresh()
    assert Credential.objects.search("comptia security").first() == wanted


def test_the_letters_of_a_word_with_signs_are_corrected_and_signs_kept(demo_catalog):
    assert SearchTerm.objects.correct("Comptia Secuirty+") == "comptia security+"
    assert SearchTerm.objects.correct("comptia netwrok+") == "comptia network+"


def test_two_swapped_letters_find_the_word_trigrams_miss(demo_catalog):
    assert SearchTerm.objects.correct("pyhton") == "python"
    assert SearchTerm.objects.correct("python") is None
