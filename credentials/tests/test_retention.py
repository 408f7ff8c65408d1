"""Claim lines lose the employee's personal data once the claim has been paid for longer than the retention period;
the claim and the lines keep their amounts (docs/privacy.md, "How long it is kept")."""

import datetime
import time
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from core.retention import retention_cutoff
from core.testing.factories import EmployerUserFactory
from credentials.models import ClaimLine, ClaimStatus, ReimbursementClaim
from credentials.retention import REMOVED_SSN_LAST4, purge_expired_claim_lines
from credentials.tasks import purge_expired_claim_lines_task
from credentials.tests.factories import awarded_application

TODAY = datetime.date(2026, 6, 15)  # three years back: 15 June 2023


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


def paid_claim(application, award, *, paid_at, month, employees=("Jordan Ellis",)):
    """A claim paid at `paid_at`, one line of $1,500 per employee (new hires, so with a date of birth)."""
    claim = ReimbursementClaim.objects.create(
        application=application,
        organization=application.organization,
        claim_month=month,
        status=ClaimStatus.PAID if paid_at else ClaimStatus.APPROVED,
        amount=Decimal("1500.00") * len(employees),
        proof="credentials/claims/proof.pdf",
        paid_at=paid_at,
    )
    for name in employees:
        ClaimLine.objects.create(
            claim=claim,
            award=award,
            employee_name=name,
            ssn_last4="4821",
            new_hire=True,
            date_of_birth=datetime.date(1990, 5, 1),
            date_earned=month,
            wage_after=Decimal("23.00"),
            amount=Decimal("1500.00"),
        )
    return claim


def personal(claim):
    return list(claim.lines.order_by("pk").values_list("employee_name", "ssn_last4", "date_of_birth"))


def money(award):
    """What reports and the award's remaining balance are computed from."""
    return ClaimLine.objects.filter(award=award).aggregate(
        lines=Count("pk"), amount=Sum("amount"), wages=Sum("wage_after"), earned=Count("date_earned")
    )


@pytest.mark.django_db
def test_lines_of_claims_paid_more_than_the_period_ago_are_blanked_and_keep_their_amounts():
    application, award = awarded_application(EmployerUserFactory().organization, employees=10)
    expired = paid_claim(
        application, award, paid_at=local(2023, 6, 14, 23, 59), month=datetime.date(2023, 5, 1), employees=("A", "B")
    )
    just_inside = paid_claim(application, award, paid_at=local(2023, 6, 15, 0, 0), month=datetime.date(2023, 6, 1))
    never_paid = paid_claim(application, award, paid_at=None, month=datetime.date(2020, 1, 1))
    before = money(award)

    assert purge_expired_claim_lines(today=TODAY) == 2

    assert personal(expired) == [("", REMOVED_SSN_LAST4, None)] * 2
    assert personal(just_inside) == [("Jordan Ellis", "4821", datetime.date(1990, 5, 1))]
    assert personal(never_paid) == [("Jordan Ellis", "4821", datetime.date(1990, 5, 1))]
    assert money(award) == before
    expired.refresh_from_db()
    assert expired.amount == Decimal("3000.00") and expired.status == ClaimStatus.PAID
    assert (
        list(expired.lines.values_list("amount", "wage_after", "date_earned"))
        == [(Decimal("1500.00"), Decimal("23.00"), datetime.date(2023, 5, 1))] * 2
    )

    # A second run finds nothing left to do and changes nothing.
    assert purge_expired_claim_lines(today=TODAY) == 0
    assert personal(expired) == [("", REMOVED_SSN_LAST4, None)] * 2
    # The next day, the claim paid on the cutoff day has expired too.
    assert purge_expired_claim_lines(today=TODAY + datetime.timedelta(days=1)) == 1
    assert personal(just_inside) == [("", REMOVED_SSN_LAST4, None)]


@pytest.mark.django_db
def test_the_period_is_the_setting(settings):
    application, award = awarded_application(EmployerUserFactory().organization)
    claim = paid_claim(application, award, paid_at=local(2022, 6, 1, 12, 0), month=datetime.date(2022, 5, 1))
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    assert purge_expired_claim_lines(today=TODAY) == 0
    assert personal(claim)[0][0] == "Jordan Ellis"
    settings.PERSONAL_DATA_RETENTION_YEARS = 3
    assert purge_expired_claim_lines(today=TODAY) == 1


def test_the_cutoff_of_a_leap_day_is_the_28th(settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 3
    assert retention_cutoff(datetime.date(2028, 2, 29)) == datetime.date(2025, 2, 28)
    assert retention_cutoff(TODAY) == datetime.date(2023, 6, 15)


@pytest.mark.worker
def test_the_task_blanks_expired_lines_on_a_real_worker(celery_worker):
    application, award = awarded_application(EmployerUserFactory().organization)
    long_ago = timezone.now() - datetime.timedelta(days=4 * 366)
    claim = paid_claim(application, award, paid_at=long_ago, month=long_ago.date().replace(day=1))

    purge_expired_claim_lines_task.delay()

    deadline = time.monotonic() + 30
    while personal(claim)[0][0] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert personal(claim) == [("", REMOVED_SSN_LAST4, None)]


@pytest.mark.django_db
def test_the_claim_page_says_the_personal_data_was_removed(client, people):
    application, award = awarded_application(people.employer.organization, employees=10)
    claim = paid_claim(application, award, paid_at=local(2023, 6, 1, 12, 0), month=datetime.date(2023, 5, 1))
    purge_expired_claim_lines(today=TODAY)
    client.force_login(people.staff)
    page = client.get(reverse("credentials:claim_detail", args=[claim.pk])).content.decode()
    assert "Name and SSN removed after the retention period" in page
    assert "0000" not in page and "Jordan Ellis" not in page
