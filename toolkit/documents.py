"""Rendering resources: Markdown to sanitised HTML, and template documents filled with plain values.

A higher app (partnerships) fills a template for one partnership by passing a dict of strings:

    from toolkit.documents import fill_template
    html = fill_template(resource, {"partnership": "...", "cluster": "...", "meeting_date": "..."})

Values are escaped; a field the caller leaves out shows as a visible placeholder such as "[meeting date]".
"""

import re

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The merge fields a template body may carry, with the label shown when a value is missing.
MERGE_FIELDS = {
    "partnership": "partnership name",
    "cluster": "industry cluster",
    "region": "region",
    "convener": "convener",
    "meeting_date": "meeting date",
    "meeting_place": "meeting place",
    "contact": "contact",
}

MERGE_FIELD_PATTERN = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}


def merge_fields_in(text):
    """The known merge-field names that `text` uses, in order of first use."""
    found = []
    for name in MERGE_FIELD_PATTERN.findall(text or ""):
        if name in MERGE_FIELDS and name not in found:
            found.append(name)
    return found


def _clean(html, *, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES):
    """`html` with every tag and attribute outside the allowed ones, and every link but http, https and mailto,
    removed."""
    return nh3.clean(
        html, tags=tags, attributes=attributes, url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer"
    )


def render_markdown(text) -> SafeString:
    """Markdown to HTML with anything unsafe (scripts, event handlers, javascript: links) removed."""
    clean = _clean(markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html"))
    # Bootstrap's table look; the class is ours, added after sanitising (authors cannot set classes).
    clean = clean.replace("<table>", '<table class="table table-sm table-bordered">')
    return mark_safe(clean)


def _placeholder(name):
    return f'<mark class="merge-field-missing">[{escape(MERGE_FIELDS[name])}]</mark>'


def fill_text(text, context) -> SafeString:
    """Render Markdown `text` with its merge fields replaced by the escaped values in `context`."""
    html = render_markdown(text)
    context = context or {}

    def replace(match):
        name = match.group(1)
        if name not in MERGE_FIELDS:
            return match.group(0)
        value = context.get(name)
        if value is None or str(value).strip() == "":
            return _placeholder(name)
        return escape(str(value))

    # Cleaned again once filled. A value is escaped text, but one filled into a link's address
    # ("[Join us]({{ meeting_place }})") could still make a `javascript:` link, so the filled page goes through the
    # same cleaning as the author's Markdown did. Only our own classes survive: the authors' went in the first pass.
    filled = MERGE_FIELD_PATTERN.sub(replace, html)
    return mark_safe(
        _clean(
            filled,
            tags=ALLOWED_TAGS | {"mark"},
            attributes=ALLOWED_ATTRIBUTES | {"mark": {"class"}, "table": {"class"}},
        )
    )


def fill_template(resource, context: dict) -> SafeString:
    """A resource's body as safe HTML with merge fields filled from `context` (plain strings keyed by
    partnership, cluster, region, convener, meeting_date, meeting_place, contact)."""
    return fill_text(resource.body, context)
