"""Importing the credential catalog from CSV or XLSX: every row is checked first, then all are written or none.

Columns: title, issuing_body, category, description, typical_training_hours, typical_cost, example_providers
(separated by ";"), status (eligible or retired), effective_from, effective_to (YYYY-MM-DD), keywords.
A row with the same title and issuing body as a credential in the catalog updates it. Unknown categories are
created.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.text import slugify

from core.tabular import RowErrors, TableError, read_rows
from credentials.models import Category, Credential, CredentialStatus, SearchTerm

REQUIRED_COLUMNS = ("title", "issuing_body", "category")
COLUMNS = REQUIRED_COLUMNS + (
    "description",
    "typical_training_hours",
    "typical_cost",
    "example_providers",
    "status",
    "effective_from",
    "effective_to",
    "keywords",
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: RowErrors = field(default_factory=RowErrors)

    @property
    def ok(self):
        return not self.errors


def _header(text):
    return text.strip().lower().replace(" ", "_")


def _date(text, name, problems):
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        problems.append(f"{name} {text!r} is not a date like 2026-07-01")
        return None


def _clean_row(row):
    """Return (values, problems) for one row."""
    problems = []
    values = {
        "title": row.get("title", "").strip(),
        "issuing_body": row.get("issuing_body", "").strip(),
        "description": row.get("description", ""),
        "keywords": row.get("keywords", ""),
        "example_providers": "\n".join(p.strip() for p in row.get("example_providers", "").split(";") if p.strip()),
    }
    for name in REQUIRED_COLUMNS:
        if not row.get(name, "").strip():
            problems.append(f"{name} is empty")
    for name, limit in (("title", 255), ("issuing_body", 255), ("category", 100)):
        if len(row.get(name, "")) > limit:
            problems.append(f"{name} is longer than {limit} characters")
    hours = row.get("typical_training_hours", "")
    values["typical_training_hours"] = None
    if hours:
        if hours.isdigit():
            values["typical_training_hours"] = int(hours)
        else:
            problems.append(f"typical_training_hours {hours!r} is not a whole number")
    cost = row.get("typical_cost", "").replace("$", "").replace(",", "")
    values["typical_cost"] = None
    if cost:
        try:
            values["typical_cost"] = Decimal(cost).quantize(Decimal("0.01"))
            if values["typical_cost"] < 0 or values["typical_cost"] >= Decimal("1e10"):
                problems.append(f"typical_cost {cost!r} is out of range")
        except InvalidOperation:
            problems.append(f"typical_cost {cost!r} is not an amount")
    status = (row.get("status") or CredentialStatus.ELIGIBLE).strip().lower()
    if status not in CredentialStatus.values:
        problems.append(f"status {status!r} must be eligible or retired")
    values["status"] = status
    values["effective_from"] = _date(row.get("effective_from", ""), "effective_from", problems)
    values["effective_to"] = _date(row.get("effective_to", ""), "effective_to", problems)
    if values["effective_from"] and values["effective_to"] and values["effective_to"] < values["effective_from"]:
        problems.append("effective_to is before effective_from")
    return values, problems


def import_credentials(fileobj, name) -> ImportResult:
    """Validate every row, then write all rows in one transaction, or nothing when any row is bad."""
    result = ImportResult()
    rows = []
    seen = {}
    try:
        for line, row in read_rows(fileobj, name, required_columns=REQUIRED_COLUMNS, normalize_header=_header):
            values, problems = _clean_row(row)
            key = (values["title"].lower(), values["issuing_body"].lower())
            if key in seen and values["title"]:
                problems.append(f"repeats the credential on line {seen[key]}")
            seen.setdefault(key, line)
            for problem in problems:
                result.errors.add(line, problem)
            rows.append((values, row.get("category", "").strip()))
    except TableError as error:
        result.errors.add(1, str(error))
        return result
    if not rows and not result.errors:
        result.errors.add(2, "The file has no credential rows.")
    if result.errors:
        return result
    with transaction.atomic():
        categories = {c.name.lower(): c for c in Category.objects.all()}
        for values, category_name in rows:
            category = categories.get(category_name.lower())
            if category is None:
                category = Category.objects.create(name=category_name, slug=_unique_slug(category_name))
                categories[category_name.lower()] = category
            existing = Credential.objects.filter(
                title__iexact=values["title"], issuing_body__iexact=values["issuing_body"]
            ).first()
            if existing:
                for attr, value in values.items():
                    setattr(existing, attr, value)
                existing.category = category
                existing.save()
                result.updated += 1
            else:
                Credential.objects.create(category=category, **values)
                result.created += 1
        SearchTerm.objects.refresh()
    return result


def _unique_slug(name):
    base = slugify(name)[:90] or "category"
    slug, n = base, 2
    while Category.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
