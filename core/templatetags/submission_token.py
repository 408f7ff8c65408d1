"""Every POST form carries a one-time submission token (core.middleware.SubmissionTokenMiddleware).

Registered as a template builtin (settings.TEMPLATES) under the name of Django's own `{% csrf_token %}`, which every
POST form must already have: the tag renders Django's CSRF field and, beside it, a new `submission_token` each time
a form is rendered, in our templates, crispy-forms' and the admin's alike. No template has to remember a second tag.
"""

import uuid

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html

register = template.Library()

FIELD = "submission_token"


class CsrfAndSubmissionTokenNode(CsrfTokenNode):
    """Django's CSRF field followed by a fresh one-time token for this rendering of the form."""

    def render(self, context):
        return format_html(
            '{}<input type="hidden" name="{}" value="{}">', super().render(context), FIELD, uuid.uuid4().hex
        )


@register.tag
def csrf_token(parser, token):
    return CsrfAndSubmissionTokenNode()
