from django.views.generic import TemplateView

from core.permissions import ProviderRequiredMixin, RoleRequiredMixin


class ProviderDashboardView(ProviderRequiredMixin, TemplateView):
    template_name = "workbased_learning/provider_dashboard.html"


class OpportunityListView(RoleRequiredMixin, TemplateView):
    template_name = "workbased_learning/opportunity_list.html"
