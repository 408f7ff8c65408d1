"""Journey 4, program staff and the convener: staff create a partnership and add its stakeholders; the convener
holds the launch meeting from the tool kit's sample agenda and files an outcome report; staff accept it.
Every main page on the way passes axe and fits a phone; the partnership form is checked for errors announced
next to their fields."""

import re

import pytest
from django.apps import apps

from core.models import OrganizationKind
from core.testing.axe import assert_printable, check_page, field_errors
from core.testing.factories import EmployerUserFactory, OrganizationFactory, ProviderFactory, StaffUserFactory
from core.testing.fixtures import log_in, pick
from partnerships import reference as partnership_reference
from partnerships.models import OutcomeReport, SectorPartnership
from toolkit import seed_resources


def switch_user(page, email):
    page.context.clear_cookies()
    log_in(page, email)


@pytest.mark.browser
def test_staff_and_convener_launch_a_partnership_and_report_its_outcomes(page):
    partnership_reference.load(apps)  # the Outcomes Template's metrics (the database was flushed)
    seed_resources.load(apps)  # the tool kit's sample agenda
    page.set_viewport_size({"width": 1280, "height": 800})
    page.on("dialog", lambda dialog: dialog.accept())  # "are you sure?" before submitting the report
    StaffUserFactory(email="sam@state.test", first_name="Sam")
    convener = EmployerUserFactory(email="cora@acme.test", organization__name="Acme Tool and Die")
    ProviderFactory(name="Metro Technical College")
    OrganizationFactory(name="Metro Workforce Board", kind=OrganizationKind.WORKFORCE_DEVELOPMENT)

    # Staff create the partnership; an empty form first says which fields are wrong, next to them.
    log_in(page, "sam@state.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partnerships").click()
    check_page(page, "partnership-list")
    page.get_by_role("link", name="New partnership").click()
    page.get_by_role("button", name="Create partnership").click()
    name = page.get_by_label("Name")
    assert "This field is required." in field_errors(name)
    check_page(page, "partnership-form-errors")
    name.fill("Metro Precision Manufacturing Partnership")
    page.get_by_label("Cluster").select_option(label="Advanced Manufacturing")
    page.get_by_label("Scope").select_option("regional")
    page.get_by_label("Central Ohio").check()
    pick(page, "Convener", "Acme", "Acme Tool and Die")
    page.get_by_label("Goals").fill("Fill 200 machinist openings in three years.")
    page.get_by_role("button", name="Create partnership").click()
    page.get_by_role("heading", name="Metro Precision Manufacturing Partnership").wait_for()

    for organization, role in [
        ("Acme Tool and Die", "Employer champion"),
        ("Metro Technical College", "Education and training partner"),
        ("Metro Workforce Board", "Workforce partner"),
    ]:
        page.get_by_role("link", name="Add stakeholder").click()
        pick(page, "Organization", organization[:8], organization)
        page.get_by_label("Role").select_option(label=role)
        page.get_by_role("button", name="Save stakeholder").click()
        page.get_by_text("The stakeholder is saved.").wait_for()
    stakeholders = page.locator("#stakeholders")
    for kind in ["Employers", "Education and training", "Workforce development"]:
        assert stakeholders.get_by_role("heading", name=re.compile(kind)).is_visible()
    check_page(page, "partnership-detail")
    assert_printable(page)

    # Removing a stakeholder asks first; cancelling keeps it.
    stakeholders.get_by_role("link", name="Remove Metro Workforce Board").click()
    page.get_by_role("heading", name="Are you sure?").wait_for()
    assert "Metro Workforce Board" in page.locator("main").inner_text()
    check_page(page, "confirm-remove-stakeholder")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("heading", name="Metro Precision Manufacturing Partnership").wait_for()
    partnership = SectorPartnership.objects.get(name="Metro Precision Manufacturing Partnership")

    # The convener holds the launch meeting from the sample agenda, filled with the partnership's details.
    switch_user(page, convener.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My partnerships").click()
    page.get_by_role("link", name="Metro Precision Manufacturing Partnership").click()
    page.get_by_role("link", name="Launch meeting from the sample agenda").click()
    assert "Metro Precision Manufacturing Partnership" in page.locator(".bg-body-tertiary").inner_text()
    check_page(page, "launch-meeting-form")
    page.get_by_label("Date and time").fill("2026-10-05T09:30")
    page.get_by_label("Place").fill("Metro Technical College, Room 101")
    page.get_by_role("button", name="Create launch meeting").click()
    page.get_by_text("The launch meeting is created with the filled agenda.").wait_for()
    assert "Metro Technical College, Room 101" in page.locator("main").inner_text()
    check_page(page, "launch-meeting")

    # ... and files the outcome report.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Metro Precision Manufacturing Partnership"
    ).click()
    page.get_by_role("link", name="New outcome report").click()
    page.get_by_role("button", name="Start report").click()
    for field in page.locator("input[name^=metric_]").all():
        field.fill("3")
    page.get_by_label("Successes").fill("Two employers hired program graduates.")
    check_page(page, "outcome-report-form")
    page.get_by_role("button", name="Save and submit to staff").click()
    page.get_by_text("The report is submitted to program staff.").wait_for()
    report = OutcomeReport.objects.get(partnership=partnership)

    # Staff accept it.
    switch_user(page, "sam@state.test")
    page.goto(report.get_absolute_url())
    check_page(page, "outcome-report-review")
    page.get_by_label("Comments").fill("Thank you, well documented.")
    page.get_by_role("button", name="Accept report").click()
    page.get_by_text("The report is accepted.").wait_for()
    assert_printable(page)

    report.refresh_from_db()
    assert report.status == "accepted"
    assert partnership.meetings.get().kind == "launch"
    assert set(partnership.memberships.values_list("organization__name", flat=True)) == {
        "Acme Tool and Die",
        "Metro Technical College",
        "Metro Workforce Board",
    }
