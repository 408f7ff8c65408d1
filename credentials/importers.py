"""Importing the credential catalog from CSV or XLSX: every row is checked first, then all are written or none.

Columns: title, issuing_body, category, description, typical_training_hours, typical_cost, example_providers
(separated by ";"), status (eligible or retired), effective_from, effective_to (YYYY-MM-DD), keywords.
A row with the same title and issuing body as a credential in the catalog updates it. Unknown categories are
created.

    result = import_credentials(fileobj, "catalog.xlsx")     # the demo loader, the staff page, the command
    if not result.ok: print(result.errors.lines())

`CredentialImporter` is the layout (a core.importers.Importer); every row is kept and written at the end.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.text import slugify

from core.importers import Importer, ImportRefused, RowProblem
from core.tabular import RowErrors
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


# A catalog is a few thousand rows; a bigger XLSX is a mistake or an attack (a zip bomb).
MAX_UNPACKED_BYTES = 50_000_000


@dataclass
class ImportResult:
    """What a catalog import did: credentials created and updated, or the problems that stopped it."""

    created: int = 0
    updated: int = 0
    errors: RowErrors = field(default_factory=RowErrors)

    @property
    def ok(self):
        return not self.errors


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


class CredentialImporter(Importer):
    """The catalog layout: checks every row, then writes them all in one go (a catalog fits in memory)."""

    required_columns = REQUIRED_COLUMNS
    max_unpacked_bytes = MAX_UNPACKED_BYTES
    empty_message = "The file has no credential rows."

    def __init__(self, *, progress=None):
        super().__init__(progress=progress)
        self.pending = []
        self.seen = {}
        self.created = 0
        self.updated = 0

    def parse(self, line, row):
        values, problems = _clean_row(row)
        key = (values["title"].lower(), values["issuing_body"].lower())
        if key in self.seen and values["title"]:
            problems.append(f"repeats the credential on line {self.seen[key]}")
        self.seen.setdefault(key, line)
        if problems:
            raise RowProblem(*problems)
        return values, row.get("category", "").strip()

    def buffer(self, line, record):
        self.pending.append(record)

    def flush(self):
        categories = {c.name.lower(): c for c in Category.objects.all()}
        for values, category_name in self.pending:
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
                self.updated += 1
            else:
                Credential.objects.create(category=category, **values)
                self.created += 1
        self.written = self.created + self.updated
        SearchTerm.objects.refresh()

    def summary(self):
        return {**super().summary(), "created": self.created, "updated": self.updated}


def import_credentials(fileobj, name) -> ImportResult:
    """Import a CSV or XLSX file of credentials: every row checked, then all written in one transaction, or none."""
    importer = CredentialImporter()
    try:
        importer.run(fileobj, name)
    except ImportRefused:
        return ImportResult(errors=importer.errors)
    return ImportResult(created=importer.created, updated=importer.updated)


def _unique_slug(name):
    base = slugify(name)[:90] or "category"
    slug, n = base, 2
    while Category.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
