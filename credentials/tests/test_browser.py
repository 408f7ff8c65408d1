"""The whole TechCred journey in a real browser: search, propose, apply, award, claim, approve and pay."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.testing.factories import CountyFactory, EmployerUserFactory, StaffUserFactory
from core.testing.fixtures import log_in, screenshot
from credentials.models import (
    ApplicationLine,
    ApplicationStatus,
    ClaimStatus,
    CredentialProposal,
    FundingRound,
    ReimbursementClaim,
)
from credentials.tests.factories import PDF_BYTES, CategoryFactory, CredentialFactory, OpenRoundFactory


@pytest.mark.browser
def test_search_propose_apply_award_claim_and_pay(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    page.on("dialog", lambda dialog: dialog.accept())
    cyber = CategoryFactory(name="Cybersecurity", slug="cybersecurity")
    security = CredentialFactory(
        title="CompTIA Security+",
        issuing_body="CompTIA",
        category=cyber,
        typical_cost=Decimal("1400.00"),
        keywords="security plus, cybersecurity",
    )
    CredentialFactory(title="Cisco Certified Network Associate (CCNA)", issuing_body="Cisco", category=cyber)
    round = OpenRoundFactory(name="Round Now")
    employer = EmployerUserFactory(
        email="erin@buckeye.test",
        organization__name="Buckeye Precision Machining",
        organization__county=CountyFactory(economically_distressed=True),
    )
    staff = StaffUserFactory(email="sam@state.test")

    # Anyone: the eligibility check finds a credential by a misspelt word, live as they type.
    page.goto("/credentials/")
    page.locator("#id_q").press_sequentially("secuirty plus", delay=20)
    results = page.locator("#credential-results")
    results.get_by_text("for “secuirty plus”").wait_for()
    assert "Reimbursable up to $1,400.00 per employee" in results.inner_text()
    assert "Cisco" not in results.inner_text()
    screenshot(page, "01-search")

    # The employer proposes a credential that is not listed.
    log_in(page, employer.email)
    page.goto("/credentials/?q=haas+mill")
    page.get_by_role("link", name="propose it for the list").click()
    page.locator("#id_title").fill("Haas CNC Mill Operator")
    page.locator("#id_issuing_body").fill("Haas Automation")
    page.locator("#id_technology_evidence").fill("CNC setup and G-code on Haas mills.")
    page.locator("#id_recognition_evidence").fill("Asked for in job postings by many machine shops.")
    page.locator("#id_typical_cost").fill("650")
    page.locator("#id_typical_training_hours").fill("40")
    page.locator("#id_training_provider").fill("Central Ohio Technical College")
    page.get_by_role("button", name="Send the proposal").click()
    page.get_by_text("the proposal is with our review panel").wait_for()
    assert CredentialProposal.objects.get().organization == employer.organization

    # ... applies in the open round and submits.
    page.goto(round.get_absolute_url())
    page.get_by_role("button", name="Start my application").click()
    page.get_by_role("link", name="Add a credential").click()
    # The credential picker: type part of a word, move down the options with the keyboard, choose with Enter.
    page.wait_for_load_state()  # htmx listens from the page's load on
    page.get_by_role("combobox", name="Credential").press_sequentially("secur")
    page.get_by_role("option", name="CompTIA Security+").wait_for()
    page.get_by_role("combobox", name="Credential").press("ArrowDown")
    page.get_by_role("combobox", name="Credential").press("Enter")
    page.locator("#id_credential_chosen").get_by_text("Up to $1,400.00 per employee").wait_for()
    assert page.locator("#id_credential").input_value() == str(security.pk)
    page.locator("#id_training_provider").fill("Central Ohio Technical College")
    page.locator("#id_cost_per_employee").fill("1400")
    page.locator("#id_employees").fill("2")
    page.locator("#id_amount_requested_per_employee").fill("1400")
    page.locator("#id_wage_before").fill("24.00")
    page.locator("#id_wage_after").fill("26.50")
    page.locator("#id_training_start").fill(round.training_starts_on.isoformat())
    page.locator("#id_training_end").fill((round.training_starts_on + datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Save the line").click()
    page.get_by_text("The line is saved.").wait_for()
    screenshot(page, "02-application")
    page.get_by_role("button", name="Submit the application").click()
    page.get_by_text("Submitted. We emailed you a confirmation.").wait_for()
    line = ApplicationLine.objects.get()
    assert line.application.status == ApplicationStatus.SUBMITTED

    # Staff award the line in full.
    page.goto("/credentials/")
    page.context.clear_cookies()
    log_in(page, staff.email)
    page.goto(round.get_absolute_url())
    page.get_by_role("button", name="Score all submitted applications").click()
    page.get_by_role("link", name="Buckeye Precision Machining").click()
    page.get_by_role("button", name="Award", exact=True).click()
    page.get_by_text("Awarded $2,800.00").wait_for()
    screenshot(page, "03-awarded")

    # Time passes: the round closed and the training happened; an employee earned the credential five days ago.
    earned = timezone.localdate() - datetime.timedelta(days=5)
    FundingRound.objects.filter(pk=round.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=90), closes_at=timezone.now() - datetime.timedelta(days=60)
    )
    ApplicationLine.objects.filter(pk=line.pk).update(training_start=earned - datetime.timedelta(days=20))

    # The employer claims with a PDF of proof.
    page.context.clear_cookies()
    log_in(page, employer.email)
    page.goto(line.application.get_absolute_url())
    page.get_by_role("link", name="Claim reimbursement").click()
    page.set_input_files("#id_proof", files=[{"name": "proof.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.locator("#id_lines-0-award").select_option(index=1)
    page.locator("#id_lines-0-employee_name").fill("Jordan Ellis")
    page.locator("#id_lines-0-ssn_last4").fill("4821")
    page.locator("#id_lines-0-new_hire").check()
    page.locator("#id_lines-0-date_earned").fill(earned.isoformat())
    page.locator("#id_lines-0-wage_after").fill("26.50")
    page.locator("#id_lines-0-amount").fill("1400")
    page.get_by_role("button", name="Submit the claim").click()
    # A new hire needs a date of birth; the message sits on that field.
    page.locator("#id_lines-0-date_of_birth_error").get_by_text("it is required for a new hire").wait_for()
    page.set_input_files("#id_proof", files=[{"name": "proof.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.locator("#id_lines-0-date_of_birth").fill("2001-03-14")
    page.get_by_role("button", name="Submit the claim").click()
    page.get_by_text("Claim submitted for $1,400.00.").wait_for()
    assert "4821" not in page.content()
    claim = ReimbursementClaim.objects.get()
    screenshot(page, "04-claim-employer")

    # Staff approve it (seeing the SSN digits only here) and mark it paid.
    page.context.clear_cookies()
    log_in(page, staff.email)
    page.goto(claim.get_absolute_url())
    assert "•••-••-4821" in page.content() and "03/14/2001" in page.content()
    assert page.get_by_role("row", name="Jordan Ellis").get_by_role("cell", name="Yes", exact=True).is_visible()
    page.get_by_role("button", name="Approve for payment").click()
    page.get_by_text("Approved for payment").wait_for()
    page.get_by_role("button", name="Mark as paid").click()
    page.get_by_text("Marked as paid.").wait_for()
    screenshot(page, "05-paid")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID and claim.paid_at is not None


@pytest.mark.browser
def test_api_docs_render_offline_under_the_content_security_policy(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/api/docs/")
    page.locator(".opblock-summary-path", has_text="/api/credentials/").first.wait_for()
    screenshot(page, "api-docs")
    # Swagger UI sets one cosmetic inline style that the policy blocks; no script may be blocked.
    assert not [e for e in errors if "script" in e.lower()], errors
