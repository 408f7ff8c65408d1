"""The partnership picker: a record that may belong to a sector partnership (an opportunity, for one) names it by
typing part of its name (core.widgets) instead of from a list of every partnership in the state."""

from django.template.loader import render_to_string
from django.views.generic import TemplateView

from core.permissions import RoleRequiredMixin
from core.widgets import Picker
from partnerships.models import SectorPartnership


class PartnershipPicker(Picker):
    choices_url_name = "partnerships:partnership_choices"
    placeholder = "Type part of the partnership's name"
    nothing_chosen = "No partnership chosen."

    def chosen_rows(self, ids):
        return SectorPartnership.objects.select_related("cluster").filter(pk__in=ids)

    def summary(self, partnership):
        return render_to_string("partnerships/partials/partnership_choice_summary.html", {"partnership": partnership})


class PartnershipChoicesView(RoleRequiredMixin, TemplateView):
    """The partnership picker's options (htmx): the few partnerships whose name contains what was typed. Their names
    and clusters are in the public directory; every signed-in user may ask."""

    template_name = "partnerships/partials/partnership_choices.html"
    limit = 10

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        partnerships = []
        if len(query) >= 2:
            matching = SectorPartnership.objects.filter(name__icontains=query).select_related("cluster")
            partnerships = list(matching.order_by("name", "pk")[: self.limit])
        listbox_id = self.request.GET.get("listbox", "")
        return super().get_context_data(
            query=query,
            partnerships=partnerships,
            limit=self.limit,
            listbox_id=listbox_id if listbox_id.replace("_", "").isalnum() else "id_partnership_listbox",
            **kwargs,
        )
