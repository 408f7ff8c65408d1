"""Demo work-based learning: programs of the demo provider, opportunities of every modality, placements with
hours, and one incentive application in review. Idempotent: running it again changes nothing."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core import roles
from core.demo import demo_password
from core.models import County, Organization
from core.remembered import data_changed
from core.services import user_grant_role
from workbased_learning import services
from workbased_learning.models import (
    CareerField,
    Competency,
    CTEProgram,
    IncentiveApplication,
    Modality,
    Opportunity,
    OpportunityStatus,
    OpportunityType,
    Placement,
    PlacementStatus,
    TimeEntry,
    TimeEntryStatus,
    WorkSetting,
)

PROVIDER = "Scioto Valley Career Center"

COMPETENCIES = [
    ("MFG-1.1", "Read and interpret engineering drawings and GD&T", CareerField.MANUFACTURING),
    ("MFG-2.3", "Set up and operate CNC mills and lathes", CareerField.MANUFACTURING),
    ("MFG-3.2", "Inspect parts with precision measuring tools", CareerField.MANUFACTURING),
    ("MFG-4.1", "Follow shop safety and lockout/tagout procedures", CareerField.MANUFACTURING),
    ("IT-1.2", "Troubleshoot end-user hardware and software", CareerField.IT),
    ("IT-2.4", "Configure and secure small networks", CareerField.IT),
    ("IT-3.1", "Document tickets and communicate with customers", CareerField.IT),
    ("HS-1.1", "Apply infection control and patient safety practices", CareerField.HEALTH),
    ("HS-2.2", "Measure and record vital signs", CareerField.HEALTH),
    ("HS-3.4", "Communicate with patients and care teams", CareerField.HEALTH),
]

# (name, career field, pathway, state-approved, grades, county FIPS, competency codes)
PROGRAMS = [
    ("Precision Machining Technology", CareerField.MANUFACTURING, "Machining and Fabrication", True, [11, 12],
     "39141", ["MFG-1.1", "MFG-2.3", "MFG-3.2", "MFG-4.1"]),
    ("IT Support and Networking", CareerField.IT, "Network Systems", True, [11, 12], "39141",
     ["IT-1.2", "IT-2.4", "IT-3.1"]),
    ("Health Science: Patient Care", CareerField.HEALTH, "Therapeutic Services", True, [11, 12], "39141",
     ["HS-1.1", "HS-2.2", "HS-3.4"]),
    ("Robotics Exploration", CareerField.ENGINEERING, "Engineering Design", False, [9, 10], "39141", []),
]  # fmt: skip

# (title, host, type, modality, paid wage or None, capacity, program names, competency codes, status)
OPPORTUNITIES = [
    ("CNC Machinist Internship", "Buckeye Precision Machining", OpportunityType.INTERNSHIP, Modality.IN_PERSON,
     Decimal("17.50"), 4, ["Precision Machining Technology"], ["MFG-2.3", "MFG-3.2", "MFG-4.1"],
     OpportunityStatus.OPEN),
    ("Virtual Quality Inspection Co-op", "Buckeye Precision Machining", OpportunityType.CO_OP, Modality.VIRTUAL,
     Decimal("16.00"), 3, ["Precision Machining Technology"], ["MFG-1.1", "MFG-3.2"], OpportunityStatus.OPEN),
    ("Machining Pre-apprenticeship", "Buckeye Precision Machining", OpportunityType.PRE_APPRENTICESHIP,
     Modality.HYBRID, Decimal("15.00"), 2, ["Precision Machining Technology"], ["MFG-1.1", "MFG-2.3", "MFG-4.1"],
     OpportunityStatus.OPEN),
    ("Remote Help Desk Placement", "Queen City Software Works", OpportunityType.REMOTE_PLACEMENT, Modality.VIRTUAL,
     Decimal("16.50"), 3, ["IT Support and Networking"], ["IT-1.2", "IT-3.1"], OpportunityStatus.OPEN),
    ("Network Technician Apprenticeship", "Queen City Software Works", OpportunityType.APPRENTICESHIP,
     Modality.HYBRID, Decimal("18.00"), 2, ["IT Support and Networking"], ["IT-1.2", "IT-2.4"],
     OpportunityStatus.OPEN),
    ("Patient Care Mentorship", "Miami Valley Medical Center", OpportunityType.MENTORSHIP, Modality.HYBRID, None, 5,
     ["Health Science: Patient Care"], ["HS-1.1", "HS-3.4"], OpportunityStatus.OPEN),
    ("Simulated Clinic Rotation", "Miami Valley Medical Center", OpportunityType.SIMULATED, Modality.IN_PERSON, None,
     8, ["Health Science: Patient Care"], ["HS-1.1", "HS-2.2"], OpportunityStatus.CLOSED),
    ("Student Print Shop Enterprise", "Buckeye Precision Machining", OpportunityType.SCHOOL_BASED_ENTERPRISE,
     Modality.IN_PERSON, None, 6, [], [], OpportunityStatus.DRAFT),
]  # fmt: skip

SUPERVISORS = {
    "Buckeye Precision Machining": "employer@demo.example",
    "Queen City Software Works": "supervisor.queencity@demo.example",
    "Miami Valley Medical Center": "supervisor.mvmc@demo.example",
}


def _supervisor(host_name, organizations):
    User = get_user_model()
    email = SUPERVISORS[host_name]
    user = User.objects.filter(email=email).first()
    if user is None:
        first = "Quinn" if "queencity" in email else "Morgan"
        user = User.objects.create_user(
            email, demo_password(), first_name=first, last_name="Supervisor", organization=organizations[host_name]
        )
        user_grant_role(user=user, role=roles.EMPLOYER)
    return user


def seed(*, stdout):
    provider = Organization.objects.filter(name=PROVIDER).first()
    if provider is None:
        stdout.write("Work-based learning demo skipped: the demo provider is missing.")
        return
    competencies = {}
    for code, title, career_field in COMPETENCIES:
        competencies[code], _ = Competency.objects.get_or_create(
            code=code, defaults={"title": title, "career_field": career_field}
        )
    counties = {county.fips: county for county in County.objects.all()}
    programs = {}
    for name, career_field, pathway, approved, grades, fips, codes in PROGRAMS:
        program, created = CTEProgram.objects.get_or_create(
            provider=provider,
            name=name,
            defaults={
                "career_field": career_field,
                "pathway": pathway,
                "state_approved": approved,
                "grade_levels": grades,
                "county": counties[fips],
            },
        )
        if created:
            program.competencies.set([competencies[c] for c in codes])
        programs[name] = program
    hosts = {o.name: o for o in Organization.objects.filter(name__in={row[1] for row in OPPORTUNITIES})}
    opportunities = {}
    for title, host, kind, modality, wage, capacity, program_names, codes, status in OPPORTUNITIES:
        remote = modality != Modality.IN_PERSON
        opportunity, created = Opportunity.objects.get_or_create(
            host=hosts[host],
            title=title,
            defaults={
                "description": f"{title} hosted by {host} for career-technical learners.",
                "type": kind,
                "modality": modality,
                "remote_supervision": "Daily check-in on video; the supervisor reviews work in the shared workspace."
                if remote
                else "",
                "meeting_frequency": "Twice a week by video, plus a weekly written review." if remote else "",
                "paid": wage is not None,
                "hourly_wage": wage,
                "capacity": capacity,
                "provider": provider,
                "status": status,
            },
        )
        if created:
            opportunity.programs.set([programs[n] for n in program_names])
            opportunity.competencies.set([competencies[c] for c in codes])
        opportunities[title] = opportunity
    _seed_placements(provider=provider, programs=programs, opportunities=opportunities, hosts=hosts)
    _seed_incentive(employer=hosts["Buckeye Precision Machining"])
    stdout.write("Work-based learning demo: programs, opportunities, placements and an incentive application.")


def _seed_placements(*, provider, programs, opportunities, hosts):
    today = timezone.localdate()
    last_year = today.year - 1
    provider_user = get_user_model().objects.filter(email="provider@demo.example").first()
    # (learner id, opportunity, program, birth date, grade, start, end, status, hours per entry, entries)
    rows = [
        ("SV-24-0117", "CNC Machinist Internship", "Precision Machining Technology",
         datetime.date(last_year - 17, 3, 4), 12, datetime.date(last_year, 6, 2), datetime.date(last_year, 8, 15),
         PlacementStatus.COMPLETED, 6, 12),
        ("SV-24-0142", "CNC Machinist Internship", "Precision Machining Technology",
         datetime.date(last_year - 18, 9, 21), 12, datetime.date(last_year, 6, 9), datetime.date(last_year, 8, 22),
         PlacementStatus.COMPLETED, 6, 10),
        ("SV-24-0203", "Virtual Quality Inspection Co-op", "Precision Machining Technology",
         datetime.date(last_year - 16, 1, 30), 11, datetime.date(last_year, 9, 8), datetime.date(last_year, 12, 12),
         PlacementStatus.COMPLETED, 4, 8),
        ("SV-25-0311", "Virtual Quality Inspection Co-op", "Precision Machining Technology",
         datetime.date(today.year - 17, 5, 12), 12, today - datetime.timedelta(days=40),
         today + datetime.timedelta(days=60), PlacementStatus.ACTIVE, 4, 6),
        ("SV-25-0322", "Machining Pre-apprenticeship", "Precision Machining Technology",
         datetime.date(today.year - 16, 11, 2), 11, today - datetime.timedelta(days=30),
         today + datetime.timedelta(days=90), PlacementStatus.ACTIVE, 5, 4),
        ("SV-25-0407", "Remote Help Desk Placement", "IT Support and Networking", datetime.date(today.year - 17, 2, 14),
         12, today - datetime.timedelta(days=50), today + datetime.timedelta(days=40), PlacementStatus.ACTIVE, 3, 8),
        ("SV-25-0415", "Network Technician Apprenticeship", "IT Support and Networking",
         datetime.date(today.year - 18, 7, 7), 12, today - datetime.timedelta(days=20),
         today + datetime.timedelta(days=120), PlacementStatus.ACTIVE, 6, 3),
        ("SV-25-0502", "Patient Care Mentorship", "Health Science: Patient Care", datetime.date(today.year - 17, 8, 19),
         11, today - datetime.timedelta(days=60), today + datetime.timedelta(days=30), PlacementStatus.ACTIVE, 2, 10),
    ]  # fmt: skip
    organizations = {o.name: o for o in hosts.values()}
    for ref, title, program_name, born, grade, start, end, status, hours, entries in rows:
        opportunity = opportunities[title]
        supervisor = _supervisor(opportunity.host.name, organizations)
        placement, created = Placement.objects.get_or_create(
            program=programs[program_name],
            learner_ref=ref,
            opportunity=opportunity,
            defaults={
                "learner_birth_date": born,
                "learner_grade": grade,
                "start_date": start,
                "end_date": end,
                "supervisor": supervisor,
                "status": status,
                "placed_by": provider_user,
            },
        )
        if not created:
            continue
        setting = WorkSetting.REMOTE if opportunity.is_remote else WorkSetting.IN_PERSON
        new_entries = []
        for number in range(entries):
            day = start + datetime.timedelta(days=number * 3)
            if day > min(end, today):
                break
            # The newest two entries of active placements still wait for the supervisor.
            waiting = status == PlacementStatus.ACTIVE and number >= entries - 2
            new_entries.append(
                TimeEntry(
                    placement=placement,
                    date=day,
                    hours=Decimal(hours),
                    setting=setting,
                    activities="Shadowed the team and completed assigned tasks.",
                    status=TimeEntryStatus.SUBMITTED if waiting else TimeEntryStatus.APPROVED,
                    logged_by=provider_user,
                    decided_by=None if waiting else supervisor,
                    decided_at=None if waiting else timezone.now(),
                )
            )
        TimeEntry.objects.bulk_create(new_entries)
        data_changed(TimeEntry)  # bulk_create sends no signals: the dashboard's remembered hours are forgotten


def _seed_incentive(*, employer):
    """One application in review from Buckeye Precision Machining for last year's learners."""
    program_year = services.program_year_ensure(year=timezone.localdate().year - 1)
    if IncentiveApplication.objects.filter(program_year=program_year, employer=employer).exists():
        return
    user = get_user_model().objects.filter(email="employer@demo.example").first()
    if user is None:
        return
    candidates = services.incentive_candidate_rows(employer=employer, program_year=program_year)
    wages = {
        row.placement.pk: Decimal(row.placement.time_entries.count()) * 6 * Decimal("17.50")
        for row in candidates
        if row.eligible
    }
    if wages:
        # Submitted when the window opened, as a real application would have been; so it is now overdue.
        application = services.incentive_application_submit(
            employer=employer, program_year=program_year, user=user, wages=wages, today=program_year.opens_on
        )
        submitted_at = timezone.make_aware(datetime.datetime.combine(program_year.opens_on, datetime.time(10)))
        IncentiveApplication.objects.filter(pk=application.pk).update(submitted_at=submitted_at)
