from django.views.generic import TemplateView


class ToolkitIndexView(TemplateView):
    """The public resource library."""

    template_name = "toolkit/index.html"
