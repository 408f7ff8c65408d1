"""The dashboard's remembered aggregates (approved hours, placements, claims, the open round's awards): summed
once, then shown from the cache until a row of their table is saved or deleted and that write commits."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing.factories import EmployerFactory
from credentials import services as credential_services
from credentials.models import ApplicationStatus, ReimbursementClaim
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    AwardFactory,
    OpenRoundFactory,
    awarded_application,
)
from workbased_learning import services as wbl_services
from workbased_learning.models import TimeEntry, TimeEntryStatus
from workbased_learning.tests.factories import PlacementFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("reports:dashboard")


def figures(client):
    return client.get(DASHBOARD).context


def queries_on(client, table):
    with CaptureQueriesContext(connection) as context:
        client.get(DASHBOARD)
    return [q["sql"] for q in context.captured_queries if f'"{table}"' in q["sql"]]


@pytest.fixture
def placement():
    """An active placement with 6 approved hours and 4 waiting for the supervisor."""
    placement = PlacementFactory()
    TimeEntryFactory(placement=placement, hours=Decimal("6.00"), status=TimeEntryStatus.APPROVED)
    TimeEntryFactory(placement=placement, hours=Decimal("4.00"), status=TimeEntryStatus.SUBMITTED)
    return placement


def test_a_second_visit_shows_remembered_hours_and_placements_without_summing_again(client, people, placement):
    client.force_login(people.staff)
    assert figures(client)["approved_hours"] == Decimal("6.00")
    assert queries_on(client, "workbased_learning_timeentry") == []
    assert queries_on(client, "workbased_learning_placement") == []


def test_hours_approved_through_the_service_show_at_once(client, people, placement, django_capture_on_commit_callbacks):
    client.force_login(people.staff)
    assert figures(client)["approved_hours"] == Decimal("6.00")

    waiting = TimeEntry.objects.get(status=TimeEntryStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        wbl_services.time_entry_decide(entry=waiting, user=placement.supervisor, approve=True)

    assert figures(client)["approved_hours"] == Decimal("10.00")


def test_hours_logged_but_rolled_back_leave_the_remembered_total(
    client, people, placement, django_capture_on_commit_callbacks
):
    client.force_login(people.staff)
    assert figures(client)["approved_hours"] == Decimal("6.00")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        TimeEntryFactory(placement=placement, hours=Decimal("8.00"), status=TimeEntryStatus.APPROVED)
        raise RuntimeError("the entry's transaction fails")

    assert callbacks == []
    assert queries_on(client, "workbased_learning_timeentry") == []
    assert figures(client)["approved_hours"] == Decimal("6.00")


def test_hours_deleted_in_the_admin_show_at_once(client, people, placement, django_capture_on_commit_callbacks):
    client.force_login(people.staff)
    assert figures(client)["approved_hours"] == Decimal("6.00")

    approved = TimeEntry.objects.get(status=TimeEntryStatus.APPROVED)
    client.force_login(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:workbased_learning_timeentry_delete", args=[approved.pk]), {"post": "yes"})

    client.force_login(people.staff)
    assert figures(client)["approved_hours"] == Decimal("0.00")


def test_a_placement_withdrawn_through_the_service_shows_at_once(
    client, people, placement, django_capture_on_commit_callbacks
):
    client.force_login(people.staff)
    assert figures(client)["placements"]["active"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        wbl_services.placement_withdraw(placement=placement, user=people.staff)

    counts = figures(client)["placements"]
    assert (counts["active"], counts["withdrawn"]) == (0, 1)


def test_the_open_rounds_awards_made_through_the_service_show_at_once(
    client, people, django_capture_on_commit_callbacks
):
    round = OpenRoundFactory(name="Spring round")
    application = ApplicationFactory(round=round, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now())
    line = ApplicationLineFactory(application=application, employees=2, amount_requested_per_employee=Decimal("900"))
    AwardFactory(line=ApplicationLineFactory(application__round=round), amount=Decimal("100.10"))
    client.force_login(people.staff)
    assert figures(client)["open_round"]["awarded"] == Decimal("100.10")

    with django_capture_on_commit_callbacks(execute=True):
        credential_services.award_lines(application=application, user=people.staff, amounts={line.pk: "1799.99"})

    assert figures(client)["open_round"]["awarded"] == Decimal("1900.09")


def test_a_claim_approved_through_the_service_shows_at_once(client, people, django_capture_on_commit_callbacks):
    application, _ = awarded_application(EmployerFactory())
    claim = ReimbursementClaim.objects.create(
        application=application, organization=application.organization, claim_month=timezone.localdate().replace(day=1)
    )
    client.force_login(people.staff)
    assert (figures(client)["claims_to_approve"], figures(client)["claims_to_pay"]) == (1, 0)

    with django_capture_on_commit_callbacks(execute=True):
        credential_services.claim_approve(claim=claim, user=people.staff)

    assert (figures(client)["claims_to_approve"], figures(client)["claims_to_pay"]) == (0, 1)
