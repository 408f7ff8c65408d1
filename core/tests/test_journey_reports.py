"""Journey 6, program staff: request an XLSX report, watch its progress bar move as a real Celery worker builds it,
download it and open it. Every main page on the way passes axe and fits a phone."""

import pytest
from openpyxl import load_workbook

from core.models import Organization
from core.testing.axe import check_page
from core.testing.factories import EmployerFactory, ProviderFactory, StaffUserFactory
from core.testing.fixtures import log_in

# Records every state the report's status block shows, in order, as htmx swaps it in (the test reads it back).
WATCH_PROGRESS = """() => {
    window.seen = [];
    const record = () => {
        const block = document.querySelector(".report-status");
        if (!block) { return; }
        const bar = block.querySelector("[role=progressbar]");
        const state = [block.dataset.status, bar ? Number(bar.getAttribute("aria-valuenow")) : null];
        const last = window.seen[window.seen.length - 1];
        if (!last || last[0] !== state[0] || last[1] !== state[1]) { window.seen.push(state); }
    };
    record();
    new MutationObserver(record).observe(document.body, {childList: true, subtree: true, attributes: true});
}"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Report files go to this test's own folder; the worker started afterwards inherits it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()


@pytest.mark.browser
@pytest.mark.worker
def test_staff_request_an_xlsx_report_watch_it_build_download_and_open_it(page, celery_worker_factory):
    page.set_viewport_size({"width": 1280, "height": 800})
    EmployerFactory.create_batch(4)
    ProviderFactory.create_batch(2)
    StaffUserFactory(email="analyst@state.test")

    log_in(page, "analyst@state.test")
    page.get_by_role("heading", name="Staff dashboard").wait_for()
    check_page(page, "staff-dashboard")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    check_page(page, "reports")
    page.get_by_role("link", name="Request organisations").click()
    page.get_by_label("Excel (XLSX)").check()
    check_page(page, "report-form")
    page.get_by_role("button", name="Request report").click()

    # No worker runs yet: the report waits in the queue with its progress bar at zero.
    status = page.locator(".report-status").first
    assert status.get_attribute("data-status") == "queued"
    assert page.get_by_role("progressbar", name="Report progress").get_attribute("aria-valuenow") == "0"
    check_page(page, "report-queued")
    page.evaluate(WATCH_PROGRESS)

    # A worker starts; the page polls and the bar follows the job until the download link replaces it.
    celery_worker_factory()
    page.locator(".report-status[data-status='succeeded']").first.wait_for(timeout=60_000)
    seen = page.evaluate("window.seen")
    assert seen[0] == ["queued", 0] and seen[-1] == ["succeeded", None], seen
    progress = [value for _, value in seen if value is not None]
    assert progress == sorted(progress), seen
    check_page(page, "report-done")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = page.output_dir / download.suggested_filename
    download.save_as(path)
    workbook = load_workbook(path, read_only=True)
    listed = list(workbook["Organisations"].values)[1:]
    assert sorted(row[0] for row in listed) == sorted(Organization.objects.values_list("name", flat=True))
