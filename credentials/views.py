"""Pages of the credential program: thin views that pick a scoped queryset, call a service and render."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import DetailView, FormView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.downloads import protected_file_response
from core.forms import add_service_errors, flash_service_errors
from core.money import format_money
from core.pagination import RememberedCountPaginator, RememberedSearchPaginator
from core.permissions import EmployerRequiredMixin, RoleRequiredMixin, StaffRequiredMixin
from core.roles import Role
from core.views import ChoicesView, ObjectAction, ObjectActionsMixin, ServiceFormMixin
from credentials import selectors, services
from credentials.filters import ApplicationFilter, ClaimFilter, CredentialFilter, ProposalFilter
from credentials.forms import (
    CLAIM_ROWS_MAX,
    ApplicationLineForm,
    AwardForm,
    ClaimForm,
    ClaimLineFormSet,
    ClaimResubmitForm,
    CredentialImportForm,
    CredentialPicker,
    FundingRoundForm,
    ProposalApproveForm,
    ProposalForm,
    ProposalReviewForm,
    ReasonForm,
)
from credentials.importers import COLUMNS, import_credentials
from credentials.models import (
    ZERO,
    Application,
    ApplicationLine,
    ApplicationStatus,
    Award,
    ClaimStatus,
    Credential,
    CredentialProposal,
    FundingRound,
    ProposalStatus,
    ReimbursementClaim,
)
from credentials.tables import ApplicationTable, ClaimTable, ProposalTable

# The credential program's pages are for program staff and employers (providers take no part in it); what each
# sees is decided by the models' visible_to().
CREDENTIAL_ROLES = (Role.STAFF, Role.EMPLOYER)
STAFF_ONLY = (Role.STAFF,)
EMPLOYERS_ONLY = (Role.EMPLOYER,)


# ---------------------------------------------------------------------------------------------------------------------
# Public catalog


class CredentialSearchView(FilterView):
    """The public eligibility check: search as you type (htmx swaps in the results partial)."""

    filterset_class = CredentialFilter
    queryset = Credential.objects.select_related("category")
    template_name = "credentials/credential_search.html"
    paginate_by = 20
    # The filters narrow the catalog, the paginator searches the words: what a search found is remembered until the
    # catalog changes, and a broad word counts up to 1,001, not all.
    paginator_class = RememberedSearchPaginator

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, words=self.filterset.words, **kwargs)

    def get_template_names(self):
        if self.request.htmx:
            return ["credentials/partials/credential_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["open_round"] = open_round = FundingRound.objects.open_now().order_by("closes_at").first()
        today = timezone.localdate()
        for credential in context["object_list"]:
            credential.verdict = credential.eligibility(round=open_round, today=today)
        context["query"] = self.request.GET.get("q", "")
        params = self.request.GET.copy()
        params.pop("page", None)
        context["query_string"] = params.urlencode()
        return context


class CredentialDetailView(DetailView):
    """One credential: what it is, whether it is reimbursable, up to how much, and what to do next."""

    queryset = Credential.objects.select_related("category")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["open_round"] = open_round = FundingRound.objects.open_now().order_by("closes_at").first()
        context["verdict"] = self.object.eligibility(round=open_round, today=timezone.localdate())
        user = self.request.user
        if open_round and user.is_authenticated and user.is_employer:
            context["my_draft"] = Application.objects.filter(
                round=open_round, organization_id=user.organization_id, status=ApplicationStatus.DRAFT
            ).first()
        return context


class CredentialChoicesView(RoleRequiredMixin, ChoicesView):
    """The credential picker's options: the few eligible credentials that best match what was typed, with what the
    application's round pays for each. The same ranked, typo-tolerant search as the public check."""

    roles = CREDENTIAL_ROLES

    template_name = "credentials/partials/credential_choices.html"
    noun, noun_plural = "eligible credential", "eligible credentials"
    hint = "Type at least two letters of the credential's name, its issuer or a skill."

    def picker(self):
        round_id = self.request.GET.get("round", "")
        return CredentialPicker(round=FundingRound.objects.filter(pk=round_id).first() if round_id.isdigit() else None)

    def matching(self, query):
        return Credential.objects.eligible().search(query)


class CredentialImportView(StaffRequiredMixin, FormView):
    """Staff upload a CSV or XLSX; every bad row is listed with its line, and nothing is written unless all pass."""

    form_class = CredentialImportForm
    template_name = "credentials/credential_import.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=COLUMNS, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        result = import_credentials(upload, upload.name)
        if not result.ok:
            return self.render_to_response(self.get_context_data(form=form, row_errors=result.errors.lines()))
        messages.success(self.request, f"Imported: {result.created} new, {result.updated} updated credentials.")
        return redirect("credentials:search")


# ---------------------------------------------------------------------------------------------------------------------
# Employer dashboard


class EmployerDashboardView(EmployerRequiredMixin, TemplateView):
    """My proposals, applications, awards and claims, and what is due next."""

    template_name = "credentials/employer_dashboard.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.employer_dashboard(user=self.request.user), **kwargs)


# ---------------------------------------------------------------------------------------------------------------------
# Proposals


class ProposalListView(RoleRequiredMixin, SingleTableMixin, FilterView):
    roles = CREDENTIAL_ROLES
    table_class = ProposalTable
    filterset_class = ProposalFilter
    template_name = "credentials/credentialproposal_list.html"
    paginate_by = 25

    def get_queryset(self):
        return CredentialProposal.objects.visible_to(self.request.user).select_related("organization")


class ProposalCreateView(EmployerRequiredMixin, ServiceFormMixin, FormView):
    """ "My credential is not listed": the employer proposes it."""

    form_class = ProposalForm
    template_name = "credentials/credentialproposal_form.html"

    def get_initial(self):
        return {"title": self.request.GET.get("title", "")}

    def perform(self, form):
        proposal = services.proposal_create(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, "Thank you: the proposal is with our review panel. We will email you.")
        return redirect(proposal)


class ProposalDetailView(ObjectActionsMixin, RoleRequiredMixin, DetailView):
    """A proposal and its reviews; staff review, approve or decline it here (each action's URL posts to this page)."""

    template_name = "credentials/credentialproposal_detail.html"
    roles = CREDENTIAL_ROLES
    actions = {
        "review": ObjectAction(ProposalReviewForm, "review_form", STAFF_ONLY),
        "approve": ObjectAction(ProposalApproveForm, "approve_form", STAFF_ONLY),
        "decline": ObjectAction(ReasonForm, "decline_form", STAFF_ONLY),
    }

    def get_queryset(self):
        return (
            CredentialProposal.objects.visible_to(self.request.user)
            .select_related("organization", "proposed_by", "decided_by", "credential", "category")
            .prefetch_related("reviews__reviewer")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.is_program_staff and self.object.status == ProposalStatus.SUBMITTED:
            mine = next((r for r in self.object.reviews.all() if r.reviewer_id == self.request.user.pk), None)
            context["review_form"] = kwargs.get("review_form") or ProposalReviewForm(instance=mine)
            context["approve_form"] = kwargs.get("approve_form") or ProposalApproveForm(
                initial={"category": self.object.category_id}
            )
            context["decline_form"] = kwargs.get("decline_form") or ReasonForm()
        return context

    def perform_review(self, form):
        services.proposal_review_save(proposal=self.object, reviewer=self.request.user, **form.cleaned_data)
        messages.success(self.request, "Your review is saved.")
        return redirect(self.object)

    def perform_approve(self, form):
        services.proposal_approve(proposal=self.object, user=self.request.user, **form.cleaned_data)
        messages.success(self.request, "Approved: the credential is in the catalog and the proposer has been told.")
        return redirect(self.object)

    def perform_decline(self, form):
        services.proposal_decline(proposal=self.object, user=self.request.user, reason=form.cleaned_data["reason"])
        messages.success(self.request, "Declined: the proposer has been told why.")
        return redirect(self.object)


# ---------------------------------------------------------------------------------------------------------------------
# Funding rounds


class RoundListView(RoleRequiredMixin, TemplateView):
    """The funding rounds; staff see each round's submitted applications and awarded dollars, employers their own
    application in each. Open and upcoming rounds by default; `?status=closed` shows the archive, a page at a time."""

    roles = CREDENTIAL_ROLES

    template_name = "credentials/fundinground_list.html"
    paginate_by = 20
    # Each filter's label and the FundingRoundQuerySet method that selects its rounds; an unknown value shows the
    # default (open and upcoming) rather than an error.
    STATUSES = {"current": ("Open and upcoming", "current"), "open": ("Open", "open")}
    STATUSES |= {"upcoming": ("Upcoming", "upcoming"), "closed": ("Closed", "closed")}

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "current")
        if status not in self.STATUSES:
            status = "current"
        rounds = getattr(FundingRound.objects.visible_to(self.request.user), self.STATUSES[status][1])()
        rounds = rounds.order_by("-closes_at", "-pk") if status == "closed" else rounds.order_by("opens_at", "pk")
        page = Paginator(rounds, self.paginate_by).get_page(self.request.GET.get("page"))
        shown = page.object_list
        shown = shown.with_totals() if self.request.user.is_program_staff else list(shown)
        mine = {}
        if self.request.user.organization_id:
            mine = {
                a.round_id: a
                for a in Application.objects.filter(
                    organization_id=self.request.user.organization_id, round__in=[r.pk for r in shown]
                )
            }
        return super().get_context_data(
            rounds=shown,
            mine=mine,
            page_obj=page,
            status=status,
            statuses=[(key, label) for key, (label, _) in self.STATUSES.items()],
            query_string=f"status={status}",
            **kwargs,
        )


class RoundFormView(StaffRequiredMixin, UpdateView):
    """Staff create or change a round; its caps default to the state's current values."""

    model = FundingRound
    form_class = FundingRoundForm
    template_name = "credentials/fundinground_form.html"

    def get_object(self, queryset=None):
        return super().get_object(queryset) if "pk" in self.kwargs else None

    def form_valid(self, form):
        messages.success(self.request, f"{form.instance.name} is saved.")
        return super().form_valid(form)


class RoundDetailView(RoleRequiredMixin, SingleTableMixin, DetailView):
    """A round's rules; for staff, the ranked list of its applications."""

    roles = CREDENTIAL_ROLES

    template_name = "credentials/fundinground_detail.html"
    table_class = ApplicationTable
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return FundingRound.objects.visible_to(self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def get_table_data(self):
        if not self.request.user.is_program_staff:
            return Application.objects.none()
        return (
            self.object.applications.submitted()
            .select_related("organization")
            .with_totals()
            .order_by("-score", "submitted_at")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["awarded_total"] = self.object.awarded_total()
        context["remaining"] = self.object.total_budget - context["awarded_total"]
        if user.organization_id:
            context["my_application"] = Application.objects.filter(
                round=self.object, organization_id=user.organization_id
            ).first()
        return context


class RoundApplyView(EmployerRequiredMixin, SingleObjectMixin, View):
    """Start (or reopen) the organisation's one application in this round."""

    def get_queryset(self):
        return FundingRound.objects.visible_to(self.request.user)

    def post(self, request, *args, **kwargs):
        round = self.get_object()
        application, started = services.application_start(round=round, user=request.user)
        if not started:
            messages.info(request, f"Your organisation already has its application in {round}; here it is.")
        return redirect(application)


class RoundScoreView(StaffRequiredMixin, SingleObjectMixin, View):
    def get_queryset(self):
        return FundingRound.objects.all()

    def post(self, request, *args, **kwargs):
        round = self.get_object()
        count = services.round_score_all(round=round, user=request.user)
        messages.success(request, f"Scored {count} application(s); the list is ranked by score.")
        return redirect(round)


# ---------------------------------------------------------------------------------------------------------------------
# Applications


class ApplicationListView(RoleRequiredMixin, SingleTableMixin, FilterView):
    roles = CREDENTIAL_ROLES
    table_class = ApplicationTable
    filterset_class = ApplicationFilter
    template_name = "credentials/application_list.html"
    # The table paginates; a paginate_by as well would count the rows twice.
    table_pagination = {"per_page": 25, "paginator_class": RememberedCountPaginator}

    def get_queryset(self):
        return (
            Application.objects.visible_to(self.request.user)
            .select_related("organization", "round")
            .with_totals()
            .order_by("-created_at")
        )


class ApplicationScopedMixin(RoleRequiredMixin):
    roles = CREDENTIAL_ROLES

    def get_application(self):
        queryset = Application.objects.visible_to(self.request.user).select_related("round", "organization__county")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


class ApplicationDetailView(ObjectActionsMixin, ApplicationScopedMixin, TemplateView):
    """An application, its lines and claims; its employer submits it and staff award or decline it here (each
    action's URL posts to this page, and a refusal is this page with its errors)."""

    template_name = "credentials/application_detail.html"
    actions = {
        # The submit button has no fields: its form only carries the service's refusal back onto the page.
        "submit": ObjectAction(forms.Form, "submit_form", EMPLOYERS_ONLY),
        "award": ObjectAction(AwardForm, "award_form", STAFF_ONLY),
        "decline": ObjectAction(ReasonForm, "decline_form", STAFF_ONLY),
    }

    def get_action_target(self):
        self.object = self.get_application()
        return self.object

    def get_action_form(self, action, target):
        if action.form_class is AwardForm:
            return AwardForm(self.request.POST, lines=list(target.lines.select_related("credential")))
        return super().get_action_form(action, target)

    def perform_submit(self, form):
        services.application_submit(application=self.object, user=self.request.user)
        messages.success(self.request, "Submitted. We emailed you a confirmation.")
        return redirect(self.object)

    def perform_award(self, form):
        awards = services.award_lines(application=self.object, user=self.request.user, amounts=form.amounts())
        total = sum((a.amount for a in awards), ZERO)
        messages.success(self.request, f"Awarded {format_money(total)}; the employer has been emailed.")
        return redirect(self.object)

    def perform_decline(self, form):
        services.application_decline(application=self.object, user=self.request.user, **form.cleaned_data)
        messages.success(self.request, "Declined; the employer has been emailed the reason.")
        return redirect(self.object)

    def get_context_data(self, **kwargs):
        application = getattr(self, "object", None) or self.get_application()
        context = super().get_context_data(
            application=application,
            **selectors.application_lines(application=application),
            claims=application.claims.all(),
            **kwargs,
        )
        user = self.request.user
        if user.is_program_staff and application.status == ApplicationStatus.SUBMITTED:
            context["award_form"] = kwargs.get("award_form") or AwardForm(lines=context["lines"])
            context["decline_form"] = kwargs.get("decline_form") or ReasonForm()
            context["score_parts"] = services.application_score_parts(application=application)
        return context


class EmployerApplicationMixin(EmployerRequiredMixin):
    def get_application(self):
        queryset = Application.objects.visible_to(self.request.user).select_related("round")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


class ApplicationLineFormView(EmployerApplicationMixin, ServiceFormMixin, FormView):
    """Add or change a line of a draft; every rule the line breaks is reported on its field."""

    form_class = ApplicationLineForm
    template_name = "credentials/applicationline_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.is_employer:
            return super().dispatch(request, *args, **kwargs)
        self.application = self.get_application()
        self.line = None
        if "line_pk" in kwargs:
            self.line = get_object_or_404(self.application.lines, pk=kwargs["line_pk"])
        if not self.application.is_editable:
            messages.error(request, "A submitted application cannot be changed.")
            return redirect(self.application)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"credential": self.request.GET.get("credential")} if self.line is None else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.line or ApplicationLine(application=self.application)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, line=self.line, **kwargs)

    def perform(self, form):
        services.application_line_save(application=self.application, line=form.instance, user=self.request.user)
        messages.success(self.request, "The line is saved.")
        return redirect(self.application)


class ApplicationLineDeleteView(EmployerApplicationMixin, View):
    def post(self, request, *args, **kwargs):
        application = self.get_application()
        line = get_object_or_404(application.lines, pk=kwargs["line_pk"])
        try:
            services.application_line_delete(line=line, user=request.user)
            messages.success(request, "The line is removed.")
        except ValidationError as error:
            flash_service_errors(request, error)
        return redirect(application)


# ---------------------------------------------------------------------------------------------------------------------
# Claims


# Error reports never carry the employees' SSN digits or dates of birth: every posted field is hidden.
@method_decorator(sensitive_post_parameters(), name="dispatch")
class ClaimCreateView(EmployerApplicationMixin, TemplateView):
    """Claim for employees who earned awarded credentials, with one PDF of proof."""

    template_name = "credentials/reimbursementclaim_form.html"

    def awards(self, application):
        return Award.objects.filter(line__application=application).select_related("line__credential")

    @staticmethod
    def add_claim_errors(form, line_forms, error):
        """The service names a refused employee `line_<n>` (the n-th filled row): those messages go on that row,
        the others on the claim form."""
        by_field = getattr(error, "error_dict", None) or {}
        for key, errors in by_field.items():
            if key.startswith("line_"):
                add_service_errors(line_forms[int(key.removeprefix("line_"))], ValidationError(errors))
        rest = {key: errors for key, errors in by_field.items() if not key.startswith("line_")}
        if rest or not by_field:
            add_service_errors(form, ValidationError(rest) if rest else error)

    def rows_asked(self):
        """How many employee rows the page was asked for (`?rows=`, the "more rows" link without JavaScript)."""
        value = self.request.GET.get("rows", "")
        return min(int(value), CLAIM_ROWS_MAX) if value.isdigit() else None

    def get_context_data(self, **kwargs):
        application = kwargs.pop("application", None) or self.get_application()
        awards = self.awards(application)
        formset = kwargs.pop("formset", None) or ClaimLineFormSet(prefix="lines", awards=awards, rows=self.rows_asked())
        return super().get_context_data(
            application=application,
            form=kwargs.pop("form", None) or ClaimForm(),
            formset=formset,
            more_rows=min(formset.total_form_count() + 3, CLAIM_ROWS_MAX),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        awards = self.awards(application)
        form = ClaimForm(request.POST, request.FILES)
        formset = ClaimLineFormSet(request.POST, prefix="lines", awards=awards)
        if form.is_valid() and formset.is_valid():
            rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            try:
                claim = services.claim_submit(
                    application=application, user=request.user, proof=form.cleaned_data["proof"], lines=rows
                )
                messages.success(request, f"Claim submitted for {format_money(claim.amount)}.")
                return redirect(claim)
            except ValidationError as error:
                self.add_claim_errors(form, [f for f in formset.forms if f.cleaned_data], error)
        return self.render_to_response(self.get_context_data(application=application, form=form, formset=formset))


class ClaimListView(RoleRequiredMixin, SingleTableMixin, FilterView):
    roles = CREDENTIAL_ROLES
    table_class = ClaimTable
    filterset_class = ClaimFilter
    template_name = "credentials/reimbursementclaim_list.html"
    # The table paginates; a paginate_by as well would count the rows twice.
    table_pagination = {"per_page": 25, "paginator_class": RememberedCountPaginator}

    def get_queryset(self):
        return ReimbursementClaim.objects.visible_to(self.request.user).select_related("organization")


class ClaimScopedMixin(RoleRequiredMixin):
    roles = CREDENTIAL_ROLES

    def get_claim(self):
        queryset = ReimbursementClaim.objects.visible_to(self.request.user).select_related(
            "organization", "application__round", "reviewed_by", "submitted_by"
        )
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


# Error reports never carry the resubmitted proof's fields.
@method_decorator(sensitive_post_parameters(), name="dispatch")
class ClaimDetailView(ObjectActionsMixin, ClaimScopedMixin, TemplateView):
    """The claim; staff see the SSN digits and dates of birth here (and only here) to check them. Staff return a claim
    and its employer resubmits it here (each action's URL posts to this page)."""

    template_name = "credentials/reimbursementclaim_detail.html"
    actions = {
        "return": ObjectAction(ReasonForm, "return_form", STAFF_ONLY),
        "resubmit": ObjectAction(ClaimResubmitForm, "resubmit_form", EMPLOYERS_ONLY),
        # Buttons without fields: their forms only carry a refusal back onto this page.
        "approve": ObjectAction(forms.Form, "button_form", STAFF_ONLY),
        "pay": ObjectAction(forms.Form, "button_form", STAFF_ONLY),
    }

    def get_action_target(self):
        self.object = self.get_claim()
        return self.object

    def perform_return(self, form):
        services.claim_return(claim=self.object, user=self.request.user, **form.cleaned_data)
        messages.success(self.request, "Returned to the employer with your reason.")
        return redirect(self.object)

    def perform_approve(self, form):
        services.claim_approve(claim=self.object, user=self.request.user)
        messages.success(self.request, "Approved for payment; the employer has been emailed.")
        return redirect(self.object)

    def perform_pay(self, form):
        services.claim_mark_paid(claim=self.object, user=self.request.user)
        messages.success(self.request, "Marked as paid.")
        return redirect(self.object)

    def perform_resubmit(self, form):
        services.claim_resubmit(claim=self.object, user=self.request.user, proof=form.cleaned_data["proof"])
        messages.success(self.request, "Resubmitted for review.")
        return redirect(self.object)

    def render_to_response(self, context, **response_kwargs):
        # The page shows personal data to staff: never kept by a browser or a proxy.
        response = super().render_to_response(context, **response_kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        claim = getattr(self, "object", None) or self.get_claim()
        user = self.request.user
        context = super().get_context_data(
            claim=claim,
            lines=claim.lines.select_related("award__line__credential"),
            show_personal=user.is_program_staff,
            **kwargs,
        )
        if user.is_program_staff and claim.status == ClaimStatus.SUBMITTED:
            context["return_form"] = kwargs.get("return_form") or ReasonForm()
        if user.organization_id == claim.organization_id and claim.status == ClaimStatus.RETURNED:
            context["resubmit_form"] = kwargs.get("resubmit_form") or ClaimResubmitForm()
        return context


class ClaimProofView(ClaimScopedMixin, View):
    def get(self, request, *args, **kwargs):
        claim = self.get_claim()
        return protected_file_response(claim.proof, filename=f"claim-{claim.pk}-proof.pdf")
