"""The audit trail on an application's page: its own changes, its lines' (deletions included), the awards on those
lines and its claims, with who made each change, at a cost that does not grow with the number of lines."""

import datetime
import re
from decimal import Decimal

import pghistory
import pytest
from django.urls import reverse
from django.utils import timezone

from core.history import history_for
from core.testing.queries import assert_query_budget
from credentials.models import Application, ApplicationLine, ApplicationStatus, Award, ReimbursementClaim
from credentials.services import application_submit
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
    credential = award.line.credential.title
    assert any(item.startswith(f"{staff_name} added the award for {credential}") for item in items), items
    status_change = next(item for item in items if "Status Submitted → Awarded" in item)
    assert status_change.startswith(f"{staff_name} awarded the application")
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
    removed_title, kept_title = removed.credential.title, kept.credential.title
    assert any(item.startswith(f"{employer_name} removed the line for {removed_title}") for item in items), items
    assert any(item.startswith(f"Line for {kept_title} added") for item in items), items


def test_the_applications_claims_are_in_its_history(people):
    application, award = awarded_application(people.employer.organization)
    claim = submitted_claim(application, award)
    ReimbursementClaim.objects.filter(pk=claim.pk).update(status="approved")
    entries = history_for(application, also=[application.lines.all()])
    subjects = {entry.subject for entry in entries}
    title, month = award.line.credential.title, f"{claim.claim_month:%B %Y}"
    assert {f"Claim for {month}", f"Award for {title}", f"Line for {title}"} <= subjects
    approval = next(e for e in entries if e.subject == f"Claim for {month}" and e.action == "Changed")
    assert approval.sentence == f"Claim for {month} approved"
    assert [(c.old, c.new) for c in approval.changes if c.field == "Status"] == [("Submitted", "Approved")]


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


def test_the_history_tells_who_did_what_in_words_with_readable_dates_and_no_internal_ids(client, people):
    """Before: "Changed by …", "Submitted by — → 7", "2026-12-08T03:01:51.226241+00:00" and "Application line 11"."""
    draft = ApplicationFactory(organization=people.employer.organization, round=OpenRoundFactory())
    line = ApplicationLineFactory(application=draft, training_end=draft.round.training_ends_by)
    with pghistory.context(user=people.employer.pk, url="/test"):
        application_submit(application=draft, user=people.employer)
    client.force_login(people.staff)
    items = history_items(client, draft.get_absolute_url())
    page = " ".join(items)
    name = people.employer.get_full_name()
    submitted = next((item for item in items if item.startswith(f"{name} submitted the application")), None)
    assert submitted, items
    assert f"Submitted by — → {name}" in submitted
    assert "Status Draft → Submitted" in submitted
    assert f"Line for {line.credential.title} added" in page
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", page), page
    assert f"→ {people.employer.pk} " not in page + " "
    assert "Application line" not in page
    assert "no signed-in user" not in page
    submitted_at = timezone.localtime(Application.objects.get(pk=draft.pk).submitted_at)
    assert f"→ {submitted_at:%b} {submitted_at.day}, {submitted_at.year}" in submitted
