"""A refused submission answers with the application page and its errors (status 200), not a redirect."""

from decimal import Decimal

import pytest
from django.urls import reverse

from credentials.models import ApplicationStatus
from credentials.tests.factories import ApplicationFactory, ApplicationLineFactory

pytestmark = pytest.mark.django_db


def test_a_cap_breaking_submission_answers_the_page_with_the_refusal(client, people):
    application = ApplicationFactory(organization=people.employer.organization)
    ApplicationLineFactory(application=application)
    ApplicationLineFactory(
        application=application, cost_per_employee=Decimal("9000.00"), amount_requested_per_employee=Decimal("9000.00")
    )
    client.force_login(people.employer)
    response = client.post(reverse("credentials:application_submit", args=[application.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not submitted." in page and "breaks the rules noted on its lines" in page
    assert 'class="table-warning"' in page  # the lines concerned show what they break
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_a_valid_submission_still_redirects_to_the_application(client, people):
    application = ApplicationFactory(organization=people.employer.organization)
    ApplicationLineFactory(application=application)
    client.force_login(people.employer)
    response = client.post(reverse("credentials:application_submit", args=[application.pk]))
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_paying_a_claim_not_yet_approved_answers_the_claim_page_with_the_refusal(client, people):
    from credentials.models import ClaimStatus
    from credentials.services import claim_submit
    from credentials.tests.factories import awarded_application
    from credentials.tests.test_services import claim_row, pdf

    application, award = awarded_application(people.employer.organization)
    claim = claim_submit(application=application, user=people.employer, proof=pdf(), lines=[claim_row(award)])
    client.force_login(people.staff)
    response = client.post(reverse("credentials:claim_pay", args=[claim.pk]))
    assert response.status_code == 200
    assert 'class="alert alert-danger"' in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
