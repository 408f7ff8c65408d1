"""The round list's remembered totals: summed once, then shown from the cache until an award or an application is
saved or deleted and that write commits. The dollars on the page are always the awards on file."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from credentials import services
from credentials.models import ApplicationStatus, Award
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    AwardFactory,
    ClosedRoundFactory,
    OpenRoundFactory,
)

pytestmark = pytest.mark.django_db
ROUNDS = reverse("credentials:round_list")


def totals(client, name, status="current"):
    """The submitted count and awarded dollars the round list shows for the round called `name`."""
    response = client.get(ROUNDS, {"status": status})
    row = next(r for r in response.context["rounds"] if r.name == name)
    return row.submitted_count, row.awarded_sum


def award_queries(client):
    """The SQL statements of one round list visit that read the awards table."""
    with CaptureQueriesContext(connection) as context:
        client.get(ROUNDS)
    return [q["sql"] for q in context.captured_queries if "credentials_award" in q["sql"]]


def submitted(round, amount_per_employee=Decimal("1000.00"), employees=3):
    application = ApplicationFactory(round=round, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now())
    line = ApplicationLineFactory(
        application=application, employees=employees, amount_requested_per_employee=amount_per_employee
    )
    line.refresh_from_db()
    return application, line


@pytest.fixture
def awarded_round():
    """A round with one awarded line of $1,250.75 and one submitted application waiting for a decision."""
    round = OpenRoundFactory(name="Spring round")
    AwardFactory(line=submitted(round)[1], amount=Decimal("1250.75"))
    return round


def test_a_second_visit_shows_the_remembered_totals_without_summing_again(client, people, awarded_round):
    client.force_login(people.staff)
    assert totals(client, "Spring round") == (1, Decimal("1250.75"))
    assert award_queries(client) == []


def test_an_award_made_through_the_service_shows_at_once(
    client, people, awarded_round, django_capture_on_commit_callbacks
):
    application, line = submitted(awarded_round)
    client.force_login(people.staff)
    assert totals(client, "Spring round") == (2, Decimal("1250.75"))

    with django_capture_on_commit_callbacks(execute=True):
        services.award_lines(application=application, user=people.staff, amounts={line.pk: Decimal("2000.01")})

    assert totals(client, "Spring round") == (2, Decimal("3250.76"))
    page = client.get(ROUNDS).content.decode()
    assert "$3,250.76" in page


def test_an_award_deleted_in_the_admin_shows_at_once(client, people, awarded_round, django_capture_on_commit_callbacks):
    extra = AwardFactory(line=submitted(awarded_round)[1], amount=Decimal("99.99"))
    client.force_login(people.staff)
    assert totals(client, "Spring round") == (2, Decimal("1350.74"))

    client.force_login(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:credentials_award_delete", args=[extra.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Award.objects.filter(pk=extra.pk).exists()

    client.force_login(people.staff)
    assert totals(client, "Spring round") == (2, Decimal("1250.75"))


def test_awards_deleted_by_the_admins_bulk_action_show_at_once(
    client, people, awarded_round, django_capture_on_commit_callbacks
):
    client.force_login(people.staff)
    assert totals(client, "Spring round") == (1, Decimal("1250.75"))

    client.force_login(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:credentials_award_changelist"),
            {
                "action": "delete_selected",
                "post": "yes",
                "_selected_action": [str(pk) for pk in Award.objects.values_list("pk", flat=True)],
            },
        )
    assert not Award.objects.exists()

    client.force_login(people.staff)
    assert totals(client, "Spring round") == (1, Decimal("0.00"))


def test_an_application_submitted_shows_in_the_count_at_once(
    client, people, employer_user, django_capture_on_commit_callbacks
):
    round = OpenRoundFactory(name="Autumn round")
    application = ApplicationFactory(round=round, organization=employer_user.organization)
    ApplicationLineFactory(application=application)
    client.force_login(people.staff)
    assert totals(client, "Autumn round") == (0, Decimal("0.00"))

    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, user=employer_user)

    assert totals(client, "Autumn round") == (1, Decimal("0.00"))


def test_a_rolled_back_award_leaves_the_remembered_totals(
    client, people, awarded_round, django_capture_on_commit_callbacks
):
    line = submitted(awarded_round)[1]
    client.force_login(people.staff)
    assert totals(client, "Spring round") == (2, Decimal("1250.75"))

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        AwardFactory(line=line, amount=Decimal("500.00"))
        raise RuntimeError("the award's transaction fails")

    assert callbacks == []
    assert award_queries(client) == []
    assert totals(client, "Spring round") == (2, Decimal("1250.75"))


def test_other_rounds_keep_their_own_totals(client, people, awarded_round):
    older = ClosedRoundFactory(name="Older round")
    AwardFactory(line=submitted(older)[1], amount=Decimal("10.00"))
    client.force_login(people.staff)
    assert totals(client, "Spring round") == (1, Decimal("1250.75"))
    assert totals(client, "Older round", status="closed") == (1, Decimal("10.00"))
