"""The partnership outcomes report and the statewide summary, checked against the records behind them."""

import io
import re
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from partnerships.models import OutcomeMetric, SectorPartnership, Stage
from partnerships.tests.factories import (
    ActionFactory,
    EducationMembershipFactory,
    MeetingFactory,
    MembershipFactory,
    OutcomeMetricFactory,
    OutcomeReportFactory,
    OutcomeValueFactory,
    PriorityDesignationFactory,
    ReportingPeriodFactory,
    SectorPartnershipFactory,
    SkillGapFactory,
    SupportRecordFactory,
)
from reports.tests.rendering import body, build, column_sum, summary, workbook

EASTERN = ZoneInfo("America/New_York")


@pytest.fixture
def periods(db):
    return ReportingPeriodFactory(start=date(2025, 7, 1)), ReportingPeriodFactory(start=date(2026, 1, 1))


@pytest.fixture
def partnership(periods):
    before, now = periods
    partnership = SectorPartnershipFactory(name="Central Ohio Manufacturing", stage=Stage.ACTIVE)
    MembershipFactory.create_batch(3, partnership=partnership)
    MembershipFactory(partnership=partnership, role="employer_champion")
    EducationMembershipFactory(partnership=partnership)
    MembershipFactory(partnership=partnership, left_on=date(2026, 2, 1))  # left: not a current member
    MeetingFactory(partnership=partnership, starts_at=datetime(2026, 3, 5, 10, tzinfo=EASTERN))
    MeetingFactory(partnership=partnership, kind="launch", starts_at=datetime(2026, 1, 20, 9, tzinfo=EASTERN))
    MeetingFactory(partnership=partnership, starts_at=datetime(2025, 9, 1, 9, tzinfo=EASTERN))  # earlier half
    SkillGapFactory(partnership=partnership)
    ActionFactory(partnership=partnership, status="done", completed_on=date(2026, 4, 1))
    ActionFactory(partnership=partnership, status="planned")
    hires, dollars = OutcomeMetricFactory(name="Workers trained"), OutcomeMetricFactory(name="Leveraged funding")
    current = OutcomeReportFactory(partnership=partnership, period=now, status="submitted", challenges="Hiring.")
    OutcomeValueFactory(report=current, metric=hires, value=Decimal("12"))
    OutcomeValueFactory(report=current, metric=dollars, value=Decimal("50000"))
    previous = OutcomeReportFactory(partnership=partnership, period=before, status="accepted")
    OutcomeValueFactory(report=previous, metric=hires, value=Decimal("7"))
    return partnership, hires, dollars


def test_partnership_outcomes_numbers(partnership, periods, people):
    partnership, hires, dollars = partnership
    sheets = workbook("partnership-outcomes", {"partnership": partnership.pk, "period": periods[1].pk}, people.staff)
    headlines = summary(sheets)
    assert headlines["Current members"] == 5
    assert headlines["Meetings in the half-year"] == 2
    assert headlines["Actions done in the half-year"] == 1
    assert headlines["Outcome report"] == "Submitted"

    _, kinds, kinds_total = body(sheets["Stakeholders by kind"])
    _, listed = sheets["Stakeholders"][0], sheets["Stakeholders"][1:]
    current = Counter(row[3] for row in listed if row[5] is None)
    assert {name: n for name, n in kinds if n} == dict(current) == {"Employers": 4, "Education and training": 1}
    assert column_sum(kinds, 1) == kinds_total[1] == 5

    outcomes = {row[0]: row for row in sheets["Outcomes"][1:]}
    assert outcomes["Workers trained"][4:7] == [12, 7, 5]
    assert outcomes["Leveraged funding"][4:7] == [50000, None, None]
    assert len(outcomes) == OutcomeMetric.objects.count()
    assert ["Challenges", "Hiring."] in sheets["Narrative"]
    assert len(sheets["Meetings"]) - 2 == 2  # header and totals around the two meetings of the half-year


def test_statewide_summary_numbers(partnership, periods, people):
    partnership, hires, _ = partnership
    other = SectorPartnershipFactory(stage=Stage.EXPLORING, scope="regional")
    other_report = OutcomeReportFactory(partnership=other, period=periods[1], status="accepted")
    OutcomeValueFactory(report=other_report, metric=hires, value=Decimal("3"))
    draft = OutcomeReportFactory(partnership=SectorPartnershipFactory(), period=periods[1], status="draft")
    OutcomeValueFactory(report=draft, metric=hires, value=Decimal("1000"))  # not filed: not counted
    PriorityDesignationFactory(partnership=partnership)
    SupportRecordFactory.create_batch(2, partnership=partnership)
    SupportRecordFactory(partnership=other, kind="customized_toolkit")

    sheets = workbook("statewide-summary", {"period": periods[1].pk}, people.staff)
    headlines = summary(sheets)
    partnerships = SectorPartnership.objects.count()
    assert headlines["Partnerships"] == partnerships
    assert headlines["Priority partnerships"] == 1
    assert headlines["Outcome reports filed for the half-year"] == 2

    _, listed, listed_total = body(sheets["Partnerships"])
    assert len(listed) == partnerships
    for sheet, column in [("By stage", 4), ("By cluster", 1)]:
        _, groups, total = body(sheets[sheet])
        counted = Counter(row[column] for row in listed)
        assert {name: n for name, n in groups if n} == dict(counted), sheet
        assert column_sum(groups, 1) == total[1] == partnerships
    assert column_sum(listed, 6) == listed_total[6]

    totals = {row[0]: row for row in sheets["Outcome totals"][1:]}
    assert totals["Workers trained"][4:7] == [15, 7, 8]

    _, priority, priority_total = body(sheets["Priority partnerships"])
    assert [row[0] for row in priority] == [partnership.name]
    assert priority_total[5] == 2
    _, support_kinds, support_total = body(sheets["Support by kind"])
    assert column_sum(support_kinds, 1) == support_total[1] == len(sheets["Support given"]) - 1 == 3


def test_summary_without_any_period_still_renders(db, people):
    SectorPartnershipFactory()
    sheets = workbook("statewide-summary", {}, people.staff)
    assert summary(sheets)["Partnerships"] == 1


def test_partnership_outcomes_needs_a_partnership_and_period(db, people):
    from reports.exporters.base import ReportRefused

    with pytest.raises(ReportRefused, match="partnership"):
        workbook("partnership-outcomes", {"period": 999}, people.staff)


def test_outcomes_with_no_report_yet(periods, people):
    partnership = SectorPartnershipFactory(launch_date=date.today() - timedelta(days=5))
    sheets = workbook("partnership-outcomes", {"partnership": partnership.pk, "period": periods[1].pk}, people.staff)
    assert summary(sheets)["Outcome report"] == "Not started"
    assert sheets["Narrative"] == [["Section", "Text"]]


def test_outcomes_pdf_prints_counts_as_integers_and_dates_in_words(partnership, periods, people):
    partnership, hires, dollars = partnership
    content, _ = build(
        "partnership-outcomes", {"partnership": partnership.pk, "period": periods[1].pk}, people.staff, fmt="pdf"
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Workers trained" in text and "12.00" not in text and "7.00" not in text
    assert "Jan 1, 2026 to Jun 30, 2026" in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), "an ISO date is printed"
