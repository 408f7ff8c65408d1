"""Demo data of the tool kit. Called by `manage.py seed_demo` after core and credentials; idempotent.

Loads the essential resources and default cluster occupations (also seeded by migrations), real BLS OEWS May
2025 estimates for Ohio, the state the demo portal serves (`toolkit/demo_data/oews_ohio_2025.csv`, built from BLS's
flat files by `toolkit/demo_data/build_state_oews.py`), job postings and a training-program inventory.

Ohio's BLS metropolitan and nonmetropolitan areas are mapped to the JobsOhio regions they lie in (below), as staff
would map them in the admin. Statewide figures are always the `PORTAL_STATE` setting's state ("OH" by default).
"""

from datetime import date
from pathlib import Path

from django.apps import apps

from core.models import County, Organization, OrganizationKind, Region
from toolkit import reference, seed_resources
from toolkit.importers import run_import
from toolkit.models import (
    Area,
    ClusterOccupation,
    ImportKind,
    JobPosting,
    Modality,
    OccupationEstimate,
    TrainingProgram,
)

DEMO_OEWS = Path(__file__).resolve().parent / "demo_data" / "oews_ohio_2025.csv"
DEMO_YEAR = 2025
DEMO_STATE_AREA = "39"  # Ohio's statewide area in BLS's download files
# BLS area code -> the demo regions it lies in (an area straddling two regions covers both).
AREA_REGIONS = {
    "18140": ["central"],  # Columbus
    "10420": ["northeast"],  # Akron
    "15940": ["northeast"],  # Canton-Massillon
    "17410": ["northeast"],  # Cleveland
    "31900": ["northeast"],  # Mansfield
    "49660": ["northeast"],  # Youngstown-Warren
    "3900002": ["northeast"],  # North Northeastern Ohio nonmetropolitan area
    "30620": ["northwest"],  # Lima
    "41780": ["northwest"],  # Sandusky
    "45780": ["northwest"],  # Toledo
    "3900001": ["northwest", "west"],  # West Northwestern Ohio nonmetropolitan area
    "3900003": ["southeast"],  # Eastern Ohio nonmetropolitan area
    "3900004": ["southeast", "southwest"],  # Southern Ohio nonmetropolitan area
    "17140": ["southwest"],  # Cincinnati
    "19430": ["west"],  # Dayton-Kettering-Beavercreek
    "44220": ["west"],  # Springfield
}

# (provider, program, CIP, credential, weeks, hours, modality, cost, county FIPS, SOC codes)
PROGRAMS = [
    ("Scioto Valley Career Center", "Precision Machining Technology", "48.0501", "NIMS Machining Level I", 40, 900,
     Modality.IN_PERSON, "6800.00", "39141", ["51-4041", "51-4011"]),
    ("Scioto Valley Career Center", "Welding and Fabrication", "48.0508", "AWS Certified Welder", 30, 720,
     Modality.IN_PERSON, "5400.00", "39141", ["51-4121"]),
    ("Central Ohio Technical College", "Industrial Maintenance Technician", "47.0303", "", 32, 640,
     Modality.HYBRID, "7200.00", "39049", ["49-9041", "51-9061"]),
    ("Central Ohio Technical College", "Practical Nursing", "51.3901", "NCLEX-PN", 48, 1400,
     Modality.IN_PERSON, "12500.00", "39049", ["29-2061"]),
    ("Central Ohio Technical College", "Associate of Applied Science in Nursing", "51.3801", "NCLEX-RN", 96, 2200,
     Modality.IN_PERSON, "18900.00", "39049", ["29-1141"]),
    ("Cuyahoga Valley Career Campus", "State Tested Nurse Aide", "51.3902", "STNA", 4, 120,
     Modality.IN_PERSON, "850.00", "39035", ["31-1131", "31-1120"]),
    ("Cuyahoga Valley Career Campus", "Medical Assisting", "51.0801", "Certified Medical Assistant (CMA)", 36, 900,
     Modality.HYBRID, "9800.00", "39035", ["31-9092"]),
    ("Northwest State Polytechnic", "Commercial Driver's License Class A", "49.0205", "CDL Class A", 6, 160,
     Modality.IN_PERSON, "4500.00", "39069", ["53-3032"]),
    ("Northwest State Polytechnic", "Supply Chain and Logistics Certificate", "52.0203", "Certified Logistics "
     "Technician", 16, 240, Modality.ONLINE, "2100.00", "39069", ["13-1081", "43-5071", "53-7051"]),
    ("Great Miami Joint Vocational School", "Automotive Technology", "47.0604", "ASE Entry-Level Certification",
     72, 1080, Modality.IN_PERSON, "3200.00", "39017", ["49-3023"]),
    ("Great Miami Joint Vocational School", "Aviation Maintenance Technician", "47.0607", "FAA Airframe and "
     "Powerplant", 80, 1900, Modality.IN_PERSON, "21000.00", "39017", ["49-3011"]),
    ("Mahoning Valley Training Institute", "CompTIA A+ Bootcamp", "11.1006", "CompTIA A+", 12, 180,
     Modality.ONLINE, "3400.00", "39099", ["15-1232", "15-1231"]),
    ("Mahoning Valley Training Institute", "Cybersecurity Analyst", "11.1003", "CompTIA Security+", 16, 240,
     Modality.ONLINE, "4200.00", "39099", ["15-1212", "15-1244"]),
    ("Central Ohio Technical College", "Software Development Certificate", "11.0201", "", 30, 450,
     Modality.HYBRID, "5600.00", "39049", ["15-1252", "15-1253"]),
    ("Scioto Valley Career Center", "Pharmacy Technician", "51.0805", "Certified Pharmacy Technician (CPhT)", 20,
     400, Modality.HYBRID, "2900.00", "39141", ["29-2052"]),
    ("Northwest State Polytechnic", "Food Science and Processing", "01.1001", "", 24, 480,
     Modality.IN_PERSON, "3800.00", "39069", ["51-3092", "51-3011", "51-9111"]),
]  # fmt: skip


def seed(*, stdout):
    seed_resources.load(apps)
    reference.load(apps)
    areas = _labor_market_data(stdout)
    _job_postings()
    _training_programs()
    stdout.write(
        f"Tool kit: {areas} labor-market areas, {OccupationEstimate.objects.count():,} OEWS estimates, "
        f"{JobPosting.objects.count():,} job-posting counts, {TrainingProgram.objects.count()} training programs."
    )


def _labor_market_data(stdout):
    if not OccupationEstimate.objects.filter(year=DEMO_YEAR, area__code=DEMO_STATE_AREA).exists():
        with DEMO_OEWS.open("rb") as handle:
            run_import(ImportKind.OEWS, handle, DEMO_OEWS.name, year=DEMO_YEAR)
    regions = {region.slug: region for region in Region.objects.all()}
    for code, slugs in AREA_REGIONS.items():
        area = Area.objects.filter(code=code).first()
        if area is not None:
            area.regions.set([regions[slug] for slug in slugs if slug in regions])
    return Area.objects.count()


def _job_postings():
    """Twelve months of postings per key occupation and region, in proportion to statewide employment."""
    if JobPosting.objects.filter(source="Demo").exists():
        return
    employment = dict(
        OccupationEstimate.objects.filter(year=DEMO_YEAR, area__code=DEMO_STATE_AREA).values_list(
            "occupation_id", "employment"
        )
    )
    occupation_ids = sorted(set(ClusterOccupation.objects.values_list("occupation_id", flat=True)))
    counties = {}
    for county in County.objects.order_by("fips"):
        counties.setdefault(county.region_id, county)  # one county stands for each region
    postings = []
    for month in range(1, 13):
        period = date(DEMO_YEAR, month, 1)
        for index, occupation_id in enumerate(occupation_ids):
            # A month's postings in one region: about one for every 250 people the occupation employs statewide.
            base = (employment.get(occupation_id) or 2000) // 250
            for region_index, county in enumerate(counties.values()):
                count = base + (index * 7 + month * 3 + region_index * 5) % 17
                postings.append(
                    JobPosting(period=period, county=county, occupation_id=occupation_id, postings=count, source="Demo")
                )
    JobPosting.objects.bulk_create(postings, batch_size=2000)


def _training_programs():
    from credentials.models import Credential

    counties = {county.fips: county for county in County.objects.all()}
    for provider_name, name, cip, credential, weeks, hours, modality, cost, fips, socs in PROGRAMS:
        provider, _ = Organization.objects.get_or_create(
            name=provider_name, defaults={"kind": OrganizationKind.PROVIDER, "county": counties.get(fips)}
        )
        TrainingProgram.objects.update_or_create(
            provider=provider,
            name=name,
            defaults={
                "cip_code": cip,
                "credential": Credential.objects.filter(title__iexact=credential).first() if credential else None,
                "credential_name": credential,
                "length_weeks": weeks,
                "length_hours": hours,
                "modality": modality,
                "cost": cost,
                "county": counties.get(fips),
                "soc_codes": socs,
            },
        )
