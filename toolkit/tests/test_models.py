import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError

from core.testing.factories import CountyFactory
from toolkit.models import Area, Resource, ResourceVisibility, TrainingProgram
from toolkit.tests.factories import (
    AreaFactory,
    JobPostingFactory,
    OccupationFactory,
    PortalStateFactory,
    ResourceFactory,
    TrainingProgramFactory,
)

pytestmark = pytest.mark.django_db


def test_staff_only_resources_are_hidden_from_everyone_but_staff(people):
    ResourceFactory(slug="open")
    ResourceFactory(slug="closed", visibility=ResourceVisibility.STAFF)
    assert set(Resource.objects.visible_to(people.staff).values_list("slug", flat=True)) >= {"open", "closed"}
    for user in (people.employer, people.provider, None):
        slugs = set(Resource.objects.visible_to(user).values_list("slug", flat=True))
        assert "open" in slugs and "closed" not in slugs


def test_resource_search_matches_every_word():
    ResourceFactory(slug="a", title="Launch meeting agenda", body="employers lead")
    ResourceFactory(slug="b", title="Launch checklist", body="partners listen")
    found = Resource.objects.filter(slug__in=["a", "b"]).search("launch employers")
    assert list(found.values_list("slug", flat=True)) == ["a"]


def test_programs_for_occupations_and_search():
    machining = TrainingProgramFactory(name="Machining", soc_codes=["51-4041", "51-4011"])
    TrainingProgramFactory(name="Nursing", soc_codes=["29-1141"])
    TrainingProgramFactory(name="Old", soc_codes=["51-4041"], is_active=False)
    assert list(TrainingProgram.objects.active().for_occupations(["51-4011", "99-0000"])) == [machining]
    assert not TrainingProgram.objects.for_occupations([]).exists()
    assert list(TrainingProgram.objects.search("nursing").values_list("name", flat=True)) == ["Nursing"]
    assert list(TrainingProgram.objects.search("29-1141").values_list("name", flat=True)) == ["Nursing"]


def test_inactive_programs_are_shown_to_staff_only(people):
    TrainingProgramFactory(name="Old", is_active=False)
    assert TrainingProgram.objects.visible_to(people.staff).filter(name="Old").exists()
    assert not TrainingProgram.objects.visible_to(people.employer).filter(name="Old").exists()


def test_the_statewide_area_is_the_portal_states_whatever_other_states_are_on_file(settings):
    AreaFactory(code="01", name="Alabama", area_type="state", state="AL")  # sorts before Ohio
    AreaFactory(code="50", name="Vermont", area_type="state", state="VT")
    assert Area.objects.portal_state() is None  # Ohio's file is not imported yet: no other state stands in
    PortalStateFactory()
    assert Area.objects.portal_state().name == "Ohio"
    settings.PORTAL_STATE = "vt"
    assert Area.objects.portal_state().name == "Vermont"
    settings.PORTAL_STATE = "Ohio"
    with pytest.raises(ImproperlyConfigured, match="two-letter postal code"):
        Area.objects.portal_state()


def test_a_posting_needs_an_area_or_a_county_not_both():
    with pytest.raises(IntegrityError):
        JobPostingFactory(area=AreaFactory(), county=CountyFactory(), occupation=OccupationFactory())
