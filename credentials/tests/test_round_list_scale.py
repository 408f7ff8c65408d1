"""The funding round list at scale: a bounded number of queries, and totals that count each row once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.testing.queries import assert_query_budget
from credentials.models import ApplicationStatus
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    AwardFactory,
    ClosedRoundFactory,
)

pytestmark = pytest.mark.django_db
ROUNDS = reverse("credentials:round_list") + "?status=closed"  # the archive: these tests use closed rounds


def test_round_list_query_budget(client, people):
    client.force_login(people.staff)

    def make_rows(n):
        for _ in range(n):
            line = AwardFactory(line__application__round=ClosedRoundFactory()).line
            ApplicationLineFactory(application=line.application)

    assert_query_budget(client, ROUNDS, make_rows=make_rows, budget=8, few=3, many=40)


def test_round_list_counts_applications_once_and_sums_every_award(client, people):
    round = ClosedRoundFactory(name="Round with lines")
    awarded = ApplicationFactory(round=round, status=ApplicationStatus.AWARDED)
    for amount in ("1000.00", "250.50", "0.25"):
        AwardFactory(line=ApplicationLineFactory(application=awarded), amount=Decimal(amount))
    ApplicationLineFactory(application=ApplicationFactory(round=round, status=ApplicationStatus.SUBMITTED))
    ApplicationFactory(round=round, status=ApplicationStatus.DRAFT)
    AwardFactory(amount=Decimal("999.00"))  # another round's award

    client.force_login(people.staff)
    rows = {r.name: r for r in client.get(ROUNDS).context["rounds"]}

    assert rows["Round with lines"].submitted_count == 2
    assert rows["Round with lines"].awarded_sum == Decimal("1250.75")


def test_round_list_shows_zero_for_a_round_without_awards(client, people):
    ClosedRoundFactory(name="Quiet round")
    client.force_login(people.staff)
    response = client.get(ROUNDS)
    quiet = next(r for r in response.context["rounds"] if r.name == "Quiet round")
    assert (quiet.submitted_count, quiet.awarded_sum) == (0, Decimal("0.00"))
    assert "$0.00" in response.content.decode()


def test_employers_see_their_own_application_without_staff_totals(client, people):
    mine = ApplicationFactory(organization=people.employer.organization, status=ApplicationStatus.SUBMITTED)
    client.force_login(people.employer)
    response = client.get(reverse("credentials:round_list"))
    assert response.context["mine"] == {mine.round_id: mine}
    assert not hasattr(response.context["rounds"][0], "awarded_sum")
    assert mine.get_absolute_url() in response.content.decode()
