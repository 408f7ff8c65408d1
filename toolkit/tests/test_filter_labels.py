"""Filters say what they filter: no filter of any list falls back to django-filter's "[invalid name]" label (a
filter whose name is not a field of the model and that was given no label)."""

import importlib
import importlib.util
import re

import django_filters
import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def project_filtersets():
    base = settings.BASE_DIR
    for config in apps.get_app_configs():
        if not str(config.path).startswith(str(base)) or importlib.util.find_spec(f"{config.name}.filters") is None:
            continue
        module = importlib.import_module(f"{config.name}.filters")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, django_filters.FilterSet)
                and value.__module__ == module.__name__
                and value._meta.model is not None
            ):
                yield value


def test_every_filter_of_every_list_has_a_real_label():
    filtersets = list(project_filtersets())
    assert any(filterset.__name__ == "TrainingProgramFilter" for filterset in filtersets)
    for filterset in filtersets:
        form = filterset(data={}, queryset=filterset._meta.model._default_manager.none()).form
        for name, field in form.fields.items():
            assert "invalid name" not in str(field.label), f"{filterset.__name__}.{name}"


def test_the_training_program_list_labels_its_region_filter(client):
    page = client.get(reverse("toolkit:program_list")).content.decode()
    assert "[invalid name]" not in page
    assert re.search(r'<label\s+for="id_region"[^>]*>\s*Region\s*</label>', page)
