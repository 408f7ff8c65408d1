"""Two incentive applications by one employer sent at the same moment: the database's unique constraint holds, and
the one that loses is told so on the page, not answered with a server error."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from core.testing.factories import EmployerUserFactory
from workbased_learning import services
from workbased_learning.models import IncentiveApplication
from workbased_learning.tests.factories import OpportunityFactory, ProgramYearFactory, last_year_placement


@pytest.mark.django_db
def test_the_application_that_loses_the_race_gets_a_message(monkeypatch):
    program_year = ProgramYearFactory()
    employer = EmployerUserFactory()
    opportunity = OpportunityFactory(host=employer.organization)
    first, second = last_year_placement(opportunity=opportunity), last_year_placement(opportunity=opportunity)
    services.incentive_application_submit(
        employer=employer.organization, program_year=program_year, user=employer, wages={first.pk: "100"}
    )
    # The competing request committed between this request's check and its insert: the check saw nothing.
    exists = QuerySet.exists
    monkeypatch.setattr(QuerySet, "exists", lambda qs: False if qs.model is IncentiveApplication else exists(qs))
    with pytest.raises(ValidationError, match="already applied for"):
        services.incentive_application_submit(
            employer=employer.organization, program_year=program_year, user=employer, wages={second.pk: "100"}
        )
    # The transaction is still usable afterwards (the failed insert was rolled back to a savepoint).
    assert IncentiveApplication.objects.filter(employer=employer.organization).count() == 1
