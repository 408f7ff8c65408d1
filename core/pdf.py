"""PDF documents drawn from Django templates with WeasyPrint. Static files are read from disk, never over HTTP."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def _static_fetcher(url, *args, **kwargs):
    from weasyprint import default_url_fetcher

    if url.startswith(settings.STATIC_URL) or url.startswith("static:"):
        relative = url.removeprefix("static:").removeprefix(settings.STATIC_URL)
        path = finders.find(relative)
        if path:
            return default_url_fetcher(f"file://{path}", *args, **kwargs)
    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"PDF documents may not fetch {url}")


def render_pdf(template_name, context):
    """Render the template to HTML and return the PDF as bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url="/", url_fetcher=_static_fetcher).write_pdf()
