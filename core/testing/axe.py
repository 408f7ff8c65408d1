"""Accessibility and layout checks for the browser journeys: axe-core, phone width, README screenshots.

axe-core is the vendored copy in static/vendor/. Our Content-Security-Policy allows scripts from our own origin
only ("script-src 'self'": no inline script, no eval), so Playwright's add_script_tag(path=...) is refused (it
inlines the file). axe is loaded the way our own scripts are: a <script src> pointing at the vendored file, served
by the live server from /static/. The policy stays on while axe runs, so the check sees the page as users do.
"""

import os
from pathlib import Path

from django.conf import settings
from PIL import Image

AXE_VERSION = "4.14.1"
AXE_URL = f"{settings.STATIC_URL}vendor/axe-core-{AXE_VERSION}/axe.min.js"

# The rule sets we hold ourselves to: WCAG 2.1 A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = ("serious", "critical")
NARROW_WIDTH = 375
README_VIEWPORT = {"width": 1280, "height": 800}
OUTPUT_DIR = Path(settings.BASE_DIR) / "test-output"
SCREENSHOTS_DIR = Path(settings.BASE_DIR) / "docs" / "screenshots"
_log_opened = False  # the log starts afresh with each test run


def axe_violations(page, *, impacts=BLOCKING_IMPACTS, exclude=()):
    """Run axe on the page as it is now; return the violations of the given impacts, one dict per rule.

    `exclude` is a list of CSS selectors axe should leave out (a third-party widget we do not control).
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
        page.wait_for_function("typeof window.axe !== 'undefined'")
    results = page.evaluate(
        """async ([tags, exclude]) => {
            const context = exclude.length ? {exclude: exclude.map((selector) => [selector])} : document;
            return await axe.run(context, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
        }""",
        [AXE_TAGS, list(exclude)],
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
        if violation["impact"] in impacts
    ]


def describe(violations):
    """One readable line per violation, for assertion messages."""
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}" for v in violations)


WIDER_THAN_VIEWPORT = """(width) => {
    const offenders = [];
    const clipped = (element) => {  // inside a scroller that itself fits
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
            if (getComputedStyle(parent).overflowX !== "visible" && parent.getBoundingClientRect().right <= width + 1) {
                return true;
            }
        }
        return false;
    };
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.right > width + 1 && !clipped(element)) {
            // Absolutely positioned content can escape a scrolling container, so it is always named.
            const escapes = ["absolute", "fixed"].includes(getComputedStyle(element).position);
            const inside = element.parentElement && element.parentElement.getBoundingClientRect().right > width + 1;
            if (escapes || !inside) {
                offenders.push(element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
                    + (element.className && typeof element.className === "string"
                       ? "." + element.className.trim().split(/\\s+/).join(".") : ""));
            }
        }
    }
    return offenders.slice(0, 5);
}"""


def scroll_width(page, width=None):
    """(the page's scroll width, the outermost elements sticking out) at a viewport `width` px wide (default: as
    it is); the viewport is restored after."""
    before = page.viewport_size
    width = width or before["width"]
    page.set_viewport_size({"width": width, "height": before["height"]})
    try:
        # Charts resize on the next frames (ResizeObserver); measure once they have.
        page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        return page.evaluate("document.documentElement.scrollWidth"), page.evaluate(WIDER_THAN_VIEWPORT, width)
    finally:
        page.set_viewport_size(before)


def check_page(page, name, *, readme=False, exclude=()):
    """The checks every main page of a journey passes, recorded in test-output/accessibility.txt:

    - axe-core finds no serious or critical violation;
    - the page does not scroll sideways, neither at 375 px wide (a phone) nor at the current width;
    - a full-page screenshot is saved in the test's output folder; for the pages the README shows (`readme`),
      with SAVE_SCREENSHOTS=1, also docs/screenshots/<name>.png (1280x800, the visible part only).
    """
    page.wait_for_load_state()
    violations = axe_violations(page, exclude=exclude)
    desktop_width, desktop_offenders = scroll_width(page)
    narrow, narrow_offenders = scroll_width(page, NARROW_WIDTH)
    line = (
        f"{page.output_dir.name} | {name} | /{page.url.split('//', 1)[-1].split('/', 1)[-1]} | "
        f"axe serious/critical: {len(violations)} | scroll width at {NARROW_WIDTH} px: {narrow} | "
        f"at {page.viewport_size['width']} px: {desktop_width}"
    )
    global _log_opened
    with open(OUTPUT_DIR / "accessibility.txt", "a" if _log_opened else "w") as log:
        log.write(line + "\n")
    _log_opened = True
    page.screenshot(path=str(page.output_dir / f"{name}.png"), full_page=True)
    if readme and os.environ.get("SAVE_SCREENSHOTS") == "1":
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size(README_VIEWPORT)
        path = SCREENSHOTS_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        # 256 colours are plenty for a web page and make the committed copy a third of the size.
        Image.open(path).convert("RGB").quantize(colors=256).save(path, optimize=True)
    assert not violations, f"axe on {page.url}:\n{describe(violations)}"
    assert narrow <= NARROW_WIDTH, f"{page.url} is {narrow} px wide in a {NARROW_WIDTH} px viewport: {narrow_offenders}"
    assert desktop_width <= page.viewport_size["width"], f"{page.url} scrolls sideways: {desktop_offenders}"


def field_errors(field):
    """The error text announced for a form field: it must be marked invalid and describe itself by its error.

    Screen readers read an input's aria-describedby elements when it takes the focus, so an error that is only
    near the field, not referenced by it, is not announced.
    """
    assert field.get_attribute("aria-invalid") == "true", "the field is not marked aria-invalid"
    ids = (field.get_attribute("aria-describedby") or "").split()
    page = field.page
    errors = [page.locator(f"#{id_}") for id_ in ids]
    return " ".join(e.inner_text() for e in errors if "invalid-feedback" in (e.get_attribute("class") or ""))


def assert_printable(page):
    """The page printed: the record (main's heading and text) shows, the menus, buttons and forms do not."""
    page.emulate_media(media="print")
    try:
        assert page.locator("main h1").first.is_visible(), "the page's heading does not print"
        for chrome in ["header", "footer", "nav[aria-label=Breadcrumb]", "main .btn", "main form"]:
            shown = [e for e in page.locator(chrome).all() if e.is_visible()]
            assert not shown, f"{chrome} shows in print on {page.url}"
    finally:
        page.emulate_media(media="screen")
