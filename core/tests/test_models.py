import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from core.models import County, Organization, Region, SizeClass
from core.testing.factories import EmployerFactory, OrganizationFactory


@pytest.mark.django_db
def test_reference_data_puts_all_88_counties_in_one_of_six_regions():
    assert Region.objects.count() == 6
    assert County.objects.count() == 88
    assert County.objects.filter(region__isnull=True).count() == 0
    assert County.objects.get(fips="39049").region.slug == "central"


@pytest.mark.parametrize(
    ("employees", "size"),
    [
        (1, SizeClass.SMALL),
        (50, SizeClass.SMALL),
        (51, SizeClass.MEDIUM),
        (200, SizeClass.MEDIUM),
        (201, SizeClass.LARGE),
        (None, None),
    ],
)
def test_size_class_follows_employee_count(employees, size):
    assert Organization(employee_count=employees).size_class == size


@pytest.mark.django_db
def test_of_size_queryset_matches_the_property():
    for count in (10, 50, 51, 200, 201, 5000):
        EmployerFactory(employee_count=count)
    for size in SizeClass:
        assert all(o.size_class == size for o in Organization.objects.of_size(size))
    assert Organization.objects.of_size(SizeClass.MEDIUM).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("ein", ["311234567", "31-123456", "AB-1234567", "31-12345678"])
def test_ein_must_be_nn_dash_nnnnnnn(ein):
    with pytest.raises(ValidationError) as error:
        Organization(name="X", kind="employer", ein=ein).full_clean(exclude=["county"])
    assert "ein" in error.value.message_dict


@pytest.mark.django_db
def test_ein_is_unique_when_given_but_many_may_leave_it_blank():
    OrganizationFactory(ein="")
    OrganizationFactory(ein="")
    OrganizationFactory(ein="31-1234567")
    with pytest.raises(IntegrityError):
        OrganizationFactory(ein="31-1234567")


@pytest.mark.django_db
@pytest.mark.parametrize("naics", ["3", "1234567", "33a"])
def test_naics_code_is_two_to_six_digits(naics):
    with pytest.raises(ValidationError) as error:
        Organization(name="X", kind="employer", naics_code=naics).full_clean(exclude=["county"])
    assert "naics_code" in error.value.message_dict
