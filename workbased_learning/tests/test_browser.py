"""The whole work-based learning journey in a real browser, with a real Celery worker building the certificate."""

import datetime
import re

import pytest
from django.utils import timezone

from core.testing.factories import EmployerUserFactory, ProviderUserFactory, StaffUserFactory
from core.testing.fixtures import log_in, screenshot
from workbased_learning.models import IncentiveApplication, Placement
from workbased_learning.tests.factories import CTEProgramFactory, ProgramYearFactory, VirtualOpportunityFactory


def switch_user(page, email):
    page.context.clear_cookies()
    log_in(page, email)


@pytest.mark.browser
@pytest.mark.worker
def test_virtual_placement_to_incentive_certificate(page, celery_worker):
    today = timezone.localdate()
    provider = ProviderUserFactory(email="pat@career-center.test", organization__name="Scioto Test Career Center")
    supervisor = EmployerUserFactory(
        email="erin@machining.test", first_name="Erin", last_name="Supervisor", organization__name="Test Machining"
    )
    staff = StaffUserFactory(email="sam@state.test")
    program = CTEProgramFactory(provider=provider.organization, name="Precision Machining", state_approved=True)
    opportunity = VirtualOpportunityFactory(host=supervisor.organization, title="Virtual Inspection Co-op")
    # The program year's window is data: this one accepts applications for this year's placements today.
    program_year = ProgramYearFactory(
        year=today.year, opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=30)
    )
    start = max(today - datetime.timedelta(days=7), datetime.date(today.year, 1, 1))

    # The provider places a learner in the virtual opportunity and logs the learner's hours.
    log_in(page, provider.email)
    page.goto(opportunity.get_absolute_url())
    page.get_by_role("link", name="Place a learner").click()
    page.get_by_label("CTE program the learner is enrolled in").select_option(label=program.name)
    page.get_by_label("Learner id").fill("SV-TEST-1")
    page.get_by_label("Learner's date of birth").fill(f"{today.year - 17}-03-04")
    page.get_by_label("Learner's grade").select_option("12")
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("End date").fill((today + datetime.timedelta(days=60)).isoformat())
    page.get_by_label("Supervisor").select_option(label=f"Erin Supervisor ({supervisor.email})")
    screenshot(page, "01-place-learner")
    page.get_by_role("button", name="Place learner").click()
    page.get_by_text("Learner SV-TEST-1 is placed.").wait_for()
    placement = Placement.objects.get(learner_ref="SV-TEST-1")

    screenshot(page, "02-placed")
    page.locator("#id_date").fill(today.isoformat())
    page.locator("#id_hours").fill("6")
    page.locator("#id_setting").select_option("remote")
    page.locator("#id_activities").fill("Inspected parts from photos and measured CAD models.")
    page.get_by_role("button", name="Log hours").click()
    page.get_by_text("wait for the supervisor's sign-off").wait_for()
    screenshot(page, "03-hours-logged")

    # The host employer's supervisor approves the hours; the progress bar moves.
    switch_user(page, supervisor.email)
    page.goto(placement.get_absolute_url())
    page.get_by_role("button", name="Approve 6 h").click()
    page.get_by_text("The hours are approved.").wait_for()
    assert page.get_by_text("6 approved hours of the 250-hour target").is_visible()
    assert page.locator(".progress-bar").get_attribute("data-progress") == "2"
    screenshot(page, "04-hours-approved")

    # The employer applies for the incentive.
    page.goto("/work-based-learning/incentives/")
    page.get_by_role("link", name=f"Apply for {program_year.year}").click()
    page.get_by_label("Wages paid to SV-TEST-1").fill("4800.00")
    screenshot(page, "05-incentive-form")
    page.get_by_role("button", name="Submit application").click()
    page.get_by_text("The application is submitted for review.").wait_for()
    application = IncentiveApplication.objects.get()
    assert page.get_by_text("$720.00").first.is_visible()

    # Staff approve it.
    switch_user(page, staff.email)
    page.goto(application.get_absolute_url())
    page.get_by_role("link", name="Decide").click()
    page.get_by_label("Approve").check()
    page.once("dialog", lambda dialog: dialog.accept())
    screenshot(page, "06-decision")
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("The decision is recorded.").wait_for()

    # The worker builds the certificate; the page polls until the download appears. The employer downloads it.
    switch_user(page, supervisor.email)
    page.goto(application.get_absolute_url())
    download_link = page.get_by_role("link", name="Download certificate (PDF)")
    download_link.wait_for(timeout=60_000)
    screenshot(page, "07-certificate-ready")
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert re.fullmatch(r"WBL-\d{4}-\d{6}\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"


@pytest.mark.browser
def test_demo_dashboards_draw_their_charts(page):
    import io

    from core import demo as core_demo
    from core.demo import demo_password
    from workbased_learning import demo

    core_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())  # idempotent
    assert Placement.objects.filter(learner_ref="SV-24-0117").count() == 1
    assert IncentiveApplication.objects.filter(status="in_review").count() == 1
    problems = []
    # Script errors and Content-Security-Policy violations; the missing favicon is not ours.
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )

    for email, path, name in (
        ("provider@demo.example", "/work-based-learning/my/", "provider-dashboard"),
        ("staff@demo.example", "/work-based-learning/overview/", "staff-overview"),
    ):
        switch_user_with_password(page, email, demo_password())
        page.goto(path)
        page.wait_for_selector("canvas[data-chart='wbl-modality-chart'][data-drawn='1']")
        screenshot(page, name)
    assert page.get_by_text("Past the decision deadline").is_visible()
    page.goto("/work-based-learning/?modality=virtual")
    page.get_by_role("link", name="Remote Help Desk Placement").wait_for()
    screenshot(page, "opportunities-virtual")

    switch_user_with_password(page, "employer@demo.example", demo_password())
    page.get_by_role("link", name="Hosting learners").click()
    page.get_by_role("heading", name="Hours awaiting your sign-off").wait_for()
    screenshot(page, "employer-dashboard")
    assert not problems, problems


def switch_user_with_password(page, email, password):
    page.context.clear_cookies()
    log_in(page, email, password)
