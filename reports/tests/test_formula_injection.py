"""Text people type never becomes a live formula in a spreadsheet the portal writes (OWASP's CSV injection).

Organisations, partnerships, credentials, programs and occupations are named like formulas; every CSV and XLSX
download that shows them (every report kind, the partnership list, the cluster profile) is read back with the csv
module and openpyxl, as Excel or LibreOffice would open it.
"""

import csv
import io
from datetime import date
from decimal import Decimal, InvalidOperation

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.renderers import FORMULA_STARTS
from core.testing.factories import EmployerFactory, IndustryClusterFactory, OrganizationFactory, ProviderFactory
from credentials.models import ApplicationStatus
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    AwardFactory,
    ClosedRoundFactory,
    CredentialFactory,
)
from partnerships.tests.factories import MembershipFactory, ReportingPeriodFactory, SectorPartnershipFactory
from reports.tests.rendering import build
from toolkit.models import ClusterOccupation
from toolkit.tests.factories import (
    ClusterOccupationFactory,
    OccupationEstimateFactory,
    OccupationFactory,
    PortalStateFactory,
    TrainingProgramFactory,
)
from workbased_learning.tests.factories import CTEProgramFactory, PlacementFactory

NAMES = ['=HYPERLINK("http://example.invalid/x","Open")', "+1", "@SUM(A1)", "-2+3"]


@pytest.fixture
def world(db):
    """Every kind of record a download lists, each named like a formula."""
    employers = [EmployerFactory(name=name) for name in NAMES]
    round = ClosedRoundFactory(total_budget=Decimal("100000.00"), name=NAMES[3])
    for index, employer in enumerate(employers):
        application = ApplicationFactory(organization=employer, round=round, status=ApplicationStatus.AWARDED)
        line = ApplicationLineFactory(
            application=application, credential=CredentialFactory(title=NAMES[index], issuing_body=NAMES[index])
        )
        AwardFactory(line=line, amount=Decimal("1500.00"))
    period = ReportingPeriodFactory(start=date(2026, 1, 1))
    convener = OrganizationFactory(name=f"{NAMES[0]} convener")
    partnership = SectorPartnershipFactory(name=NAMES[0], convener=convener)
    for employer in employers:
        MembershipFactory(partnership=partnership, organization=employer)
    SectorPartnershipFactory(name=NAMES[2])

    ClusterOccupation.objects.all().delete()
    cluster = IndustryClusterFactory(slug="formulas", name="Formulas")
    state = PortalStateFactory()
    for index, name in enumerate(NAMES):
        occupation = OccupationFactory(soc_code=f"99-90{index}1", title=name)
        ClusterOccupationFactory(cluster=cluster, occupation=occupation)
        OccupationEstimateFactory(area=state, occupation=occupation, employment=100 + index, annual_median="50000")
        TrainingProgramFactory(name=name, provider=ProviderFactory(name=f"{name} provider"), soc_codes=["99-9001"])
    for name in NAMES:
        PlacementFactory(program=CTEProgramFactory(name=name, provider=ProviderFactory(name=f"{name} college")))
    return {"round": round, "partnership": partnership, "period": period, "cluster": cluster}


def report_parameters(world):
    return {
        "credential-round": {"round": world["round"].pk},
        "labor-market-profile": {"cluster": world["cluster"].pk},
        "organisations": {},
        "partnership-outcomes": {"partnership": world["partnership"].pk, "period": world["period"].pk},
        "statewide-summary": {"period": world["period"].pk},
        "work-based-learning": {},
    }


def is_number(text):
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def assert_csv_is_safe(content):
    """No cell a spreadsheet would run; the names are there as text, quoted with an apostrophe."""
    cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
    runnable = [cell for cell in cells if cell.startswith(FORMULA_STARTS) and not is_number(cell)]
    assert runnable == []
    quoted = {cell for cell in cells if cell.startswith("'")}
    assert any(cell.removeprefix("'").startswith(tuple(NAMES)) for cell in quoted), "no name reached the file"
    return cells


def assert_xlsx_is_safe(content):
    """No formula cell anywhere; the names come back as the very text people typed, stored as strings."""
    book = load_workbook(io.BytesIO(content))
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.add(cell.value)
                    if cell.value.startswith(FORMULA_STARTS):
                        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    assert any(text.startswith(tuple(NAMES)) for text in texts), "no name reached the file"
    return book


def test_every_report_kind_writes_names_as_text(world, people):
    for kind, parameters in report_parameters(world).items():
        csv_content, _ = build(kind, parameters, people.staff, fmt="csv")
        assert_csv_is_safe(csv_content)
        xlsx_content, _ = build(kind, parameters, people.staff, fmt="xlsx")
        assert_xlsx_is_safe(xlsx_content)


def test_the_organisations_report_keeps_the_hyperlink_name_as_text(world, people):
    content, _ = build("organisations", {}, people.staff, fmt="xlsx")
    book = assert_xlsx_is_safe(content)
    values = [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert NAMES[0] in values and "+1" in values and "@SUM(A1)" in values and "-2+3" in values
    cells = assert_csv_is_safe(build("organisations", {}, people.staff, fmt="csv")[0])
    assert {"'" + name for name in NAMES} <= set(cells)


def test_the_partnership_list_writes_names_as_text(world, client, people):
    client.force_login(people.staff)
    response = client.get(reverse("partnerships:export"))
    cells = assert_csv_is_safe(b"".join(response.streaming_content))
    assert "'" + NAMES[0] in cells and "'" + NAMES[2] in cells


def test_the_cluster_profile_writes_names_as_text_and_numbers_as_numbers(world, client):
    url = reverse("toolkit:cluster_download", args=[world["cluster"].slug])
    cells = assert_csv_is_safe(b"".join(client.get(url).streaming_content))
    assert {"'" + name for name in NAMES} <= set(cells)
    book = assert_xlsx_is_safe(client.get(url, {"format": "xlsx"}).content)
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert {row[1] for row in rows} == set(NAMES)
    # Employment and wages stay numbers a spreadsheet can sum.
    assert all(isinstance(row[2], int) and isinstance(row[5], int | float) for row in rows)
