import re

import pytest

from core.models import OrganizationKind
from core.testing.factories import EmployerFactory, OrganizationFactory, ProviderFactory, StaffUserFactory
from core.testing.fixtures import log_in, pick, screenshot
from partnerships.models import OutcomeReport, SectorPartnership


@pytest.mark.browser
def test_staff_create_a_partnership_launch_it_and_accept_its_first_report(page, metrics):
    StaffUserFactory(email="staff@browser.test", first_name="Sam")
    EmployerFactory(name="Acme Tool and Die")
    ProviderFactory(name="Metro Technical College")
    OrganizationFactory(name="Metro Workforce Board", kind=OrganizationKind.WORKFORCE_DEVELOPMENT)
    page.on("dialog", lambda dialog: dialog.accept())  # the "are you sure?" before submitting a report
    log_in(page, "staff@browser.test")

    # Create the partnership.
    page.goto("/partnerships/")
    page.get_by_role("link", name="New partnership").click()
    page.get_by_label("Name").fill("Metro Precision Manufacturing Partnership")
    page.get_by_label("Cluster").select_option(label="Advanced Manufacturing")
    page.get_by_label("Scope").select_option("regional")
    page.get_by_label("Central Ohio").check()
    page.get_by_label("Goals").fill("Fill 200 machinist openings in three years.")
    screenshot(page, "1-new-partnership")
    page.get_by_role("button", name="Create partnership").click()
    assert page.get_by_role("heading", name="Metro Precision Manufacturing Partnership").is_visible()
    assert page.get_by_text("No employers yet").is_visible()

    # Add stakeholders of three kinds.
    for organization, role in [
        ("Acme Tool and Die", "Employer champion"),
        ("Metro Technical College", "Education and training partner"),
        ("Metro Workforce Board", "Workforce partner"),
    ]:
        page.get_by_role("link", name="Add stakeholder").click()
        pick(page, "Organization", organization[:8], organization)
        page.get_by_label("Role").select_option(label=role)
        page.get_by_role("button", name="Save stakeholder").click()
        assert page.get_by_text("The stakeholder is saved.").is_visible()
    assert page.get_by_text("No employers yet").count() == 0
    stakeholders = page.locator("#stakeholders")
    for kind in ["Employers", "Education and training", "Workforce development"]:
        assert stakeholders.get_by_role("heading", name=re.compile(kind)).is_visible()
    screenshot(page, "2-stakeholders")

    # Record the launch meeting.
    page.get_by_role("link", name="Record meeting").click()
    page.get_by_label("Kind").select_option(label="Launch meeting")
    page.get_by_label("Date and time").fill("2026-10-05T09:30")
    page.get_by_label("Place").fill("Metro Technical College, Room 101")
    page.get_by_label("Agenda").fill("1. Welcome\n2. Hiring needs\n3. Skill gaps")
    page.get_by_role("button", name="Save meeting").click()
    assert page.get_by_role("heading", name="Launch meeting on Oct 5, 2026").is_visible()
    screenshot(page, "3-launch-meeting")

    # Enter and submit an outcome report.
    page.get_by_role("link", name="Metro Precision Manufacturing Partnership").click()
    page.get_by_role("link", name="New outcome report").click()
    page.get_by_role("button", name="Start report").click()
    for field in page.locator("input[name^=metric_]").all():
        field.fill("3")
    page.get_by_label("Successes").fill("Two employers hired program graduates.")
    screenshot(page, "4-outcome-report-form")
    page.get_by_role("button", name="Save and submit to staff").click()
    assert page.get_by_text("The report is submitted to program staff.").is_visible()

    # Accept it.
    page.get_by_label("Comments").fill("Thank you, well documented.")
    page.get_by_role("button", name="Accept report").click()
    assert page.get_by_text("The report is accepted.").is_visible()
    screenshot(page, "5-report-accepted")

    partnership = SectorPartnership.objects.get(name="Metro Precision Manufacturing Partnership")
    assert partnership.memberships.count() == 3
    assert partnership.meetings.get().kind == "launch"
    report = OutcomeReport.objects.get(partnership=partnership)
    assert report.status == "accepted" and report.values.count() == len(metrics)
