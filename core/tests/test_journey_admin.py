"""Journey 7, an administrator: log in to the Django admin and raise a funding round's per-credential cap; the
public eligibility check says the new amount at once (program rules are data on rows)."""

from decimal import Decimal

import pytest

from core.testing.axe import check_page
from core.testing.factories import TEST_PASSWORD, AdminUserFactory
from credentials.models import FundingRound
from credentials.tests.factories import CredentialFactory, OpenRoundFactory


@pytest.mark.browser
def test_admin_raises_a_rounds_cap_and_the_eligibility_check_follows(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    AdminUserFactory(email="ada@state.test")
    credential = CredentialFactory(title="AWS Certified Solutions Architect", typical_cost=Decimal("3000.00"))
    OpenRoundFactory(name="Round Now", per_credential_cap=Decimal("2000.00"))
    page.goto(credential.get_absolute_url())
    assert page.get_by_text("Reimbursable up to $2,000.00 per employee").is_visible()

    page.goto("/admin/")
    page.get_by_label("Email address").fill("ada@state.test")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Site administration").wait_for()
    check_page(page, "admin-index")
    page.get_by_role("link", name="Funding rounds").click()
    page.get_by_role("link", name="Round Now").click()
    cap = page.get_by_label("Per credential cap")
    assert cap.input_value() == "2000.00"
    assert page.get_by_text("Most paid per employee per credential.").is_visible()  # the rule's help text
    check_page(page, "admin-funding-round")
    cap.fill("2500.00")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was changed successfully").wait_for()
    assert page.get_by_role("cell", name="2500.00").or_(page.get_by_role("cell", name="2,500.00")).is_visible()

    assert FundingRound.objects.get(name="Round Now").per_credential_cap == Decimal("2500.00")
    page.goto(credential.get_absolute_url())
    assert page.get_by_text("Reimbursable up to $2,500.00 per employee").is_visible()
