"""factory_boy factories for work-based learning."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from core.testing.factories import CountyFactory, EmployerFactory, EmployerUserFactory, ProviderFactory
from workbased_learning.models import (
    CareerField,
    Competency,
    CTEProgram,
    IncentiveApplication,
    IncentiveBudgetPeriod,
    IncentiveLine,
    IncentiveProgramYear,
    Modality,
    Opportunity,
    OpportunityStatus,
    OpportunityType,
    Placement,
    TimeEntry,
)


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"TST-{n}")
    title = factory.Sequence(lambda n: f"Competency {n}")
    career_field = CareerField.MANUFACTURING


class CTEProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CTEProgram

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"CTE program {n}")
    career_field = CareerField.MANUFACTURING
    pathway = "Machining"
    state_approved = True
    grade_levels = factory.List([11, 12])
    county = factory.SubFactory(CountyFactory)


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    host = factory.SubFactory(EmployerFactory)
    type = OpportunityType.INTERNSHIP
    modality = Modality.IN_PERSON
    paid = True
    hourly_wage = Decimal("16.00")
    hours_target = 250
    capacity = 3
    status = OpportunityStatus.OPEN


class VirtualOpportunityFactory(OpportunityFactory):
    modality = Modality.VIRTUAL
    remote_supervision = "Daily video check-in."
    meeting_frequency = "Twice a week."


def _supervisor(placement):
    return EmployerUserFactory(organization=placement.opportunity.host)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    opportunity = factory.SubFactory(OpportunityFactory)
    program = factory.SubFactory(CTEProgramFactory)
    learner_ref = factory.Sequence(lambda n: f"L-{n:05d}")
    learner_birth_date = factory.LazyFunction(
        lambda: timezone.localdate().replace(month=1, day=1) - datetime.timedelta(days=17 * 366)
    )
    learner_grade = 12
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    supervisor = factory.LazyAttribute(_supervisor)


class TimeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeEntry

    placement = factory.SubFactory(PlacementFactory)
    date = factory.LazyAttribute(lambda entry: entry.placement.start_date)
    hours = Decimal("4.00")
    activities = "Worked on the line."


class BudgetPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncentiveBudgetPeriod
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"FY test {n}")
    starts_on = datetime.date(2025, 7, 1)
    ends_on = datetime.date(2027, 6, 30)


class ProgramYearFactory(factory.django.DjangoModelFactory):
    """A program year for last year's placements whose window is open today (tests run any day of the year)."""

    class Meta:
        model = IncentiveProgramYear
        django_get_or_create = ["year"]

    year = factory.LazyFunction(lambda: timezone.localdate().year - 1)
    budget_period = factory.SubFactory(BudgetPeriodFactory)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))


def last_year_placement(**kwargs):
    """A placement hosted during last year (June to August) by a learner aged 17."""
    year = timezone.localdate().year - 1
    kwargs.setdefault("start_date", datetime.date(year, 6, 1))
    kwargs.setdefault("end_date", datetime.date(year, 8, 31))
    kwargs.setdefault("learner_birth_date", datetime.date(year - 17, 3, 1))
    return PlacementFactory(**kwargs)


class IncentiveApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncentiveApplication

    program_year = factory.SubFactory(ProgramYearFactory)
    employer = factory.SubFactory(EmployerFactory)
    decision_due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))


class IncentiveLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncentiveLine

    application = factory.SubFactory(IncentiveApplicationFactory)
    placement = factory.LazyAttribute(
        lambda line: last_year_placement(opportunity=OpportunityFactory(host=line.application.employer))
    )
    wages_paid = Decimal("10000.00")
    credit_requested = Decimal("1500.00")
