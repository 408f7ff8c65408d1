"""The labor-market profile report, checked against the estimates and postings behind it."""

from decimal import Decimal

import pytest

from core.testing.factories import IndustryClusterFactory
from reports.tests.rendering import body, column_sum, summary, workbook
from toolkit.models import ClusterOccupation
from toolkit.tests.factories import (
    ClusterOccupationFactory,
    JobPostingFactory,
    OccupationEstimateFactory,
    OccupationFactory,
    PortalStateFactory,
    TrainingProgramFactory,
)


@pytest.fixture
def cluster(db):
    ClusterOccupation.objects.all().delete()
    cluster = IndustryClusterFactory(slug="machines", name="Machines")
    state = PortalStateFactory()
    made = [
        ("51-4041", "Machinists", 3000, "60000", 40),
        ("51-4121", "Welders", 1000, "48000", 25),
        ("51-9061", "Inspectors", 500, "45000", 0),
    ]
    for soc, title, employment, wage, postings in made:
        occupation = OccupationFactory(soc_code=soc, title=title)
        ClusterOccupationFactory(cluster=cluster, occupation=occupation)
        OccupationEstimateFactory(area=state, occupation=occupation, employment=employment, annual_median=wage)
        if postings:
            JobPostingFactory(occupation=occupation, postings=postings)
    TrainingProgramFactory(name="Machining certificate", soc_codes=["51-4041"])
    TrainingProgramFactory(name="Welding", soc_codes=["51-4121", "51-4122"])
    TrainingProgramFactory(name="Nursing", soc_codes=["29-1141"])  # another cluster's
    return cluster


def test_labor_market_profile_numbers(cluster, people):
    sheets = workbook("labor-market-profile", {"cluster": cluster.pk}, people.staff)
    headlines = summary(sheets)
    _, occupations, total = body(sheets["Key occupations"])
    assert [row[0] for row in occupations] == ["51-4041", "51-4121", "51-9061"]
    assert column_sum(occupations, 2) == total[2] == headlines["Employment in key occupations"] == 4500
    assert column_sum(occupations, 9) == total[9] == 65
    weighted = sum(Decimal(str(row[5])) * row[2] for row in occupations) / column_sum(occupations, 2)
    assert headlines["Employment-weighted median annual wage"] == pytest.approx(float(weighted), abs=0.01)
    demand = sheets["In most demand"][1:]
    assert [row[3] for row in demand][:2] == ["51-4041", "51-4121"]
    programs = sheets["Training programs"][1:]
    assert sorted(row[0] for row in programs) == ["Machining certificate", "Welding"]


def test_profile_without_data_says_so(db, people):
    cluster = IndustryClusterFactory(slug="empty-cluster", name="Empty")
    sheets = workbook("labor-market-profile", {"cluster": cluster.pk}, people.staff)
    assert summary(sheets)["Key occupations"] == 0
