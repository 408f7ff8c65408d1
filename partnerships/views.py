"""Pages for partnerships. Views are thin: pick the queryset scoped to the user, call a service, render.

Access: `SectorPartnership.objects.visible_to(user)` decides who reads a partnership (others get a 404) and
`editable_by(user)` who changes its records (a reader who may not edit gets a 403).
"""

import csv
from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, FormView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.downloads import protected_file_response
from core.models import JobStatus, Region
from core.permissions import StaffRequiredMixin
from partnerships import services
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
    EXPECTED_KINDS,
    Action,
    Contact,
    Meeting,
    Membership,
    OutcomeMetric,
    OutcomeReport,
    OutcomeValue,
    PriorityDesignation,
    ReportingPeriod,
    SectorPartnership,
    SkillGap,
    StakeholderKind,
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


class Echo:
    def write(self, value):
        return value


class PartnershipExportView(LoginRequiredMixin, View):
    """The filtered partnership list as CSV, streamed."""

    HEADER = ["Name", "Cluster", "Scope", "Regions", "Stage", "Convener", "Members", "Priority", "Launch date"]

    def get(self, request):
        filterset = PartnershipFilter(request.GET, queryset=partnership_list_queryset(request.user), request=request)
        rows = filterset.qs.order_by("name")
        writer = csv.writer(Echo())

        def lines():
            yield writer.writerow(self.HEADER)
            for p in rows.iterator(chunk_size=2000):
                designation = getattr(p, "priority_designation", None)
                yield writer.writerow(
                    [
                        p.name,
                        p.cluster.name,
                        p.get_scope_display(),
                        p.region_names(),
                        p.get_stage_display(),
                        p.convener.name if p.convener else "",
                        p.member_count,
                        "yes" if designation and designation.is_current else "no",
                        p.launch_date.isoformat() if p.launch_date else "",
                    ]
                )

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="partnerships-{timezone.localdate()}.csv"'
        return response


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
        memberships = list(p.memberships.select_related("organization").order_by("organization__name"))
        current = [m for m in memberships if m.is_current]
        groups = []
        for kind in StakeholderKind:
            members = [m for m in current if m.kind == kind]
            if members:
                groups.append({"kind": kind, "members": members})
        present = {m.kind for m in current}
        warnings = [text for kind, text in EXPECTED_KINDS.items() if kind not in present]
        designation = PriorityDesignation.objects.filter(partnership=p).select_related("designated_by").first()
        reports = list(
            p.outcome_reports.select_related("period", "submitted_by", "reviewed_by").annotate(
                value_count=Count("values")
            )
        )
        stage_changes = list(p.stage_changes.select_related("changed_by"))
        support_records = list(p.support_records.select_related("provided_by", "recorded_by"))
        meetings = list(p.meetings.annotate(attendee_count=Count("attendees")))
        contacts = list(p.contacts.select_related("organization"))
        context = super().get_context_data(
            partnership=p,
            can_edit=editable,
            is_staff=user.is_program_staff,
            regions=list(p.regions.all()),
            stakeholder_groups=groups,
            stakeholder_warnings=warnings,
            former_members=[m for m in memberships if not m.is_current],
            contacts=contacts,
            contact_emails=",".join(c.email for c in contacts if c.email),
            meetings=meetings,
            skill_gaps=list(p.skill_gaps.all()),
            actions=list(p.actions.select_related("owner", "meeting")),
            reports=reports,
            designation=designation,
            support_records=support_records,
            history=partnership_history(stage_changes, reports, support_records, meetings),
            stage_form=StageChangeForm(partnership=p) if user.is_program_staff else None,
            cluster_profile_url=cluster_profile_url(p),
            programs=list(programs_for_gaps(p)),
            toolkit_builds=list(p.toolkit_builds.all()[:5]) if editable else [],
            **kwargs,
        )
        return context


def partnership_history(stage_changes, reports, support_records, meetings):
    """[(when, text)] newest first: stage moves, reports filed and reviewed, support given, meetings held."""
    events = []
    for change in stage_changes:
        if change.from_stage:
            text = f"Moved from {change.get_from_stage_display()} to {change.get_to_stage_display()}"
        else:
            text = f"Created as {change.get_to_stage_display().lower()}"
        if change.changed_by:
            text += f" by {change.changed_by}"
        events.append((change.changed_at, text + (f": {change.note}" if change.note else "")))
    for report in reports:
        if report.submitted_at:
            events.append((report.submitted_at, f"Outcome report for {report.period} submitted"))
        if report.reviewed_at:
            status = report.get_status_display().lower()
            events.append((report.reviewed_at, f"Outcome report for {report.period} {status}"))
    for record in support_records:
        when = timezone.make_aware(datetime.combine(record.provided_on, time.min))
        events.append((when, f"Support given: {record.get_kind_display()}"))
    now = timezone.now()
    for meeting in meetings:
        if meeting.starts_at <= now:
            events.append((meeting.starts_at, f"{meeting.get_kind_display()} held"))
    return sorted(events, key=lambda event: event[0], reverse=True)


class StageChangeView(PartnershipAccessMixin, FormView):
    access = "staff"
    form_class = StageChangeForm
    template_name = "partnerships/stagechange_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def form_valid(self, form):
        try:
            change = services.partnership_change_stage(
                partnership=self.partnership,
                to_stage=form.cleaned_data["to_stage"],
                note=form.cleaned_data["note"],
                user=self.request.user,
            )
        except ValidationError as error:
            form.add_error("to_stage", error.message_dict.get("to_stage", error.messages))
            return self.form_invalid(form)
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


def recent_periods(count=4):
    """The current half-year and the ones before it, created on first use."""
    today = timezone.localdate()
    periods = [services.reporting_period_get(day=today)]
    while len(periods) < count:
        periods.append(services.reporting_period_get(day=periods[-1].start - timedelta(days=1)))
    return ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods])


class OutcomeReportCreateView(PartnershipAccessMixin, FormView):
    form_class = OutcomeReportStartForm
    template_name = "partnerships/outcomereport_start.html"

    def get_form_kwargs(self):
        taken = self.partnership.outcome_reports.values("period")
        return {**super().get_form_kwargs(), "periods": recent_periods().exclude(pk__in=taken)}

    def get_initial(self):
        return {"period": services.reporting_period_last_ended()}

    def form_valid(self, form):
        report = services.outcome_report_start(
            partnership=self.partnership, period=form.cleaned_data["period"], user=self.request.user
        )
        return redirect("partnerships:report_update", self.partnership.pk, report.pk)


class OutcomeReportMixin(PartnershipAccessMixin):
    def get_report(self):
        queryset = self.partnership.outcome_reports.select_related("period", "submitted_by", "reviewed_by")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


class OutcomeReportDetailView(OutcomeReportMixin, TemplateView):
    access = "read"
    template_name = "partnerships/outcomereport_detail.html"

    def get_context_data(self, **kwargs):
        report = self.get_report()
        values = {v.metric_id: v.value for v in OutcomeValue.objects.filter(report=report)}
        metrics = OutcomeMetric.objects.filter(is_active=True) | OutcomeMetric.objects.filter(pk__in=values)
        return super().get_context_data(
            report=report,
            rows=[(metric, values.get(metric.pk)) for metric in metrics.distinct()],
            can_edit=can_edit(self.request.user, self.partnership),
            review_form=ReviewForm() if self.request.user.is_program_staff else None,
            **kwargs,
        )


class OutcomeReportUpdateView(OutcomeReportMixin, FormView):
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

    def form_valid(self, form):
        report = services.outcome_report_save(
            report=self.report, values=form.metric_values(), narrative=form.narrative(), user=self.request.user
        )
        if "submit" in self.request.POST:
            try:
                services.outcome_report_submit(report=report, user=self.request.user)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
                return self.form_invalid(form)
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
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "The report is submitted to program staff.")
        return redirect(report)


class OutcomeReportReviewView(OutcomeReportMixin, View):
    access = "staff"

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        form = ReviewForm(request.POST)
        form.is_valid()
        comments = form.cleaned_data.get("comments", "")
        try:
            if request.POST.get("decision") == "accept":
                services.outcome_report_accept(report=report, user=request.user, comments=comments)
                messages.success(request, "The report is accepted.")
            else:
                services.outcome_report_return(report=report, user=request.user, comments=comments)
                messages.success(request, "The report is returned to the convener.")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
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
        partnerships = SectorPartnership.objects.exclude(stage="inactive")
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


class LaunchMeetingView(PartnershipAccessMixin, FormView):
    """Preview the sample agenda filled for this partnership and create its launch meeting from it."""

    form_class = LaunchMeetingForm
    template_name = "partnerships/meeting_launch.html"

    def get_context_data(self, **kwargs):

        agenda = seeded_resource(DOCUMENTS["launch-agenda"][0])
        preview = fill_template(agenda, merge_context(self.partnership)) if agenda else None
        return super().get_context_data(
            agenda_preview=preview, existing_launch=launch_meeting(self.partnership), **kwargs
        )

    def form_valid(self, form):

        agenda = seeded_resource(DOCUMENTS["launch-agenda"][0])
        if agenda is None:
            form.add_error(None, "The tool kit's sample agenda is not loaded yet.")
            return self.form_invalid(form)
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
