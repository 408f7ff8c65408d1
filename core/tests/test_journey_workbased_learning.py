"""Journey 5, a host employer and an education provider: the employer opens a virtual opportunity, the provider
places a learner and logs the learner's hours (by keyboard alone), the employer's supervisor approves them.
Every main page on the way passes axe and fits a phone."""

import datetime

import pytest
from django.utils import timezone

from core.testing.axe import check_page, field_errors
from core.testing.factories import EmployerUserFactory, ProviderUserFactory
from core.testing.fixtures import log_in, pick
from workbased_learning.models import Opportunity, Placement
from workbased_learning.tests.factories import CTEProgramFactory


def switch_user(page, email):
    page.context.clear_cookies()
    log_in(page, email)


def tab_to(page, selector, *, limit=80):
    """Press Tab until the element matching `selector` has the focus; fail if the keyboard cannot reach it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with the Tab key")


@pytest.mark.browser
def test_employer_opens_a_virtual_opportunity_provider_places_and_logs_supervisor_approves(page):
    today = timezone.localdate()
    page.set_viewport_size({"width": 1280, "height": 800})
    provider = ProviderUserFactory(email="pat@career-center.test", organization__name="Scioto Test Career Center")
    employer = EmployerUserFactory(
        email="erin@machining.test", first_name="Erin", last_name="Supervisor", organization__name="Test Machining"
    )
    program = CTEProgramFactory(provider=provider.organization, name="Precision Machining", state_approved=True)

    # The host employer opens a virtual opportunity; the virtual rules are enforced next to their fields.
    log_in(page, employer.email)
    page.goto("/work-based-learning/")
    check_page(page, "opportunity-list")
    page.get_by_role("link", name="New opportunity").click()
    page.get_by_label("Title").fill("Virtual Inspection Co-op")
    page.get_by_label("Description").fill("Inspect parts from photos and measure CAD models with a mentor.")
    page.get_by_label("Type").select_option(label="Co-op")
    page.get_by_label("Modality").select_option(label="Virtual")
    page.get_by_label("Hourly wage").fill("16.50")
    pick(page, "Provider", "Scioto", "Scioto Test Career Center")
    pick(page, "CTE programs", "precision", "Precision Machining")
    page.get_by_label("Status").select_option(label="Open")
    page.get_by_role("button", name="Save opportunity").click()
    supervision = page.locator("#id_remote_supervision")
    assert "oversees the learner remotely" in field_errors(supervision)
    assert "how often the learner and supervisor meet" in field_errors(page.locator("#id_meeting_frequency"))
    check_page(page, "opportunity-form-errors")
    supervision.fill("Daily video check-in with the quality lead.")
    page.locator("#id_meeting_frequency").fill("Twice a week.")
    page.get_by_role("button", name="Save opportunity").click()
    page.get_by_role("heading", name="Virtual Inspection Co-op").wait_for()
    opportunity = Opportunity.objects.get(title="Virtual Inspection Co-op")
    assert opportunity.status == "open" and opportunity.modality == "virtual"

    # The provider places a learner in it.
    switch_user(page, provider.email)
    page.goto(opportunity.get_absolute_url())
    check_page(page, "opportunity-detail")
    page.get_by_role("link", name="Place a learner").click()
    page.get_by_label("CTE program the learner is enrolled in").select_option(label=program.name)
    page.get_by_label("Learner id").fill("SV-TEST-1")
    page.get_by_label("Learner's date of birth").fill(f"{today.year - 17}-03-04")
    page.get_by_label("Learner's grade").select_option("12")
    page.get_by_label("Start date").fill(max(today - datetime.timedelta(days=7), today.replace(day=1)).isoformat())
    page.get_by_label("End date").fill((today + datetime.timedelta(days=60)).isoformat())
    page.get_by_label("Supervisor").select_option(label=f"Erin Supervisor ({employer.email})")
    check_page(page, "placement-form")
    page.get_by_role("button", name="Place learner").click()
    page.get_by_text("Learner SV-TEST-1 is placed.").wait_for()
    placement = Placement.objects.get(learner_ref="SV-TEST-1")

    # ... and logs six hours with the keyboard alone: Tab to each field, type, Enter submits.
    tab_to(page, "#id_date")
    page.keyboard.type(today.strftime("%m%d%Y"))
    tab_to(page, "#id_hours", limit=5)
    page.keyboard.type("6")
    tab_to(page, "#id_setting", limit=3)
    page.keyboard.type("Remote")  # a focused <select> picks the option whose label starts with what is typed
    tab_to(page, "#id_activities", limit=3)
    page.keyboard.type("Inspected parts from photos and measured CAD models.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.get_by_text("wait for the supervisor's sign-off").wait_for()
    entry = placement.time_entries.get()
    assert (entry.date, entry.hours, entry.setting) == (today, 6, "remote")
    check_page(page, "placement-detail")

    # The employer's supervisor approves the hours; the progress toward the target moves.
    switch_user(page, employer.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Hosting learners").click()
    page.get_by_role("heading", name="Hours awaiting your sign-off").wait_for()
    check_page(page, "employer-dashboard")
    page.goto(placement.get_absolute_url())
    page.get_by_role("button", name="Approve 6 h").click()
    page.get_by_text("The hours are approved.").wait_for()
    assert page.get_by_text("6 approved hours of the 250-hour target").is_visible()
    assert page.locator(".progress-bar").get_attribute("data-progress") == "2"
    check_page(page, "placement-approved")
    entry.refresh_from_db()
    assert entry.status == "approved"
