"""Demo data for the credential program: a realistic catalog, a past and an open round, and the demo employer's
applications, awards and claims. Idempotent: running it again updates rows instead of adding more."""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from core.models import Organization
from credentials.importers import import_credentials
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
    FundingRound,
    ProposalStatus,
    ReimbursementClaim,
    default_close_at,
)

# The demo catalog is data, not code: categories (name, description) and the credentials in the importer's own
# columns, loaded through the catalog importer as staff would upload them.
DEMO_DATA = Path(__file__).resolve().parent / "demo_data"

# A minimal one-page PDF for demo claims' proof.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _import_catalog(path):
    """Load one catalog file through the credential importer (the one place the demo calls it)."""
    with path.open("rb") as fileobj:
        result = import_credentials(fileobj, path.name)
    if not result.ok:
        raise ValueError(f"{path} does not import: {result.errors}")
    return result


def _seed_catalog():
    with (DEMO_DATA / "categories.csv").open(newline="", encoding="utf-8") as fileobj:
        for row in csv.DictReader(fileobj):
            Category.objects.update_or_create(
                name=row["name"], defaults={"slug": slugify(row["name"]), "description": row["description"]}
            )
    _import_catalog(DEMO_DATA / "catalog.csv")
    with (DEMO_DATA / "catalog.csv").open(newline="", encoding="utf-8") as fileobj:
        keys = [(row["title"], row["issuing_body"]) for row in csv.DictReader(fileobj)]
    found = Credential.objects.filter(title__in=[title for title, _issuer in keys])
    by_key = {(c.title, c.issuing_body): c for c in found}
    return {title: by_key[title, issuer] for title, issuer in keys}


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
