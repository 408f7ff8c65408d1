"""Public pages, the dashboard router, accounts and the health check; and the two view mixins every app uses to
call a service from a form (`ServiceFormMixin`) and to act on the object a page shows (`ObjectActionsMixin`)."""

from dataclasses import dataclass

import redis
from celery import current_app
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from core.forms import InvitationAcceptForm, InvitationForm, RegistrationForm, add_service_errors
from core.models import Invitation, Organization, OrganizationKind
from core.permissions import OrganizationMemberRequiredMixin
from core.services import RegistrationError, invitation_accept, invitation_send, organization_register
from core.widgets import OrganizationPicker


class ServiceFormMixin:
    """A form page whose valid form goes to a service. `perform(form)` calls the service and returns the response
    (a redirect); when the service refuses (one of `refusals`), its messages are put on the form and the page is
    shown again with them (status 200), as for a form that failed its own checks."""

    refusals = (ValidationError,)

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            return self.perform(form)
        except self.refusals as error:
            add_service_errors(form, error)
            return self.form_invalid(form)


@dataclass(frozen=True)
class ObjectAction:
    """One thing a page's POST does to the object it shows: the form it takes, the name the page's template shows
    that form under, and who may do it."""

    form_class: type
    context_name: str
    roles: tuple


class ObjectActionsMixin:
    """The page that shows an object also takes the POSTs that act on it (approve, decline, return...).

    Each action's URL routes to the page's own view, `as_view(action="decline")`; `actions` maps each name to an
    `ObjectAction`, and `perform_<name>(form)` calls the service and returns the redirect. A refused or invalid form
    is shown on the same page, with its errors, where the user filled it in (status 200). A GET of an action's URL
    is a 405, after the action's role check, as for any POST-only URL. Put it before RoleRequiredMixin in the bases.
    """

    action = None
    actions = {}

    def get_roles(self):
        if self.action is not None:
            return self.actions[self.action].roles
        return super().get_roles()

    def get_action_target(self):
        """Load and return the object the action is done to (a DetailView's object by default)."""
        self.object = self.get_object()
        return self.object

    def get_action_form(self, action, target):
        return action.form_class(self.request.POST, self.request.FILES)

    def get(self, request, *args, **kwargs):
        if self.action is not None:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.action is None:
            return self.http_method_not_allowed(request, *args, **kwargs)
        action = self.actions[self.action]
        target = self.get_action_target()
        form = self.get_action_form(action, target)
        if form.is_valid():
            try:
                return getattr(self, f"perform_{self.action}")(form)
            except ValidationError as error:
                add_service_errors(form, error)
        return self.render_to_response(self.get_context_data(**{action.context_name: form}))


# Each role's own dashboard lives in the app that knows its work; these are looked up by URL name only.
DASHBOARD_FOR_ROLE = (
    ("is_program_staff", "reports:dashboard"),
    ("is_employer", "credentials:employer_dashboard"),
    ("is_provider", "workbased_learning:provider_dashboard"),
)


class HomeView(TemplateView):
    template_name = "core/home.html"


class DashboardView(LoginRequiredMixin, TemplateView):
    """Sends each user to the dashboard of their role; users without a role see a short page."""

    template_name = "core/dashboard.html"

    def get(self, request, *args, **kwargs):
        for attribute, url_name in DASHBOARD_FOR_ROLE:
            if getattr(request.user, attribute):
                return redirect(url_name)
        return super().get(request, *args, **kwargs)


class RegisterView(ServiceFormMixin, FormView):
    template_name = "core/register.html"
    form_class = RegistrationForm
    refusals = (RegistrationError,)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("core:dashboard")
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        user = organization_register(
            organization=form.save(commit=False),
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, f"Welcome, {user.first_name}. {user.organization} is registered.")
        return redirect("core:dashboard")


class OrganizationTeamView(OrganizationMemberRequiredMixin, ServiceFormMixin, FormView):
    """The people of the user's organisation, and a form to invite another."""

    template_name = "core/organization_team.html"
    form_class = InvitationForm
    success_url = reverse_lazy("core:team")
    refusals = (RegistrationError,)

    def get_context_data(self, **kwargs):
        organization = self.request.user.organization
        return super().get_context_data(
            organization=organization,
            members=organization.users.order_by("last_name", "email"),
            invitations=organization.invitations.pending(),
            **kwargs,
        )

    def perform(self, form):
        invitation_send(
            organization=self.request.user.organization, email=form.cleaned_data["email"], invited_by=self.request.user
        )
        messages.success(self.request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect(self.success_url)


class InvitationAcceptView(ServiceFormMixin, FormView):
    template_name = "core/invitation_accept.html"
    form_class = InvitationAcceptForm
    refusals = (RegistrationError,)

    def dispatch(self, request, *args, **kwargs):
        self.invitation = get_object_or_404(Invitation.objects.select_related("organization"), token=kwargs["token"])
        if not self.invitation.is_usable:
            raise Http404("This invitation has expired or was already used.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        user = invitation_accept(
            invitation=self.invitation,
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, f"Welcome to {user.organization}.")
        return redirect(reverse("core:dashboard"))


class HealthView(View):
    """JSON state of the database, Redis and the Celery workers: 200 when all answer, 503 naming what failed."""

    timeout_seconds = 2

    def get(self, request):
        checks = {"database": self._database, "redis": self._redis, "celery": self._celery}
        results = {}
        for name, check in checks.items():
            try:
                results[name] = check()
            except Exception as error:
                results[name] = f"failed: {type(error).__name__}: {error}"
        healthy = all(value == "ok" for value in results.values())
        failed = [name for name, value in results.items() if value != "ok"]
        body = {"status": "ok" if healthy else "failing", "checks": results}
        if failed:
            body["failed"] = failed
        return JsonResponse(body, status=200 if healthy else 503)

    def _database(self):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = %s", [self.timeout_seconds * 1000])
            cursor.execute("SELECT 1")
        return "ok"

    def _redis(self):
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=self.timeout_seconds, socket_connect_timeout=self.timeout_seconds
        )
        client.ping()
        return "ok"

    def _celery(self):
        # A worker counts only if it consumes the portal's queue: other workers on the same Redis (another
        # deployment, a `make run` beside the tests) answer a ping too but never take the portal's jobs.
        queue = settings.CELERY_TASK_DEFAULT_QUEUE
        replies = current_app.control.inspect(timeout=self.timeout_seconds).active_queues() or {}
        if not any(consumed.get("name") == queue for queues in replies.values() for consumed in queues or ()):
            return f"failed: no Celery worker consumes the queue {queue}"
        return "ok"


class ChoicesView(TemplateView):
    """The options of a type-ahead picker (core.widgets) for what was typed, as an htmx partial: at most `limit` rows
    of `matching(query)`, labelled and summarised by the picker, once at least two letters are typed."""

    template_name = "core/partials/choices.html"
    picker_class = None
    noun, noun_plural = "row", "rows"
    hint = "Type at least two letters."
    limit = 10

    def matching(self, query):
        raise NotImplementedError

    def picker(self):
        return self.picker_class()

    def nothing(self):
        """The start of the sentence when nothing matches: "No organisation" (matches "...")."""
        return f"No {self.noun}"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        rows = list(self.matching(query)[: self.limit]) if len(query) >= 2 else []
        listbox_id = self.request.GET.get("listbox", "")
        return super().get_context_data(
            query=query,
            choices=self.picker().describe(rows),
            nothing=self.nothing(),
            listbox_id=listbox_id if listbox_id.replace("_", "").isalnum() else "id_choice_listbox",
            **kwargs,
        )


class OrganizationChoicesView(LoginRequiredMixin, ChoicesView):
    """The organisation picker's options: organisations of the asked kinds whose name contains what was typed, or
    words like it when misspelt (OrganizationQuerySet.matching). Names, kinds and counties are shown to every
    signed-in user; what a form accepts is still its field's queryset."""

    picker_class = OrganizationPicker
    noun, noun_plural = "organisation", "organisations"
    hint = "Type at least two letters of the organisation's name."

    def kinds(self):
        return [kind for kind in self.request.GET.get("kind", "").split(",") if kind in OrganizationKind.values]

    def matching(self, query):
        organizations = Organization.objects.select_related("county").matching(query)
        return organizations.filter(kind__in=self.kinds()) if self.kinds() else organizations

    def nothing(self):
        kinds = " or ".join(OrganizationKind(kind).label.lower() for kind in self.kinds())
        return f"No {kinds} organisation" if kinds else "No organisation"
