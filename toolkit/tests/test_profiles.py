from datetime import date
from decimal import Decimal

import pytest

from core.models import County, Region
from core.testing.factories import IndustryClusterFactory
from toolkit.models import ClusterOccupation
from toolkit.profiles import cluster_profile, rank_clusters
from toolkit.tests.factories import (
    AreaFactory,
    ClusterOccupationFactory,
    JobPostingFactory,
    OccupationEstimateFactory,
    OccupationFactory,
    PortalStateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster():
    ClusterOccupation.objects.all().delete()
    cluster = IndustryClusterFactory(slug="machines", name="Machines")
    machinists = OccupationFactory(soc_code="51-4041", title="Machinists")
    welders = OccupationFactory(soc_code="51-4121", title="Welders")
    ClusterOccupationFactory(cluster=cluster, occupation=machinists)
    ClusterOccupationFactory(cluster=cluster, occupation=welders)
    state = PortalStateFactory()
    OccupationEstimateFactory(area=state, occupation=machinists, employment=3000, annual_median="60000",
                              location_quotient="1.50")  # fmt: skip
    OccupationEstimateFactory(area=state, occupation=welders, employment=1000, annual_median=None,
                              top_coded=["annual_median"], location_quotient="0.50")  # fmt: skip
    OccupationEstimateFactory(area=state, occupation=machinists, year=2024, employment=1)
    return cluster


def test_statewide_profile_reads_the_portal_states_latest_year(cluster):
    profile = cluster_profile("machines")
    assert profile.year == 2025 and profile.region_name == "Ohio statewide" and profile.areas == ["Ohio"]
    assert [o.soc_code for o in profile.occupations] == ["51-4041", "51-4121"]
    assert profile.total_employment == 4000
    assert profile.location_quotient == Decimal("1.25")  # (1.5*3000 + 0.5*1000) / 4000
    welders = profile.occupations[1]
    assert welders.median_top_coded and welders.annual_median is None
    assert welders.median_wage_label == "≥ $239,200"
    assert profile.median_wage == Decimal("60000.00")  # the top-coded one has no number to average


def test_region_profile_adds_up_covering_areas_and_weights_wages(cluster):
    central = Region.objects.get(slug="central")
    machinists = cluster.key_occupations.get(occupation__soc_code="51-4041").occupation
    for code, employment, wage in (("18140", 300, "50000"), ("99991", 100, "70000")):
        area = AreaFactory(code=code)
        area.regions.add(central)
        OccupationEstimateFactory(area=area, occupation=machinists, employment=employment, annual_median=wage)
    JobPostingFactory(county=County.objects.get(fips="39049"), occupation=machinists, postings=40,
                      period=date(2025, 6, 1))  # fmt: skip
    JobPostingFactory(
        county=County.objects.get(fips="39049"), occupation=machinists, postings=99, period=date(2024, 5, 1)
    )  # older than 12 months before the latest: not counted
    JobPostingFactory(county=County.objects.get(fips="39035"), occupation=machinists, postings=7)  # northeast
    profile = cluster_profile(cluster, central)
    first = profile.occupations[0]
    assert (first.soc_code, first.employment, first.annual_median) == ("51-4041", 400, Decimal("55000.00"))
    assert first.postings == 40
    assert profile.occupations[1].employment is None
    assert not profile.statewide_fallback
    assert profile.top_demand[0].soc_code == "51-4041"
    assert cluster_profile(cluster).occupations[0].postings == 47  # statewide counts every county


def test_region_without_areas_falls_back_to_statewide(cluster):
    profile = cluster_profile(cluster, "west")
    assert profile.statewide_fallback and profile.total_employment == 4000


def test_profile_table_and_chart_are_plain_data_with_decimal_money(cluster):
    profile = cluster_profile(cluster)
    table = profile.occupations_table()
    rows = list(table.rows)
    assert table.columns[0].label == "SOC code" and rows[0][:3] == ("51-4041", "Machinists", 3000)
    # A top-coded median is no number: the wage cell stays empty and the note says why.
    assert rows[1][5] is None and rows[1][6] == "top-coded"
    money = [value for row in rows for value, column in zip(row, table.columns, strict=True) if column.kind == "money"]
    assert all(value is None or isinstance(value, Decimal) for value in money) and any(money)
    chart = profile.chart_config()
    assert chart["type"] == "bar" and chart["data"]["datasets"][0]["data"] == [3000, 1000]


def test_rank_clusters_orders_by_score_and_puts_clusters_without_data_last(cluster):
    other = IndustryClusterFactory(slug="small", name="Small")
    cooks = OccupationFactory(soc_code="35-2014", title="Cooks")
    ClusterOccupationFactory(cluster=other, occupation=cooks)
    OccupationEstimateFactory(occupation=cooks, employment=100, annual_median="30000", location_quotient="0.40")
    rankings = rank_clusters()
    assert [r.cluster_slug for r in rankings[:2]] == ["machines", "small"]
    # Highest on employment, LQ and wage (80% of the weight); no postings anywhere, so that 20% is nobody's.
    assert rankings[0].score == 80.0 and rankings[1].score == 0.0
    assert rankings[0].rank == 1
    assert all(not r.has_data for r in rankings[2:])
