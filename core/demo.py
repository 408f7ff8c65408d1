"""Demo organisations and one user per role. Called by `manage.py seed_demo`."""

import os

from django.contrib.auth import get_user_model

from core import roles
from core.models import County, Organization, OrganizationKind
from core.services import user_grant_role

K = OrganizationKind
# (name, kind, county FIPS, employees, NAICS, EIN)
ORGANIZATIONS = [
    ("Buckeye Precision Machining", K.EMPLOYER, "39049", 140, "332710", "31-4000001"),
    ("Lakeshore Aerostructures", K.EMPLOYER, "39035", 620, "336413", "34-4000002"),
    ("Maumee Valley Logistics", K.EMPLOYER, "39095", 310, "493110", "34-4000003"),
    ("Miami Valley Medical Center", K.EMPLOYER, "39113", 2400, "622110", "31-4000004"),
    ("Queen City Software Works", K.EMPLOYER, "39061", 85, "541511", "31-4000005"),
    ("Hocking Hills Foods", K.EMPLOYER, "39073", 45, "311421", "31-4000006"),
    ("Ohio River Plastics", K.EMPLOYER, "39167", 210, "326199", "31-4000007"),
    ("Stark Drivetrain Components", K.EMPLOYER, "39151", 480, "336350", "34-4000008"),
    ("Glass City Data Centers", K.EMPLOYER, "39173", 60, "518210", "34-4000009"),
    ("Appalachian Home Health", K.EMPLOYER, "39009", 35, "621610", "31-4000010"),
    ("Columbus Community Bank", K.EMPLOYER, "39049", 190, "522110", "31-4000011"),
    ("Wright-Patt Systems Engineering", K.EMPLOYER, "39057", 95, "541715", "31-4000012"),
    ("Scioto Valley Career Center", K.PROVIDER, "39141", 120, "611519", "31-5000001"),
    ("Central Ohio Technical College", K.PROVIDER, "39049", 900, "611210", "31-5000002"),
    ("Cuyahoga Valley Career Campus", K.PROVIDER, "39035", 150, "611519", "34-5000003"),
    ("Northwest State Polytechnic", K.PROVIDER, "39069", 400, "611210", "34-5000004"),
    ("Great Miami Joint Vocational School", K.PROVIDER, "39017", 110, "611110", "31-5000005"),
    ("Mahoning Valley Training Institute", K.PROVIDER, "39099", 40, "611430", "34-5000006"),
    ("Ohio Office of Workforce Transformation", K.GOVERNMENT, "39049", None, "921190", ""),
    ("City of Dayton Economic Development", K.GOVERNMENT, "39113", None, "925120", ""),
    ("One Central Ohio Growth Partnership", K.ECONOMIC_DEVELOPMENT, "39049", 40, "813910", ""),
    ("Northeast Ohio Growth Alliance", K.ECONOMIC_DEVELOPMENT, "39035", 30, "813910", ""),
    ("Southeast Ohio Development Council", K.ECONOMIC_DEVELOPMENT, "39009", 12, "813910", ""),
    ("OhioMeansJobs Franklin County", K.WORKFORCE_DEVELOPMENT, "39049", 75, "624310", ""),
    ("Area 7 Workforce Board", K.WORKFORCE_DEVELOPMENT, "39139", 20, "624310", ""),
    ("Lucas County Workforce Board", K.WORKFORCE_DEVELOPMENT, "39095", 25, "624310", ""),
    ("Ohio Building Trades Council", K.LABOR, "39049", 15, "813930", ""),
    ("Machinists Local 1943", K.LABOR, "39151", 8, "813930", ""),
    ("Toledo Urban League", K.COMMUNITY, "39095", 30, "813319", ""),
    ("Athens County Community Action", K.COMMUNITY, "39009", 55, "624190", ""),
]

DEMO_USERS = [
    # (email, first, last, role, organisation, is_staff, is_superuser)
    ("admin@demo.example", "Avery", "Admin", roles.PROGRAM_STAFF, None, True, True),
    ("staff@demo.example", "Sam", "Staff", roles.PROGRAM_STAFF, "Ohio Office of Workforce Transformation", True, False),
    ("employer@demo.example", "Erin", "Employer", roles.EMPLOYER, "Buckeye Precision Machining", False, False),
    ("provider@demo.example", "Pat", "Provider", roles.PROVIDER, "Scioto Valley Career Center", False, False),
]


def demo_password():
    return os.environ.get("DEMO_PASSWORD", "portal-demo")


def seed(*, stdout):
    counties = {county.fips: county for county in County.objects.all()}
    organizations = {}
    for name, kind, fips, employees, naics, ein in ORGANIZATIONS:
        organizations[name], _ = Organization.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "county": counties[fips],
                "employee_count": employees,
                "naics_code": naics,
                "ein": ein,
                "address": f"100 Main Street, {counties[fips].name} County, Ohio",
            },
        )
    User = get_user_model()
    password = demo_password()
    for email, first, last, role, organization, is_staff, is_superuser in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_staff": is_staff,
                "is_superuser": is_superuser,
                "organization": organizations.get(organization),
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        user_grant_role(user=user, role=role)
    stdout.write(f"Demo logins (password {password!r}): " + ", ".join(u[0] for u in DEMO_USERS))
