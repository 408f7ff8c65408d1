"""Public pages, the dashboard router, accounts and the health check."""

import redis
from celery import current_app
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from core.forms import InvitationAcceptForm, InvitationForm, RegistrationForm
from core.models import Invitation, Organization, OrganizationKind
from core.permissions import OrganizationMemberRequiredMixin
from core.services import RegistrationError, invitation_accept, invitation_send, organization_register
from core.widgets import OrganizationPicker

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


class RegisterView(FormView):
    template_name = "core/register.html"
    form_class = RegistrationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("core:dashboard")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = organization_register(
                organization=form.save(commit=False),
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except RegistrationError as error:
            form.add_error(error.field, str(error))
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, f"Welcome, {user.first_name}. {user.organization} is registered.")
        return redirect("core:dashboard")


class OrganizationTeamView(OrganizationMemberRequiredMixin, FormView):
    """The people of the user's organisation, and a form to invite another."""

    template_name = "core/organization_team.html"
    form_class = InvitationForm
    success_url = reverse_lazy("core:team")

    def get_context_data(self, **kwargs):
        organization = self.request.user.organization
        return super().get_context_data(
            organization=organization,
            members=organization.users.order_by("last_name", "email"),
            invitations=organization.invitations.pending(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            invitation_send(
                organization=self.request.user.organization,
                email=form.cleaned_data["email"],
                invited_by=self.request.user,
            )
        except RegistrationError as error:
            form.add_error("email", str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"Invitation sent to {form.cleaned_data['email']}.")
        return super().form_valid(form)


class InvitationAcceptView(FormView):
    template_name = "core/invitation_accept.html"
    form_class = InvitationAcceptForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = get_object_or_404(Invitation.objects.select_related("organization"), token=kwargs["token"])
        if not self.invitation.is_usable:
            raise Http404("This invitation has expired or was already used.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = invitation_accept(
                invitation=self.invitation,
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
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
    """The organisation picker's options: organisations of the asked kinds whose name contains what was typed. Names,
    kinds and counties are shown to every signed-in user; what a form accepts is still its field's queryset."""

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
