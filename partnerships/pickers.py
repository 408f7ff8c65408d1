"""The partnership picker: a record that may belong to a sector partnership (an opportunity, for one) names it by
typing part of its name (core.widgets) instead of from a list of every partnership in the state."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.template.loader import render_to_string

from core.views import ChoicesView
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


class PartnershipChoicesView(LoginRequiredMixin, ChoicesView):
    """The partnership picker's options: partnerships whose name contains what was typed, or words like it when
    misspelt (SectorPartnershipQuerySet.matching), among those the user belongs to (staff: all), since the picker
    is for attaching a record to a partnership, not for browsing."""

    picker_class = PartnershipPicker
    noun, noun_plural = "partnership", "partnerships"
    hint = "Type at least two letters of the partnership's name."

    def matching(self, query):
        partnerships = SectorPartnership.objects.visible_to(self.request.user)
        return partnerships.matching(query).select_related("cluster")
