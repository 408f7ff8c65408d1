"""The CTE program picker: an opportunity names the programs whose learners it suits, chosen by typing part of a
program's or its provider's name (core.widgets) instead of from a list of every program in the state."""

from django.db.models import Q
from django.template.loader import render_to_string

from core.permissions import RoleRequiredMixin
from core.roles import Role
from core.views import ChoicesView
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


class ProgramChoicesView(RoleRequiredMixin, ChoicesView):
    """The program picker's options: programs whose name, or whose provider's name, contains what was typed. Staff
    and employers, who pick programs for opportunities, may ask."""

    picker_class = ProgramPicker
    noun, noun_plural = "CTE program", "CTE programs"
    hint = "Type at least two letters of the program's or the provider's name."
    roles = (Role.STAFF, Role.EMPLOYER)

    def matching(self, query):
        programs = CTEProgram.objects.filter(Q(name__icontains=query) | Q(provider__name__icontains=query))
        return programs.select_related("provider").order_by("name", "pk")
