from django.views.generic import TemplateView

from core.permissions import StaffRequiredMixin


class StaffDashboardView(StaffRequiredMixin, TemplateView):
    template_name = "reports/dashboard.html"


class ReportListView(StaffRequiredMixin, TemplateView):
    template_name = "reports/report_list.html"
