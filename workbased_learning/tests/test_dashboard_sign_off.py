"""The host employer approves hours from its dashboard: one entry with one click (htmx swaps the row; without
JavaScript a normal POST and redirect), or the selected entries at once; only its own entries."""

import pytest
from django.urls import reverse

from core.testing.factories import EmployerUserFactory
from core.testing.queries import assert_query_budget
from workbased_learning.models import TimeEntry, TimeEntryStatus
from workbased_learning.tests.factories import OpportunityFactory, PlacementFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("workbased_learning:employer_dashboard")
BULK = reverse("workbased_learning:timeentry_sign_off")


def one(entry):
    return reverse("workbased_learning:timeentry_sign_off_one", args=[entry.pk])


def entries_of(supervisor, count):
    opportunity = OpportunityFactory(host=supervisor.organization, capacity=50)
    placement = PlacementFactory(opportunity=opportunity, supervisor=supervisor)
    return [TimeEntryFactory(placement=placement) for _ in range(count)]


def status(entry):
    return TimeEntry.objects.get(pk=entry.pk).status


def test_the_dashboard_offers_one_click_and_bulk_approval(client, people):
    entry = entries_of(people.employer, 1)[0]
    client.force_login(people.employer)
    page = client.get(DASHBOARD).content.decode()
    assert f'hx-post="{one(entry)}"' in page
    assert f'formaction="{one(entry)}"' in page
    assert f'action="{BULK}"' in page
    assert f'name="entries" value="{entry.pk}"' in page
    assert "Approve selected hours" in page


def test_one_click_with_htmx_approves_the_entry_and_answers_its_row(client, people):
    entry, other = entries_of(people.employer, 2)
    client.force_login(people.employer)
    response = client.post(one(entry), headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.strip().startswith(f'<tr id="time-entry-{entry.pk}"')
    assert "Approved" in body and "hx-post" not in body
    assert status(entry) == TimeEntryStatus.APPROVED
    assert status(other) == TimeEntryStatus.SUBMITTED
    assert TimeEntry.objects.get(pk=entry.pk).decided_by == people.employer


def test_one_click_without_javascript_posts_the_whole_form_and_redirects(client, people):
    entry, other = entries_of(people.employer, 2)
    client.force_login(people.employer)
    # The row's button posts the dashboard's form to its own address: checked boxes are not approved with it.
    response = client.post(one(entry), {"entries": [other.pk]}, follow=True)
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert "The hours are approved." in response.content.decode()
    assert status(entry) == TimeEntryStatus.APPROVED
    assert status(other) == TimeEntryStatus.SUBMITTED


def test_the_selected_entries_are_approved_at_once(client, people):
    first, second, third = entries_of(people.employer, 3)
    client.force_login(people.employer)
    response = client.post(BULK, {"entries": [first.pk, third.pk]}, follow=True)
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert "2 entries of hours are approved." in response.content.decode()
    assert [status(e) for e in (first, second, third)] == [
        TimeEntryStatus.APPROVED,
        TimeEntryStatus.SUBMITTED,
        TimeEntryStatus.APPROVED,
    ]
    assert f'value="{second.pk}"' in response.content.decode()
    assert f'value="{first.pk}"' not in response.content.decode()


def test_approving_again_says_so_and_changes_nothing(client, people):
    entry = entries_of(people.employer, 1)[0]
    client.force_login(people.employer)
    client.post(BULK, {"entries": [entry.pk]})
    response = client.post(BULK, {"entries": [entry.pk]}, follow=True)
    assert "These hours were already signed off." in response.content.decode()


def test_another_organisations_entry_is_not_found(client, people):
    mine = entries_of(people.employer, 1)[0]
    theirs = entries_of(EmployerUserFactory(email="elsewhere@example.test"), 1)[0]
    client.force_login(people.employer)
    assert client.post(one(theirs)).status_code == 404
    assert client.post(one(theirs), headers={"HX-Request": "true"}).status_code == 404
    assert client.post(BULK, {"entries": [mine.pk, theirs.pk]}).status_code == 404
    assert status(mine) == status(theirs) == TimeEntryStatus.SUBMITTED


def test_a_colleague_who_does_not_supervise_the_placement_cannot_approve(client, people):
    entry = entries_of(people.employer, 1)[0]
    colleague = EmployerUserFactory(email="colleague@example.test", organization=people.employer.organization)
    client.force_login(colleague)
    assert client.post(one(entry)).status_code == 404
    assert status(entry) == TimeEntryStatus.SUBMITTED


def test_the_dashboard_with_hours_to_sign_off_keeps_its_query_budget(client, people):
    opportunity = OpportunityFactory(host=people.employer.organization, capacity=400)

    def make(n):
        for _ in range(n):
            TimeEntryFactory(placement=PlacementFactory(opportunity=opportunity, supervisor=people.employer))

    client.force_login(people.employer)
    assert_query_budget(client, DASHBOARD, make_rows=make, budget=16)


@pytest.mark.browser
def test_in_a_browser_one_click_swaps_the_row_and_the_others_wait(page):
    from core.testing.fixtures import log_in

    supervisor = EmployerUserFactory(email="sue@host.test")
    first, second = entries_of(supervisor, 2)
    log_in(page, supervisor.email)
    page.goto(DASHBOARD)
    page.wait_for_load_state()
    page.locator(f"#time-entry-{first.pk}").get_by_role("button", name="Approve").click()
    page.locator(f"#time-entry-{first.pk}").get_by_text("Approved").wait_for()
    assert page.url.endswith(DASHBOARD)
    assert page.locator(f"#time-entry-{second.pk}").get_by_role("button", name="Approve").is_visible()
    assert status(first) == TimeEntryStatus.APPROVED and status(second) == TimeEntryStatus.SUBMITTED
