"""Render a report kind in memory and read the file back, as a person opening it would."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from core.renderers import render
from reports.exporters import registry


def build(kind, params, user, fmt="xlsx"):
    exporter = registry.get(kind)(params, user=user)
    output = io.BytesIO()
    rows = render(exporter, fmt, output)
    return output.getvalue(), rows


def workbook(kind, params, user):
    """{sheet name: list of rows} of the report's XLSX; the first row of each table sheet is its header."""
    content, _ = build(kind, params, user)
    book = load_workbook(io.BytesIO(content), read_only=True)
    sheets = {}
    for sheet in book.worksheets:
        rows = [list(row) for row in sheet.values]
        if sheet.title != "Summary" and rows:
            # Empty trailing cells are not stored; pad rows to the header's width.
            width = len(rows[0])
            rows = [row + [None] * (width - len(row)) for row in rows]
        sheets[sheet.title] = rows
    return sheets


def summary(sheets):
    """The Summary sheet's headline numbers as {label: value}."""
    return {row[0]: row[1] for row in sheets["Summary"] if row and len(row) > 1 and row[0]}


def body(rows, *, totals=True):
    """(header, data rows, totals row) of a table sheet."""
    if totals:
        return rows[0], rows[1:-1], rows[-1]
    return rows[0], rows[1:], None


def column_sum(rows, index):
    return sum(Decimal(str(row[index] or 0)) for row in rows)


def csv_rows(kind, params, user):
    content, _ = build(kind, params, user, fmt="csv")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
