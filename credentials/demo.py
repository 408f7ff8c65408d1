"""Demo data for the credential program: a realistic catalog, a past and an open round, and the demo employer's
applications, awards and claims. Idempotent: running it again updates rows instead of adding more."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from core.models import Organization
from credentials.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    Award,
    Category,
    ClaimLine,
    ClaimStatus,
    Credential,
    CredentialProposal,
    CredentialStatus,
    FundingRound,
    ProposalStatus,
    ReimbursementClaim,
    SearchTerm,
    default_close_at,
)

CATEGORIES = {
    "Cybersecurity": "Protecting networks, systems and data.",
    "Cloud Computing": "Designing and running workloads on public clouds.",
    "Advanced Manufacturing": "CNC, metrology, welding automation and lean production.",
    "IT Support": "Help desk, hardware, operating systems and networks.",
    "Data and Analytics": "Databases, business intelligence and data science.",
    "Healthcare IT": "Health information systems, coding and records.",
    "Automation and Robotics": "PLCs, industrial robots and mechatronics.",
    "Software Development": "Programming, testing and delivery.",
    "Networking": "Routing, switching and wireless.",
    "Project and Process Management": "Agile, Lean Six Sigma and technical project management.",
}

# (title, issuing body, category, typical cost, hours, keywords, providers separated by ;)
CATALOG = [
    (
        "CompTIA Security+",
        "CompTIA",
        "Cybersecurity",
        1400,
        40,
        "security plus, sec+, cybersecurity, network security",
        "Central Ohio Technical College; Scioto Valley Career Center",
    ),
    (
        "CompTIA CySA+",
        "CompTIA",
        "Cybersecurity",
        1600,
        60,
        "cybersecurity analyst, threat detection, SOC",
        "Central Ohio Technical College",
    ),
    (
        "CompTIA PenTest+",
        "CompTIA",
        "Cybersecurity",
        1700,
        60,
        "penetration testing, ethical hacking",
        "Mahoning Valley Training Institute",
    ),
    (
        "Certified Information Systems Security Professional (CISSP)",
        "ISC2",
        "Cybersecurity",
        2000,
        80,
        "cissp, security management, cybersecurity",
        "Northwest State Polytechnic",
    ),
    (
        "Systems Security Certified Practitioner (SSCP)",
        "ISC2",
        "Cybersecurity",
        1500,
        50,
        "sscp, security operations",
        "Northwest State Polytechnic",
    ),
    (
        "Certified in Cybersecurity (CC)",
        "ISC2",
        "Cybersecurity",
        600,
        20,
        "entry level cybersecurity",
        "Scioto Valley Career Center",
    ),
    (
        "Certified Ethical Hacker (CEH)",
        "EC-Council",
        "Cybersecurity",
        2000,
        40,
        "ceh, ethical hacking, penetration testing",
        "Mahoning Valley Training Institute",
    ),
    (
        "Certified Information Security Manager (CISM)",
        "ISACA",
        "Cybersecurity",
        1800,
        60,
        "cism, governance, risk",
        "Central Ohio Technical College",
    ),
    (
        "GIAC Security Essentials (GSEC)",
        "GIAC",
        "Cybersecurity",
        2000,
        48,
        "gsec, sans, security essentials",
        "SANS Institute",
    ),
    (
        "Cisco Certified CyberOps Associate",
        "Cisco",
        "Cybersecurity",
        1200,
        70,
        "cyberops, security operations center",
        "Cuyahoga Valley Career Campus",
    ),
    (
        "AWS Certified Cloud Practitioner",
        "Amazon Web Services",
        "Cloud Computing",
        500,
        20,
        "aws, amazon cloud, cloud basics",
        "Central Ohio Technical College",
    ),
    (
        "AWS Certified Solutions Architect – Associate",
        "Amazon Web Services",
        "Cloud Computing",
        1500,
        60,
        "aws, solutions architect, cloud architecture",
        "Central Ohio Technical College",
    ),
    (
        "AWS Certified SysOps Administrator – Associate",
        "Amazon Web Services",
        "Cloud Computing",
        1500,
        60,
        "aws, sysops, cloud operations",
        "Northwest State Polytechnic",
    ),
    (
        "Microsoft Certified: Azure Fundamentals (AZ-900)",
        "Microsoft",
        "Cloud Computing",
        400,
        16,
        "azure, az-900, microsoft cloud",
        "Scioto Valley Career Center",
    ),
    (
        "Microsoft Certified: Azure Administrator Associate (AZ-104)",
        "Microsoft",
        "Cloud Computing",
        1400,
        50,
        "azure, az-104, cloud administrator",
        "Central Ohio Technical College",
    ),
    (
        "Google Cloud Associate Cloud Engineer",
        "Google Cloud",
        "Cloud Computing",
        1200,
        50,
        "gcp, google cloud, cloud engineer",
        "Northwest State Polytechnic",
    ),
    (
        "CompTIA Cloud+",
        "CompTIA",
        "Cloud Computing",
        1300,
        45,
        "cloud plus, cloud infrastructure",
        "Cuyahoga Valley Career Campus",
    ),
    (
        "Certified Kubernetes Administrator (CKA)",
        "The Linux Foundation",
        "Cloud Computing",
        1200,
        40,
        "kubernetes, k8s, containers, devops",
        "The Linux Foundation",
    ),
    (
        "NIMS Machining Level I – CNC Turning: Operations",
        "National Institute for Metalworking Skills",
        "Advanced Manufacturing",
        900,
        80,
        "nims, cnc lathe, turning, machining",
        "Great Miami Joint Vocational School; Cuyahoga Valley Career Campus",
    ),
    (
        "NIMS Machining Level I – CNC Milling: Operations",
        "National Institute for Metalworking Skills",
        "Advanced Manufacturing",
        900,
        80,
        "nims, cnc mill, milling, machining",
        "Great Miami Joint Vocational School",
    ),
    (
        "NIMS Measurement, Materials and Safety",
        "National Institute for Metalworking Skills",
        "Advanced Manufacturing",
        500,
        40,
        "nims, metrology, measurement",
        "Scioto Valley Career Center",
    ),
    (
        "Mastercam Certified Associate",
        "CNC Software",
        "Advanced Manufacturing",
        1200,
        60,
        "mastercam, cam programming, cnc programming",
        "Northwest State Polytechnic",
    ),
    (
        "Certified SOLIDWORKS Associate (CSWA)",
        "Dassault Systèmes",
        "Advanced Manufacturing",
        800,
        40,
        "solidworks, cad, 3d modeling",
        "Central Ohio Technical College",
    ),
    (
        "Certified SOLIDWORKS Professional (CSWP)",
        "Dassault Systèmes",
        "Advanced Manufacturing",
        1200,
        60,
        "solidworks, cad, mechanical design",
        "Central Ohio Technical College",
    ),
    (
        "Autodesk Certified Professional: Fusion 360",
        "Autodesk",
        "Advanced Manufacturing",
        1000,
        50,
        "fusion 360, cad cam, autodesk",
        "Cuyahoga Valley Career Campus",
    ),
    (
        "Certified Production Technician (CPT 4.0)",
        "Manufacturing Skill Standards Council",
        "Advanced Manufacturing",
        800,
        120,
        "msscm, cpt, production technician, manufacturing",
        "Mahoning Valley Training Institute",
    ),
    (
        "Certified Logistics Technician (CLT)",
        "Manufacturing Skill Standards Council",
        "Advanced Manufacturing",
        700,
        80,
        "logistics, supply chain, warehouse",
        "Mahoning Valley Training Institute",
    ),
    (
        "AWS Certified Robotic Arc Welding Operator",
        "American Welding Society",
        "Advanced Manufacturing",
        1600,
        80,
        "robotic welding, welding automation, aws cwo",
        "Great Miami Joint Vocational School",
    ),
    (
        "Certified Quality Technician (CQT)",
        "ASQ",
        "Advanced Manufacturing",
        900,
        40,
        "quality control, asq, inspection",
        "Northwest State Polytechnic",
    ),
    (
        "Certified Quality Inspector (CQI)",
        "ASQ",
        "Advanced Manufacturing",
        900,
        40,
        "quality inspection, metrology, gd&t",
        "Northwest State Polytechnic",
    ),
    (
        "GD&T Professional – Technologist (GDTP-T)",
        "ASME",
        "Advanced Manufacturing",
        1300,
        40,
        "gdt, geometric dimensioning and tolerancing, blueprint reading",
        "Central Ohio Technical College",
    ),
    (
        "Additive Manufacturing Fundamentals Certificate",
        "SME",
        "Advanced Manufacturing",
        900,
        30,
        "3d printing, additive manufacturing",
        "Northwest State Polytechnic",
    ),
    (
        "CompTIA A+",
        "CompTIA",
        "IT Support",
        1000,
        80,
        "a plus, it support, help desk, hardware",
        "Scioto Valley Career Center; Central Ohio Technical College",
    ),
    (
        "CompTIA Network+",
        "CompTIA",
        "IT Support",
        1100,
        60,
        "network plus, networking, tcp/ip",
        "Scioto Valley Career Center",
    ),
    (
        "CompTIA IT Fundamentals+ (ITF+)",
        "CompTIA",
        "IT Support",
        300,
        20,
        "it fundamentals, entry level it",
        "Scioto Valley Career Center",
    ),
    (
        "Google IT Support Professional Certificate",
        "Google",
        "IT Support",
        300,
        180,
        "google it, help desk, technical support",
        "Coursera",
    ),
    (
        "Microsoft 365 Certified: Modern Desktop Administrator Associate",
        "Microsoft",
        "IT Support",
        900,
        40,
        "microsoft 365, endpoint, windows administration",
        "Central Ohio Technical College",
    ),
    (
        "ITIL 4 Foundation",
        "PeopleCert (Axelos)",
        "IT Support",
        800,
        18,
        "itil, it service management",
        "Central Ohio Technical College",
    ),
    (
        "Red Hat Certified System Administrator (RHCSA)",
        "Red Hat",
        "IT Support",
        1600,
        60,
        "linux, rhel, system administration",
        "Northwest State Polytechnic",
    ),
    (
        "CompTIA Linux+",
        "CompTIA",
        "IT Support",
        1100,
        50,
        "linux plus, linux administration",
        "Cuyahoga Valley Career Campus",
    ),
    (
        "Cisco Certified Network Associate (CCNA)",
        "Cisco",
        "Networking",
        1500,
        120,
        "ccna, routing, switching, cisco",
        "Cuyahoga Valley Career Campus; Central Ohio Technical College",
    ),
    (
        "Cisco Certified Network Professional Enterprise (CCNP)",
        "Cisco",
        "Networking",
        2000,
        120,
        "ccnp, enterprise networking",
        "Cuyahoga Valley Career Campus",
    ),
    (
        "Certified Wireless Network Administrator (CWNA)",
        "CWNP",
        "Networking",
        1200,
        40,
        "wireless, wi-fi, cwna",
        "Northwest State Polytechnic",
    ),
    (
        "Juniper Networks Certified Associate – Junos (JNCIA-Junos)",
        "Juniper Networks",
        "Networking",
        800,
        30,
        "juniper, junos, routing",
        "Central Ohio Technical College",
    ),
    (
        "Microsoft Certified: Power BI Data Analyst Associate (PL-300)",
        "Microsoft",
        "Data and Analytics",
        1000,
        40,
        "power bi, business intelligence, dashboards, pl-300",
        "Central Ohio Technical College",
    ),
    (
        "Tableau Certified Data Analyst",
        "Salesforce (Tableau)",
        "Data and Analytics",
        900,
        40,
        "tableau, data visualization",
        "Central Ohio Technical College",
    ),
    (
        "Google Data Analytics Professional Certificate",
        "Google",
        "Data and Analytics",
        300,
        180,
        "data analytics, spreadsheets, sql, r",
        "Coursera",
    ),
    (
        "Microsoft Certified: Azure Data Engineer Associate (DP-203)",
        "Microsoft",
        "Data and Analytics",
        1400,
        60,
        "azure data, data engineering, etl",
        "Northwest State Polytechnic",
    ),
    (
        "AWS Certified Data Engineer – Associate",
        "Amazon Web Services",
        "Data and Analytics",
        1400,
        60,
        "aws data, data pipelines",
        "Northwest State Polytechnic",
    ),
    (
        "Oracle Database SQL Certified Associate",
        "Oracle",
        "Data and Analytics",
        900,
        40,
        "sql, oracle, databases",
        "Central Ohio Technical College",
    ),
    (
        "SAS Certified Specialist: Base Programming",
        "SAS Institute",
        "Data and Analytics",
        1200,
        40,
        "sas, statistical programming",
        "SAS Institute",
    ),
    (
        "Certified Analytics Professional (CAP)",
        "INFORMS",
        "Data and Analytics",
        1500,
        40,
        "analytics, operations research",
        "INFORMS",
    ),
    (
        "Registered Health Information Technician (RHIT)",
        "AHIMA",
        "Healthcare IT",
        1200,
        80,
        "health information, medical records, rhit",
        "Central Ohio Technical College",
    ),
    (
        "Certified Coding Associate (CCA)",
        "AHIMA",
        "Healthcare IT",
        900,
        60,
        "medical coding, icd-10",
        "Central Ohio Technical College",
    ),
    (
        "Certified Professional Coder (CPC)",
        "AAPC",
        "Healthcare IT",
        1800,
        120,
        "medical coding, cpt codes, billing",
        "Mahoning Valley Training Institute",
    ),
    (
        "Epic Certified Ambulatory Analyst",
        "Epic Systems",
        "Healthcare IT",
        2000,
        80,
        "epic, ehr, electronic health records",
        "Epic Systems",
    ),
    (
        "Certified Associate in Healthcare Information and Management Systems (CAHIMS)",
        "HIMSS",
        "Healthcare IT",
        600,
        30,
        "himss, health it, informatics",
        "HIMSS",
    ),
    (
        "Certified Electronic Health Records Specialist (CEHRS)",
        "National Healthcareer Association",
        "Healthcare IT",
        700,
        60,
        "ehr, electronic health records, medical office",
        "Scioto Valley Career Center",
    ),
    (
        "FANUC Certified Robot Operator – Handling Tool",
        "FANUC America",
        "Automation and Robotics",
        1800,
        32,
        "fanuc, industrial robot, robot programming, robotics",
        "Great Miami Joint Vocational School; Northwest State Polytechnic",
    ),
    (
        "Siemens Mechatronic Systems Certification – Level 1",
        "Siemens",
        "Automation and Robotics",
        2000,
        120,
        "mechatronics, siemens, smsc",
        "Northwest State Polytechnic",
    ),
    (
        "Rockwell Automation Studio 5000 Logix Designer Level 1",
        "Rockwell Automation",
        "Automation and Robotics",
        1900,
        35,
        "plc, allen-bradley, controllogix, studio 5000",
        "Cuyahoga Valley Career Campus",
    ),
    (
        "ISA Certified Automation Professional (CAP)",
        "International Society of Automation",
        "Automation and Robotics",
        1400,
        40,
        "isa, automation, control systems",
        "Northwest State Polytechnic",
    ),
    (
        "ISA Certified Control Systems Technician (CCST) Level I",
        "International Society of Automation",
        "Automation and Robotics",
        1000,
        40,
        "instrumentation, control systems technician",
        "Great Miami Joint Vocational School",
    ),
    (
        "Universal Robots Core Track Certification",
        "Universal Robots",
        "Automation and Robotics",
        600,
        16,
        "cobot, collaborative robot, universal robots",
        "Mahoning Valley Training Institute",
    ),
    (
        "ETA Certified Industrial Electronics Technician",
        "Electronics Technicians Association",
        "Automation and Robotics",
        700,
        40,
        "industrial electronics, electrical troubleshooting",
        "Scioto Valley Career Center",
    ),
    (
        "Amatrol Smart Factory Certificate",
        "Amatrol",
        "Automation and Robotics",
        1500,
        80,
        "industry 4.0, smart factory, iiot",
        "Great Miami Joint Vocational School",
    ),
    (
        "Oracle Certified Professional: Java SE 17 Developer",
        "Oracle",
        "Software Development",
        1300,
        60,
        "java, programming, software developer",
        "Central Ohio Technical College",
    ),
    (
        "Microsoft Certified: Azure Developer Associate (AZ-204)",
        "Microsoft",
        "Software Development",
        1400,
        60,
        "azure developer, cloud apps",
        "Central Ohio Technical College",
    ),
    (
        "PCAP – Certified Associate Python Programmer",
        "Python Institute",
        "Software Development",
        600,
        40,
        "python, programming",
        "Northwest State Polytechnic",
    ),
    (
        "ISTQB Certified Tester Foundation Level",
        "ISTQB",
        "Software Development",
        700,
        24,
        "software testing, qa, quality assurance",
        "Central Ohio Technical College",
    ),
    (
        "Salesforce Certified Platform Developer I",
        "Salesforce",
        "Software Development",
        1100,
        60,
        "salesforce, apex, crm development",
        "Salesforce Trailhead",
    ),
    (
        "Project Management Professional (PMP)",
        "Project Management Institute",
        "Project and Process Management",
        2000,
        35,
        "pmp, project management",
        "Central Ohio Technical College",
    ),
    (
        "Certified Associate in Project Management (CAPM)",
        "Project Management Institute",
        "Project and Process Management",
        900,
        23,
        "capm, project management",
        "Central Ohio Technical College",
    ),
    (
        "Certified ScrumMaster (CSM)",
        "Scrum Alliance",
        "Project and Process Management",
        1200,
        16,
        "scrum, agile",
        "Central Ohio Technical College",
    ),
    (
        "Lean Six Sigma Green Belt",
        "ASQ",
        "Project and Process Management",
        1800,
        80,
        "six sigma, lean, process improvement, green belt",
        "Mahoning Valley Training Institute",
    ),
    (
        "CompTIA Project+",
        "CompTIA",
        "Project and Process Management",
        900,
        30,
        "project plus, it project management",
        "Scioto Valley Career Center",
    ),
]

# Retired credentials stay in the catalog so the eligibility check can say plainly that they are not reimbursable.
RETIRED = {"CompTIA IT Fundamentals+ (ITF+)"}

# A minimal one-page PDF for demo claims' proof.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _seed_catalog():
    categories = {}
    for name, description in CATEGORIES.items():
        categories[name], _ = Category.objects.update_or_create(
            name=name, defaults={"slug": slugify(name), "description": description}
        )
    credentials = {}
    for title, issuer, category, cost, hours, keywords, providers in CATALOG:
        retired = title in RETIRED
        credentials[title], _ = Credential.objects.update_or_create(
            title=title,
            issuing_body=issuer,
            defaults={
                "category": categories[category],
                "description": f"{title}, issued by {issuer}: an industry-recognized {category.lower()} credential.",
                "typical_cost": Decimal(cost),
                "typical_training_hours": hours,
                "keywords": keywords,
                "example_providers": "\n".join(p.strip() for p in providers.split(";")),
                "status": CredentialStatus.RETIRED if retired else CredentialStatus.ELIGIBLE,
                "effective_from": datetime.date(2020, 7, 1),
                "effective_to": datetime.date(2025, 6, 30) if retired else None,
            },
        )
    SearchTerm.objects.refresh()
    return credentials


def _month_start(day, months_back=0):
    month = day.month - 1 - months_back
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def _seed_rounds(today):
    """One round open now (closing at the end of next month) and one that closed four months ago."""
    open_first = _month_start(today)
    next_month_end = _month_start(today, -2) - datetime.timedelta(days=1)
    past_first = _month_start(today, 5)
    past_last = _month_start(today, 4) - datetime.timedelta(days=1)
    rounds = {}
    for key, first, last, budget in (
        ("past", past_first, past_last, Decimal("2500000.00")),
        ("open", open_first, next_month_end, Decimal("3000000.00")),
    ):
        name = f"Round {first:%B %Y}"
        rounds[key], _ = FundingRound.objects.update_or_create(
            name=name,
            defaults={
                "opens_at": default_close_at(first, hour=9),
                "closes_at": default_close_at(last),
                "total_budget": budget,
            },
        )
    return rounds


def _line(application, credential, *, employees, cost, asked, before, after, round):
    start = round.training_starts_on
    line, _ = ApplicationLine.objects.update_or_create(
        application=application,
        credential=credential,
        defaults={
            "training_provider": credential.provider_list[0] if credential.provider_list else "In-house",
            "cost_per_employee": Decimal(cost),
            "employees": employees,
            "amount_requested_per_employee": Decimal(asked),
            "wage_before": Decimal(before),
            "wage_after": Decimal(after),
            "training_start": start,
            "training_end": start + datetime.timedelta(days=150),
        },
    )
    return line


def seed(*, stdout):
    today = timezone.localdate()
    credentials = _seed_catalog()
    rounds = _seed_rounds(today)
    User = get_user_model()
    staff = User.objects.filter(email="staff@demo.example").first()
    employer_user = User.objects.filter(email="employer@demo.example").first()
    buckeye = Organization.objects.filter(name="Buckeye Precision Machining").first()
    if buckeye is None or employer_user is None:
        stdout.write("Credentials demo: the demo employer is missing; only the catalog and rounds were loaded.")
        return
    past, current = rounds["past"], rounds["open"]

    # The demo employer: awarded in the past round, with one paid claim and one under review; a draft now.
    awarded, _ = Application.objects.update_or_create(
        organization=buckeye,
        round=past,
        defaults={
            "status": ApplicationStatus.AWARDED,
            "created_by": employer_user,
            "submitted_by": employer_user,
            "submitted_at": past.closes_at - datetime.timedelta(days=3),
            "decided_at": past.closes_at + datetime.timedelta(days=14),
            "score": Decimal("71.5"),
        },
    )
    cnc = _line(
        awarded,
        credentials["NIMS Machining Level I – CNC Milling: Operations"],
        employees=6,
        cost=900,
        asked=900,
        before="22.50",
        after="24.75",
        round=past,
    )
    mastercam = _line(
        awarded,
        credentials["Mastercam Certified Associate"],
        employees=3,
        cost=1200,
        asked=1000,
        before="26.00",
        after="28.50",
        round=past,
    )
    fanuc = _line(
        awarded,
        credentials["FANUC Certified Robot Operator – Handling Tool"],
        employees=4,
        cost=1800,
        asked=1800,
        before="24.00",
        after="26.00",
        round=past,
    )
    awards = {}
    for line, amount in ((cnc, "5400.00"), (mastercam, "3000.00"), (fanuc, "5400.00")):
        awards[line.pk], _ = Award.objects.update_or_create(
            line=line, defaults={"amount": Decimal(amount), "awarded_by": staff, "awarded_at": awarded.decided_at}
        )
    paid_month = _month_start(today, 1)
    review_month = _month_start(today)
    for month, status, employees in (
        (paid_month, ClaimStatus.PAID, [("Jordan Ellis", "4821"), ("Maria Santos", "1937"), ("Devon Price", "7710")]),
        (review_month, ClaimStatus.SUBMITTED, [("Aisha Khan", "3055"), ("Tyler Brooks", "6402")]),
    ):
        claim = ReimbursementClaim.objects.filter(organization=buckeye, claim_month=month).first()
        if claim is None:
            claim = ReimbursementClaim(application=awarded, organization=buckeye, claim_month=month)
            claim.proof.save(f"demo-claim-{month:%Y-%m}.pdf", ContentFile(DEMO_PDF), save=False)
        claim.status = status
        claim.submitted_by = employer_user
        claim.submitted_at = timezone.make_aware(
            datetime.datetime.combine(month + datetime.timedelta(days=4), datetime.time(10))
        )
        claim.paid_at = claim.submitted_at + datetime.timedelta(days=20) if status == ClaimStatus.PAID else None
        claim.reviewed_by = staff if status == ClaimStatus.PAID else None
        claim.amount = Decimal("900.00") * len(employees)
        claim.save()
        earned = month - datetime.timedelta(days=10)
        for name, last4 in employees:
            ClaimLine.objects.update_or_create(
                claim=claim,
                employee_name=name,
                defaults={
                    "award": awards[cnc.pk],
                    "ssn_last4": last4,
                    # One employee was hired for the credential: the program asks new hires' dates of birth only.
                    "new_hire": name == "Devon Price",
                    "date_of_birth": datetime.date(2001, 3, 14) if name == "Devon Price" else None,
                    "date_earned": earned,
                    "wage_after": Decimal("24.75"),
                    "amount": Decimal("900.00"),
                },
            )
    draft, _ = Application.objects.update_or_create(
        organization=buckeye, round=current, defaults={"status": ApplicationStatus.DRAFT, "created_by": employer_user}
    )
    _line(
        draft,
        credentials["Certified Production Technician (CPT 4.0)"],
        employees=8,
        cost=800,
        asked=800,
        before="19.00",
        after="20.50",
        round=current,
    )
    _line(
        draft,
        credentials["CompTIA Security+"],
        employees=2,
        cost=1400,
        asked=1400,
        before="28.00",
        after="31.00",
        round=current,
    )

    # Other employers' submitted applications make the staff's ranked list worth looking at.
    others = (
        Organization.objects.employers()
        .exclude(pk=buckeye.pk)
        .filter(Q(name__startswith="Lakeshore") | Q(name__startswith="Appalachian") | Q(name__startswith="Queen City"))
    )
    picks = [
        ("AWS Certified Solutions Architect – Associate", 5, 1500, 1500, "34.00", "37.50"),
        ("Registered Health Information Technician (RHIT)", 4, 1200, 900, "21.00", "23.00"),
        ("Siemens Mechatronic Systems Certification – Level 1", 6, 2400, 2000, "25.00", "27.25"),
    ]
    for organization, (title, employees, cost, asked, before, after) in zip(others, picks, strict=False):
        application, _ = Application.objects.update_or_create(
            organization=organization,
            round=current,
            defaults={
                "status": ApplicationStatus.SUBMITTED,
                "submitted_at": timezone.now() - datetime.timedelta(days=2),
            },
        )
        _line(
            application,
            credentials[title],
            employees=employees,
            cost=cost,
            asked=asked,
            before=before,
            after=after,
            round=current,
        )

    CredentialProposal.objects.update_or_create(
        organization=buckeye,
        title="Haas CNC Mill Operator Certification",
        defaults={
            "proposed_by": employer_user,
            "issuing_body": "Haas Automation",
            "category": Category.objects.get(slug="advanced-manufacturing"),
            "technology_evidence": "Covers CNC setup, G-code editing and probing on Haas VF-series mills.",
            "recognition_evidence": "Required by three Central Ohio job shops in current postings; Haas HTEC schools.",
            "typical_cost": Decimal("650.00"),
            "typical_training_hours": 40,
            "training_provider": "Central Ohio Technical College",
            "status": ProposalStatus.SUBMITTED,
        },
    )
    stdout.write(
        f"Credentials: {len(credentials)} in the catalog, rounds {past.name} (closed) and {current.name} (open)."
    )
