"""Demo partnerships in every stage, with members, contacts, meetings, gaps, actions and outcome reports.

Idempotent: running it again updates the same rows. Buckeye Precision Machining (employer@demo.example) convenes
the Central Ohio Precision Manufacturing Partnership, so that demo login can edit one partnership; Scioto Valley
Career Center (provider@demo.example) is a member of several and reads them.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import IndustryCluster, Organization, Region
from partnerships import reference, services
from partnerships.models import (
    Action,
    ActionStatus,
    Contact,
    Meeting,
    MeetingFormat,
    MeetingKind,
    Membership,
    MetricUnit,
    OutcomeMetric,
    OutcomeReport,
    OutcomeValue,
    PriorityDesignation,
    ReportStatus,
    Scope,
    SectorPartnership,
    SkillGap,
    Stage,
    StageChange,
    SupportKind,
    SupportRecord,
)

EC, EM, ED, WF, EDP, LAB, COM, PUB = (
    "employer_champion",
    "employer_member",
    "education_partner",
    "workforce_partner",
    "economic_development_partner",
    "labor_partner",
    "community_partner",
    "public_agency",
)

# name, cluster slug, regions ([] = statewide), stage, convener, priority, members [(organisation, role)],
# skill gaps [(SOC, title)], actions [(title, category, owner, status)]
PARTNERSHIPS = [
    (
        "Central Ohio Precision Manufacturing Partnership",
        "advanced-manufacturing",
        ["central"],
        Stage.ACTIVE,
        "Buckeye Precision Machining",
        True,
        [
            ("Buckeye Precision Machining", EC),
            ("Stark Drivetrain Components", EM),
            ("Columbus Community Bank", EM),
            ("Central Ohio Technical College", ED),
            ("Scioto Valley Career Center", ED),
            ("OhioMeansJobs Franklin County", WF),
            ("One Central Ohio Growth Partnership", EDP),
            ("Ohio Building Trades Council", LAB),
        ],
        [("51-4041", "Machinists"), ("51-4011", "Computer Numerically Controlled Tool Operators")],
        [
            ("CNC operator short-term certificate", "new_program", "Central Ohio Technical College", "in_progress"),
            ("Summer manufacturing camp for middle schoolers", "youth_exposure", "Scioto Valley Career Center", "done"),
            (
                "Co-op placements for second-year machining students",
                "internships",
                "Buckeye Precision Machining",
                "planned",
            ),
        ],
    ),
    (
        "Northeast Ohio Aerospace Workforce Alliance",
        "aerospace-aviation",
        ["northeast"],
        Stage.ACTIVE,
        "Northeast Ohio Growth Alliance",
        True,
        [
            ("Lakeshore Aerostructures", EC),
            ("Cuyahoga Valley Career Campus", ED),
            ("Northeast Ohio Growth Alliance", EDP),
            ("Area 7 Workforce Board", WF),
        ],
        [
            ("49-3011", "Aircraft Mechanics and Service Technicians"),
            ("51-4121", "Welders, Cutters, Solderers, and Brazers"),
        ],
        [
            (
                "Revise the A&P mechanic curriculum with employers",
                "curriculum_revision",
                "Cuyahoga Valley Career Campus",
                "in_progress",
            ),
            ("Regional aerospace careers campaign", "marketing_plan", "Northeast Ohio Growth Alliance", "planned"),
        ],
    ),
    (
        "Maumee Valley Logistics Council",
        "logistics-distribution",
        ["northwest"],
        Stage.SUSTAINING,
        "Lucas County Workforce Board",
        False,
        [
            ("Maumee Valley Logistics", EC),
            ("Glass City Data Centers", EM),
            ("Northwest State Polytechnic", ED),
            ("Lucas County Workforce Board", WF),
            ("Toledo Urban League", COM),
        ],
        [
            ("53-3032", "Heavy and Tractor-Trailer Truck Drivers"),
            ("53-7062", "Laborers and Freight, Stock, and Material Movers"),
        ],
        [
            ("CDL training cohort with employer-paid tuition", "incumbent_training", "Maumee Valley Logistics", "done"),
            ("Employer match for WIOA training grant", "leveraged_funding", "Lucas County Workforce Board", "done"),
        ],
    ),
    (
        "Miami Valley Healthcare Talent Partnership",
        "healthcare",
        ["west"],
        Stage.ACTIVE,
        "City of Dayton Economic Development",
        False,
        [
            ("Miami Valley Medical Center", EC),
            ("Great Miami Joint Vocational School", ED),
            ("City of Dayton Economic Development", PUB),
        ],
        [("29-1141", "Registered Nurses"), ("31-1131", "Nursing Assistants")],
        [("STNA pathway for high-school seniors", "new_program", "Great Miami Joint Vocational School", "in_progress")],
    ),
    (
        "Southwest Ohio Software Collaborative",
        "technology",
        ["southwest"],
        Stage.LAUNCHING,
        "Queen City Software Works",
        False,
        [("Queen City Software Works", EC), ("Wright-Patt Systems Engineering", EM)],
        [("15-1252", "Software Developers")],
        [],
    ),
    (
        "Appalachian Ohio Health Careers Network",
        "healthcare",
        ["southeast"],
        Stage.LAUNCHING,
        "Southeast Ohio Development Council",
        True,
        [
            ("Appalachian Home Health", EC),
            ("Southeast Ohio Development Council", EDP),
            ("Athens County Community Action", COM),
        ],
        [("31-1122", "Personal Care Aides")],
        [],
    ),
    (
        "Ohio River Plastics and Chemistry Partnership",
        "energy-chemicals",
        ["southeast", "southwest"],
        Stage.EXPLORING,
        None,
        False,
        [("Ohio River Plastics", EM)],
        [],
        [],
    ),
    (
        "Hocking Hills Food Processing Partnership",
        "food-agribusiness",
        ["southeast"],
        Stage.EXPLORING,
        "Southeast Ohio Development Council",
        False,
        [("Hocking Hills Foods", EC)],
        [],
        [],
    ),
    (
        "Stark County Automotive Suppliers Partnership",
        "automotive",
        ["northeast"],
        Stage.ACTIVE,
        "Stark Drivetrain Components",
        False,
        [
            ("Stark Drivetrain Components", EC),
            ("Mahoning Valley Training Institute", ED),
            ("Machinists Local 1943", LAB),
            ("Area 7 Workforce Board", WF),
        ],
        [("49-9041", "Industrial Machinery Mechanics")],
        [("Maintenance technician apprenticeship", "new_program", "Mahoning Valley Training Institute", "in_progress")],
    ),
    (
        "Statewide Financial Services Workforce Council",
        "financial-services",
        [],
        Stage.SUSTAINING,
        "Ohio Office of Workforce Transformation",
        False,
        [
            ("Columbus Community Bank", EC),
            ("Central Ohio Technical College", ED),
            ("Ohio Office of Workforce Transformation", PUB),
        ],
        [("43-3071", "Tellers")],
        [
            (
                "Grant applications name the banking pathway",
                "grant_language",
                "Ohio Office of Workforce Transformation",
                "done",
            )
        ],
    ),
    (
        "Dayton Defense and Federal Contractors Partnership",
        "military-federal",
        ["west"],
        Stage.INACTIVE,
        "Wright-Patt Systems Engineering",
        False,
        [("Wright-Patt Systems Engineering", EC)],
        [],
        [],
    ),
    (
        "Glass City Data Center Technicians Partnership",
        "technology",
        ["northwest"],
        Stage.LAUNCHING,
        "Lucas County Workforce Board",
        False,
        [
            ("Glass City Data Centers", EC),
            ("Northwest State Polytechnic", ED),
            ("Lucas County Workforce Board", WF),
        ],
        [("15-1231", "Computer Network Support Specialists")],
        [],
    ),
]

# The path each demo partnership walked to its stage, so the history shows real transitions.
PATH_TO = {
    Stage.EXPLORING: [],
    Stage.LAUNCHING: [Stage.LAUNCHING],
    Stage.ACTIVE: [Stage.LAUNCHING, Stage.ACTIVE],
    Stage.SUSTAINING: [Stage.LAUNCHING, Stage.ACTIVE, Stage.SUSTAINING],
    Stage.INACTIVE: [Stage.LAUNCHING, Stage.INACTIVE],
}


def seed(*, stdout):
    reference.load(_apps())
    staff = get_user_model().objects.filter(email="staff@demo.example").first()
    organizations = {o.name: o for o in Organization.objects.all()}
    clusters = {c.slug: c for c in IndustryCluster.objects.all()}
    regions = {r.slug: r for r in Region.objects.all()}
    today = timezone.localdate()
    last_period = services.reporting_period_last_ended(today=today)
    earlier_period = services.reporting_period_get(day=last_period.start - timedelta(days=1))
    metrics = list(OutcomeMetric.objects.active())

    for index, (name, cluster, region_slugs, stage, convener, priority, members, gaps, actions) in enumerate(
        PARTNERSHIPS
    ):
        launched = stage in (Stage.ACTIVE, Stage.SUSTAINING)
        # Each partnership's story: created `started`, launching 90 days later, active (launched) 90 days after that.
        started = timezone.now() - timedelta(days=700 - 10 * index)
        partnership = SectorPartnership.objects.filter(name=name).first()
        created = partnership is None
        partnership, _ = SectorPartnership.objects.update_or_create(
            name=name,
            defaults={
                "cluster": clusters[cluster],
                "scope": Scope.REGIONAL if region_slugs else Scope.STATEWIDE,
                "convener": organizations.get(convener),
                "staff_liaison": staff,
                "stage": stage,
                "launch_date": (started + timedelta(days=180)).date() if launched else None,
                "goals": f"Close the {clusters[cluster].name.lower()} industry's most urgent skill gaps together.",
                "description": f"Employers of the {clusters[cluster].name.lower()} industry with their education, "
                "workforce and community partners.",
            },
        )
        partnership.regions.set([regions[slug] for slug in region_slugs])
        if created:
            when = started
            StageChange.objects.create(
                partnership=partnership, to_stage=Stage.EXPLORING, changed_by=staff, changed_at=when
            )
            previous = Stage.EXPLORING
            for step, next_stage in enumerate(PATH_TO[stage], start=1):
                StageChange.objects.create(
                    partnership=partnership,
                    from_stage=previous,
                    to_stage=next_stage,
                    changed_by=staff,
                    changed_at=when + timedelta(days=90 * step),
                )
                previous = next_stage

        for organization_name, role in members:
            organization = organizations[organization_name]
            Membership.objects.get_or_create(
                partnership=partnership,
                organization=organization,
                role=role,
                left_on=None,
                defaults={"joined_on": today - timedelta(days=300)},
            )
            slug = organization_name.lower().replace(" ", "").replace("-", "")[:20]
            Contact.objects.get_or_create(
                partnership=partnership,
                email=f"lead@{slug}.example",
                defaults={
                    "organization": organization,
                    "name": f"{organization_name.split()[0]} Lead",
                    "title": "Partnership lead",
                    "phone": "614-555-0100",
                },
            )
        contacts = list(partnership.contacts.all())

        if stage != Stage.EXPLORING:
            starts = timezone.make_aware(datetime.combine((started + timedelta(days=150)).date(), time(9, 30)))
            launch, _ = Meeting.objects.get_or_create(
                partnership=partnership,
                kind=MeetingKind.LAUNCH,
                defaults={
                    "title": f"Launch meeting of {name}",
                    "starts_at": starts,
                    "format": MeetingFormat.IN_PERSON,
                    "place": f"{partnership.convener or 'Partner'} offices",
                    "agenda": "1. Welcome\n2. What employers need\n3. Top skill gaps\n4. Next steps",
                    "minutes": "Employers named their top hiring needs; working groups formed.",
                },
            )
            launch.attendees.set(contacts)
            if launched:
                follow_up, _ = Meeting.objects.get_or_create(
                    partnership=partnership,
                    kind=MeetingKind.WORKING_GROUP,
                    defaults={
                        "title": "Training working group",
                        "starts_at": starts + timedelta(days=45),
                        "format": MeetingFormat.VIRTUAL,
                        "link": "https://meet.example/partnership",
                        "agenda": "Review training options for the top skill gaps.",
                    },
                )
                follow_up.attendees.set(contacts[:3])

        for priority_rank, (soc, title) in enumerate(gaps, start=1):
            SkillGap.objects.get_or_create(
                partnership=partnership,
                soc_code=soc,
                defaults={
                    "occupation_title": title,
                    "priority": min(priority_rank, 3),
                    "status": "current" if priority_rank == 1 else "emerging",
                    "horizon": "short_term" if priority_rank == 1 else "long_term",
                    "description": f"Employers report unfilled {title.lower()} openings.",
                },
            )
        for step, (title, category, owner, status) in enumerate(actions):
            Action.objects.get_or_create(
                partnership=partnership,
                title=title,
                defaults={
                    "category": category,
                    "owner": organizations.get(owner),
                    "status": status,
                    "due_on": today + timedelta(days=30 * (step + 1)),
                    "completed_on": today - timedelta(days=20) if status == ActionStatus.DONE else None,
                },
            )

        if launched:
            _report(partnership, earlier_period, ReportStatus.ACCEPTED, metrics, index, staff)
            _report(
                partnership,
                last_period,
                [ReportStatus.SUBMITTED, ReportStatus.DRAFT, None][index % 3],
                metrics,
                index,
                staff,
            )

        if priority:
            designation, _ = PriorityDesignation.objects.get_or_create(
                partnership=partnership,
                defaults={
                    "rationale": "A high-wage cluster concentrated in the region, with employers ready to lead.",
                    "designated_by": staff,
                    "designated_on": today - timedelta(days=120),
                },
            )
            SupportRecord.objects.get_or_create(
                partnership=partnership,
                kind=SupportKind.BOARD_MEMBER,
                defaults={
                    "description": "A member of the executive workforce board joins the employer meetings.",
                    "recorded_by": staff,
                    "provided_on": today - timedelta(days=90),
                },
            )
    stdout.write(f"Partnerships: {SectorPartnership.objects.count()} partnerships.")


def _report(partnership, period, status, metrics, index, staff):
    if status is None:
        return
    report, _ = OutcomeReport.objects.update_or_create(
        partnership=partnership,
        period=period,
        defaults={
            "status": status,
            "created_by": staff,
            "successes": "Employers hired graduates of the new program.",
            "challenges": "Small employers struggle to release staff for meetings.",
            "next_steps": "Expand the co-op program to more employers.",
            "submitted_at": _at(period.due_on - timedelta(days=5)) if status != ReportStatus.DRAFT else None,
            "reviewed_at": _at(period.due_on + timedelta(days=10)) if status == ReportStatus.ACCEPTED else None,
            "reviewed_by": staff if status == ReportStatus.ACCEPTED else None,
        },
    )
    # A real program's figures are uneven: drawn from a random source seeded by the report, so every run of the demo
    # writes the same values (the seed is idempotent) without the old 30, 45, 60... steps.
    draw = random.Random(f"{partnership.name}|{period.start.isoformat()}")
    for metric in metrics:
        OutcomeValue.objects.update_or_create(
            report=report, metric=metric, defaults={"value": _plausible_value(draw, metric.unit, index)}
        )


def _plausible_value(draw, unit, index):
    """One outcome figure of the given unit; larger partnerships (earlier in PARTNERSHIPS) tend to report more."""
    scale = 1 + (len(PARTNERSHIPS) - index) / len(PARTNERSHIPS)
    if unit == MetricUnit.DOLLARS:
        return Decimal(round(draw.uniform(6_000, 120_000) * scale / 50) * 50)
    if unit == MetricUnit.PERCENT:
        return Decimal(str(round(draw.uniform(52, 94), 1)))
    return Decimal(max(1, round(draw.triangular(2, 45, 9) * scale)))


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _apps():
    from django.apps import apps

    return apps
