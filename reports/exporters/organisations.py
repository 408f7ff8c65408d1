"""Organisations known to the program: every organisation with its place and size, counted by kind and region."""

from django import forms
from django.db.models import Count

from core.exports import CHUNK_SIZE, Chart, Column, Headline, Table
from core.models import Organization, OrganizationKind, Region
from reports.exporters.base import Exporter, ParametersForm, registry


class OrganisationsForm(ParametersForm):
    kind = forms.ChoiceField(choices=[("", "Every kind")] + OrganizationKind.choices, required=False)
    region = forms.ModelChoiceField(Region.objects.all(), required=False, empty_label="Every region")


@registry.register
class OrganisationsExporter(Exporter):
    identifier = "organisations"
    position = 60
    title = "Organisations"
    description = "Every organisation in the portal with its kind, county, region and size, counted by kind."
    form_class = OrganisationsForm

    def queryset(self):
        queryset = Organization.objects.all()
        if self.options.get("kind"):
            queryset = queryset.filter(kind=self.options["kind"])
        if self.options.get("region"):
            queryset = queryset.filter(county__region=self.options["region"])
        return queryset

    def subtitle(self):
        parts = []
        if self.options.get("kind"):
            parts.append(OrganizationKind(self.options["kind"]).label)
        if self.options.get("region"):
            parts.append(str(self.options["region"]))
        return ", ".join(parts) or "All organisations"

    def headlines(self):
        return [Headline("Organisations", self.queryset().count())]

    def tables(self):
        queryset = self.queryset()
        by_kind = list(queryset.order_by("kind").values_list("kind").annotate(n=Count("pk")))
        labels = dict(OrganizationKind.choices)
        total = sum(n for _, n in by_kind)
        return [
            Table(
                "By kind",
                [Column("Kind"), Column("Organisations", "int")],
                [(labels.get(kind, kind), n) for kind, n in by_kind],
                count=len(by_kind),
                totals=("Total", total),
                chart=Chart("Organisations by kind"),
            ),
            Table(
                "Organisations",
                [
                    Column("Name"),
                    Column("Kind"),
                    Column("EIN"),
                    Column("NAICS"),
                    Column("County"),
                    Column("Region"),
                    Column("Employees", "int"),
                ],
                self._rows(queryset, labels),
                count=total,
                detail=True,
            ),
        ]

    @staticmethod
    def _rows(queryset, labels):
        rows = queryset.order_by("name", "pk").values_list(
            "name", "kind", "ein", "naics_code", "county__name", "county__region__name", "employee_count"
        )
        for name, kind, ein, naics, county, region, employees in rows.iterator(chunk_size=CHUNK_SIZE):
            yield (name, labels.get(kind, kind), ein, naics, county, region, employees)
