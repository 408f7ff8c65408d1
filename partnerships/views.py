from django.views.generic import DetailView, ListView

from core.permissions import StaffRequiredMixin
from partnerships.models import SectorPartnership


class PartnershipListView(StaffRequiredMixin, ListView):
    queryset = SectorPartnership.objects.select_related("cluster", "convener")
    paginate_by = 25


class PartnershipDetailView(StaffRequiredMixin, DetailView):
    queryset = SectorPartnership.objects.select_related("cluster", "convener")


class DirectoryView(ListView):
    """The public directory of partnerships."""

    queryset = SectorPartnership.objects.select_related("cluster", "convener")
    template_name = "partnerships/directory.html"
    paginate_by = 25
