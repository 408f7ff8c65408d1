"""The portal's charts, in its one palette.

Pages in the browser draw Chart.js configs (static/js/portal.js reads them from `json_script`); every app builds
them with `chart_config`. Anything that ends up in a file (PDF: WeasyPrint runs no JavaScript) is drawn on the server
as SVG with `bar_chart_svg`.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ["#0b3d62", "#2f7ab9", "#5fa8d3", "#e07a1f", "#7a9e3b", "#8c5fa8", "#c2453d", "#4d4d4d"]
# The colour of a chart's only (or first) series of bars.
BAR_COLOR = PALETTE[1]
# Charts whose every slice is a share of one whole: each label gets its own colour.
SLICED = ("doughnut", "pie")


@dataclass(frozen=True)
class Series:
    """One dataset of a chart: its name in the legend, one value per label, and its colour (BAR_COLOR by default)."""

    label: str
    values: list
    color: str | None = None


def chart_config(kind, labels, series, *, horizontal=False, legend=True, whole_numbers=False):
    """A Chart.js config (for `json_script`) of `kind` ("bar", "doughnut", ...) with one dataset per `Series`.

    `horizontal` lays bars along the x axis (long labels stay readable); `legend=False` hides the legend (a chart of
    one series says what it shows in its title); `whole_numbers` keeps the value axis to integers (counts).
    """
    datasets = []
    for index, one in enumerate(series):
        if kind in SLICED:
            color = [PALETTE[i % len(PALETTE)] for i in range(len(one.values))]
        else:
            color = one.color or (BAR_COLOR if index == 0 else PALETTE[(index + 2) % len(PALETTE)])
        datasets.append({"label": one.label, "data": list(one.values), "backgroundColor": color})
    options = {"plugins": {"legend": {"position": "bottom"} if legend else {"display": False}}}
    if horizontal:
        options["indexAxis"] = "y"
    if whole_numbers:
        options["scales"] = {("x" if horizontal else "y"): {"ticks": {"precision": 0}}}
    return {
        "type": kind,
        "data": {"labels": [str(label) for label in labels], "datasets": datasets},
        "options": options,
    }


def _number(value):
    if value is None:
        return "–"
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def bar_chart_svg(labels, values, *, title="", width=640, bar_height=22, label_width=220, unit=""):
    """A horizontal bar chart: one bar per label, the value written at its end. Returns safe SVG markup."""
    labels = [str(label) for label in labels]
    numbers = [float(v or 0) for v in values]
    top = 28 if title else 8
    height = top + len(labels) * (bar_height + 6) + 8
    largest = max(numbers, default=0) or 1
    room = width - label_width - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title or "Bar chart")}" '
        'font-family="sans-serif" font-size="11">'
    ]
    if title:
        parts.append(f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>')
    for index, (label, number, raw) in enumerate(zip(labels, numbers, values, strict=True)):
        y = top + index * (bar_height + 6)
        bar = max(1, round(room * number / largest)) if number > 0 else 0
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.7:.1f}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar}" height="{bar_height}" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{label_width + bar + 4}" y="{y + bar_height * 0.7:.1f}">{escape(unit)}{_number(raw)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped
