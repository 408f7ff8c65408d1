"""Two staff members award at the same moment, racing for the last of a round's budget."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone

from core.testing.factories import StaffUserFactory
from credentials import services
from credentials.models import ApplicationStatus, Award, FundingRound
from credentials.tests.factories import ApplicationFactory, ApplicationLineFactory, OpenRoundFactory


def _waiting_on_locks():
    with connection.cursor() as cursor:
        # Statistics views are read once per transaction unless the snapshot is cleared.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_awards_never_pass_the_budget():
    round = OpenRoundFactory(total_budget=Decimal("5000.00"))
    contenders = []
    for _ in range(2):
        application = ApplicationFactory(round=round, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now())
        line = ApplicationLineFactory(
            application=application, employees=2, amount_requested_per_employee=Decimal("2000")
        )
        contenders.append((application, line, StaffUserFactory()))

    outcomes = []

    def award(application, line, staff):
        try:
            services.award_lines(application=application, user=staff, amounts={line.pk: Decimal("4000.00")})
            outcomes.append("awarded")
        except ValidationError as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    # Hold the round's row from a third connection so both awards arrive while it is taken, then let go:
    # the service must make them wait for the lock and then see each other's award.
    with transaction.atomic():
        FundingRound.objects.select_for_update().get(pk=round.pk)
        threads = [threading.Thread(target=award, args=contender) for contender in contenders]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while _waiting_on_locks() < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        blocked = _waiting_on_locks()
    for thread in threads:
        thread.join(timeout=30)

    assert blocked == 2, f"both awards should have waited for the round's lock: {outcomes}"
    assert outcomes.count("awarded") == 1
    assert any("budget is left" in outcome for outcome in outcomes)
    assert round.awarded_total() == Decimal("4000.00") <= round.total_budget
    assert Award.objects.count() == 1
