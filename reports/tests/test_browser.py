"""Staff request an XLSX report in the browser, watch it finish, download it and open it."""

import pytest
from openpyxl import load_workbook

from core.models import Organization
from core.testing.factories import EmployerFactory, ProviderFactory, StaffUserFactory
from core.testing.fixtures import log_in, screenshot


@pytest.mark.browser
@pytest.mark.worker
def test_staff_requests_an_xlsx_report_and_opens_it(media_root, page, celery_worker):
    EmployerFactory.create_batch(4)
    ProviderFactory.create_batch(2)
    StaffUserFactory(email="analyst@browser.test")
    log_in(page, "analyst@browser.test")

    page.goto("/reports/")
    page.get_by_role("link", name="Request organisations").click()
    page.get_by_label("Excel (XLSX)").check()
    screenshot(page, "report-form")
    page.get_by_role("button", name="Request report").click()

    status = page.locator(".report-status").first
    assert page.get_by_text("is queued").is_visible()
    status.locator("xpath=self::*[@data-status='succeeded']").wait_for(timeout=60_000)
    screenshot(page, "report-done")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    path = page.output_dir / download_info.value.suggested_filename
    download_info.value.save_as(path)

    workbook = load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["Summary", "By kind", "Organisations"]
    by_kind = list(workbook["By kind"].values)
    assert by_kind[0] == ("Kind", "Organisations")
    assert by_kind[-1] == ("Total", Organization.objects.count())
    assert sum(count for _, count in by_kind[1:-1]) == Organization.objects.count()
    listed = list(workbook["Organisations"].values)[1:]
    assert sorted(row[0] for row in listed) == sorted(Organization.objects.values_list("name", flat=True))


@pytest.mark.browser
def test_staff_dashboard_draws_its_charts(page):
    from partnerships.tests.factories import SectorPartnershipFactory

    SectorPartnershipFactory.create_batch(3, stage="active")
    SectorPartnershipFactory(stage="exploring")
    StaffUserFactory(email="lead@browser.test")
    log_in(page, "lead@browser.test")
    assert page.url.endswith("/reports/dashboard/")
    for chart in ("stage", "cluster", "region"):
        page.locator(f'canvas[data-chart="partnerships-by-{chart}-data"][data-drawn="1"]').wait_for()
    screenshot(page, "staff-dashboard")
    page.get_by_role("link", name="Organisation overview").click()
    page.get_by_label("Name or EIN").fill("Organisation")
    page.get_by_role("button", name="Find").click()
    assert page.get_by_role("heading", name="Organisations").is_visible()
