"""Races the apps' own tests do not cover: two users of one employer file claims against the same award at the same
moment (awards, placements and incentive approvals race in credentials/ and workbased_learning/ tests)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.db.models import Sum
from django.utils import timezone

from core.testing.factories import EmployerUserFactory
from credentials import services
from credentials.models import ClaimLine, ReimbursementClaim
from credentials.tests.factories import PDF_BYTES, awarded_application


@pytest.mark.django_db(transaction=True)
def test_two_claims_racing_for_one_award_never_claim_more_than_it():
    first = EmployerUserFactory()
    second = EmployerUserFactory(organization=first.organization)
    start = timezone.localdate() - datetime.timedelta(days=20)
    application, award = awarded_application(
        first.organization, employees=2, per_employee=Decimal("1500.00"), start=start
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def claim(user, name):
        lines = [
            {
                "award": award,
                "employee_name": f"{name} {n}",
                "ssn_last4": f"{1000 + n}",
                "date_of_birth": None,
                "date_earned": timezone.localdate() - datetime.timedelta(days=2),
                "wage_after": Decimal("25.00"),
                "amount": Decimal("1500.00"),
            }
            for n in range(2)
        ]
        try:
            barrier.wait(timeout=10)
            services.claim_submit(
                application=application,
                user=user,
                proof=SimpleUploadedFile("proof.pdf", PDF_BYTES, content_type="application/pdf"),
                lines=lines,
            )
            outcomes.append("filed")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim, args=(user, name)) for user, name in ((first, "Ann"), (second, "Bo"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes)[-1] == "filed" and outcomes.count("filed") == 1, outcomes
    assert ReimbursementClaim.objects.count() == 1
    claimed = ClaimLine.objects.filter(award=award).aggregate(total=Sum("amount"))["total"]
    assert claimed == award.amount == Decimal("3000.00")
