"""The staff dashboard and the organisation overview."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing.access import assert_access
from core.testing.factories import EmployerFactory
from core.testing.queries import assert_query_budget
from credentials.models import ApplicationStatus
from credentials.tests.factories import ApplicationFactory, ApplicationLineFactory, OpenRoundFactory
from partnerships.tests.factories import (
    MembershipFactory,
    ReportingPeriodFactory,
    SectorPartnershipFactory,
)
from workbased_learning.models import LineDecision, PlacementStatus, TimeEntryStatus
from workbased_learning.tests.factories import (
    BudgetPeriodFactory,
    IncentiveApplicationFactory,
    IncentiveLineFactory,
    OpportunityFactory,
    PlacementFactory,
    ProgramYearFactory,
    TimeEntryFactory,
)

DASHBOARD = reverse("reports:dashboard")


@pytest.mark.django_db
def test_dashboard_is_for_program_staff(client, people):
    assert_access(
        client,
        DASHBOARD,
        {"anonymous": 302, "employer": 403, "other_employer": 403, "provider": 403, "staff": 200, "admin": 200},
        people,
    )


@pytest.mark.django_db
def test_dashboard_numbers(client, people):
    SectorPartnershipFactory.create_batch(2, stage="active")
    SectorPartnershipFactory(stage="exploring")
    ReportingPeriodFactory(start=date(timezone.localdate().year, 1 if timezone.localdate().month <= 6 else 7, 1))
    open_round = OpenRoundFactory(name="Spring round")
    ApplicationFactory.create_batch(2, round=open_round, status=ApplicationStatus.SUBMITTED)
    period = BudgetPeriodFactory(
        cap=Decimal("1000.00"), starts_on=date(2000, 1, 1), ends_on=date(2100, 1, 1), name="Forever"
    )
    IncentiveLineFactory(
        application=IncentiveApplicationFactory(program_year=ProgramYearFactory(budget_period=period)),
        decision=LineDecision.APPROVED,
        credit_approved=Decimal("250.00"),
    )
    placement = PlacementFactory(status=PlacementStatus.COMPLETED)
    TimeEntryFactory(placement=placement, hours=Decimal("6.00"), status=TimeEntryStatus.APPROVED)

    client.force_login(people.staff)
    response = client.get(DASHBOARD)
    context = response.context
    assert context["partnership_total"] == 3
    stage_chart = context["partnership_charts"][0]
    assert dict(stage_chart["rows"])["Active"] == 2
    page = response.content.decode()
    config = json.loads(page.split('id="partnerships-by-stage-data" type="application/json">')[1].split("</script>")[0])
    assert config["data"]["datasets"][0]["data"][config["data"]["labels"].index("Active")] == 2
    assert context["open_round"]["round"] == open_round
    assert context["open_round"]["applications"] == 2
    assert context["applications_awaiting_review"] == 2
    assert context["incentive_credits"]["approved"] == Decimal("250.00")
    assert context["incentive_credits"]["percent"] == 25
    assert context["approved_hours"] == Decimal("6.00")
    assert "Spring round" in page
    assert 'src="/static/vendor/chartjs-4.6.1/chart.umd.min.js"' in page


@pytest.mark.django_db
def test_dashboard_query_budget(client, people):
    ReportingPeriodFactory(start=date(timezone.localdate().year, 1 if timezone.localdate().month <= 6 else 7, 1))
    client.force_login(people.staff)
    open_round = OpenRoundFactory()

    def make_rows(n):
        for _ in range(n):
            partnership = SectorPartnershipFactory()
            MembershipFactory(partnership=partnership)
            ApplicationLineFactory(
                application__round=open_round,
                application__status=ApplicationStatus.SUBMITTED,
                application__submitted_at=timezone.now(),
            )
        PlacementFactory.create_batch(n, opportunity=OpportunityFactory(capacity=n))

    assert_query_budget(client, DASHBOARD, make_rows=make_rows, budget=45, few=3, many=30)


@pytest.mark.django_db
def test_organization_overview_pages_are_for_staff(client, people):
    organization = EmployerFactory()
    for url in [reverse("reports:organization_list"), reverse("reports:organization_detail", args=[organization.pk])]:
        assert_access(
            client,
            url,
            {"anonymous": 302, "employer": 403, "provider": 403, "staff": 200, "admin": 200},
            people,
        )


@pytest.mark.django_db
def test_organization_overview_brings_the_programs_together(client, people):
    from credentials.tests.factories import awarded_application
    from partnerships.models import SectorPartnership

    employer = EmployerFactory(name="Buckeye Precision")
    MembershipFactory(organization=employer, partnership__name="Central Manufacturing")
    awarded_application(employer, per_employee=Decimal("1000.00"), employees=3)
    OpportunityFactory(host=employer, title="Summer machining internship")
    other = EmployerFactory()
    OpportunityFactory(host=other, title="Someone else's internship")

    client.force_login(people.staff)
    page = client.get(reverse("reports:organization_detail", args=[employer.pk])).content.decode()
    assert "Buckeye Precision" in page
    assert "Central Manufacturing" in page
    assert "$3,000.00" in page  # awarded
    assert "Summer machining internship" in page
    assert "Someone else&#x27;s internship" not in page and "Someone else's internship" not in page
    assert "Runs no CTE programs." in page
    assert SectorPartnership.objects.count() == 1

    found = client.get(reverse("reports:organization_list"), {"q": "Buckeye"}).content.decode()
    assert reverse("reports:organization_detail", args=[employer.pk]) in found
    assert reverse("reports:organization_detail", args=[other.pk]) not in found


@pytest.mark.django_db
def test_organization_overview_query_budget(client, people):
    from credentials.tests.factories import ClosedRoundFactory, awarded_application

    employer = EmployerFactory()
    client.force_login(people.staff)

    def make_rows(n):
        for _ in range(n):
            MembershipFactory(organization=employer)
            awarded_application(employer, round=ClosedRoundFactory())
            OpportunityFactory(host=employer)

    assert_query_budget(
        client, reverse("reports:organization_detail", args=[employer.pk]), make_rows=make_rows, budget=30, many=40
    )


@pytest.mark.django_db
def test_organization_list_query_budget(client, people):
    client.force_login(people.staff)
    assert_query_budget(
        client,
        reverse("reports:organization_list"),
        make_rows=lambda n: EmployerFactory.create_batch(n),
        budget=10,
    )
