import pytest
from django.db import IntegrityError

from core.testing.factories import CountyFactory
from toolkit.models import Area, Resource, ResourceVisibility, TrainingProgram
from toolkit.tests.factories import (
    AreaFactory,
    HomeStateFactory,
    JobPostingFactory,
    OccupationFactory,
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


def test_only_one_home_state_and_a_posting_has_exactly_one_place():
    HomeStateFactory()
    AreaFactory(code="50", area_type="state")
    assert Area.objects.home_state().code == "39"
    with pytest.raises(IntegrityError):
        AreaFactory(code="51", area_type="state", is_home_state=True)


def test_a_posting_needs_an_area_or_a_county_not_both():
    with pytest.raises(IntegrityError):
        JobPostingFactory(area=AreaFactory(), county=CountyFactory(), occupation=OccupationFactory())
