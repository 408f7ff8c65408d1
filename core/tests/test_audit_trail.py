"""The audit trail (django-pghistory): every change to the tracked records is kept with who and when, bulk updates
included, and program staff read it on the record's page. Personal data never enters the trail."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from pghistory.models import Events

from core.history import history_for
from partnerships.tests.factories import OutcomeReportFactory, SectorPartnershipFactory
from workbased_learning.models import Placement
from workbased_learning.tests.factories import IncentiveApplicationFactory, PlacementFactory, TimeEntryFactory

# Every record family the issue names, as "app_label.Model": each must be tracked by a pghistory event model.
TRACKED = [
    "credentials.Credential",
    "credentials.CredentialProposal",
    "credentials.FundingRound",
    "credentials.Application",
    "credentials.Award",
    "credentials.ReimbursementClaim",
    "partnerships.SectorPartnership",
    "partnerships.OutcomeReport",
    "partnerships.OutcomeValue",
    "workbased_learning.Placement",
    "workbased_learning.TimeEntry",
    "workbased_learning.IncentiveApplication",
    "workbased_learning.IncentiveLine",
]


def tracked_models():
    import pghistory.models

    return {
        model.pgh_tracked_model._meta.label
        for model in apps.get_models()
        if issubclass(model, pghistory.models.Event) and getattr(model, "pgh_tracked_model", None)
    }


def test_every_record_family_of_the_issue_is_tracked():
    assert set(TRACKED) <= tracked_models(), set(TRACKED) - tracked_models()


@pytest.mark.django_db
def test_a_change_through_a_page_is_recorded_with_the_user_and_shown_to_staff_only(client, people):
    placement = PlacementFactory(opportunity__host=people.employer.organization, supervisor=people.employer)
    entry = TimeEntryFactory(placement=placement, hours=Decimal("4.00"))
    client.force_login(people.employer)
    response = client.post(reverse("workbased_learning:timeentry_approve", args=[entry.pk]))
    assert response.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.status == "approved"

    history = history_for(placement)
    approval = next(item for item in history if item.subject and any(c.field == "Status" for c in item.changes))
    assert approval.who == people.employer
    assert approval.action == "Changed"
    assert [(c.old, c.new) for c in approval.changes if c.field == "Status"] == [("Awaiting sign-off", "Approved")]

    client.force_login(people.staff)
    page = client.get(placement.get_absolute_url()).content.decode()
    assert 'id="history-heading"' in page and people.employer.get_full_name() in page
    client.force_login(people.employer)
    assert 'id="history-heading"' not in client.get(placement.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_bulk_updates_and_changes_outside_django_are_caught():
    partnership = SectorPartnershipFactory(stage="exploring")
    type(partnership).objects.filter(pk=partnership.pk).update(stage="launching")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {partnership._meta.db_table} SET name = 'Renamed in SQL' WHERE id = %s", [partnership.pk]
        )
    changes = [(c.field, c.new) for item in history_for(partnership) for c in item.changes]
    assert ("Stage", "Launching") in changes
    assert ("Name", "Renamed in SQL") in changes
    # Nobody was signed in: the trail says so instead of inventing a user.
    assert all(item.who is None for item in history_for(partnership))


@pytest.mark.django_db
def test_outcome_reports_and_incentive_decisions_are_tracked():
    report = OutcomeReportFactory()
    type(report).objects.filter(pk=report.pk).update(status="submitted")
    assert any(c.new == "Submitted" for item in history_for(report) for c in item.changes)
    application = IncentiveApplicationFactory()
    type(application).objects.filter(pk=application.pk).update(status="approved")
    assert any(c.new == "Approved" for item in history_for(application) for c in item.changes)


@pytest.mark.django_db
def test_the_learners_date_of_birth_never_enters_the_trail():
    placement = PlacementFactory()
    Placement.objects.filter(pk=placement.pk).update(learner_grade=11)
    events = list(Events.objects.tracks(placement))
    assert events
    for event in events:
        assert "learner_birth_date" not in event.pgh_data
        assert str(placement.learner_birth_date) not in str(event.pgh_data)


@pytest.mark.django_db
def test_staff_see_a_claims_history_on_its_review_page_without_the_employees_personal_data(client, people):
    from core.tests.site_world import build_world

    world = build_world(people)
    claim = world["claim"]
    type(claim).objects.filter(pk=claim.pk).update(status="approved")
    client.force_login(people.staff)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert 'id="history-heading"' in page and "Reimbursement claim approved" in page
    events = Events.objects.references(claim)
    assert "4821" not in str([event.pgh_data for event in events])
    client.force_login(people.employer)
    assert 'id="history-heading"' not in client.get(claim.get_absolute_url()).content.decode()
