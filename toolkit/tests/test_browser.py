from pathlib import Path

import pytest
from django.apps import apps
from pypdf import PdfReader

from core.models import IndustryCluster
from core.testing.axe import axe_violations
from core.testing.factories import EmployerUserFactory, StaffUserFactory
from core.testing.fixtures import log_in, screenshot
from partnerships.models import SupportRecord, ToolkitBuild
from partnerships.tests.factories import SectorPartnershipFactory
from toolkit import demo, reference, seed_resources
from toolkit.models import Occupation
from toolkit.tests.factories import OccupationEstimateFactory, PortalStateFactory


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
    page.locator("#id_file").set_input_files(str(demo.DEMO_OEWS))  # the portal's state: Ohio
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
    assert page.get_by_text("The profiles show its Ohio figures as the statewide ones now.").is_visible()
    assert page.locator("dd", has_text="7,767").first.is_visible()
    screenshot(page, "import-succeeded")

    page.get_by_role("link", name="See the industry clusters with the new data").click()
    page.get_by_role("link", name="Healthcare and Life Sciences").click()
    page.wait_for_url("**/toolkit/clusters/healthcare/")
    assert page.get_by_role("heading", name="Healthcare and Life Sciences").is_visible()
    canvas = page.locator('canvas[data-chart="employment-chart"]')
    page.wait_for_function("document.querySelector('canvas[data-chart=\"employment-chart\"]').dataset.drawn === '1'")
    assert canvas.bounding_box()["height"] > 100
    assert page.get_by_role("cell", name="Registered Nurses").is_visible()
    assert page.get_by_text("BLS Occupational Employment and Wage Statistics, May 2025, for Ohio.").is_visible()
    screenshot(page, "cluster-profile")


@pytest.mark.browser
@pytest.mark.worker
def test_the_convener_builds_the_partnerships_customized_kit_and_downloads_the_pdf(page, celery_worker_factory):
    reference.load(apps)  # the default key occupations and the seeded resources (the database was flushed)
    seed_resources.load(apps)
    OccupationEstimateFactory(area=PortalStateFactory(), occupation=Occupation.objects.get(soc_code="51-4041"))
    convener = EmployerUserFactory(email="convener@browser.test", organization__name="Valley Machining Council")
    partnership = SectorPartnershipFactory(
        name="Mahoning Valley Machining Partnership",
        cluster=IndustryCluster.objects.get(slug="advanced-manufacturing"),
        convener=convener.organization,
    )
    log_in(page, "convener@browser.test")

    page.goto(partnership.get_absolute_url())
    page.get_by_role("button", name="Build the customized tool kit (PDF)").click()
    page.wait_for_url(f"**/partnerships/{partnership.pk}/toolkits/*/")
    # No worker runs yet: the build waits in the queue with its progress bar, and the page polls for news.
    bar = page.get_by_role("progressbar", name="Tool kit build")
    assert bar.is_visible() and bar.get_attribute("aria-valuenow") == "0"
    assert page.locator("#toolkit-status").get_by_text("Queued").is_visible()
    screenshot(page, "kit-queued")
    celery_worker_factory()

    download_link = page.get_by_role("link", name="Download the tool kit (PDF)")
    download_link.wait_for(timeout=120_000)  # arrives only by htmx polling
    assert page.get_by_text("The tool kit is ready. It is recorded as support given").is_visible()
    assert bar.count() == 0 and page.locator("#toolkit-status[hx-get]").count() == 0  # done: polling stopped
    screenshot(page, "kit-ready")
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    build = ToolkitBuild.objects.get(partnership=partnership)
    assert download.suggested_filename == f"toolkit-{partnership.pk}.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    text = " ".join(" ".join(page_.extract_text().split()) for page_ in PdfReader(download.path()).pages)
    assert "Mahoning Valley Machining Partnership" in text
    assert "Sector Partnership 101" in text and "Machinists" in text  # the guide and the cluster's data profile

    page.get_by_role("link", name="Back to the partnership").click()
    page.wait_for_url(f"**/partnerships/{partnership.pk}/#toolkit")
    support = page.locator("#priority")
    assert support.get_by_role("heading", name="Support given").is_visible()
    assert support.get_by_text("Customized tool kit built in the portal.").is_visible()
    assert SupportRecord.objects.get(partnership=partnership) == build.support_record
    assert page.locator("#toolkit").get_by_role("link", name="Download").is_visible()
    screenshot(page, "partnership-support-given")


@pytest.mark.browser
def test_staff_add_and_remove_a_key_occupation_of_a_cluster(page):
    reference.load(apps)
    Occupation.objects.create(soc_code="29-2055", title="Surgical Technologists")
    StaffUserFactory(email="analyst@browser.test")
    log_in(page, "analyst@browser.test")

    page.goto("/toolkit/clusters/healthcare/")
    page.get_by_role("link", name="edit the list").click()
    page.wait_for_url("**/toolkit/clusters/healthcare/occupations/")
    page.get_by_label("SOC code").fill("29-2062")
    page.get_by_role("button", name="Add key occupation").click()
    assert page.get_by_text("No occupation with SOC code 29-2062 is on file.").is_visible()
    page.get_by_label("SOC code").fill("29-2055")
    page.get_by_label("Note").fill("Operating rooms")
    page.get_by_role("button", name="Add key occupation").click()
    row = page.get_by_role("row", name="Surgical Technologists")
    assert row.get_by_role("cell", name="Operating rooms").is_visible()
    assert not axe_violations(page)
    screenshot(page, "key-occupations")

    row.get_by_role("link", name="Remove Surgical Technologists").click()
    assert page.get_by_role("heading", name="Are you sure?").is_visible()
    page.get_by_role("button", name="Yes, remove it").click()
    page.wait_for_url("**/toolkit/clusters/healthcare/occupations/")
    assert page.get_by_text("is no longer a key occupation of Healthcare and Life Sciences").is_visible()
    assert page.get_by_role("row", name="Surgical Technologists").count() == 0
