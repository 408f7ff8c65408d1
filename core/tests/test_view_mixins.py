"""The shared view machinery: service refusals shown on forms, and the role mixin declared by `roles`."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View
from django.views.generic import FormView

from core.forms import add_service_errors, service_error_messages
from core.permissions import ParticipantRequiredMixin, RoleRequiredMixin, StaffRequiredMixin
from core.roles import Role
from core.services import RegistrationError
from core.testing.factories import (
    AdminUserFactory,
    EmployerUserFactory,
    ProviderUserFactory,
    StaffUserFactory,
    UserFactory,
)
from core.views import ServiceFormMixin


class NameForm(forms.Form):
    name = forms.CharField()
    note = forms.CharField(required=False)


def bound_form():
    form = NameForm({"name": "Ada", "note": ""})
    assert form.is_valid()
    return form


def test_a_field_the_form_has_gets_its_own_messages():
    form = bound_form()
    add_service_errors(form, ValidationError({"name": ["Taken.", "Too short."]}))
    assert form.errors["name"] == ["Taken.", "Too short."]
    assert form.non_field_errors() == []


def test_a_field_the_form_lacks_goes_above_the_form():
    form = bound_form()
    add_service_errors(form, ValidationError({"amount": "Over the cap.", "name": "Taken."}))
    assert form.non_field_errors() == ["Over the cap."]
    assert form.errors["name"] == ["Taken."]


def test_a_refusal_without_fields_goes_above_the_form():
    form = bound_form()
    add_service_errors(form, ValidationError(["The round is closed.", "Apply next time."]))
    assert form.non_field_errors() == ["The round is closed.", "Apply next time."]
    assert "name" not in form.errors


def test_a_refusal_naming_one_field_by_attribute_lands_on_it():
    form = bound_form()
    add_service_errors(form, RegistrationError("Already registered.", "name"))
    add_service_errors(form, RegistrationError("Expired."))
    assert form.errors["name"] == ["Already registered."]
    assert form.non_field_errors() == ["Expired."]


def test_messages_of_a_refusal_for_a_page_without_a_form():
    assert service_error_messages(ValidationError({"a": "One.", "b": ["Two."]})) == ["One.", "Two."]
    assert service_error_messages(RegistrationError("Three.")) == ["Three."]


class RefusingFormView(ServiceFormMixin, FormView):
    form_class = NameForm
    template_name = "core/register.html"  # any template that renders `form`

    def perform(self, form):
        raise ValidationError({"name": "Somebody has this name."})


@pytest.mark.django_db
def test_a_refused_form_is_shown_again_with_its_errors_not_redirected():
    request = RequestFactory().post("/", {"name": "Ada"})
    request.user = AnonymousUser()
    response = RefusingFormView.as_view()(request)
    assert response.status_code == 200
    assert response.context_data["form"].errors["name"] == ["Somebody has this name."]


class StaffOrEmployerView(RoleRequiredMixin, View):
    roles = (Role.STAFF, Role.EMPLOYER)

    def get(self, request):
        return HttpResponse("ok")


def call(view_class, user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return view_class.as_view()(request)


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in():
    response = call(StaffOrEmployerView, AnonymousUser())
    assert response.status_code == 302 and "/login/" in response.url and "next=/somewhere/" in response.url


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [StaffUserFactory, AdminUserFactory, EmployerUserFactory])
def test_users_holding_one_of_the_roles_get_in(factory):
    assert call(StaffOrEmployerView, factory()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [ProviderUserFactory, UserFactory])
def test_users_holding_none_of_the_roles_are_refused(factory):
    with pytest.raises(PermissionDenied):
        call(StaffOrEmployerView, factory())


@pytest.mark.django_db
def test_an_employer_role_without_an_organisation_does_not_count():
    with pytest.raises(PermissionDenied):
        call(StaffOrEmployerView, UserFactory(role=Role.EMPLOYER))


class StaffView(StaffRequiredMixin, View):
    def get(self, request):
        return HttpResponse("ok")


class ParticipantView(ParticipantRequiredMixin, View):
    def get(self, request):
        return HttpResponse("ok")


@pytest.mark.django_db
def test_the_named_mixins_only_declare_roles():
    assert StaffRequiredMixin.roles == (Role.STAFF,)
    assert set(ParticipantRequiredMixin.roles) == {Role.STAFF, Role.EMPLOYER, Role.PROVIDER}
    assert call(ParticipantView, ProviderUserFactory()).status_code == 200
    with pytest.raises(PermissionDenied):
        call(StaffView, EmployerUserFactory())
