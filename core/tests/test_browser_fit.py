"""What people see fits the screen, in a real browser: the favicon loads under the CSP; an unbroken 255-character
value never pushes an application's amounts or buttons off-screen; chart labels are drawn whole at 375 px."""

from decimal import Decimal

import pytest

from core.models import IndustryCluster
from core.testing.factories import EmployerUserFactory, IndustryClusterFactory, StaffUserFactory
from core.testing.fixtures import log_in
from credentials.tests.factories import ApplicationFactory, ApplicationLineFactory, OpenRoundFactory
from partnerships.tests.factories import SectorPartnershipFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
LONG_PROVIDER = "W" * 255


def csp_errors(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else 0)
    return errors


def within_viewport(page, locator):
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    assert box is not None, f"{locator} is not on the page"
    return box["x"] >= 0 and box["x"] + box["width"] <= width, box


def test_every_page_links_the_favicon_and_it_is_served_without_csp_errors(page):
    errors = csp_errors(page)
    page.goto("/")
    href = page.locator('head link[rel="icon"]').get_attribute("href")
    assert href and href.endswith(".svg")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in response.body()
    page.goto(href)
    page.goto("/")
    assert errors == []


def test_a_255_character_provider_name_never_pushes_the_total_or_the_buttons_off_screen(page):
    employer = EmployerUserFactory()
    application = ApplicationFactory(organization=employer.organization, round=OpenRoundFactory())
    ApplicationLineFactory(
        application=application,
        training_provider=LONG_PROVIDER,
        employees=2,
        amount_requested_per_employee=Decimal("1200.00"),
        training_end=application.round.training_ends_by,
    )
    log_in(page, employer.email)

    page.set_viewport_size(DESKTOP)
    page.goto(application.get_absolute_url())
    table = page.locator("main table").first
    for locator in (
        table.locator("tfoot th.text-end"),
        table.get_by_role("link", name="Change"),
        table.get_by_role("button", name="Remove"),
        page.get_by_role("button", name="Submit the application"),
    ):
        fits, box = within_viewport(page, locator)
        assert fits, f"{locator} at {box} leaves the {DESKTOP['width']} px window"

    page.set_viewport_size(PHONE)
    page.goto(application.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    total = page.locator("#application-total")
    assert "$2,400.00" in total.inner_text()
    for locator in (total, page.get_by_role("button", name="Submit the application")):
        fits, box = within_viewport(page, locator)
        assert fits, f"{locator} at {box} leaves the {PHONE['width']} px window"


# For every chart on the page: the category labels Chart.js shows, the widest line's width in px, and the width of
# the axis that holds them (a label wider than its axis is clipped at the canvas edge).
MEASURE_CHARTS = """() => Array.from(document.querySelectorAll("canvas[data-chart]")).map((canvas) => {
  const chart = Chart.getChart(canvas);
  const scale = chart.options.indexAxis === "y" ? chart.scales.y : chart.scales.x;
  const font = Chart.helpers.toFont(scale.options.ticks.font);
  chart.ctx.save();
  chart.ctx.font = font.string;
  const lines = scale.ticks.flatMap((tick) => [].concat(tick.label));
  const widest = Math.max(...lines.map((line) => chart.ctx.measureText(line).width));
  chart.ctx.restore();
  const room = chart.options.indexAxis === "y" ? scale.width - scale.options.ticks.padding : canvas.clientWidth;
  return {id: canvas.dataset.chart, labels: chart.data.labels.length, shown: scale.ticks.length, widest, room};
})"""


def test_chart_labels_are_drawn_whole_on_a_phone(page):
    for name in ("Healthcare and Life Sciences", "Advanced Manufacturing", "Information Technology"):
        cluster = IndustryCluster.objects.filter(name=name).first() or IndustryClusterFactory(name=name)
        SectorPartnershipFactory(cluster=cluster)
    staff = StaffUserFactory()
    log_in(page, staff.email)
    page.set_viewport_size(PHONE)
    page.goto("/reports/dashboard/")
    page.wait_for_function("() => Chart.getChart(document.querySelector('canvas[data-chart]'))")
    charts = page.evaluate(MEASURE_CHARTS)
    assert charts
    for chart in charts:
        assert chart["shown"] == chart["labels"], chart
        assert chart["widest"] <= chart["room"], chart
