"""Every form that names another record offers and accepts only records the user may use: posting another
organisation's id re-renders the form with an error on that field and saves nothing."""

import pytest
from django.urls import reverse

from core.testing.factories import OrganizationFactory
from partnerships.tests.factories import MembershipFactory, SectorPartnershipFactory
from workbased_learning.models import Opportunity

OPPORTUNITY = {"title": "Welding helper", "type": "internship", "modality": "in_person", "hours_target": "250",
               "capacity": "2", "status": "open"}  # fmt: skip


def _someone_elses_partnership(people):
    return SectorPartnershipFactory(convener=OrganizationFactory())


def _an_employer_not_a_provider(people):
    return OrganizationFactory(kind="employer")


# (url name, field, a foreign object's maker): each form posts the foreign object's id in the field.
CASES = [
    ("workbased_learning:opportunity_create", "partnership", _someone_elses_partnership),
    ("workbased_learning:opportunity_create", "provider", _an_employer_not_a_provider),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "field", "make"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_another_organisations_id_is_a_field_error(client, people, url_name, field, make):
    foreign = make(people)
    client.force_login(people.employer)
    response = client.post(reverse(url_name), {**OPPORTUNITY, field: foreign.pk})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Opportunity.objects.exists()


@pytest.mark.django_db
def test_own_partnership_is_accepted(client, people):
    partnership = SectorPartnershipFactory()
    MembershipFactory(partnership=partnership, organization=people.employer.organization)
    client.force_login(people.employer)
    response = client.post(
        reverse("workbased_learning:opportunity_create"), {**OPPORTUNITY, "partnership": partnership.pk}
    )
    assert response.status_code == 302
    assert Opportunity.objects.get().partnership == partnership


@pytest.mark.django_db
def test_partnership_picker_offers_only_the_users_partnerships(client, people):
    SectorPartnershipFactory(name="Hidden welding partnership", convener=OrganizationFactory())
    mine = SectorPartnershipFactory(name="Own welding partnership", convener=people.employer.organization)
    client.force_login(people.employer)
    response = client.get(reverse("partnerships:partnership_choices"), {"q": "welding"})
    assert mine.name in response.text and "Hidden welding" not in response.text


@pytest.mark.django_db
def test_the_service_refuses_a_foreign_partnership(people):
    from django.core.exceptions import ValidationError

    from workbased_learning import services

    with pytest.raises(ValidationError):
        services.opportunity_check_choices(
            user=people.employer, instance=Opportunity(), partnership=_someone_elses_partnership(people)
        )
