"""factory_boy factories for partnerships; later apps' tests may build on them."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from core.testing.factories import IndustryClusterFactory, OrganizationFactory, ProviderFactory
from partnerships.models import (
    Action,
    Contact,
    Meeting,
    Membership,
    OutcomeMetric,
    OutcomeReport,
    OutcomeValue,
    PriorityDesignation,
    ReportingPeriod,
    SectorPartnership,
    SkillGap,
    SupportRecord,
)


class SectorPartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectorPartnership
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partnership {n}")
    cluster = factory.SubFactory(IndustryClusterFactory)
    scope = "statewide"
    stage = "active"
    convener = factory.SubFactory(OrganizationFactory)
    goals = "Close the skill gaps."
    launch_date = date(2025, 1, 15)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    partnership = factory.SubFactory(SectorPartnershipFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "employer_member"
    joined_on = date(2025, 1, 15)


class EducationMembershipFactory(MembershipFactory):
    organization = factory.SubFactory(ProviderFactory)
    role = "education_partner"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    partnership = factory.SubFactory(SectorPartnershipFactory)
    organization = factory.SelfAttribute("partnership.convener")
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.test")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    partnership = factory.SubFactory(SectorPartnershipFactory)
    kind = "full"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    format = "in_person"
    place = "Main hall"


class SkillGapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillGap

    partnership = factory.SubFactory(SectorPartnershipFactory)
    soc_code = "51-4041"
    occupation_title = "Machinists"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    partnership = factory.SubFactory(SectorPartnershipFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    category = "new_program"


class OutcomeMetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeMetric
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"metric-{n}")
    name = factory.Sequence(lambda n: f"Metric {n}")
    category = "output"
    audience = "partnership"


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod
        django_get_or_create = ["start"]

    start = date(2026, 1, 1)
    end = factory.LazyAttribute(lambda o: ReportingPeriod.bounds_for(o.start)[1])
    due_on = factory.LazyAttribute(lambda o: ReportingPeriod.bounds_for(o.start)[2])


class OutcomeReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeReport

    partnership = factory.SubFactory(SectorPartnershipFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    successes = "We did well."


class OutcomeValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeValue

    report = factory.SubFactory(OutcomeReportFactory)
    metric = factory.SubFactory(OutcomeMetricFactory)
    value = Decimal("5")


class PriorityDesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityDesignation

    partnership = factory.SubFactory(SectorPartnershipFactory)
    rationale = "Big cluster."


class SupportRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRecord

    partnership = factory.SubFactory(SectorPartnershipFactory)
    kind = "board_member"
