"""Deleting a tracked record of a partnership leaves an event in the audit trail, with who deleted it, and the
record's page shows the deletion in its History."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pghistory.models import Events

from partnerships.models import OutcomeValue, SectorPartnership
from partnerships.tests.factories import OutcomeReportFactory, OutcomeValueFactory

pytestmark = pytest.mark.django_db


def test_a_value_cleared_on_the_report_form_is_recorded_as_deleted_by_the_convener(
    client, people, partnership, metrics
):
    report = OutcomeReportFactory(partnership=partnership)
    kept, cleared = metrics[0], metrics[1]
    OutcomeValueFactory(report=report, metric=kept, value=Decimal("3"))
    value = OutcomeValueFactory(report=report, metric=cleared, value=Decimal("7"))

    convener = people.extra["convener"]
    client.force_login(convener)
    response = client.post(
        reverse("partnerships:report_update", args=[partnership.pk, report.pk]),
        {f"metric_{kept.pk}": "3", f"metric_{cleared.pk}": "", "successes": "Hired four apprentices."},
    )
    assert response.status_code == 302
    assert not OutcomeValue.objects.filter(pk=value.pk).exists()

    deleted = Events.objects.tracks(value).filter(pgh_label="delete").get()
    assert deleted.pgh_context["user"] == convener.pk
    assert deleted.pgh_context["url"] == reverse("partnerships:report_update", args=[partnership.pk, report.pk])
    assert Decimal(str(deleted.pgh_data["value"])) == Decimal("7") and deleted.pgh_data["report_id"] == report.pk

    client.force_login(people.staff)
    page = client.get(reverse("partnerships:report_detail", args=[partnership.pk, report.pk])).content.decode()
    history = page[page.index('id="history-heading"') :]
    assert re.search(rf">{convener.get_full_name()} removed the value for {re.escape(cleared.name)}<", history)


def test_a_partnership_deleted_outside_the_pages_is_still_recorded():
    report = OutcomeReportFactory()
    partnership = report.partnership
    SectorPartnership.objects.filter(pk=partnership.pk).delete()  # cascades to its outcome reports
    for record in (partnership, report):
        deleted = Events.objects.tracks(record).filter(pgh_label="delete").get()
        assert deleted.pgh_context is None  # nobody signed in: the trail does not invent a user
