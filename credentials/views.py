from django.views.generic import DetailView, ListView, TemplateView

from core.permissions import EmployerRequiredMixin
from credentials.models import Credential


class CredentialSearchView(ListView):
    """The public eligibility check."""

    queryset = Credential.objects.select_related("category")
    template_name = "credentials/credential_search.html"
    paginate_by = 25


class CredentialDetailView(DetailView):
    queryset = Credential.objects.select_related("category")


class EmployerDashboardView(EmployerRequiredMixin, TemplateView):
    template_name = "credentials/employer_dashboard.html"
