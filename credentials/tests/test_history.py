"""The audit trail on an application's page: its own changes, its lines' (deletions included), the awards on those
lines and its claims, with who made each change, at a cost that does not grow with the number of lines."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.history import history_for
from core.testing.queries import assert_query_budget
from credentials.models import ApplicationLine, ApplicationStatus, Award, ReimbursementClaim
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    AwardFactory,
    OpenRoundFactory,
    awarded_application,
    submitted_claim,
)

pytestmark = pytest.mark.django_db


def history_items(client, url):
    """The History section's entries on a page, as plain text (tags and runs of spaces removed)."""
    page = client.get(url).content.decode()
    assert 'id="history-heading"' in page
    section = page[page.index('id="history-heading"') :]
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.split(r"<li\b[^>]*>", section)[1:]]


def test_an_award_made_by_staff_shows_on_the_applications_history_with_who_made_it(client, people):
    application = ApplicationFactory(
        organization=people.employer.organization,
        round=OpenRoundFactory(),
        status=ApplicationStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    line = ApplicationLineFactory(application=application, employees=2, amount_requested_per_employee=Decimal("1000"))
    client.force_login(people.staff)
    response = client.post(reverse("credentials:application_award", args=[application.pk]), {f"line_{line.pk}": "1500"})
    assert response.status_code == 302
    award = Award.objects.get(line=line)

    items = history_items(client, application.get_absolute_url())
    staff_name = people.staff.get_full_name()
    assert any(item.startswith(f"Created Award {award.pk} by {staff_name}") for item in items), items
    status_change = next(item for item in items if "Status submitted → awarded" in item)
    assert status_change.startswith(f"Changed by {staff_name}")
    # The employer does not see the trail.
    client.force_login(people.employer)
    assert 'id="history-heading"' not in client.get(application.get_absolute_url()).content.decode()


def test_a_removed_draft_line_shows_as_deleted_on_its_application(client, people):
    draft = ApplicationFactory(organization=people.employer.organization, round=OpenRoundFactory())
    kept = ApplicationLineFactory(application=draft)
    removed = ApplicationLineFactory(application=draft)
    client.force_login(people.employer)
    response = client.post(reverse("credentials:line_delete", args=[draft.pk, removed.pk]))
    assert response.status_code == 302
    assert list(ApplicationLine.objects.filter(application=draft)) == [kept]

    client.force_login(people.staff)
    items = history_items(client, draft.get_absolute_url())
    employer_name = people.employer.get_full_name()
    assert any(item.startswith(f"Deleted Application line {removed.pk} by {employer_name}") for item in items), items
    assert any(item.startswith(f"Created Application line {kept.pk}") for item in items)


def test_the_applications_claims_are_in_its_history(people):
    application, award = awarded_application(people.employer.organization)
    claim = submitted_claim(application, award)
    ReimbursementClaim.objects.filter(pk=claim.pk).update(status="approved")
    entries = history_for(application, also=[application.lines.all()])
    subjects = {entry.subject for entry in entries}
    assert {f"Reimbursement claim {claim.pk}", f"Award {award.pk}", f"Application line {award.line_id}"} <= subjects
    approval = next(e for e in entries if e.subject == f"Reimbursement claim {claim.pk}" and e.action == "Changed")
    assert [(c.old, c.new) for c in approval.changes if c.field == "Status"] == [("submitted", "approved")]


def test_the_application_page_costs_the_same_with_one_line_and_with_twenty(client, people):
    round = OpenRoundFactory()
    application = ApplicationFactory(
        round=round, status=ApplicationStatus.AWARDED, submitted_at=timezone.now(), decided_at=timezone.now()
    )
    client.force_login(people.staff)

    def make_rows(n):
        for _ in range(n):
            line = ApplicationLineFactory(application=application, training_end=round.training_ends_by)
            AwardFactory(line=line, awarded_by=people.staff)
            Award.objects.filter(line=line).update(note="Checked", awarded_at=timezone.now() - datetime.timedelta(1))

    assert_query_budget(client, application.get_absolute_url(), make_rows=make_rows, budget=14, few=1, many=20)
