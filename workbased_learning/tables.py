"""Sortable tables of work-based learning."""

import django_tables2 as tables
from django.utils.html import format_html

from core.money import format_money
from core.tables import Table, of_this_page
from workbased_learning.models import CTEProgram, IncentiveApplication, Opportunity, Placement


class OpportunityTable(Table):
    title = tables.Column(linkify=True)
    host = tables.Column(verbose_name="Host employer")
    county = tables.Column(accessor="host__county", verbose_name="County", order_by="host__county__name")
    places = tables.Column(verbose_name="Places taken", orderable=False, empty_values=())

    class Meta:
        model = Opportunity
        fields = ["title", "host", "type", "modality", "county", "paid", "hours_target", "places", "status"]
        empty_text = "No opportunity matches. Clear the filters, or (host employers) add one with New opportunity."

    def render_places(self, record):
        counted = of_this_page(self, Opportunity.objects.with_counts)[record.pk]
        return f"{counted.active_count} of {record.capacity}"


class PlacementTable(Table):
    learner_ref = tables.Column(linkify=True, verbose_name="Learner id")
    opportunity = tables.Column(verbose_name="Opportunity")
    host = tables.Column(accessor="opportunity__host", verbose_name="Host employer", orderable=False)
    modality = tables.Column(accessor="opportunity__modality", verbose_name="Modality")
    program = tables.Column(verbose_name="CTE program")
    approved_hours = tables.Column(verbose_name="Approved hours", orderable=False, empty_values=())

    class Meta:
        model = Placement
        fields = ["learner_ref", "opportunity", "host", "modality", "program", "start_date", "end_date",
                  "approved_hours", "status"]  # fmt: skip
        empty_text = "No placements yet. Providers place a learner from an open opportunity's page."

    def render_modality(self, record):
        return record.opportunity.get_modality_display()

    def render_approved_hours(self, record):
        summed = of_this_page(self, Placement.objects.with_hours)[record.pk]
        return f"{summed.approved_hours:g} of {record.opportunity.hours_target}"


class CTEProgramTable(Table):
    name = tables.Column(linkify=True)
    placement_count = tables.Column(verbose_name="Placements", orderable=False)

    class Meta:
        model = CTEProgram
        fields = ["name", "provider", "career_field", "pathway", "state_approved", "county", "placement_count"]
        empty_text = "No programs yet. Add one with New program."


class IncentiveApplicationTable(Table):
    id = tables.Column(linkify=True, verbose_name="Application")
    program_year = tables.Column(verbose_name="Year", accessor="program_year__year")
    learner_count = tables.Column(verbose_name="Learners", orderable=False, empty_values=())
    requested_total = tables.Column(verbose_name="Credit requested", orderable=False, empty_values=())
    approved_total = tables.Column(verbose_name="Credit approved", orderable=False, empty_values=())
    decision_due_on = tables.Column(verbose_name="Decision due")

    class Meta:
        model = IncentiveApplication
        fields = ["id", "employer", "program_year", "status", "submitted_at", "decision_due_on", "learner_count",
                  "requested_total", "approved_total"]  # fmt: skip
        empty_text = "No incentive applications yet. Host employers apply once their learners' hours are approved."

    def render_id(self, value):
        return f"#{value}"

    def render_learner_count(self, record):
        return self._summed(record).learner_count

    def render_requested_total(self, record):
        return f"{format_money(self._summed(record).requested_total)}"

    def render_approved_total(self, record):
        return f"{format_money(self._summed(record).approved_total)}"

    def _summed(self, record):
        return of_this_page(self, IncentiveApplication.objects.with_totals)[record.pk]

    def render_decision_due_on(self, record, value):
        if record.is_overdue():
            return format_html('{} <span class="badge text-bg-danger">Overdue</span>', value)
        return value
