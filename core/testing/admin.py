"""Helpers for tests of what the Django admin enforces."""

from django.contrib import admin
from django.test import RequestFactory

from core.testing.factories import AdminUserFactory


def admin_form(model, data, instance=None):
    """The form the Django admin shows for `model`, bound to `data`, as a superuser sees it."""
    request = RequestFactory().get("/")
    request.user = AdminUserFactory()
    form_class = admin.site._registry[model].get_form(request, instance)
    return form_class(data, instance=instance)
