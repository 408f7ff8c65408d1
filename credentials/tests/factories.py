"""factory_boy factories for the credential program."""

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from core.testing.factories import EmployerFactory
from credentials.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    Award,
    Category,
    ClaimLine,
    Credential,
    CredentialProposal,
    FundingRound,
    ReimbursementClaim,
)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credential

    title = factory.Sequence(lambda n: f"Credential {n}")
    issuing_body = "Issuer"
    category = factory.SubFactory(CategoryFactory)
    typical_cost = Decimal("1500.00")
    typical_training_hours = 40
    example_providers = "Central Ohio Technical College"


class OpenRoundFactory(factory.django.DjangoModelFactory):
    """A round open now: opened ten days ago, closes in twenty days."""

    class Meta:
        model = FundingRound

    name = factory.Sequence(lambda n: f"Round {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    total_budget = Decimal("1000000.00")


class ClosedRoundFactory(OpenRoundFactory):
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=60))
    closes_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=45))


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    organization = factory.SubFactory(EmployerFactory)
    round = factory.SubFactory(OpenRoundFactory)
    status = ApplicationStatus.DRAFT


class ApplicationLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationLine

    application = factory.SubFactory(ApplicationFactory)
    credential = factory.SubFactory(CredentialFactory)
    training_provider = "Central Ohio Technical College"
    cost_per_employee = Decimal("1500.00")
    employees = 2
    amount_requested_per_employee = Decimal("1500.00")
    wage_before = Decimal("20.00")
    wage_after = Decimal("22.00")
    training_start = factory.LazyAttribute(lambda o: o.application.round.training_starts_on)
    training_end = factory.LazyAttribute(lambda o: o.application.round.training_starts_on + datetime.timedelta(days=90))


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    line = factory.SubFactory(ApplicationLineFactory)
    amount = factory.LazyAttribute(lambda o: o.line.amount_requested_per_employee * o.line.employees)
    awarded_by = None


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CredentialProposal

    organization = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Proposed credential {n}")
    issuing_body = "Proposed Issuer"
    technology_evidence = "Programming industrial robots."
    recognition_evidence = "Listed in many job postings."
    typical_cost = Decimal("800.00")
    typical_training_hours = 30
    training_provider = "A provider"


def awarded_application(organization, *, round=None, employees=2, per_employee=Decimal("1500.00"), start=None):
    """An application in `round` with one line, submitted and awarded in full."""
    round = round or ClosedRoundFactory()
    application = ApplicationFactory(
        organization=organization, round=round, status=ApplicationStatus.AWARDED, submitted_at=timezone.now()
    )
    line_kwargs = {"training_start": start} if start else {}
    line = ApplicationLineFactory(
        application=application,
        employees=employees,
        cost_per_employee=per_employee,
        amount_requested_per_employee=per_employee,
        **line_kwargs,
    )
    line.refresh_from_db()
    award = AwardFactory(line=line, amount=per_employee * employees)
    return application, award


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def submitted_claim(application, award, *, month=None, last4="4821", dob=datetime.date(1990, 5, 17)):
    """A submitted reimbursement claim with a proof PDF and one employee line on `award` (a new hire unless `dob`
    is None)."""
    claim = ReimbursementClaim(
        application=application,
        organization=application.organization,
        claim_month=month or timezone.localdate().replace(day=1),
        amount=Decimal("1500.00"),
    )
    claim.proof.save("proof.pdf", ContentFile(PDF_BYTES), save=False)
    claim.save()
    ClaimLine.objects.create(
        claim=claim,
        award=award,
        employee_name="Jordan Ellis",
        ssn_last4=last4,
        new_hire=dob is not None,
        date_of_birth=dob,
        date_earned=timezone.localdate() - datetime.timedelta(days=3),
        wage_after=Decimal("23.00"),
        amount=Decimal("1500.00"),
    )
    return claim
