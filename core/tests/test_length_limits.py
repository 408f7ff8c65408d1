"""Every text field states its maximum length and refuses a longer text with a message, instead of the browser's
`maxlength` silently cutting what was pasted (core.forms.LengthLimitedBoundField)."""

import importlib

import pytest
from django import forms
from django.apps import apps
from django.forms.models import BaseModelForm
from django.urls import reverse

from core.models import Organization
from core.testing.factories import IndustryClusterFactory, RegionFactory
from core.tests.test_views import registration_data
from credentials.models import CredentialProposal
from partnerships.models import SectorPartnership

PROJECT_APPS = ["core", "credentials", "toolkit", "partnerships", "workbased_learning", "reports"]
TOO_LONG = "x" * 300


def model_form_classes():
    """Every ModelForm class the project's apps define in their forms modules."""
    for app in PROJECT_APPS:
        try:
            importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
    found, todo = [], [forms.ModelForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PROJECT_APPS and getattr(cls._meta, "model", None):
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_the_walk_finds_the_forms():
    names = {cls.__name__ for cls in model_form_classes()}
    assert {"RegistrationForm", "PartnershipForm"} <= names
    assert len(names) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", model_form_classes(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_text_field_of_every_model_form_shows_its_limit_and_does_not_cut(form_class):
    # Bound without the form's own __init__ (which wants a user or an organisation): the fields are the class's.
    form = form_class.__new__(form_class)
    BaseModelForm.__init__(form)
    limited = [
        (name, field.max_length)
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and field.max_length and not field.widget.is_hidden
    ]
    for name, limit in limited:
        html = str(form[name])
        assert " maxlength=" not in html, (name, html)
        assert f'data-maxlength="{limit}"' in html, (name, html)
        assert f"At most {limit} characters" in form[name].help_text, name


@pytest.mark.django_db
def test_registration_refuses_an_over_long_name_with_a_message(client, reference_data):
    page = client.get(reverse("core:register")).content.decode()
    assert "At most 200 characters." in page
    assert ' maxlength="200"' not in page
    response = client.post(reverse("core:register"), registration_data(name=TOO_LONG))
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["This is too long: use at most 200 characters (it has 300)."]
    assert not Organization.objects.filter(name__startswith="xxx").exists()


@pytest.mark.django_db
def test_partnership_form_refuses_an_over_long_name_with_a_message(client, people):
    cluster, region = IndustryClusterFactory(), RegionFactory()
    client.force_login(people.staff)
    data = {"name": TOO_LONG, "cluster": cluster.pk, "scope": "regional", "regions": [region.pk]}
    response = client.post(reverse("partnerships:create"), data)
    assert response.status_code == 200
    assert "use at most 200 characters (it has 300)" in response.context["form"].errors["name"][0]
    assert not SectorPartnership.objects.filter(name=TOO_LONG).exists()


@pytest.mark.django_db
def test_proposal_form_refuses_an_over_long_title_with_a_message(client, people):
    client.force_login(people.employer)
    data = {
        "title": TOO_LONG,
        "issuing_body": "FANUC",
        "technology_evidence": "Robots.",
        "recognition_evidence": "Job postings ask for it.",
        "typical_cost": "800.00",
        "typical_training_hours": "30",
        "training_provider": "A college",
    }
    page = client.get(reverse("credentials:proposal_create")).content.decode()
    assert "At most 255 characters." in page
    response = client.post(reverse("credentials:proposal_create"), data)
    assert response.status_code == 200
    assert "use at most 255 characters (it has 300)" in response.context["form"].errors["title"][0]
    assert "use at most 255 characters (it has 300)" in response.content.decode()
    assert not CredentialProposal.objects.exists()


def test_apps_list_is_the_projects():
    assert set(PROJECT_APPS) <= {config.name for config in apps.get_app_configs()}
