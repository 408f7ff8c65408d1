"""Deleting a tracked work-based learning record leaves an event in the audit trail, with who deleted it; the
placement's page shows the deletion in its History; the learner's date of birth stays out of the trail."""

import datetime

import pytest
from django.urls import reverse
from pghistory.models import Events

from workbased_learning.models import Placement, TimeEntry
from workbased_learning.tests.factories import PlacementFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db

BIRTH_DATE = datetime.date(2009, 4, 17)


def test_a_time_entry_deleted_in_the_admin_shows_as_deleted_on_the_placements_history(client, people):
    placement = PlacementFactory(learner_birth_date=BIRTH_DATE)
    entry = TimeEntryFactory(placement=placement)
    delete_url = reverse("admin:workbased_learning_timeentry_delete", args=[entry.pk])

    client.force_login(people.admin)
    response = client.post(delete_url, {"post": "yes"})
    assert response.status_code == 302
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()

    deleted = Events.objects.tracks(entry).filter(pgh_label="delete").get()
    assert deleted.pgh_context["user"] == people.admin.pk and deleted.pgh_context["url"] == delete_url
    assert deleted.pgh_data["placement_id"] == placement.pk and deleted.pgh_data["hours"] == 4

    client.force_login(people.staff)
    page = client.get(placement.get_absolute_url()).content.decode()
    history = page[page.index('id="history-heading"') :]
    day = f"{entry.date:%b} {entry.date.day}, {entry.date.year}"
    assert f">{people.admin.get_full_name()} removed the time entry for {day}<" in history


def test_a_deleted_placement_is_recorded_without_the_learners_date_of_birth(client, people):
    placement = PlacementFactory(learner_birth_date=BIRTH_DATE)
    entry = TimeEntryFactory(placement=placement)

    client.force_login(people.admin)
    response = client.post(reverse("admin:workbased_learning_placement_delete", args=[placement.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Placement.objects.filter(pk=placement.pk).exists()

    deleted = Events.objects.tracks(placement).filter(pgh_label="delete").get()
    assert deleted.pgh_context["user"] == people.admin.pk
    assert deleted.pgh_data["learner_ref"] == placement.learner_ref
    # The time entries went with it (cascade), each recorded too.
    assert Events.objects.tracks(entry).filter(pgh_label="delete").exists()
    for event in Events.objects.tracks(placement):
        assert "learner_birth_date" not in event.pgh_data
        assert str(BIRTH_DATE) not in str(event.pgh_data)
