"""Labor-market profile of an industry cluster, statewide or in one region, from the tool kit's data.

The figures come from toolkit.profiles.cluster_profile (the same numbers the tool kit's profile page shows); the
training programs that prepare for the cluster's key occupations come from the tool kit's program inventory.
"""

from dataclasses import replace

from django import forms

from core.exports import CHUNK_SIZE, Chart, Column, Headline, Table
from core.models import IndustryCluster, Region
from reports.exporters.base import Exporter, ParametersForm, registry
from reports.exporters.common import label_of
from toolkit.models import Modality, TrainingProgram
from toolkit.profiles import cluster_profile


class LaborMarketForm(ParametersForm):
    cluster = forms.ModelChoiceField(IndustryCluster.objects.all(), label="Industry cluster", empty_label="Pick one")
    region = forms.ModelChoiceField(
        Region.objects.all(), required=False, empty_label="Statewide", help_text="Empty for the whole state."
    )


@registry.register
class LaborMarketExporter(Exporter):
    identifier = "labor-market-profile"
    position = 50
    title = "Labor-market profile"
    description = (
        "An industry cluster statewide or in one region: employment, wages, location quotients and job postings "
        "of its key occupations, the occupations in most demand, and the training programs for them."
    )
    form_class = LaborMarketForm

    def profile(self):
        if not hasattr(self, "_profile"):
            self._profile = cluster_profile(self.options["cluster"], self.options.get("region"))
        return self._profile

    def subtitle(self):
        profile = self.profile()
        source = f"BLS OEWS May {profile.year}" if profile.year else "no OEWS estimates loaded yet"
        fallback = f" (no area covers the region: {profile.state_name} statewide)" if profile.statewide_fallback else ""
        return f"{profile.cluster_name}, {profile.region_name}{fallback} · {source}"

    def headlines(self):
        profile = self.profile()
        return [
            Headline("Key occupations", len(profile.occupations)),
            Headline("Employment in key occupations", profile.total_employment),
            Headline(f"Job postings ({profile.postings_label})", profile.total_postings),
            Headline("Employment-weighted median annual wage", profile.median_wage, "money"),
            Headline("Employment-weighted location quotient", profile.location_quotient, "decimal"),
        ]

    def tables(self):
        profile = self.profile()
        demand_rows = [(o.title, o.postings, o.employment, o.soc_code) for o in profile.top_demand]
        return [
            replace(
                profile.occupations_table(),
                totals=(
                    "Total",
                    "",
                    profile.total_employment,
                    None,
                    None,
                    None,
                    "",
                    None,
                    None,
                    profile.total_postings,
                ),
                chart=Chart("Employment by key occupation", label_column=1, value_column=2),
                note="" if profile.has_data else "No labor-market estimates are loaded for this cluster yet.",
            ),
            Table(
                "In most demand",
                [Column("Occupation"), Column("Job postings", "int"), Column("Employment", "int"), Column("SOC code")],
                demand_rows,
                count=len(demand_rows),
                chart=Chart("Job postings, occupations in most demand"),
            ),
            self.programs_table(profile.soc_codes),
        ]

    def programs_table(self, soc_codes):
        programs = TrainingProgram.objects.active().for_occupations(soc_codes)
        if self.options.get("region"):
            programs = programs.in_region(self.options["region"])
        fields = (
            "name",
            "provider__name",
            "county__name",
            "credential_name",
            "cip_code",
            "modality",
            "length_weeks",
            "cost",
            "soc_codes",
        )

        def rows():
            for row in programs.order_by("name", "pk").values_list(*fields).iterator(chunk_size=CHUNK_SIZE):
                yield (*row[:5], label_of(Modality.choices, row[5]), row[6], row[7], ", ".join(row[8]))

        return Table(
            "Training programs",
            [
                Column("Program"),
                Column("Provider"),
                Column("County"),
                Column("Credential awarded"),
                Column("CIP code"),
                Column("Modality"),
                Column("Weeks", "int"),
                Column("Cost", "money"),
                Column("Prepares for (SOC)"),
            ],
            rows(),
            count=programs.count(),
            detail=True,
        )
