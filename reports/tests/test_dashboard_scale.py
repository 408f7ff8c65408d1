"""The dashboard's claim figures: one aggregate for both, each status counted exactly."""

import datetime

import pytest
from django.urls import reverse

from core.testing.queries import count_queries, nothing_remembered
from credentials.models import ClaimStatus, ReimbursementClaim
from credentials.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("reports:dashboard")


def add_claims(statuses):
    for month, status in enumerate(statuses, start=1):
        application = ApplicationFactory()
        ReimbursementClaim.objects.create(
            application=application,
            organization=application.organization,
            claim_month=datetime.date(2026, month, 1),
            status=status,
        )


def test_claim_figures_count_each_status_in_a_bounded_number_of_queries(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.staff)
    add_claims([ClaimStatus.SUBMITTED])
    with nothing_remembered():
        few = count_queries(client, DASHBOARD)
    with django_capture_on_commit_callbacks(execute=True):  # committed claims: the remembered counts are forgotten
        add_claims([ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.APPROVED, ClaimStatus.PAID])
    with nothing_remembered():
        assert count_queries(client, DASHBOARD) == few

    response = client.get(DASHBOARD)
    assert (response.context["claims_to_approve"], response.context["claims_to_pay"]) == (2, 2)
