"""The credential round report's numbers, checked against the rows it lists and the records behind it."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest

from core.testing.factories import CountyFactory, EmployerFactory, IndustryClusterFactory
from credentials.models import ApplicationStatus, ClaimLine, ClaimStatus, ReimbursementClaim
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    AwardFactory,
    ClosedRoundFactory,
    CredentialFactory,
)
from reports.exporters.base import ReportRefused
from reports.tests.rendering import body, column_sum, summary, workbook


def claim(application, award, *, status, amounts, month, wage=Decimal("24.00")):
    record = ReimbursementClaim.objects.create(
        application=application,
        organization=application.organization,
        claim_month=month,
        status=status,
        amount=sum(amounts),
        proof="credentials/claims/test.pdf",
    )
    for number, amount in enumerate(amounts):
        ClaimLine.objects.create(
            claim=record,
            award=award,
            employee_name=f"Employee {number}",
            ssn_last4="1234",
            date_earned=datetime.date(2026, 3, 1),
            wage_after=wage,
            amount=amount,
        )


@pytest.fixture
def round_with_activity(db):
    cluster = IndustryClusterFactory(name="Advanced manufacturing", naics_prefixes=["3327", "3363"])
    round = ClosedRoundFactory(total_budget=Decimal("100000.00"))
    north, south = CountyFactory(name="Northfield"), CountyFactory(name="Southfield")
    small = EmployerFactory(name="Small Machining", county=north, employee_count=30, naics_code="332710")
    large = EmployerFactory(name="Large Drivetrain", county=south, employee_count=800, naics_code="336350")
    bank = EmployerFactory(name="Community Bank", county=north, employee_count=120, naics_code="522110")
    cyber, robots = CredentialFactory(category__name="Cybersecurity"), CredentialFactory(category__name="Robotics")

    def application(org, status, lines):
        app = ApplicationFactory(organization=org, round=round, status=status)
        made = []
        for credential, employees, per_employee, before, after, awarded in lines:
            line = ApplicationLineFactory(
                application=app,
                credential=credential,
                employees=employees,
                cost_per_employee=per_employee,
                amount_requested_per_employee=per_employee,
                wage_before=before,
                wage_after=after,
            )
            made.append(AwardFactory(line=line, amount=awarded) if awarded else line)
        return app, made

    small_app, (small_award,) = application(
        small, ApplicationStatus.AWARDED, [(robots, 3, Decimal("1500.00"), Decimal("20.00"), Decimal("23.00"), 4500)]
    )
    large_app, (large_award, _) = application(
        large,
        ApplicationStatus.AWARDED,
        [
            (robots, 10, Decimal("2000.00"), Decimal("25.00"), Decimal("28.00"), Decimal("15000.00")),
            (cyber, 2, Decimal("1000.00"), Decimal("30.00"), Decimal("31.00"), None),
        ],
    )
    application(
        bank, ApplicationStatus.DECLINED, [(cyber, 4, Decimal("800.00"), Decimal("18.00"), Decimal("19.50"), None)]
    )
    # A draft is not part of the round's numbers.
    application(EmployerFactory(), ApplicationStatus.DRAFT, [(cyber, 50, Decimal("2000.00"), 10, 11, None)])
    # Another round's records never are.
    ApplicationLineFactory(application__status=ApplicationStatus.AWARDED, employees=7)

    claim(
        small_app,
        small_award,
        status=ClaimStatus.PAID,
        amounts=[Decimal("1500.00")] * 2,
        month=datetime.date(2026, 3, 1),
    )
    claim(
        large_app,
        large_award,
        status=ClaimStatus.APPROVED,
        amounts=[Decimal("2000.00")] * 3,
        month=datetime.date(2026, 3, 1),
    )
    claim(
        large_app,
        large_award,
        status=ClaimStatus.RETURNED,
        amounts=[Decimal("2000.00")],
        month=datetime.date(2026, 4, 1),
    )
    return round, cluster


def test_round_report_numbers(round_with_activity, people):
    round, cluster = round_with_activity
    sheets = workbook("credential-round", {"round": round.pk}, people.staff)
    headlines = summary(sheets)

    # The records, counted by hand.
    assert headlines["Applications submitted"] == 3
    assert headlines["Applications awarded"] == 2
    assert headlines["Applications declined"] == 1
    assert headlines["Amount awarded"] == Decimal("19500.00")
    assert headlines["Budget remaining"] == Decimal("80500.00")
    assert headlines["Credentials earned"] == 5  # the returned claim's line is not counted
    assert headlines["Reimbursements paid"] == Decimal("3000.00")

    # The detail rows add up to the totals rows and to the headlines.
    _, lines, lines_total = body(sheets["Application lines"])
    assert len(lines) == 4
    assert column_sum(lines, 7) == lines_total[7] == 3 + 10 + 2 + 4
    assert column_sum(lines, 8) == lines_total[8] == headlines["Amount requested"] == Decimal("29700.00")
    assert column_sum(lines, 9) == lines_total[9] == headlines["Amount awarded"]
    employees = column_sum(lines, 7)
    wage_before = sum(Decimal(str(row[10])) * row[7] for row in lines) / employees
    assert headlines["Average hourly wage before"] == pytest.approx(float(wage_before), abs=0.01)

    _, earned, earned_total = body(sheets["Credentials earned"])
    assert len(earned) == headlines["Credentials earned"]
    assert column_sum(earned, 6) == earned_total[6] == Decimal("9000.00")
    paid = sum(Decimal(str(row[6])) for row in earned if row[5] == "Paid")
    assert paid == headlines["Reimbursements paid"]

    # Each breakdown: its groups add up to the total, and each group agrees with the lines listed.
    for sheet, column in [("By category", 5), ("By county", 2), ("By employer size", 3)]:
        _, groups, total = body(sheets[sheet])
        # An application with lines in two categories counts once in each, so only the others add up by category.
        for index in (2, 3, 4, 5, 6) if sheet == "By category" else (1, 2, 3, 4, 5, 6):
            assert column_sum(groups, index) == Decimal(str(total[index])), (sheet, index)
        awarded_from_lines = defaultdict(Decimal)
        for row in lines:
            awarded_from_lines[row[column]] += Decimal(str(row[9] or 0))
        assert {row[0]: Decimal(str(row[4])) for row in groups} == dict(awarded_from_lines), sheet

    _, clusters, _ = body(sheets["By industry cluster"])
    by_cluster = {row[0]: row for row in clusters}
    assert by_cluster[cluster.name][2] == 3 + 10 + 2  # the machining shop and the drivetrain maker
    assert [row[2] for row in clusters if row[0] != cluster.name] == [4]  # the bank, in whichever cluster has 522
    assert by_cluster[cluster.name][5] == 5


def test_round_report_never_lists_personal_details(round_with_activity, people):
    round, _ = round_with_activity
    sheets = workbook("credential-round", {"round": round.pk}, people.staff)
    text = repr(sheets)
    assert "Employee 0" not in text and "1234" not in text


def test_only_program_staff_may_have_it(round_with_activity, people):
    round, _ = round_with_activity
    for user in (people.employer, people.provider):
        with pytest.raises(ReportRefused):
            workbook("credential-round", {"round": round.pk}, user)


def test_pdf_and_csv_render(round_with_activity, people):
    from reports.tests.rendering import build, csv_rows

    round, _ = round_with_activity
    pdf, rows = build("credential-round", {"round": round.pk}, people.staff, fmt="pdf")
    assert pdf.startswith(b"%PDF") and rows > 0
    text = csv_rows("credential-round", {"round": round.pk}, people.staff)
    assert text[0] == ["Credential round report"]
    assert ["Credentials earned"] in text
