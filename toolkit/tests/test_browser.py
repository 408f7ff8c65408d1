from pathlib import Path

import pytest
from django.apps import apps

from core.testing.factories import StaffUserFactory
from core.testing.fixtures import log_in, screenshot
from toolkit import reference

REAL_CSV = Path(__file__).parent / "data" / "oews_vermont_2025.csv"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.browser
@pytest.mark.worker
def test_staff_upload_an_oews_file_watch_it_finish_and_open_a_cluster_profile(page, celery_worker_factory):
    reference.load(apps)  # the default key occupations (the database was flushed)
    StaffUserFactory(email="analyst@browser.test")
    log_in(page, "analyst@browser.test")

    page.goto("/toolkit/imports/")
    page.get_by_label("What the file holds").select_option("oews")
    page.locator("#id_file").set_input_files(str(REAL_CSV))
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url("**/toolkit/imports/*/")
    assert page.get_by_role("progressbar", name="Import progress").is_visible()
    # No worker runs yet, so the page shows the job queued; what follows arrives only by htmx polling.
    assert page.locator("#import-status").get_attribute("data-status") == "queued"
    screenshot(page, "import-queued")
    celery_worker_factory()

    page.locator('#import-status[data-status="succeeded"]').wait_for(timeout=60_000)
    bar = page.locator(".progress-bar")
    assert bar.get_attribute("data-progress") == "100"
    assert bar.evaluate("el => el.style.width") == "100%"
    assert page.get_by_text("The file is imported.").is_visible()
    assert page.locator("dd", has_text="1,695").first.is_visible()
    screenshot(page, "import-succeeded")

    page.get_by_role("link", name="See the industry clusters with the new data").click()
    page.get_by_role("link", name="Healthcare and Life Sciences").click()
    page.wait_for_url("**/toolkit/clusters/healthcare/")
    assert page.get_by_role("heading", name="Healthcare and Life Sciences").is_visible()
    canvas = page.locator('canvas[data-chart="employment-chart"]')
    page.wait_for_function("document.querySelector('canvas[data-chart=\"employment-chart\"]').dataset.drawn === '1'")
    assert canvas.bounding_box()["height"] > 100
    assert page.get_by_role("cell", name="Registered Nurses").is_visible()
    screenshot(page, "cluster-profile")
