"""The work-based learning report's numbers, checked against the placements it lists and the records behind it."""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from reports.tests.rendering import body, column_sum, summary, workbook
from workbased_learning.models import LineDecision, Modality, OpportunityType, PlacementStatus, TimeEntryStatus
from workbased_learning.tests.factories import (
    BudgetPeriodFactory,
    CTEProgramFactory,
    IncentiveApplicationFactory,
    IncentiveLineFactory,
    OpportunityFactory,
    PlacementFactory,
    ProgramYearFactory,
    TimeEntryFactory,
    VirtualOpportunityFactory,
)


@pytest.fixture
def placements(db):
    internship = OpportunityFactory(type=OpportunityType.INTERNSHIP)
    virtual_coop = VirtualOpportunityFactory(type=OpportunityType.CO_OP)
    welding, nursing = CTEProgramFactory(name="Welding"), CTEProgramFactory(name="Nursing")
    made = [
        PlacementFactory(opportunity=internship, program=welding, status=PlacementStatus.COMPLETED),
        PlacementFactory(opportunity=internship, program=nursing, status=PlacementStatus.WITHDRAWN),
        PlacementFactory(opportunity=virtual_coop, program=welding, status=PlacementStatus.COMPLETED),
        PlacementFactory(opportunity=virtual_coop, program=nursing, status=PlacementStatus.ACTIVE),
    ]
    hours = [
        (made[0], "6.50", TimeEntryStatus.APPROVED),
        (made[0], "3.00", TimeEntryStatus.APPROVED),
        (made[0], "8.00", TimeEntryStatus.SUBMITTED),  # not signed off: not counted
        (made[2], "4.25", TimeEntryStatus.APPROVED),
        (made[3], "2.00", TimeEntryStatus.REJECTED),
    ]
    for placement, amount, status in hours:
        TimeEntryFactory(placement=placement, hours=Decimal(amount), status=status)
    # Outside the period asked for below.
    PlacementFactory(
        start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2019, 3, 1), status=PlacementStatus.COMPLETED
    )
    return made


def test_work_based_learning_numbers(placements, people):
    start = datetime.date.today() - datetime.timedelta(days=365)
    sheets = workbook("work-based-learning", {"starts_on": start.isoformat()}, people.staff)
    headlines = summary(sheets)
    assert headlines["Placements"] == 4
    assert headlines["Approved hours"] == Decimal("13.75")
    assert headlines["Completion rate"] == pytest.approx(2 / 3, abs=0.001)

    _, listed, listed_total = body(sheets["Placements"])
    assert len(listed) == 4
    assert column_sum(listed, 12) == listed_total[12] == Decimal("13.75")

    # Each breakdown agrees with the placements listed, group by group, and adds up to its total row.
    for sheet, column in [("By type", 6), ("By modality", 7), ("By county", 3)]:
        _, groups, total = body(sheets[sheet])
        counted = Counter(row[column] for row in listed)
        hours = defaultdict(Decimal)
        for row in listed:
            hours[row[column]] += Decimal(str(row[12]))
        assert {row[0]: row[1] for row in groups} == dict(counted), sheet
        assert {row[0]: Decimal(str(row[5])) for row in groups} == dict(hours), sheet
        for index in (1, 2, 3, 4, 5):
            assert column_sum(groups, index) == Decimal(str(total[index])), (sheet, index)
    _, by_modality, _ = body(sheets["By modality"])
    assert {row[0] for row in by_modality} == {Modality.IN_PERSON.label, Modality.VIRTUAL.label}
    _, by_program, _ = body(sheets["By program"])
    assert sorted(row[1] for row in by_program) == [2, 2]


def test_incentive_credits_against_the_cap(db, people):
    period = BudgetPeriodFactory(cap=Decimal("10000.00"))
    application = IncentiveApplicationFactory(program_year=ProgramYearFactory(budget_period=period))
    approved = [Decimal("1500.00"), Decimal("750.50")]
    for credit in approved:
        IncentiveLineFactory(application=application, decision=LineDecision.APPROVED, credit_approved=credit)
    IncentiveLineFactory(application=application, decision=LineDecision.DENIED, credit_requested=Decimal("900.00"))
    IncentiveLineFactory(application=application, decision=LineDecision.PENDING, credit_requested=Decimal("600.00"))

    sheets = workbook("work-based-learning", {}, people.staff)
    _, periods = sheets["Incentive credits"][0], sheets["Incentive credits"][1:]
    (row,) = [row for row in periods if row[0] == period.name]
    assert row[3] == Decimal("10000.00")
    assert row[4] == 2
    assert Decimal(str(row[5])) == sum(approved)
    assert Decimal(str(row[6])) == Decimal("600.00")
    assert Decimal(str(row[7])) == Decimal("10000.00") - sum(approved)


def test_a_period_that_ends_before_it_starts_is_refused(db, people):
    from reports.exporters.base import ReportRefused

    with pytest.raises(ReportRefused, match="end of the period"):
        workbook("work-based-learning", {"starts_on": "2026-05-01", "ends_on": "2026-01-01"}, people.staff)
