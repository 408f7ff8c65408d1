import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from core.testing.factories import AdminUserFactory, EmployerUserFactory, ProviderUserFactory, UserFactory
from workbased_learning.models import (
    CTEProgram,
    IncentiveApplication,
    IncentiveBudgetPeriod,
    Modality,
    Opportunity,
    OpportunityStatus,
    Placement,
    PlacementStatus,
)
from workbased_learning.tests.factories import (
    CTEProgramFactory,
    IncentiveLineFactory,
    OpportunityFactory,
    PlacementFactory,
    TimeEntryFactory,
)


@pytest.mark.django_db
class TestConstraints:
    def test_virtual_opportunity_must_state_remote_supervision(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            OpportunityFactory(modality=Modality.VIRTUAL, remote_supervision="", meeting_frequency="Weekly")

    def test_paid_opportunity_has_a_wage(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            OpportunityFactory(paid=True, hourly_wage=None)

    def test_placement_ends_after_it_starts(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            PlacementFactory(start_date=datetime.date(2026, 5, 2), end_date=datetime.date(2026, 5, 1))


@pytest.mark.django_db
class TestVisibility:
    def test_placements(self):
        placement = PlacementFactory()
        provider = ProviderUserFactory(organization=placement.program.provider)
        host = EmployerUserFactory(organization=placement.opportunity.host)
        assert list(Placement.objects.visible_to(provider)) == [placement]
        assert list(Placement.objects.visible_to(host)) == [placement]
        assert list(Placement.objects.visible_to(AdminUserFactory())) == [placement]
        for stranger in (ProviderUserFactory(), EmployerUserFactory(), UserFactory()):
            assert not Placement.objects.visible_to(stranger).exists()

    def test_providers_see_open_opportunities_and_their_own(self):
        open_one = OpportunityFactory()
        draft = OpportunityFactory(status=OpportunityStatus.DRAFT)
        placed = OpportunityFactory(status=OpportunityStatus.CLOSED)
        provider = ProviderUserFactory()
        PlacementFactory(opportunity=placed, program=CTEProgramFactory(provider=provider.organization))
        assert set(Opportunity.objects.visible_to(provider)) == {open_one, placed}
        assert list(Opportunity.objects.visible_to(EmployerUserFactory(organization=draft.host))) == [draft]

    def test_programs_and_applications(self):
        program = CTEProgramFactory()
        line = IncentiveLineFactory()
        assert list(CTEProgram.objects.visible_to(ProviderUserFactory(organization=program.provider))) == [program]
        assert not CTEProgram.objects.visible_to(EmployerUserFactory()).exists()
        owner = EmployerUserFactory(organization=line.application.employer)
        assert list(IncentiveApplication.objects.visible_to(owner)) == [line.application]
        assert not IncentiveApplication.objects.visible_to(EmployerUserFactory()).exists()
        assert not IncentiveApplication.objects.visible_to(ProviderUserFactory()).exists()

    def test_birth_date_visibility(self):
        placement = PlacementFactory()
        assert placement.birth_date_visible_to(ProviderUserFactory(organization=placement.program.provider))
        assert placement.birth_date_visible_to(AdminUserFactory())
        assert not placement.birth_date_visible_to(EmployerUserFactory(organization=placement.opportunity.host))
        assert not placement.birth_date_visible_to(ProviderUserFactory())


@pytest.mark.django_db
class TestReads:
    def test_age_on_a_day(self):
        placement = Placement(learner_birth_date=datetime.date(2007, 6, 15))
        assert placement.age_on(datetime.date(2026, 6, 14)) == 18
        assert placement.age_on(datetime.date(2026, 6, 15)) == 19

    def test_summary_and_breakdowns(self):
        done = PlacementFactory(status=PlacementStatus.COMPLETED)
        PlacementFactory(status=PlacementStatus.WITHDRAWN, opportunity__modality=Modality.IN_PERSON)
        PlacementFactory()
        TimeEntryFactory(placement=done, hours=Decimal("7.5"), status="approved")
        TimeEntryFactory(placement=done, hours=Decimal("3"))
        summary = Placement.objects.summary()
        assert summary["total"] == 3
        assert summary["completed"] == 1
        assert summary["approved_hours"] == Decimal("7.5")
        assert summary["completion_rate"] == 50
        assert Placement.objects.count_by("opportunity__modality") == [{"key": "in_person", "count": 3}]

    def test_budget_period_totals(self):
        line = IncentiveLineFactory(decision="approved", credit_approved=Decimal("1500.00"))
        IncentiveLineFactory(
            application__program_year=line.application.program_year, decision="denied", credit_approved=None
        )
        period = IncentiveBudgetPeriod.objects.with_approved_credits().get()
        assert period.approved_credits == Decimal("1500.00") == period.approved_total()


@pytest.mark.django_db
def test_places_taken_count_every_placement_whoever_looks():
    opportunity = OpportunityFactory(status=OpportunityStatus.CLOSED, capacity=5)
    provider = ProviderUserFactory()
    PlacementFactory(opportunity=opportunity, program=CTEProgramFactory(provider=provider.organization))
    PlacementFactory(opportunity=opportunity)
    assert Opportunity.objects.visible_to(provider).with_counts().get().active_count == 2
