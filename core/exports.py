"""What a downloadable file is made of: a title, headline numbers and tables of typed columns.

An export never writes a file. It describes one; a renderer (core.renderers) turns the description into CSV,
XLSX or PDF. Every floor can describe a download this way: a report kind (reports.exporters), the partnership
list, a cluster profile. Rows are iterables consumed once, so a table of a million lines is never held in memory:

    table = Table("Partnerships", [Column("Name"), Column("Members", "int")], rows(), count=queryset.count())
    render(TableExport(table), "csv", output)

Money is `Decimal` end to end: a "money" column holds Decimal (never float) and the renderers format it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import dateformat, timezone

from core.money import format_money

# Rows read per round trip when a table's rows come from `.iterator(chunk_size=...)`.
CHUNK_SIZE = 2000

# Column kinds whose cells are numbers (right-aligned, summed, formatted). "number" is a quantity that may be
# whole or fractional (an outcome count, hours): printed as written, without trailing zeros.
NUMBER_KINDS = ("int", "money", "decimal", "percent", "number")


@dataclass
class Column:
    """One column of a table. `kind` decides the cell format: text, int, number, money, decimal, percent or date."""

    label: str
    kind: str = "text"

    @property
    def is_number(self):
        return self.kind in NUMBER_KINDS


@dataclass
class Chart:
    """A bar chart of one table: labels from one column, values from another (PDF: SVG; pages: Chart.js)."""

    title: str
    label_column: int = 0
    value_column: int = 1


@dataclass
class Table:
    """A titled table: a sheet in XLSX, a section in CSV and PDF.

    `rows` is an iterable consumed once. `count` is the number of rows it yields (for the progress bar).
    `totals` is a row of totals the database computed (None where a column has no total). A `detail` table is a
    long list; the PDF shows its first rows only and says where the full list is.
    """

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    count: int
    totals: Sequence | None = None
    chart: Chart | None = None
    detail: bool = False
    note: str = ""


@dataclass
class Headline:
    """One number (or short text) printed above the tables: "Applications awarded: 12"."""

    label: str
    value: object
    kind: str = "int"


class Export:
    """A file's description: subclasses set `title` and implement `tables()` (and `subtitle()`, `headlines()`).

    With `title_block` the file opens with the title, subtitle and headlines (a report); without it the file is
    the bare table(s), header first (a list people sort and filter in a spreadsheet).
    """

    title: str = ""
    title_block: bool = True
    # Rows a PDF shows of a detail table; the CSV and XLSX carry all of them.
    pdf_detail_limit = 200

    def subtitle(self) -> str:
        """The parameters in words, printed under the title."""
        return ""

    def headlines(self) -> list[Headline]:
        return []

    def tables(self) -> list[Table]:
        raise NotImplementedError


class TableExport(Export):
    """One table as a bare list: CSV header and rows, one XLSX sheet named after the table."""

    title_block = False

    def __init__(self, table: Table):
        self.table = table
        self.title = table.title

    def tables(self):
        return [self.table]


def cell_text(value, kind="text"):
    """A cell as people read it in a PDF or on a page: "$1,400.00", "1,200", "12.5%", "Dec 8, 2026"."""
    from django.contrib.humanize.templatetags.humanize import intcomma

    if value is None or value == "":
        return ""
    is_number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if kind == "money" and is_number:
        return format_money(Decimal(value))
    if kind == "percent" and is_number:
        return f"{float(value) * 100:.1f}%"
    if kind == "decimal" and is_number:
        return intcomma(f"{Decimal(value):.2f}")
    if kind == "int" and is_number:
        return intcomma(int(value))
    if kind == "number" and is_number:
        number = Decimal(value)
        if number == number.to_integral_value():
            return intcomma(int(number))
        return intcomma(format(number.normalize(), "f"))
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return dateformat.format(value, "M j, Y, g:i A")
    if isinstance(value, date):
        return dateformat.format(value, "M j, Y")
    return value
