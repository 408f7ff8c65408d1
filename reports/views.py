"""Pages of the reports app: request a report, follow it, download it; the staff dashboard; organisation overviews."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.downloads import protected_file_response
from core.forms import add_service_errors
from core.models import JobStatus, Organization
from core.permissions import StaffRequiredMixin
from reports import dashboard, overview, services
from reports.exporters import ReportRefused, registry
from reports.filters import ReportFilter
from reports.forms import ReportFormatForm
from reports.models import Report
from reports.tables import ReportTable


class VisibleReportMixin(StaffRequiredMixin):
    """Reports the user may see: their own (and their schedules'), or all for admins. Others are a 404."""

    def get_queryset(self):
        return Report.objects.visible_to(self.request.user).select_related("requested_by", "schedule")

    def get_report(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class ReportListView(VisibleReportMixin, SingleTableMixin, FilterView):
    """The report kinds to pick from, and the user's report jobs with live progress."""

    template_name = "reports/report_list.html"
    table_class = ReportTable
    filterset_class = ReportFilter
    paginate_by = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = list(registry)
        return context


class ReportCreateView(StaffRequiredMixin, FormView):
    """Fill a kind's parameters, pick a format, request the report."""

    template_name = "reports/report_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.exporter_class = registry.get(kwargs["kind"])
        if self.exporter_class is None:
            raise Http404("There is no such report kind.")
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return self.exporter_class.form_class(**self.get_form_kwargs(), user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["exporter"] = self.exporter_class
        context.setdefault("format_form", ReportFormatForm(self.request.POST or None))
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        format_form = ReportFormatForm(request.POST)
        if not (form.is_valid() and format_form.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, format_form=format_form))
        try:
            report = services.report_request(
                kind=self.exporter_class.identifier,
                params=form.to_parameters(),
                fmt=format_form.cleaned_data["format"],
                user=request.user,
            )
        except services.ReportError as error:
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form, format_form=format_form))
        messages.success(request, f"{report.title} is queued. It appears below with its progress.")
        return redirect("reports:list")


class ReportDetailView(VisibleReportMixin, DetailView):
    """One report: its parameters, live state, the download, and why it failed."""

    template_name = "reports/report_detail.html"
    context_object_name = "report"

    def get_object(self, queryset=None):
        return self.get_report()

    def get_template_names(self):
        if self.request.htmx:
            return ["reports/partials/report_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.request.htmx:
            try:
                context["covers"] = services.exporter_for(self.object).subtitle()
            except ReportRefused as refusal:
                context["covers_problem"] = str(refusal)
        return context


class ReportStatusView(ReportDetailView):
    """The status block alone, for htmx polling."""

    def get_template_names(self):
        return ["reports/partials/report_status.html"]


class ReportDownloadView(VisibleReportMixin, View):
    """The report's file, only to someone who may see the report and may still request its kind."""

    def get(self, request, pk):
        report = self.get_report()
        exporter_class = registry.get(report.kind)
        if exporter_class is None or not exporter_class.user_may_request(request.user):
            raise PermissionDenied("You may not have this report.")
        if report.status != JobStatus.SUCCEEDED:
            raise Http404("The report has no file yet.")
        response = protected_file_response(report.file, filename=report.download_name)
        response["Content-Type"] = report.content_type
        return response


class ReportRetryView(VisibleReportMixin, View):
    """Queue a failed report again."""

    def post(self, request, pk):
        report = self.get_report()
        try:
            services.report_retry(report=report, user=request.user)
        except services.ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{report.title} is queued again.")
        return redirect(report)


class StaffDashboardView(StaffRequiredMixin, TemplateView):
    """Program staff's home: partnerships, outcomes, credentials and work-based learning at a glance."""

    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(dashboard.dashboard_context(user=self.request.user))
        return context


class OrganizationOverviewListView(StaffRequiredMixin, FilterView):
    """Find an organisation to see everything the state does with it."""

    template_name = "reports/organization_list.html"
    filterset_class = overview.OrganizationFilter
    paginate_by = 25
    queryset = Organization.objects.select_related("county__region").order_by("name")


class OrganizationOverviewView(StaffRequiredMixin, DetailView):
    """Everything the state does with one organisation: partnerships, credentials, work-based learning."""

    template_name = "reports/organization_detail.html"
    context_object_name = "organization"
    queryset = Organization.objects.select_related("county__region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = overview.organization_sections(self.object)
        return context
