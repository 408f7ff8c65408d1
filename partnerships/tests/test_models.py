from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from core.testing.factories import EmployerFactory, ProviderFactory, RegionFactory
from partnerships.models import Membership, OutcomeReport, SectorPartnership, StakeholderKind
from partnerships.tests.factories import (
    MembershipFactory,
    OutcomeMetricFactory,
    OutcomeReportFactory,
    OutcomeValueFactory,
    ReportingPeriodFactory,
    SectorPartnershipFactory,
)

pytestmark = pytest.mark.django_db


def test_visible_to_staff_convener_and_members_only(people, partnership):
    other = SectorPartnershipFactory()
    visible = SectorPartnership.objects.visible_to
    assert set(visible(people.staff)) == {partnership, other}
    assert list(visible(people.extra["convener"])) == [partnership]
    assert list(visible(people.extra["member"])) == [partnership]
    assert not visible(people.employer).exists()
    assert not visible(None).exists()


def test_former_members_no_longer_see_the_partnership(people, partnership):
    Membership.objects.filter(organization=people.extra["member"].organization).update(left_on=date(2026, 2, 1))
    assert not SectorPartnership.objects.visible_to(people.extra["member"]).exists()


def test_only_staff_and_the_convener_may_edit(people, partnership):
    editable = SectorPartnership.objects.editable_by
    assert list(editable(people.staff)) == [partnership]
    assert list(editable(people.extra["convener"])) == [partnership]
    assert not editable(people.extra["member"]).exists()
    assert not editable(people.other_employer).exists()


def test_counts_by_stage_cluster_and_region():
    region = RegionFactory(name="North")
    SectorPartnershipFactory(stage="active", scope="regional").regions.add(region)
    SectorPartnershipFactory(stage="active")
    SectorPartnershipFactory(stage="exploring")
    counts = SectorPartnership.objects.count_by_stage()
    assert counts["active"] == 2 and counts["exploring"] == 1 and counts["inactive"] == 0
    assert dict(SectorPartnership.objects.count_by_region()) == {"North": 1, "Statewide": 2}
    assert sum(n for _, n in SectorPartnership.objects.count_by_cluster()) == 3
    assert SectorPartnership.objects.in_region(region).count() == 3  # its own and the statewide ones
    assert SectorPartnership.objects.in_region(RegionFactory(name="South")).count() == 2


def test_employer_roles_need_an_employer_and_education_roles_a_provider():
    partnership = SectorPartnershipFactory()
    membership = Membership(partnership=partnership, organization=ProviderFactory(), role="employer_champion")
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "must be employer" in str(error.value)
    Membership(partnership=partnership, organization=EmployerFactory(), role="employer_champion").full_clean()
    with pytest.raises(ValidationError):
        Membership(partnership=partnership, organization=EmployerFactory(), role="education_partner").full_clean()


def test_membership_counts_by_kind_count_current_members_only():
    partnership = SectorPartnershipFactory()
    MembershipFactory(partnership=partnership, role="employer_champion")
    MembershipFactory(partnership=partnership, role="employer_member")
    MembershipFactory(partnership=partnership, role="employer_member", left_on=date(2026, 1, 1))
    counts = partnership.memberships.count_by_kind()
    assert counts[StakeholderKind.EMPLOYERS] == 2
    assert counts[StakeholderKind.EDUCATION] == 0


def test_owing_report_lists_reporting_partnerships_without_a_filed_report():
    period = ReportingPeriodFactory(start=date(2026, 1, 1))
    owing = SectorPartnershipFactory(stage="active", name="Owes")
    drafted = SectorPartnershipFactory(stage="active", name="Drafted")
    OutcomeReportFactory(partnership=drafted, period=period, status="draft")
    filed = SectorPartnershipFactory(stage="active")
    OutcomeReportFactory(partnership=filed, period=period, status="submitted")
    SectorPartnershipFactory(stage="exploring")
    SectorPartnershipFactory(stage="active", launch_date=date(2026, 8, 1))  # launched after the period
    assert set(SectorPartnership.objects.owing_report(period)) == {owing, drafted}


def test_outcome_totals_for_a_period_sum_per_metric():
    period = ReportingPeriodFactory(start=date(2026, 1, 1))
    metric = OutcomeMetricFactory(code="placements")
    OutcomeValueFactory(report=OutcomeReportFactory(period=period, status="accepted"), metric=metric, value=3)
    OutcomeValueFactory(report=OutcomeReportFactory(period=period, status="draft"), metric=metric, value=4)
    OutcomeValueFactory(
        report=OutcomeReportFactory(period=ReportingPeriodFactory(start=date(2025, 7, 1))), metric=metric
    )
    totals = dict(OutcomeReport.objects.totals_by_metric(period))
    assert totals[metric] == 7
    assert dict(OutcomeReport.objects.totals_by_metric(period, accepted_only=True))[metric] == 3


def test_reporting_periods_are_half_years():
    assert ReportingPeriodFactory(start=date(2026, 7, 1)).label == "2026 July–December"
    with pytest.raises(IntegrityError):
        ReportingPeriodFactory(start=date(2026, 3, 1), end=date(2026, 6, 30), due_on=date(2026, 7, 30))
