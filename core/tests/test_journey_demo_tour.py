"""Journey 8, a tour of the main pages filled with the demo data (`manage.py seed_demo`), as each kind of user
sees them. Full pages show what empty journeys cannot: long tables, charts and badges. Each passes axe and fits a
phone; with SAVE_SCREENSHOTS=1 the tour refreshes the README's screenshots in docs/screenshots/."""

import io

import pytest
from django.core.management import call_command

from core.demo import demo_password
from core.testing.axe import check_page
from core.testing.fixtures import log_in
from partnerships.models import SectorPartnership
from workbased_learning.models import Placement


def switch_user(page, email):
    page.context.clear_cookies()
    log_in(page, email, demo_password())


def wait_for_charts(page):
    page.wait_for_function("[...document.querySelectorAll('canvas[data-chart]')].every(c => c.dataset.drawn === '1')")


@pytest.mark.browser
def test_tour_of_the_main_pages_with_the_demo_data(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force", stdout=io.StringIO())
    page.set_viewport_size({"width": 1280, "height": 800})
    problems = []  # script errors and Content-Security-Policy violations on any page of the tour
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error"
            and "favicon" not in message.text
            and "Failed to load resource" not in message.text
            else None
        ),
    )

    # Anyone.
    page.goto("/")
    check_page(page, "home", readme=True)
    page.goto("/credentials/?q=cnc")
    check_page(page, "credential-search", readme=True)
    page.goto("/toolkit/clusters/advanced-manufacturing/")
    wait_for_charts(page)
    check_page(page, "cluster-profile", readme=True)
    page.goto("/partnerships/directory/")
    check_page(page, "partnership-directory")

    # Program staff.
    switch_user(page, "staff@demo.example")
    page.get_by_role("heading", name="Staff dashboard").wait_for()
    wait_for_charts(page)
    check_page(page, "staff-dashboard", readme=True)
    page.goto("/partnerships/")
    check_page(page, "partnerships")
    page.goto(SectorPartnership.objects.get(name="Central Ohio Precision Manufacturing Partnership").get_absolute_url())
    check_page(page, "partnership-detail", readme=True)
    page.goto("/credentials/rounds/")
    check_page(page, "funding-rounds")
    page.goto("/work-based-learning/overview/")
    wait_for_charts(page)
    check_page(page, "work-based-learning-overview")
    page.goto("/reports/")
    check_page(page, "reports", readme=True)

    # An employer.
    switch_user(page, "employer@demo.example")
    page.goto("/credentials/my/")
    check_page(page, "employer-dashboard", readme=True)
    page.goto("/work-based-learning/host/")
    check_page(page, "hosting-learners")

    # An education provider.
    switch_user(page, "provider@demo.example")
    page.goto(Placement.objects.get(learner_ref="SV-24-0117").get_absolute_url())
    check_page(page, "placement-detail", readme=True)
    page.goto("/work-based-learning/my/")
    wait_for_charts(page)
    check_page(page, "provider-dashboard")

    assert not problems, problems
