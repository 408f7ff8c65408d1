import pytest

from core.testing.factories import StaffUserFactory
from core.testing.fixtures import log_in, screenshot


@pytest.mark.browser
def test_staff_logs_in_and_sees_the_dashboard(page):
    StaffUserFactory(email="staff@browser.test", first_name="Sam")
    page.goto("/")
    screenshot(page, "home")
    log_in(page, "staff@browser.test")
    assert page.url.endswith("/reports/dashboard/")
    assert page.get_by_role("heading", name="Staff dashboard").is_visible()
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Partnerships").is_visible()
    path = screenshot(page, "staff-dashboard")
    assert path.stat().st_size > 5_000
