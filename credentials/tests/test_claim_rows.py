"""The claim form's employee rows: one to start with, grown with "Add another employee" (or, without JavaScript,
the "more rows" link), and the formset's messages in plain words."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.testing.factories import EmployerUserFactory
from core.testing.fixtures import log_in, screenshot
from credentials.models import ReimbursementClaim
from credentials.tests.factories import PDF_BYTES, awarded_application


def claimable(employees=3):
    """An employer with an award for `employees` people whose training started before they earned it."""
    employer = EmployerUserFactory(email="erin@buckeye.test")
    earned = timezone.localdate() - datetime.timedelta(days=5)
    application, award = awarded_application(
        employer.organization, employees=employees, start=earned - datetime.timedelta(days=20)
    )
    return employer, application, award, earned


def claim_url(application):
    return reverse("credentials:claim_create", args=[application.pk])


@pytest.mark.django_db
def test_the_claim_page_starts_with_one_row_and_offers_more(client):
    employer, application, _award, _earned = claimable()
    client.force_login(employer)
    page = client.get(claim_url(application)).content.decode()
    assert 'name="lines-TOTAL_FORMS" value="1"' in page
    assert 'id="id_lines-0-award"' in page and 'id="id_lines-1-award"' not in page
    assert '<template id="lines-empty-form">' in page and "id_lines-__prefix__-award" in page
    assert "Add another employee" in page
    assert 'href="?rows=4"' in page
    more = client.get(claim_url(application) + "?rows=4").content.decode()
    assert 'name="lines-TOTAL_FORMS" value="4"' in more and 'id="id_lines-3-award"' in more
    assert client.get(claim_url(application) + "?rows=-2").status_code == 200
    assert 'value="100"' in client.get(claim_url(application) + "?rows=999999").content.decode()


@pytest.mark.django_db
def test_a_claim_with_no_employee_says_so_in_plain_words(client):
    employer, application, _award, _earned = claimable()
    client.force_login(employer)
    data = {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "100",
        "proof": SimpleUploadedFile("proof.pdf", PDF_BYTES, content_type="application/pdf"),
    }
    response = client.post(claim_url(application), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Add at least one employee who earned the credential." in body
    assert "Please submit" not in body and "form." not in " ".join(response.context["formset"].non_form_errors())
    assert not ReimbursementClaim.objects.exists()


@pytest.mark.django_db
def test_a_claim_without_its_management_form_says_so_in_plain_words(client):
    employer, application, _award, _earned = claimable()
    client.force_login(employer)
    response = client.post(claim_url(application), {})
    assert response.status_code == 200
    errors = " ".join(response.context["formset"].non_form_errors())
    # Django replaces its management-form message with the count's when both apply: either is in plain words.
    assert errors in (
        "Add at least one employee who earned the credential.",
        "The page arrived incomplete. Reload it and enter the employees again.",
    )
    assert "ManagementForm" not in response.content.decode()


@pytest.mark.browser
def test_an_employer_adds_a_second_and_third_employee_and_claims_for_all(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    employer, application, _award, earned = claimable(employees=3)
    log_in(page, employer.email)
    page.goto(claim_url(application))
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Show more employee rows").is_hidden()
    page.set_input_files("#id_proof", files=[{"name": "proof.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    add = page.get_by_role("button", name="Add another employee")
    for index, (name, last4) in enumerate([("Jordan Ellis", "4821"), ("Casey Lee", "1357"), ("Morgan Diaz", "2468")]):
        if index:
            add.click()
            page.locator(f"#id_lines-{index}-award").wait_for()
            assert page.locator("legend").nth(index).inner_text() == f"Employee {index + 1}"
        page.locator(f"#id_lines-{index}-award").select_option(index=1)
        page.locator(f"#id_lines-{index}-employee_name").fill(name)
        page.locator(f"#id_lines-{index}-ssn_last4").fill(last4)
        page.locator(f"#id_lines-{index}-date_earned").fill(earned.isoformat())
        page.locator(f"#id_lines-{index}-wage_after").fill("26.50")
        page.locator(f"#id_lines-{index}-amount").fill("1500")
    assert page.locator("#id_lines-TOTAL_FORMS").input_value() == "3"
    screenshot(page, "claim-three-employees")
    page.get_by_role("button", name="Submit the claim").click()
    page.get_by_text("Claim submitted for $4,500.00.").wait_for()
    claim = ReimbursementClaim.objects.get()
    assert sorted(claim.lines.values_list("employee_name", flat=True)) == ["Casey Lee", "Jordan Ellis", "Morgan Diaz"]
    assert claim.amount == Decimal("4500.00")
