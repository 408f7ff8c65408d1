"""Pages for partnerships. Views are thin: pick the queryset scoped to the user, call a service, render.

Access: `SectorPartnership.objects.visible_to(user)` decides who reads a partnership (others get a 404) and
`editable_by(user)` who changes its records (a reader who may not edit gets a 403).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, FormView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.downloads import protected_file_response
from core.exports import CHUNK_SIZE, Column, Table, TableExport
from core.forms import flash_service_errors
from core.models import JobStatus, Region
from core.permissions import StaffRequiredMixin
from core.renderers import file_response
from core.views import ObjectAction, ObjectActionsMixin, ServiceFormMixin
from partnerships import selectors, services
from partnerships.filters import DirectoryFilter, PartnershipFilter
from partnerships.forms import (
    ActionForm,
    ContactForm,
    LaunchMeetingForm,
    MeetingForm,
    MembershipForm,
    OutcomeMetricForm,
    OutcomeReportForm,
    OutcomeReportStartForm,
    PartnershipForm,
    PriorityDesignationForm,
    ReviewForm,
    SkillGapForm,
    StageChangeForm,
    SupportRecordForm,
)
from partnerships.models import (
    Action,
    Contact,
    Meeting,
    Membership,
    OutcomeMetric,
    OutcomeReport,
    OutcomeValue,
    PriorityDesignation,
    ReportStatus,
    SectorPartnership,
    SkillGap,
    Stage,
    ToolkitBuild,
)
from partnerships.tables import PartnershipTable
from partnerships.toolkit_documents import (
    DOCUMENTS,
    cluster_profile_url,
    document_pdf,
    fill_markdown,
    launch_meeting,
    merge_context,
    programs_for_gaps,
    seeded_resource,
)
from toolkit.documents import fill_template, render_markdown
from toolkit.profiles import rank_clusters

# --- Access ------------------------------------------------------------------------------------------------------


def can_edit(user, partnership):
    return SectorPartnership.objects.editable_by(user).filter(pk=partnership.pk).exists()


class PartnershipAccessMixin(LoginRequiredMixin):
    """Loads `self.partnership` from the URL for a user who may read it (404 otherwise).

    `access` is "read", "edit" (staff and the convener's users; other readers get 403) or "staff".
    """

    access = "edit"
    partnership_kwarg = "partnership_pk"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        visible = SectorPartnership.objects.visible_to(request.user).select_related("cluster", "convener")
        self.partnership = get_object_or_404(visible, pk=kwargs[self.partnership_kwarg])
        if self.access == "staff" and not request.user.is_program_staff:
            raise PermissionDenied("Only program staff may do this.")
        if self.access == "edit" and not can_edit(request.user, self.partnership):
            raise PermissionDenied("Only staff and the convener may change this partnership's records.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("partnership", self.partnership)
        return super().get_context_data(**kwargs)

    def partnership_url(self, section=""):
        return self.partnership.get_absolute_url() + (f"#{section}" if section else "")


# --- Partnerships ------------------------------------------------------------------------------------------------


def partnership_list_queryset(user):
    return (
        SectorPartnership.objects.visible_to(user)
        .select_related("cluster", "convener", "priority_designation")
        .prefetch_related("regions")
        .with_member_count()
    )


class PartnershipListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """Staff see every partnership; users of conveners and members see theirs."""

    filterset_class = PartnershipFilter
    table_class = PartnershipTable
    template_name = "partnerships/sectorpartnership_list.html"
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return partnership_list_queryset(self.request.user)

    def get_template_names(self):
        if self.request.htmx:
            return ["partnerships/partials/partnership_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("sort", None)
        context["export_query"] = query.urlencode()
        return context


class PartnershipExportView(LoginRequiredMixin, View):
    """The filtered partnership list as CSV, streamed."""

    COLUMNS = [
        Column("Name"),
        Column("Cluster"),
        Column("Scope"),
        Column("Regions"),
        Column("Stage"),
        Column("Convener"),
        Column("Members", "int"),
        Column("Priority"),
        Column("Launch date", "date"),
    ]

    def get(self, request):
        filterset = PartnershipFilter(request.GET, queryset=partnership_list_queryset(request.user), request=request)
        partnerships = filterset.qs.order_by("name")

        def rows():
            for p in partnerships.iterator(chunk_size=CHUNK_SIZE):
                designation = getattr(p, "priority_designation", None)
                yield (
                    p.name,
                    p.cluster.name,
                    p.get_scope_display(),
                    p.region_names(),
                    p.get_stage_display(),
                    p.convener.name if p.convener else "",
                    p.member_count,
                    "yes" if designation and designation.is_current else "no",
                    p.launch_date,
                )

        # The count is only for a progress bar, which a streamed download has not; the rows are read once.
        table = Table("Partnerships", self.COLUMNS, rows(), count=0)
        return file_response(TableExport(table), "csv", f"partnerships-{timezone.localdate()}")


class DirectoryView(FilterView):
    """The public directory: name, cluster, region, stage, convener and member count of every current partnership."""

    filterset_class = DirectoryFilter
    template_name = "partnerships/directory.html"
    paginate_by = 25

    def get_queryset(self):
        return (
            SectorPartnership.objects.public()
            .select_related("cluster", "convener")
            .prefetch_related("regions")
            .with_member_count()
            .order_by("name")
        )

    def get_template_names(self):
        if self.request.htmx:
            return ["partnerships/partials/directory_results.html"]
        return [self.template_name]


class PartnershipCreateView(StaffRequiredMixin, CreateView):
    model = SectorPartnership
    form_class = PartnershipForm

    def form_valid(self, form):
        partnership = services.partnership_create(
            partnership=form.save(commit=False), regions=form.cleaned_data["regions"], user=self.request.user
        )
        messages.success(self.request, f"{partnership} is created. Add its stakeholders next.")
        return redirect(partnership)


class PartnershipUpdateView(PartnershipAccessMixin, UpdateView):
    access = "staff"
    partnership_kwarg = "pk"
    form_class = PartnershipForm

    def get_object(self, queryset=None):
        return self.partnership

    def form_valid(self, form):
        partnership = services.partnership_update(
            partnership=form.save(commit=False), regions=form.cleaned_data["regions"]
        )
        messages.success(self.request, "The partnership is saved.")
        return redirect(partnership)


class PartnershipDetailView(PartnershipAccessMixin, TemplateView):
    """Every section of one partnership on one page."""

    access = "read"
    partnership_kwarg = "pk"
    template_name = "partnerships/sectorpartnership_detail.html"

    def get_context_data(self, **kwargs):
        p = self.partnership
        user = self.request.user
        editable = can_edit(user, p)
        return super().get_context_data(
            partnership=p,
            can_edit=editable,
            is_staff=user.is_program_staff,
            stage_form=StageChangeForm(partnership=p) if user.is_program_staff else None,
            cluster_profile_url=cluster_profile_url(p),
            programs=list(programs_for_gaps(p)),
            **selectors.partnership_page(partnership=p, editable=editable),
            **kwargs,
        )


class StageChangeView(PartnershipAccessMixin, ServiceFormMixin, FormView):
    access = "staff"
    form_class = StageChangeForm
    template_name = "partnerships/stagechange_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def perform(self, form):
        change = services.partnership_change_stage(
            partnership=self.partnership,
            to_stage=form.cleaned_data["to_stage"],
            note=form.cleaned_data["note"],
            user=self.request.user,
        )
        messages.success(self.request, f"{self.partnership} is now {change.get_to_stage_display().lower()}.")
        return redirect(self.partnership_url("history"))


# --- The partnership's records: stakeholders, contacts, meetings, gaps, actions ----------------------------------


class RecordMixin(PartnershipAccessMixin):
    """Create, edit or delete one of the partnership's records; `section` is the detail page's anchor."""

    section = ""
    noun = "record"

    def get_queryset(self):
        return self.model.objects.filter(partnership=self.partnership)

    def get_success_url(self):
        return self.partnership_url(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.get_success_url(), noun=self.noun, **kwargs)


class RecordFormMixin(RecordMixin):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"The {self.noun} is saved.")
        return response


class RecordDeleteView(RecordMixin, DeleteView):
    template_name = "partials/confirm_delete.html"

    def form_valid(self, form):
        messages.success(self.request, f"The {self.noun} is deleted.")
        return super().form_valid(form)


class MembershipCreateView(RecordFormMixin, CreateView):
    model, form_class, section, noun = Membership, MembershipForm, "stakeholders", "stakeholder"


class MembershipUpdateView(RecordFormMixin, UpdateView):
    model, form_class, section, noun = Membership, MembershipForm, "stakeholders", "stakeholder"


class MembershipDeleteView(RecordDeleteView):
    model, section, noun = Membership, "stakeholders", "stakeholder"


class ContactCreateView(RecordFormMixin, CreateView):
    model, form_class, section, noun = Contact, ContactForm, "contacts", "contact"


class ContactUpdateView(RecordFormMixin, UpdateView):
    model, form_class, section, noun = Contact, ContactForm, "contacts", "contact"


class ContactDeleteView(RecordDeleteView):
    model, section, noun = Contact, "contacts", "contact"


class MeetingCreateView(RecordFormMixin, CreateView):
    model, form_class, section, noun = Meeting, MeetingForm, "meetings", "meeting"

    def get_initial(self):
        return {"kind": self.request.GET.get("kind", "full")}

    def get_success_url(self):
        return self.object.get_absolute_url() if self.object else self.partnership_url("meetings")


class MeetingUpdateView(RecordFormMixin, UpdateView):
    model, form_class, section, noun = Meeting, MeetingForm, "meetings", "meeting"

    def get_success_url(self):
        return self.object.get_absolute_url()


class MeetingDeleteView(RecordDeleteView):
    model, section, noun = Meeting, "meetings", "meeting"


class MeetingDetailView(RecordMixin, DetailView):
    access = "read"
    model, section, noun = Meeting, "meetings", "meeting"

    def get_context_data(self, **kwargs):

        meeting = self.object
        return super().get_context_data(
            can_edit=can_edit(self.request.user, self.partnership),
            agenda_html=render_markdown(meeting.agenda),
            minutes_html=render_markdown(meeting.minutes),
            attendees=list(meeting.attendees.select_related("organization")),
            follow_ups=list(meeting.follow_up_actions.select_related("owner")),
            **kwargs,
        )


class SkillGapCreateView(RecordFormMixin, CreateView):
    model, form_class, section, noun = SkillGap, SkillGapForm, "skill-gaps", "skill gap"


class SkillGapUpdateView(RecordFormMixin, UpdateView):
    model, form_class, section, noun = SkillGap, SkillGapForm, "skill-gaps", "skill gap"


class SkillGapDeleteView(RecordDeleteView):
    model, section, noun = SkillGap, "skill-gaps", "skill gap"


class ActionCreateView(RecordFormMixin, CreateView):
    model, form_class, section, noun = Action, ActionForm, "actions", "action"

    def get_initial(self):
        meeting = self.request.GET.get("meeting")
        return {"meeting": meeting} if meeting and meeting.isdigit() else {}


class ActionUpdateView(RecordFormMixin, UpdateView):
    model, form_class, section, noun = Action, ActionForm, "actions", "action"


class ActionDeleteView(RecordDeleteView):
    model, section, noun = Action, "actions", "action"


# --- Outcome reports ---------------------------------------------------------------------------------------------


class OutcomeReportCreateView(PartnershipAccessMixin, FormView):
    """Pick a recent half-year the partnership has not reported on. Showing the page writes nothing; the half-year's
    row is created when the report is started."""

    form_class = OutcomeReportStartForm
    template_name = "partnerships/outcomereport_start.html"

    def get_form_kwargs(self):
        taken = set(self.partnership.outcome_reports.values_list("period__start", flat=True))
        periods = [period for period in selectors.recent_periods() if period.start not in taken]
        return {**super().get_form_kwargs(), "periods": periods}

    def get_initial(self):
        return {"period": selectors.last_ended_period().start.isoformat()}

    def form_valid(self, form):
        period = services.reporting_period_get(day=form.cleaned_data["period"])
        report = services.outcome_report_start(partnership=self.partnership, period=period, user=self.request.user)
        return redirect("partnerships:report_update", self.partnership.pk, report.pk)


class OutcomeReportMixin(PartnershipAccessMixin):
    def get_report(self):
        queryset = self.partnership.outcome_reports.select_related("period", "submitted_by", "reviewed_by")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


class OutcomeReportDetailView(ObjectActionsMixin, OutcomeReportMixin, TemplateView):
    """A report's values and narrative; staff accept or return it here (the review URL posts to this page, with
    `access="staff"`)."""

    access = "read"
    template_name = "partnerships/outcomereport_detail.html"
    # Who may review is the partnership's access rule (PartnershipAccessMixin.access), not a role.
    actions = {"review": ObjectAction(ReviewForm, "review_form", ())}

    def get_action_target(self):
        self.object = self.get_report()
        return self.object

    def perform_review(self, form):
        comments = form.cleaned_data["comments"]
        if self.request.POST.get("decision") == "accept":
            services.outcome_report_accept(report=self.object, user=self.request.user, comments=comments)
            messages.success(self.request, "The report is accepted.")
        else:
            services.outcome_report_return(report=self.object, user=self.request.user, comments=comments)
            messages.success(self.request, "The report is returned to the convener.")
        return redirect(self.object)

    def get_context_data(self, **kwargs):
        report = getattr(self, "object", None) or self.get_report()
        is_staff = self.request.user.is_program_staff
        values = {v.metric_id: v.value for v in OutcomeValue.objects.filter(report=report)}
        metrics = OutcomeMetric.objects.filter(is_active=True) | OutcomeMetric.objects.filter(pk__in=values)
        return super().get_context_data(
            report=report,
            rows=[(metric, values.get(metric.pk)) for metric in metrics.distinct()],
            can_edit=can_edit(self.request.user, self.partnership),
            review_form=kwargs.pop("review_form", None)
            or (ReviewForm() if is_staff and report.status == ReportStatus.SUBMITTED else None),
            **kwargs,
        )


class OutcomeReportUpdateView(OutcomeReportMixin, ServiceFormMixin, FormView):
    """Enter the report's values and narrative; "Save and submit" hands it to staff in the same step."""

    form_class = OutcomeReportForm
    template_name = "partnerships/outcomereport_form.html"

    @cached_property
    def report(self):
        report = self.get_report()
        if not report.is_editable:
            raise PermissionDenied("This report is submitted or accepted and can no longer be changed.")
        return report

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "metrics": OutcomeMetric.objects.active(),
            "report": self.report,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)

    def perform(self, form):
        # The values are saved even when the submission is refused: the convener keeps what they entered.
        report = services.outcome_report_save(
            report=self.report, values=form.metric_values(), narrative=form.narrative(), user=self.request.user
        )
        if "submit" in self.request.POST:
            services.outcome_report_submit(report=report, user=self.request.user)
            messages.success(self.request, "The report is submitted to program staff.")
        else:
            messages.success(self.request, "The draft is saved.")
        return redirect(report)


class OutcomeReportSubmitView(OutcomeReportMixin, View):
    def post(self, request, *args, **kwargs):
        report = self.get_report()
        try:
            services.outcome_report_submit(report=report, user=request.user)
        except ValidationError as error:
            flash_service_errors(request, error)
        else:
            messages.success(request, "The report is submitted to program staff.")
        return redirect(report)


class DueReportsView(LoginRequiredMixin, TemplateView):
    """Reports falling due: staff see every partnership's, conveners their own."""

    template_name = "partnerships/outcomereport_due.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        period, owing = services.due_reports(user=None if user.is_program_staff else user)
        awaiting = (
            OutcomeReport.objects.awaiting_review().select_related("partnership", "period")
            if user.is_program_staff
            else OutcomeReport.objects.none()
        )
        return super().get_context_data(
            period=period,
            owing=owing,
            overdue=period.due_on < timezone.localdate(),
            awaiting=list(awaiting[:100]),
            **kwargs,
        )


class OutcomeMetricListView(StaffRequiredMixin, ListView):
    model = OutcomeMetric
    paginate_by = 50


class OutcomeMetricCreateView(StaffRequiredMixin, CreateView):
    model = OutcomeMetric
    form_class = OutcomeMetricForm

    def get_success_url(self):
        return reverse("partnerships:metric_list")


class OutcomeMetricUpdateView(OutcomeMetricCreateView, UpdateView):
    pass


# --- Priority designation and support ----------------------------------------------------------------------------


class PriorityDesignateView(PartnershipAccessMixin, FormView):
    access = "staff"
    form_class = PriorityDesignationForm
    template_name = "partnerships/prioritydesignation_form.html"

    def get_initial(self):
        designation = PriorityDesignation.objects.filter(partnership=self.partnership).first()
        return {"rationale": designation.rationale} if designation else {}

    def form_valid(self, form):
        services.priority_designate(
            partnership=self.partnership, rationale=form.cleaned_data["rationale"], user=self.request.user
        )
        messages.success(self.request, f"{self.partnership} is designated a priority partnership.")
        return redirect(self.partnership_url("priority"))


class PriorityEndView(PartnershipAccessMixin, View):
    access = "staff"

    def post(self, request, *args, **kwargs):
        designation = get_object_or_404(PriorityDesignation, partnership=self.partnership, ended_on__isnull=True)
        services.priority_end(designation=designation)
        messages.success(request, "The priority designation has ended.")
        return redirect(self.partnership_url("priority"))


class SupportRecordCreateView(RecordFormMixin, CreateView):
    access = "staff"
    form_class, section, noun = SupportRecordForm, "priority", "support record"
    template_name = "partnerships/supportrecord_form.html"

    def get_queryset(self):
        return self.partnership.support_records.all()

    def form_valid(self, form):
        form.instance.recorded_by = self.request.user
        return super().form_valid(form)


class ClusterRankingView(StaffRequiredMixin, TemplateView):
    """Industry clusters ranked by significance in a region (or statewide), from the tool kit's labor-market data."""

    template_name = "partnerships/cluster_ranking.html"

    def get_context_data(self, **kwargs):

        regions = list(Region.objects.all())
        region = next((r for r in regions if r.slug == self.request.GET.get("region")), None)
        rankings = rank_clusters(region)
        partnerships = SectorPartnership.objects.exclude(stage=Stage.INACTIVE)
        if region is not None:
            partnerships = partnerships.in_region(region)
        counts = dict(partnerships.order_by().values_list("cluster_id").annotate(n=Count("pk", distinct=True)))
        rows = [(r, counts.get(r.cluster_id, 0)) for r in rankings]
        return super().get_context_data(
            regions=regions,
            region=region,
            rows=rows,
            has_data=any(r.has_data for r in rankings),
            **kwargs,
        )


# --- The tool kit for a partnership ------------------------------------------------------------------------------


class DocumentPdfView(PartnershipAccessMixin, View):
    """A sample invitation or the launch agenda filled with the partnership's fields, as a PDF."""

    def get(self, request, *args, **kwargs):

        if kwargs["document"] not in DOCUMENTS:
            raise Http404("There is no such document.")
        try:
            content, filename = document_pdf(self.partnership, kwargs["document"])
        except LookupError as error:
            messages.error(request, str(error))
            return redirect(self.partnership_url("toolkit"))
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class LaunchMeetingView(PartnershipAccessMixin, ServiceFormMixin, FormView):
    """Preview the sample agenda filled for this partnership and create its launch meeting from it."""

    form_class = LaunchMeetingForm
    template_name = "partnerships/meeting_launch.html"

    def get_context_data(self, **kwargs):

        agenda = seeded_resource(DOCUMENTS["launch-agenda"][0])
        preview = fill_template(agenda, merge_context(self.partnership)) if agenda else None
        return super().get_context_data(
            agenda_preview=preview, existing_launch=launch_meeting(self.partnership), **kwargs
        )

    def perform(self, form):
        agenda = seeded_resource(DOCUMENTS["launch-agenda"][0])
        if agenda is None:
            raise ValidationError("The tool kit's sample agenda is not loaded yet.")
        data = form.cleaned_data
        context = merge_context(self.partnership, starts_at=data["starts_at"], place=data["place"] or data["link"])
        meeting = services.meeting_create_from_agenda(
            partnership=self.partnership,
            starts_at=data["starts_at"],
            place=data["place"],
            link=data["link"],
            agenda=fill_markdown(agenda.body, context),
        )
        messages.success(self.request, "The launch meeting is created with the filled agenda.")
        return redirect(meeting)


class ToolkitBuildCreateView(PartnershipAccessMixin, View):
    def post(self, request, *args, **kwargs):
        build = services.toolkit_build_request(partnership=self.partnership, user=request.user)
        messages.info(request, "The customized tool kit is being built.")
        return redirect(build)


class ToolkitBuildDetailView(PartnershipAccessMixin, DetailView):
    """The build's progress; htmx polls the partial until the PDF is ready."""

    template_name = "partnerships/toolkitbuild_detail.html"

    def get_queryset(self):
        return ToolkitBuild.objects.visible_to(self.request.user).filter(partnership=self.partnership)

    def get_template_names(self):
        if self.request.htmx:
            return ["partnerships/partials/toolkitbuild_status.html"]
        return [self.template_name]


class ToolkitBuildDownloadView(PartnershipAccessMixin, View):
    def get(self, request, *args, **kwargs):

        queryset = ToolkitBuild.objects.visible_to(request.user).filter(partnership=self.partnership)
        build = get_object_or_404(queryset, pk=kwargs["pk"], status=JobStatus.SUCCEEDED)
        return protected_file_response(build.file, filename=f"toolkit-{self.partnership.pk}.pdf")
