import pytest
from django.apps import apps

from core.testing.factories import EmployerUserFactory, ProviderUserFactory
from partnerships import reference
from partnerships.tests.factories import MembershipFactory, SectorPartnershipFactory


@pytest.fixture
def metrics(db):
    """The Outcomes Template's default metrics (a flushed test database has lost the migration's rows)."""
    reference.load(apps)
    from partnerships.models import OutcomeMetric

    return list(OutcomeMetric.objects.active())


@pytest.fixture
def people(people):
    """The core people plus a user of the convener organisation and a user of a member organisation."""
    people.extra["convener"] = EmployerUserFactory(email="convener@example.test", organization__name="Convening Co")
    people.extra["member"] = ProviderUserFactory(email="member@example.test", organization__name="Member College")
    return people


@pytest.fixture
def partnership(people):
    """A partnership convened by people.extra['convener']'s organisation, with people.extra['member']'s as member."""
    partnership = SectorPartnershipFactory(name="Precision Partnership", convener=people.extra["convener"].organization)
    MembershipFactory(
        partnership=partnership, organization=people.extra["member"].organization, role="education_partner"
    )
    return partnership


@pytest.fixture
def toolkit_documents(db):
    """The tool kit's seeded resources (a flushed test database has lost the migration's rows)."""
    from toolkit import seed_resources

    seed_resources.load(apps)
