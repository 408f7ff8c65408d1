"""factory_boy factories for the tool kit; other apps' tests may build on them."""

from datetime import date

import factory

from core.testing.factories import CountyFactory, IndustryClusterFactory, ProviderFactory, StaffUserFactory
from toolkit.models import (
    Area,
    AreaType,
    ClusterOccupation,
    DataImport,
    ImportKind,
    JobPosting,
    Occupation,
    OccupationEstimate,
    Resource,
    ResourceKind,
    TrainingProgram,
)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        django_get_or_create = ["slug"]

    title = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    kind = ResourceKind.GUIDE
    summary = "A short summary."
    body = "Some **guidance**."


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ["soc_code"]

    soc_code = factory.Sequence(lambda n: f"{11 + n // 10000 % 80:02d}-{n % 10000:04d}")
    title = factory.Sequence(lambda n: f"Occupation {n}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{90000 + n}")
    name = factory.Sequence(lambda n: f"Area {n}")
    area_type = AreaType.METRO
    state = "OH"


class PortalStateFactory(AreaFactory):
    code = "39"
    name = "Ohio"
    area_type = AreaType.STATE


class OccupationEstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupationEstimate

    area = factory.SubFactory(PortalStateFactory)
    occupation = factory.SubFactory(OccupationFactory)
    year = 2025
    employment = 1000
    jobs_per_1000 = "5.000"
    location_quotient = "1.00"
    hourly_mean = "30.00"
    annual_mean = "62400.00"
    hourly_median = "28.00"
    annual_median = "58240.00"


class ClusterOccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterOccupation

    cluster = factory.SubFactory(IndustryClusterFactory)
    occupation = factory.SubFactory(OccupationFactory)


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    period = date(2025, 6, 1)
    county = factory.SubFactory(CountyFactory)
    occupation = factory.SubFactory(OccupationFactory)
    postings = 10


class TrainingProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProgram

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Program {n}")
    cip_code = "48.0501"
    credential_name = "Machining Level I"
    length_weeks = 12
    cost = "2500.00"
    county = factory.SubFactory(CountyFactory)
    soc_codes = factory.List(["51-4041"])


class DataImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataImport

    kind = ImportKind.OEWS
    original_name = factory.Sequence(lambda n: f"file{n}_2025.csv")
    file = factory.django.FileField(filename="file_2025.csv", data=b"AREA\n")
    requested_by = factory.SubFactory(StaffUserFactory)
