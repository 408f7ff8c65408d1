"""Pages of work-based learning: thin views that scope querysets with `visible_to` and call services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.downloads import protected_file_response
from core.forms import flash_service_errors, service_error_messages
from core.models import JobStatus, Organization
from core.pagination import RememberedCountPaginator
from core.permissions import (
    EmployerRequiredMixin,
    ParticipantRequiredMixin,
    ProviderRequiredMixin,
    RoleRequiredMixin,
    StaffRequiredMixin,
)
from core.roles import Role
from core.views import ServiceFormMixin
from workbased_learning import services
from workbased_learning.filters import IncentiveApplicationFilter, OpportunityFilter, PlacementFilter
from workbased_learning.forms import (
    CTEProgramForm,
    EvaluationForm,
    IncentiveApplicationForm,
    IncentiveDecisionForm,
    OpportunityForm,
    PlacementForm,
    SupervisorForm,
    TimeEntryDecisionForm,
    TimeEntryForm,
)
from workbased_learning.models import (
    ApplicationStatus,
    CTEProgram,
    IncentiveApplication,
    IncentiveBudgetPeriod,
    IncentiveLine,
    IncentiveProgramYear,
    Opportunity,
    OpportunityStatus,
    Placement,
    PlacementStatus,
    TimeEntry,
)
from workbased_learning.selectors import (
    STATEWIDE_FIGURES_SECONDS,
    budget_periods_with_use,
    placement_breakdown,
    statewide_placement_figures,
    time_entries_to_sign_off,
)
from workbased_learning.tables import CTEProgramTable, IncentiveApplicationTable, OpportunityTable, PlacementTable

# Who runs CTE programs (staff and providers); who hosts opportunities and claims the incentive (staff and
# employers). Everyone else in the program: core.permissions.ParticipantRequiredMixin.
PROGRAM_MANAGERS = (Role.STAFF, Role.PROVIDER)
HOSTS = (Role.STAFF, Role.EMPLOYER)


class HtmxListMixin:
    """A filtered, sortable, paginated list; htmx requests get only the table partial."""

    table_pagination = {"per_page": 25, "paginator_class": RememberedCountPaginator}
    partial_template_name = None

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.partial_template_name:
            return [self.partial_template_name]
        return [self.template_name]


# --------------------------------------------------------------------------------------------------------------
# Programs
# --------------------------------------------------------------------------------------------------------------


class ProgramListView(RoleRequiredMixin, HtmxListMixin, SingleTableMixin, TemplateView):
    roles = PROGRAM_MANAGERS
    template_name = "workbased_learning/cteprogram_list.html"
    table_class = CTEProgramTable

    def get_table_data(self):
        return (
            CTEProgram.objects.visible_to(self.request.user)
            .with_placement_counts()
            .select_related("provider", "county")
        )


class ProgramCreateView(RoleRequiredMixin, CreateView):
    roles = PROGRAM_MANAGERS
    model = CTEProgram
    form_class = CTEProgramForm
    template_name = "workbased_learning/cteprogram_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        if not self.request.user.is_program_staff:
            form.instance.provider_id = self.request.user.organization_id
        messages.success(self.request, "The program is saved.")
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("workbased_learning:program_list")


class ProgramUpdateView(RoleRequiredMixin, UpdateView):
    roles = PROGRAM_MANAGERS
    form_class = CTEProgramForm
    template_name = "workbased_learning/cteprogram_form.html"

    def get_queryset(self):
        return CTEProgram.objects.visible_to(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        messages.success(self.request, "The program is saved.")
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("workbased_learning:program_list")


# --------------------------------------------------------------------------------------------------------------
# Opportunities
# --------------------------------------------------------------------------------------------------------------


class OpportunityListView(ParticipantRequiredMixin, HtmxListMixin, SingleTableMixin, FilterView):
    template_name = "workbased_learning/opportunity_list.html"
    partial_template_name = "workbased_learning/partials/opportunity_table.html"
    table_class = OpportunityTable
    filterset_class = OpportunityFilter

    def get_queryset(self):
        return (
            Opportunity.objects.visible_to(self.request.user)
            # Fetched for the page's 25 rows after paging, not joined (as the placement list); the table counts
            # the page's places taken.
            .prefetch_related(Prefetch("host", Organization.objects.select_related("county")))
            .order_by("title", "pk")
        )


class OpportunityCreateView(RoleRequiredMixin, CreateView):
    roles = HOSTS
    model = Opportunity
    form_class = OpportunityForm
    template_name = "workbased_learning/opportunity_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        if not self.request.user.is_program_staff:
            form.instance.host_id = self.request.user.organization_id
        form.instance.created_by = self.request.user
        messages.success(self.request, "The opportunity is saved.")
        return super().form_valid(form)


class OpportunityUpdateView(RoleRequiredMixin, UpdateView):
    roles = HOSTS
    form_class = OpportunityForm
    template_name = "workbased_learning/opportunity_form.html"

    def get_queryset(self):
        return Opportunity.objects.manageable_by(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        messages.success(self.request, "The opportunity is saved.")
        return super().form_valid(form)


class OpportunityDetailView(ParticipantRequiredMixin, DetailView):
    template_name = "workbased_learning/opportunity_detail.html"

    def get_queryset(self):
        return (
            Opportunity.objects.visible_to(self.request.user)
            .with_counts()
            .select_related("host", "provider", "partnership", "cluster")
            .prefetch_related("competencies", Prefetch("programs", CTEProgram.objects.select_related("provider")))
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        opportunity = self.object
        placements = (
            Placement.objects.visible_to(user)
            .filter(opportunity=opportunity)
            .with_hours()
            .select_related("program", "opportunity")
        )
        return super().get_context_data(
            placements=placements,
            can_edit=Opportunity.objects.manageable_by(user).filter(pk=opportunity.pk).exists(),
            can_place=user.is_provider
            and opportunity.status == OpportunityStatus.OPEN
            and opportunity.active_count < opportunity.capacity,
            **kwargs,
        )


# --------------------------------------------------------------------------------------------------------------
# Placements
# --------------------------------------------------------------------------------------------------------------


# Error reports never carry the learner's date of birth.
@method_decorator(sensitive_post_parameters("learner_birth_date"), name="dispatch")
class PlacementCreateView(ProviderRequiredMixin, ServiceFormMixin, FormView):
    form_class = PlacementForm
    template_name = "workbased_learning/placement_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_provider:
            self.opportunity = get_object_or_404(
                Opportunity.objects.visible_to(request.user).select_related("host"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "programs": CTEProgram.objects.visible_to(self.request.user),
            "supervisors": services.supervisor_candidates(opportunity=self.opportunity),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(opportunity=self.opportunity, **kwargs)

    def perform(self, form):
        placement = services.placement_create(opportunity=self.opportunity, user=self.request.user, **form.cleaned_data)
        messages.success(self.request, f"Learner {placement.learner_ref} is placed.")
        return redirect(placement)


class PlacementListView(ParticipantRequiredMixin, HtmxListMixin, SingleTableMixin, FilterView):
    template_name = "workbased_learning/placement_list.html"
    partial_template_name = "workbased_learning/partials/placement_table.html"
    table_class = PlacementTable
    filterset_class = PlacementFilter

    def get_queryset(self):
        return (
            Placement.objects.visible_to(self.request.user)
            # Fetched for the page's 25 rows after paging, not joined: a deep page's OFFSET would join every row
            # it skips (2,500 on page 100).
            .prefetch_related("opportunity__host", "program")
            .order_by("-start_date", "pk")
        )


def _placement_queryset(user):
    return Placement.objects.visible_to(user).select_related(
        "opportunity__host", "program__provider", "supervisor", "credential_earned"
    )


class PlacementDetailView(ParticipantRequiredMixin, DetailView):
    template_name = "workbased_learning/placement_detail.html"

    def get_queryset(self):
        return _placement_queryset(self.request.user).with_hours()

    def get_context_data(self, **kwargs):
        user = self.request.user
        placement = self.object
        evaluation = getattr(placement, "evaluation", None)
        return super().get_context_data(
            entries=placement.time_entries.select_related("logged_by", "decided_by"),
            percent=placement.hours_percent(placement.approved_hours),
            show_birth_date=placement.birth_date_visible_to(user),
            is_supervisor=placement.supervisor_id == user.pk and user.is_employer,
            is_host=user.is_employer and placement.opportunity.host_id == user.organization_id,
            is_provider=user.is_provider and placement.program.provider_id == user.organization_id,
            can_log=placement.status == PlacementStatus.ACTIVE
            and services.can_log_hours(placement=placement, user=user),
            entry_form=TimeEntryForm(),
            decision_form=TimeEntryDecisionForm(),
            evaluation=evaluation,
            ratings=evaluation.ratings.select_related("competency") if evaluation else [],
            **kwargs,
        )


class TimeEntryCreateView(ParticipantRequiredMixin, ServiceFormMixin, FormView):
    form_class = TimeEntryForm
    template_name = "workbased_learning/timeentry_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.placement = get_object_or_404(_placement_queryset(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(placement=self.placement, **kwargs)

    def perform(self, form):
        services.time_entry_log(placement=self.placement, user=self.request.user, **form.cleaned_data)
        messages.success(self.request, "The hours are logged and wait for the supervisor's sign-off.")
        return redirect(self.placement)


class TimeEntryDecideView(ParticipantRequiredMixin, View):
    """POST only: the supervisor approves or rejects one time entry."""

    def post(self, request, pk, action):
        entry = get_object_or_404(TimeEntry.objects.visible_to(request.user).select_related("placement"), pk=pk)
        form = TimeEntryDecisionForm(request.POST)
        form.is_valid()
        try:
            services.time_entry_decide(
                entry=entry, user=request.user, approve=action == "approve", note=form.cleaned_data.get("note", "")
            )
        except ValidationError as error:
            flash_service_errors(request, error)
        else:
            messages.success(request, "The hours are approved." if action == "approve" else "The hours are rejected.")
        return redirect(entry.placement)


class PlacementWithdrawView(ProviderRequiredMixin, DetailView):
    template_name = "workbased_learning/placement_confirm_withdraw.html"

    def get_queryset(self):
        return _placement_queryset(self.request.user).filter(status=PlacementStatus.ACTIVE)

    def post(self, request, pk):
        placement = self.get_object()
        services.placement_withdraw(placement=placement, user=request.user)
        messages.success(request, f"The placement of {placement.learner_ref} is withdrawn.")
        return redirect(placement)


class PlacementSupervisorView(EmployerRequiredMixin, FormView):
    """The host employer hands a placement to another of its users for sign-off."""

    form_class = SupervisorForm
    template_name = "workbased_learning/placement_supervisor_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_employer:
            self.placement = get_object_or_404(_placement_queryset(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "supervisors": services.supervisor_candidates(opportunity=self.placement.opportunity),
            "initial": {"supervisor": self.placement.supervisor_id},
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(placement=self.placement, **kwargs)

    def form_valid(self, form):
        services.placement_change_supervisor(
            placement=self.placement, supervisor=form.cleaned_data["supervisor"], user=self.request.user
        )
        messages.success(
            self.request, f"{form.cleaned_data['supervisor']} now supervises {self.placement.learner_ref}."
        )
        return redirect(self.placement)


class PlacementEvaluateView(EmployerRequiredMixin, ServiceFormMixin, FormView):
    form_class = EvaluationForm
    template_name = "workbased_learning/placementevaluation_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_employer:
            self.placement = get_object_or_404(
                _placement_queryset(request.user).filter(status=PlacementStatus.ACTIVE), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "competencies": self.placement.opportunity.competencies.all()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(placement=self.placement, **kwargs)

    def perform(self, form):
        services.placement_evaluate(
            placement=self.placement,
            user=self.request.user,
            ratings=form.ratings(),
            comments=form.cleaned_data["comments"],
            credential=form.cleaned_data["credential"],
        )
        messages.success(self.request, "The evaluation is saved and the placement is completed.")
        return redirect(self.placement)


# --------------------------------------------------------------------------------------------------------------
# Incentive
# --------------------------------------------------------------------------------------------------------------


def _applications(user):
    return IncentiveApplication.objects.visible_to(user).select_related("employer", "program_year")


class IncentiveListView(RoleRequiredMixin, HtmxListMixin, SingleTableMixin, FilterView):
    roles = HOSTS
    template_name = "workbased_learning/incentiveapplication_list.html"
    partial_template_name = "workbased_learning/partials/incentive_table.html"
    table_class = IncentiveApplicationTable
    filterset_class = IncentiveApplicationFilter

    def get_queryset(self):
        return (
            IncentiveApplication.objects.visible_to(self.request.user)
            # Fetched for the page's 25 rows after paging, not joined; the table sums the page's lines.
            .prefetch_related("employer", "program_year")
            .order_by("-submitted_at", "pk")
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        open_years = IncentiveProgramYear.objects.accepting_applications()
        if user.is_employer:
            open_years = open_years.exclude(applications__employer_id=user.organization_id)
        else:
            open_years = open_years.none()
        return super().get_context_data(
            open_years=open_years,
            overdue_count=_applications(user).overdue().count() if user.is_program_staff else 0,
            **kwargs,
        )


class IncentiveCreateView(EmployerRequiredMixin, ServiceFormMixin, FormView):
    form_class = IncentiveApplicationForm
    template_name = "workbased_learning/incentiveapplication_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_employer:
            self.program_year = get_object_or_404(IncentiveProgramYear, year=kwargs["year"])
            self.candidates = services.incentive_candidate_rows(
                employer=request.user.organization, program_year=self.program_year
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "candidates": self.candidates}

    def get_context_data(self, **kwargs):
        return super().get_context_data(program_year=self.program_year, is_open=self.program_year.is_open(), **kwargs)

    def perform(self, form):
        try:
            application = services.incentive_application_submit(
                employer=self.request.user.organization,
                program_year=self.program_year,
                user=self.request.user,
                wages=form.wages(),
            )
        except services.IneligibleLearners as error:
            # Each learner's reasons go on that learner's row; the sentence above the form says what to do.
            form.add_learner_errors(error.reasons)
            raise ValidationError(str(error) + " Clear their wages or correct the placement.") from None
        messages.success(self.request, "The application is submitted for review.")
        return redirect(application)


class IncentiveDetailView(RoleRequiredMixin, DetailView):
    roles = HOSTS
    template_name = "workbased_learning/incentiveapplication_detail.html"

    def get_queryset(self):
        return _applications(self.request.user).with_totals().select_related("program_year__budget_period")

    def get_context_data(self, **kwargs):
        application = self.object
        period = IncentiveBudgetPeriod.objects.with_approved_credits().get(pk=application.program_year.budget_period_id)
        return super().get_context_data(
            lines=application.lines.select_related("placement__program", "placement__opportunity"),
            certificate=getattr(application, "certificate", None),
            period=period,
            can_decide=self.request.user.is_program_staff and application.status == ApplicationStatus.IN_REVIEW,
            **kwargs,
        )


class IncentiveDecideView(StaffRequiredMixin, ServiceFormMixin, FormView):
    form_class = IncentiveDecisionForm
    template_name = "workbased_learning/incentiveapplication_decide.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_program_staff:
            self.application = get_object_or_404(
                _applications(request.user).in_review().select_related("program_year__budget_period"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        lines = IncentiveLine.objects.filter(application=self.application).select_related(
            "placement__program", "placement__opportunity"
        )
        return {**super().get_form_kwargs(), "lines": lines}

    def get_context_data(self, **kwargs):
        period = IncentiveBudgetPeriod.objects.with_approved_credits().get(
            pk=self.application.program_year.budget_period_id
        )
        return super().get_context_data(application=self.application, period=period, **kwargs)

    def perform(self, form):
        services.incentive_application_decide(
            application=self.application, user=self.request.user, decisions=form.decisions(), notes=form.notes()
        )
        messages.success(self.request, "The decision is recorded.")
        return redirect(self.application)


class IncentiveCertificateStatusView(RoleRequiredMixin, DetailView):
    """The certificate's job state; htmx polls it until the job finishes."""

    roles = HOSTS

    template_name = "workbased_learning/partials/certificate_status.html"
    context_object_name = "application"

    def get_queryset(self):
        return _applications(self.request.user).select_related("certificate")

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=getattr(self.object, "certificate", None), **kwargs)


class IncentiveCertificateRetryView(StaffRequiredMixin, View):
    def post(self, request, pk):
        application = get_object_or_404(_applications(request.user), pk=pk)
        try:
            services.certificate_request(application=application, user=request.user)
        except ValidationError as error:
            flash_service_errors(request, error)
        else:
            messages.success(request, "The certificate is being built again.")
        return redirect(application)


class IncentiveCertificateDownloadView(RoleRequiredMixin, View):
    roles = HOSTS

    def get(self, request, pk):
        application = get_object_or_404(_applications(request.user).select_related("certificate"), pk=pk)
        certificate = getattr(application, "certificate", None)
        if certificate is None or certificate.status != JobStatus.SUCCEEDED:
            raise Http404("The certificate is not ready.")
        return protected_file_response(certificate.file, filename=f"{certificate.certificate_number}.pdf")


# --------------------------------------------------------------------------------------------------------------
# Dashboards
# --------------------------------------------------------------------------------------------------------------


class ProviderDashboardView(ProviderRequiredMixin, TemplateView):
    template_name = "workbased_learning/provider_dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        placements = Placement.objects.visible_to(user)
        return super().get_context_data(
            summary=placements.summary(),
            breakdown=placement_breakdown(placements),
            recent=placements.with_hours().select_related("opportunity__host", "program")[:10],
            program_count=CTEProgram.objects.visible_to(user).count(),
            open_count=Opportunity.objects.open().count(),
            **kwargs,
        )


class EmployerDashboardView(EmployerRequiredMixin, TemplateView):
    """The host employer's work-based learning: opportunities, placements, hours to sign off and incentives."""

    template_name = "workbased_learning/employer_dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        placements = Placement.objects.visible_to(user)
        return super().get_context_data(
            summary=placements.summary(),
            opportunities=Opportunity.objects.visible_to(user).with_counts().order_by("-created_at")[:10],
            awaiting=time_entries_to_sign_off(user).awaiting().order_by("date", "pk")[:20],
            applications=_applications(user).with_totals()[:5],
            open_years=IncentiveProgramYear.objects.accepting_applications().exclude(
                applications__employer_id=user.organization_id
            ),
            **kwargs,
        )


class TimeEntrySignOffView(EmployerRequiredMixin, View):
    """POST only: the host employer's supervisor approves hours from the dashboard, one entry (its row's button; the
    URL names it) or the selected ones (`entries`). With htmx the approved row is swapped in place; without it the
    page is posted and redirected back to the dashboard. Only the user's own entries are found: any other is 404."""

    def post(self, request, pk=None):
        entries = time_entries_to_sign_off(request.user)
        if pk is not None:
            chosen = [get_object_or_404(entries, pk=pk)]
        else:
            ids = {value for value in request.POST.getlist("entries") if value.isdigit()}
            chosen = list(entries.filter(pk__in=ids).order_by("date", "pk"))
            if len(chosen) != len(ids):
                raise Http404("No such time entry among yours.")
        try:
            approved = services.time_entries_approve(entries=chosen, user=request.user)
        except ValidationError as error:
            if request.htmx and pk is not None:
                context = {"entry": chosen[0], "error": " ".join(service_error_messages(error))}
                return render(request, "workbased_learning/employer_dashboard_row.html", context)
            flash_service_errors(request, error)
            return redirect("workbased_learning:employer_dashboard")
        if request.htmx and pk is not None:
            return render(
                request,
                "workbased_learning/employer_dashboard_row.html",
                {"entry": approved[0] if approved else chosen[0]},
            )
        if not chosen:
            messages.info(request, "Select the hours to approve.")
        elif approved:
            messages.success(
                request,
                "The hours are approved." if len(approved) == 1 else f"{len(approved)} entries of hours are approved.",
            )
        else:
            messages.info(request, "These hours were already signed off.")
        return redirect("workbased_learning:employer_dashboard")


# The overview lists this many of a long list, with a link to the whole list.
OVERDUE_SHOWN = 10


class StaffOverviewView(StaffRequiredMixin, TemplateView):
    """Statewide work-based learning at a glance, with incentive credits against each budget period's cap."""

    template_name = "workbased_learning/staff_overview.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        figures = statewide_placement_figures()
        return super().get_context_data(
            summary=figures["summary"],
            breakdown=figures["breakdown"],
            counted_at=figures["counted_at"],
            figures_minutes=STATEWIDE_FIGURES_SECONDS // 60,
            periods=budget_periods_with_use(),
            in_review=IncentiveApplication.objects.in_review().count(),
            overdue_count=IncentiveApplication.objects.overdue(today).count(),
            overdue=IncentiveApplication.objects.overdue(today)
            .select_related("employer")
            .order_by("decision_due_on", "pk")[:OVERDUE_SHOWN],
            today=today,
            **kwargs,
        )
