"""factory_boy factories for the shared vocabulary. Other apps' factories build on these."""

import factory
from django.contrib.auth.models import Group

from core import roles
from core.models import County, IndustryCluster, Organization, OrganizationKind, Region, User

TEST_PASSWORD = "correct-horse-battery-staple"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Test region {n}")
    slug = factory.Sequence(lambda n: f"test-region-{n}")


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ["fips"]

    name = factory.Sequence(lambda n: f"Testing{n}")
    fips = factory.Sequence(lambda n: f"99{n % 1000:03d}")
    region = factory.SubFactory(RegionFactory)


class IndustryClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndustryCluster
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Test cluster {n}")
    slug = factory.Sequence(lambda n: f"test-cluster-{n}")
    naics_prefixes = factory.List(["3361"])


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganizationKind.EMPLOYER
    ein = factory.Sequence(lambda n: f"{10 + n // 10_000_000 % 90:02d}-{n % 10_000_000:07d}")
    county = factory.SubFactory(CountyFactory)
    employee_count = 120
    naics_code = "332710"


class EmployerFactory(OrganizationFactory):
    kind = OrganizationKind.EMPLOYER


class ProviderFactory(OrganizationFactory):
    kind = OrganizationKind.PROVIDER
    naics_code = "611519"


def role_granted(default=None):
    """A post-generation step that puts the user in a role's group: `role=` when given, else `default`."""

    def grant(user, create, extracted, **kwargs):
        name = extracted or default
        if create and name:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        if create:
            user.save()

    return factory.PostGeneration(grant)


class UserFactory(factory.django.DjangoModelFactory):
    """A user with no role. Pass `role=` (a name from core.roles) to put the user in that group."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)
    role = role_granted()


class StaffUserFactory(UserFactory):
    is_staff = True
    role = role_granted(roles.PROGRAM_STAFF)


class AdminUserFactory(UserFactory):
    is_staff = True
    is_superuser = True
    role = role_granted(roles.PROGRAM_STAFF)


class EmployerUserFactory(UserFactory):
    organization = factory.SubFactory(EmployerFactory)
    role = role_granted(roles.EMPLOYER)


class ProviderUserFactory(UserFactory):
    organization = factory.SubFactory(ProviderFactory)
    role = role_granted(roles.PROVIDER)
