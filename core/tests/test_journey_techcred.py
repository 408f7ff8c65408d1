"""Journeys 2 and 3, the tech credential program end to end in a real browser.

2. An employer registers its organisation, proposes a credential that is missing from the list, applies in the
   open round and submits.
3. Staff score the round and award the application; the employer claims with a PDF of proof; staff approve and
   mark the claim paid; the employer sees it paid.

Every main page on the way passes axe and fits a phone.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import County, Organization
from core.testing.axe import check_page, field_errors
from core.testing.factories import TEST_PASSWORD, EmployerUserFactory, StaffUserFactory
from core.testing.fixtures import log_in
from credentials.models import (
    ApplicationLine,
    ApplicationStatus,
    ClaimStatus,
    CredentialProposal,
    FundingRound,
    ReimbursementClaim,
)
from credentials.tests.factories import (
    PDF_BYTES,
    ApplicationFactory,
    ApplicationLineFactory,
    CategoryFactory,
    CredentialFactory,
    OpenRoundFactory,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def switch_user(page, email):
    page.context.clear_cookies()
    log_in(page, email)


@pytest.mark.browser
def test_employer_registers_proposes_a_credential_applies_and_submits(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    security = CredentialFactory(
        title="CompTIA Security+",
        issuing_body="CompTIA",
        category=CategoryFactory(name="Cybersecurity", slug="cybersecurity"),
        typical_cost=Decimal("1400.00"),
    )
    round = OpenRoundFactory(name="Round Now")

    # Register the organisation and its first user; a wrong EIN is explained next to the field.
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Register").click()
    page.get_by_label("An employer").check()
    page.get_by_label("Organisation name").fill("Buckeye Precision Machining")
    page.get_by_label("EIN").fill("not an EIN")
    page.get_by_label("County").select_option(str(County.objects.get(name="Franklin").pk))
    page.get_by_label("Number of employees").fill("85")
    page.get_by_label("First name").fill("Erin")
    page.get_by_label("Last name").fill("Owner")
    page.get_by_label("Email").fill("erin@buckeye.test")
    page.locator("#id_password1").fill(TEST_PASSWORD)
    page.locator("#id_password2").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Register").click()
    ein = page.get_by_label("EIN")
    assert field_errors(ein)
    check_page(page, "register-errors")
    ein.fill("31-1234567")
    page.locator("#id_password1").fill(TEST_PASSWORD)
    page.locator("#id_password2").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Register").click()
    page.get_by_text("Buckeye Precision Machining is registered.").wait_for()
    organization = Organization.objects.get(name="Buckeye Precision Machining")

    # Propose a credential the list does not hold.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Credentials", exact=True).click()
    page.get_by_label("Credential").press_sequentially("haas mill", delay=20)
    page.locator("#credential-results").get_by_text("No credential in the list matches").wait_for()
    page.get_by_role("link", name="propose it for the list").click()
    page.locator("#id_title").fill("Haas CNC Mill Operator")
    page.locator("#id_issuing_body").fill("Haas Automation")
    page.locator("#id_technology_evidence").fill("CNC setup and G-code on Haas mills.")
    page.locator("#id_recognition_evidence").fill("Asked for in job postings by many machine shops.")
    page.locator("#id_typical_cost").fill("650")
    page.locator("#id_typical_training_hours").fill("40")
    page.locator("#id_training_provider").fill("Central Ohio Technical College")
    check_page(page, "proposal-form")
    page.get_by_role("button", name="Send the proposal").click()
    page.get_by_text("the proposal is with our review panel").wait_for()
    assert CredentialProposal.objects.get().organization == organization

    # Apply in the open round and submit.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My credentials").click()
    check_page(page, "employer-credentials-dashboard")
    page.get_by_role("link", name="see the round and apply").click()
    check_page(page, "round-detail")
    page.get_by_role("button", name="Start my application").click()
    page.get_by_role("link", name="Add a credential").click()
    # The credential picker: type part of a word, then pick the credential from the options.
    page.wait_for_load_state()  # htmx listens from the page's load on
    page.get_by_role("combobox", name="Credential").press_sequentially("Secur")
    page.get_by_role("option", name="CompTIA Security+").click()
    page.locator("#id_credential_chosen").get_by_text("CompTIA Security+").wait_for()
    assert page.locator("#id_credential").input_value() == str(security.pk)
    page.locator("#id_training_provider").fill("Central Ohio Technical College")
    page.locator("#id_cost_per_employee").fill("1400")
    page.locator("#id_employees").fill("2")
    page.locator("#id_amount_requested_per_employee").fill("1400")
    page.locator("#id_wage_before").fill("24.00")
    page.locator("#id_wage_after").fill("26.50")
    page.locator("#id_training_start").fill(round.training_starts_on.isoformat())
    page.locator("#id_training_end").fill((round.training_starts_on + datetime.timedelta(days=60)).isoformat())
    check_page(page, "application-line-form")
    page.get_by_role("button", name="Save the line").click()
    page.get_by_text("The line is saved.").wait_for()
    check_page(page, "application-draft")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit the application").click()
    page.get_by_text("Submitted. We emailed you a confirmation.").wait_for()
    check_page(page, "application-submitted")
    line = ApplicationLine.objects.get()
    assert line.application.organization == organization
    assert line.application.status == ApplicationStatus.SUBMITTED


@pytest.mark.browser
def test_staff_award_employer_claims_staff_approve_and_pay_employer_sees_paid(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.on("dialog", lambda dialog: dialog.accept())
    round = OpenRoundFactory(name="Round Now")
    employer = EmployerUserFactory(email="erin@buckeye.test", organization__name="Buckeye Precision Machining")
    staff = StaffUserFactory(email="sam@state.test")
    application = ApplicationFactory(
        organization=employer.organization, round=round, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now()
    )
    line = ApplicationLineFactory(
        application=application,
        credential=CredentialFactory(title="CompTIA Security+", typical_cost=Decimal("1400.00")),
        cost_per_employee=Decimal("1400.00"),
        amount_requested_per_employee=Decimal("1400.00"),
        employees=2,
    )

    # Staff score the round and award the application in full.
    log_in(page, staff.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Credential rounds").click()
    check_page(page, "round-list")
    page.get_by_role("link", name="Round Now").click()
    page.get_by_role("button", name="Score all submitted applications").click()
    check_page(page, "round-scored")
    page.get_by_role("link", name="Buckeye Precision Machining").click()
    check_page(page, "application-review")
    page.get_by_role("button", name="Award", exact=True).click()
    page.get_by_text("Awarded $2,800.00").wait_for()

    # Time passes: the round closed, the training happened, an employee earned the credential five days ago.
    earned = timezone.localdate() - datetime.timedelta(days=5)
    FundingRound.objects.filter(pk=round.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=90), closes_at=timezone.now() - datetime.timedelta(days=60)
    )
    ApplicationLine.objects.filter(pk=line.pk).update(training_start=earned - datetime.timedelta(days=20))

    # The employer claims with a PDF of proof.
    switch_user(page, employer.email)
    page.goto(application.get_absolute_url())
    page.get_by_role("link", name="Claim reimbursement").click()
    page.set_input_files("#id_proof", files=[{"name": "proof.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.locator("#id_lines-0-award").select_option(index=1)
    page.locator("#id_lines-0-employee_name").fill("Jordan Ellis")
    page.locator("#id_lines-0-ssn_last4").fill("4821")
    page.locator("#id_lines-0-date_earned").fill(earned.isoformat())
    page.locator("#id_lines-0-wage_after").fill("26.50")
    page.locator("#id_lines-0-amount").fill("1400")
    check_page(page, "claim-form")
    page.get_by_role("button", name="Submit the claim").click()
    page.get_by_text("Claim submitted for $1,400.00.").wait_for()
    assert "4821" not in page.content()
    claim = ReimbursementClaim.objects.get()

    # Staff approve it and mark it paid.
    switch_user(page, staff.email)
    page.goto(claim.get_absolute_url())
    check_page(page, "claim-review")
    page.get_by_role("button", name="Approve for payment").click()
    page.get_by_text("Approved for payment").wait_for()
    page.get_by_role("button", name="Mark as paid").click()
    page.get_by_text("Marked as paid.").wait_for()

    # The employer sees it paid on the dashboard and on the claim.
    switch_user(page, employer.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My credentials").click()
    claims = page.locator("table", has=page.get_by_role("cell", name="Paid", exact=True))
    claims.wait_for()
    check_page(page, "employer-credentials-paid")
    page.goto(claim.get_absolute_url())
    assert page.get_by_text("Paid", exact=True).first.is_visible()
    check_page(page, "claim-paid")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID and claim.paid_at is not None
