"""The staff pages that list or count every row at scale: the opportunity list, the incentive list and the overview.

Each costs the same few queries however many rows there are, sums or counts only the rows of the page it shows,
and lists at most a few rows of a long list, with a link to the whole list.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.remembered import data_changed
from core.testing.queries import assert_query_budget, count_queries
from workbased_learning.models import Modality, OpportunityType, Placement, PlacementStatus, TimeEntryStatus
from workbased_learning.selectors import PROGRAMS_SHOWN
from workbased_learning.tests.factories import (
    CTEProgramFactory,
    IncentiveApplicationFactory,
    IncentiveLineFactory,
    OpportunityFactory,
    PlacementFactory,
    TimeEntryFactory,
    VirtualOpportunityFactory,
)
from workbased_learning.views import OVERDUE_SHOWN

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"workbased_learning:{name}", args=args)


def overdue_application(days=1):
    return IncentiveApplicationFactory(decision_due_on=timezone.localdate() - datetime.timedelta(days=days))


# ------------------------------------------------------------------------------------------------- query budgets


def test_opportunity_list_costs_the_same_for_staff_whatever_the_rows(client, people):
    client.force_login(people.staff)

    def make(n):
        for opportunity in OpportunityFactory.create_batch(n):
            PlacementFactory(opportunity=opportunity)
            PlacementFactory(opportunity=opportunity, status=PlacementStatus.COMPLETED)

    # session, user, groups, count, counties of the filter, page, hosts with their counties, places taken
    assert_query_budget(client, url("opportunity_list"), make_rows=make, budget=8)


def test_incentive_list_costs_the_same_for_staff_whatever_the_rows(client, people):
    client.force_login(people.staff)

    def make(n):
        for _ in range(n):
            line = IncentiveLineFactory()
            IncentiveLineFactory(application=line.application, decision="approved", credit_approved=Decimal("900"))

    # session, user, groups, overdue count, count, page, employers, program years, the page's totals
    assert_query_budget(client, url("incentive_list"), make_rows=make, budget=9)


def test_overview_costs_the_same_whatever_the_rows(client, people):
    client.force_login(people.staff)

    def make(n):
        for _ in range(n):
            placement = PlacementFactory()
            TimeEntryFactory(placement=placement, status=TimeEntryStatus.APPROVED)
            overdue_application()
        data_changed(Placement)  # counted afresh, as after the figures' few minutes

    # session, user, groups, budget periods, in review, overdue, overdue list, and the figures: two breakdown
    # passes, the placement counts and the approved hours
    assert_query_budget(client, url("staff_overview"), make_rows=make, budget=11)


# ------------------------------------------------------------------------------------------------- opportunity list


def test_places_taken_count_the_active_placements_of_each_opportunity(client, people):
    busy = OpportunityFactory(title="Busy", capacity=5)
    PlacementFactory.create_batch(2, opportunity=busy)
    PlacementFactory(opportunity=busy, status=PlacementStatus.COMPLETED)
    OpportunityFactory(title="Quiet", capacity=2)
    client.force_login(people.staff)
    table = client.get(url("opportunity_list")).context["table"]
    places = {row.record.title: row.get_cell("places") for row in table.paginated_rows}
    assert places == {"Busy": "2 of 5", "Quiet": "0 of 2"}


def test_a_provider_sees_every_place_taken_not_only_its_own(client, people):
    opportunity = OpportunityFactory(capacity=4)
    PlacementFactory(opportunity=opportunity, program=CTEProgramFactory(provider=people.provider.organization))
    PlacementFactory(opportunity=opportunity)
    client.force_login(people.provider)
    assert "2 of 4" in client.get(url("opportunity_list")).content.decode()


def test_opportunity_list_pages_and_sorts_by_county(client, people):
    for n in range(30):
        OpportunityFactory(title=f"Opportunity {n:02d}")
    client.force_login(people.staff)
    second = client.get(url("opportunity_list"), {"page": 2}).content.decode()
    assert "Opportunity 29" in second and "Opportunity 00" not in second
    assert client.get(url("opportunity_list"), {"sort": "-county"}).status_code == 200


# ------------------------------------------------------------------------------------------------- incentive list


def test_incentive_list_sums_each_applications_lines(client, people):
    line = IncentiveLineFactory(credit_requested=Decimal("1500.00"))
    IncentiveLineFactory(
        application=line.application,
        credit_requested=Decimal("1000.00"),
        decision="approved",
        credit_approved=Decimal("900.00"),
    )
    IncentiveApplicationFactory()  # no lines yet
    client.force_login(people.staff)
    table = client.get(url("incentive_list")).context["table"]
    totals = {
        row.record.pk: (row.get_cell("learner_count"), row.get_cell("requested_total"), row.get_cell("approved_total"))
        for row in table.paginated_rows
    }
    assert totals.pop(line.application.pk) == (2, "$2,500.00", "$900.00")
    assert list(totals.values()) == [(0, "$0.00", "$0.00")]


def test_incentive_list_filters_the_overdue(client, people):
    late = overdue_application()
    IncentiveApplicationFactory()
    client.force_login(people.staff)
    rows = client.get(url("incentive_list"), {"overdue": "true"}).context["table"].paginated_rows
    assert [row.record.pk for row in rows] == [late.pk]


# ------------------------------------------------------------------------------------------------- overview


def test_overview_lists_the_longest_overdue_and_links_to_them_all(client, people):
    applications = [overdue_application(days=n + 1) for n in range(OVERDUE_SHOWN + 2)]
    client.force_login(people.staff)
    response = client.get(url("staff_overview"))
    page = response.content.decode()
    shown = [application.pk for application in response.context["overdue"]]
    assert shown == [application.pk for application in reversed(applications)][:OVERDUE_SHOWN]
    assert f"{OVERDUE_SHOWN + 2} applications." in page
    assert f'href="{url("incentive_list")}?overdue=true">See all {OVERDUE_SHOWN + 2} overdue applications' in page


def test_overview_lists_a_few_overdue_without_a_link(client, people):
    overdue_application()
    client.force_login(people.staff)
    page = client.get(url("staff_overview")).content.decode()
    assert "Past the decision deadline:</strong> 1 application." in page
    assert "See all" not in page


def test_overview_says_when_nothing_is_overdue_or_placed(client, people):
    IncentiveApplicationFactory()
    client.force_login(people.staff)
    page = client.get(url("staff_overview")).content.decode()
    assert "No decision is past its deadline." in page
    assert "Past the decision deadline" not in page
    assert "No placements yet." in page


def test_overview_breakdowns_add_up_every_placement(client, people):
    program = CTEProgramFactory(name="Welding")
    PlacementFactory.create_batch(2, program=program)
    PlacementFactory(program=program, opportunity=VirtualOpportunityFactory(type=OpportunityType.CO_OP))
    done = PlacementFactory(status=PlacementStatus.COMPLETED, program__name="Nursing")
    TimeEntryFactory(placement=done, hours=Decimal("7.5"), status=TimeEntryStatus.APPROVED)
    TimeEntryFactory(placement=done, hours=Decimal("3"))
    client.force_login(people.staff)
    response = client.get(url("staff_overview"))
    summary, breakdown = response.context["summary"], response.context["breakdown"]
    assert (summary["total"], summary["active"], summary["completed"]) == (4, 3, 1)
    assert summary["approved_hours"] == Decimal("7.5")
    assert [(row["label"], row["count"]) for row in breakdown["by_type"]] == [("Co-op", 1), ("Internship", 3)]
    assert [(row["key"], row["count"]) for row in breakdown["by_modality"]] == [
        (Modality.IN_PERSON, 3),
        (Modality.VIRTUAL, 1),
    ]
    assert sum(row["count"] for row in breakdown["by_county"]) == 4
    assert [(row["key"], row["count"]) for row in breakdown["by_program"]] == [("Welding", 3), ("Nursing", 1)]
    assert breakdown["charts"]["type"]["data"]["datasets"][0]["data"] == [1, 3]


def test_overview_lists_the_programs_with_the_most_placements_and_links_to_all(client, people):
    for n in range(PROGRAMS_SHOWN + 1):
        PlacementFactory.create_batch(1 if n == 0 else 2, program=CTEProgramFactory(name=f"Program {n:02d}"))
    client.force_login(people.staff)
    response = client.get(url("staff_overview"))
    names = [row["key"] for row in response.context["breakdown"]["by_program"]]
    assert len(names) == PROGRAMS_SHOWN and "Program 00" not in names
    page = response.content.decode()
    assert f"of {PROGRAMS_SHOWN + 1}." in page and f'href="{url("program_list")}">See every program' in page


def test_overview_remembers_its_figures_until_placements_change(client, people):
    PlacementFactory()
    client.force_login(people.staff)
    first = client.get(url("staff_overview"))
    assert first.context["summary"]["total"] == 1
    assert f"Placement figures as of {timezone.localtime(first.context['counted_at']):%H:%M}" in first.content.decode()
    counted = count_queries(client, url("staff_overview"))
    assert count_queries(client, url("staff_overview")) == counted  # remembered: no figure is counted again
    PlacementFactory()
    data_changed(Placement)
    assert count_queries(client, url("staff_overview")) == counted + 4  # two breakdown passes, counts, hours
    assert client.get(url("staff_overview")).context["summary"]["total"] == 2


def test_placement_summary_of_some_placements_sums_only_their_hours(people):
    mine = PlacementFactory(program=CTEProgramFactory(provider=people.provider.organization))
    TimeEntryFactory(placement=mine, hours=Decimal("5"), status=TimeEntryStatus.APPROVED)
    TimeEntryFactory(hours=Decimal("8"), status=TimeEntryStatus.APPROVED)
    assert Placement.objects.visible_to(people.provider).summary()["approved_hours"] == Decimal("5")
    assert Placement.objects.summary()["approved_hours"] == Decimal("13")
