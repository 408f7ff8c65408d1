"""The CTE program picker: an opportunity names the programs whose learners it suits, chosen by typing part of a
program's or its provider's name (core.widgets) instead of from a list of every program in the state."""

from django.db.models import Q
from django.template.loader import render_to_string
from django.views.generic import TemplateView

from core.permissions import RoleRequiredMixin
from core.widgets import MultiplePicker
from workbased_learning.models import CTEProgram


class ProgramPicker(MultiplePicker):
    choices_url_name = "workbased_learning:program_choices"
    placeholder = "Type part of the program's or the provider's name"
    nothing_chosen = "No program chosen yet."

    def chosen_rows(self, ids):
        return CTEProgram.objects.select_related("provider").filter(pk__in=ids)

    def label(self, program):
        return f"{program.name} ({program.provider})"

    def summary(self, program):
        return render_to_string("workbased_learning/partials/program_choice_summary.html", {"program": program})


class ProgramChoicesView(RoleRequiredMixin, TemplateView):
    """The program picker's options (htmx): the few programs whose name, or whose provider's name, contains what was
    typed. Staff and employers, who pick programs for opportunities, may ask."""

    template_name = "workbased_learning/partials/program_choices.html"
    limit = 10

    def has_access(self, user):
        return user.is_program_staff or user.is_employer

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        programs = []
        if len(query) >= 2:
            matching = CTEProgram.objects.filter(Q(name__icontains=query) | Q(provider__name__icontains=query))
            programs = list(matching.select_related("provider").order_by("name", "pk")[: self.limit])
        listbox_id = self.request.GET.get("listbox", "")
        return super().get_context_data(
            query=query,
            programs=programs,
            limit=self.limit,
            listbox_id=listbox_id if listbox_id.replace("_", "").isalnum() else "id_programs_listbox",
            **kwargs,
        )
