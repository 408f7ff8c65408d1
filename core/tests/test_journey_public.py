"""Journey 1, anyone: search a credential with a misspelt word, see that it is reimbursable and up to how much,
open its page. Every page on the way passes axe and fits a phone."""

from decimal import Decimal

import pytest

from core.testing.axe import axe_violations, check_page
from credentials.tests.factories import CategoryFactory, CredentialFactory, OpenRoundFactory


@pytest.mark.browser
def test_public_finds_a_reimbursable_credential_despite_a_typo(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    cyber = CategoryFactory(name="Cybersecurity", slug="cybersecurity")
    CredentialFactory(
        title="CompTIA Security+",
        issuing_body="CompTIA",
        category=cyber,
        typical_cost=Decimal("1400.00"),
        keywords="security plus, cybersecurity",
    )
    CredentialFactory(title="Cisco Certified Network Associate (CCNA)", issuing_body="Cisco", category=cyber)
    OpenRoundFactory(name="Round Now")

    page.goto("/")
    check_page(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Credentials", exact=True).click()
    page.get_by_role("heading", name="Is my credential reimbursable?").wait_for()

    page.get_by_label("Credential").press_sequentially("secuirty plus", delay=20)
    results = page.locator("#credential-results")
    results.get_by_text("for “secuirty plus”").wait_for()
    text = results.inner_text()
    assert "CompTIA Security+" in text and "Cisco" not in text
    assert "Reimbursable up to $1,400.00 per employee" in text
    assert results.get_by_text("Reimbursable", exact=True).is_visible()
    check_page(page, "credential-search")

    results.get_by_role("link", name="CompTIA Security+").click()
    page.get_by_role("heading", name="CompTIA Security+").wait_for()
    assert page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Credentials").is_visible()
    assert "$1,400.00" in page.locator("main").inner_text()
    assert page.title().startswith("CompTIA Security+ ·")
    check_page(page, "credential-detail")

    # The check is honest: an image without a text alternative is a critical violation axe reports.
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
