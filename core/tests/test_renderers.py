"""The file renderers (core.renderers) read back as a person opening the file would: CSV, XLSX and PDF."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook
from pypdf import PdfReader

from core.exports import Column, Export, Headline, Table, TableExport, cell_text
from core.renderers import render


class Sample(Export):
    title = "Sample report"

    def __init__(self, rows):
        self.rows = rows

    def headlines(self):
        return [Headline("Workers trained", Decimal("30.00"), "number"), Headline("Paid", Decimal("1400.5"), "money")]

    def tables(self):
        columns = [
            Column("Name"),
            Column("Trained", "number"),
            Column("Hours", "number"),
            Column("Amount", "money"),
            Column("Since", "date"),
        ]
        return [Table("People", columns, iter(self.rows), count=len(self.rows))]


def pdf_pages(export):
    output = io.BytesIO()
    render(export, "pdf", output)
    return [page.extract_text() for page in PdfReader(io.BytesIO(output.getvalue())).pages]


def test_pdf_prints_counts_as_integers_and_dates_in_words():
    rows = [("Ada", Decimal("30.00"), Decimal("12.50"), Decimal("1400.00"), date(2026, 12, 8))]
    text = "\n".join(pdf_pages(Sample(rows)))
    assert "30.00" not in text and re.search(r"\b30\b", text)
    assert "12.5" in text and "$1,400.00" in text and "$1,400.50" in text
    assert "Dec 8, 2026" in text and "2026-12-08" not in text


def test_pdf_never_splits_a_table_row_across_pages():
    # Rows tall enough (a wrapped long name) that some would straddle a page break if allowed to.
    rows = [
        (f"ROW{number}START " + "a long stakeholder description " * 12 + f"ROW{number}END", 1, 2, 3, None)
        for number in range(60)
    ]
    pages = pdf_pages(Sample(rows))
    assert len(pages) > 2
    for number in range(60):
        start = [index for index, text in enumerate(pages) if f"ROW{number}START" in text]
        end = [index for index, text in enumerate(pages) if f"ROW{number}END" in text]
        assert start == end and len(start) == 1, f"row {number} is split over pages {start} and {end}"


def test_money_stays_decimal_in_csv_and_a_formatted_number_in_xlsx():
    table = Table("Paid", [Column("Who"), Column("Amount", "money")], [("Ada", Decimal("1400.10"))], count=1)
    output = io.BytesIO()
    render(TableExport(table), "csv", output)
    assert list(csv.reader(io.StringIO(output.getvalue().decode("utf-8-sig")))) == [
        ["Who", "Amount"],
        ["Ada", "1400.10"],
    ]
    table = Table("Paid", [Column("Who"), Column("Amount", "money")], [("Ada", Decimal("1400.10"))], count=1)
    output = io.BytesIO()
    render(TableExport(table), "xlsx", output)
    sheet = load_workbook(io.BytesIO(output.getvalue())).worksheets[0]
    assert sheet.title == "Paid" and sheet["B2"].value == 1400.1 and sheet["B2"].number_format == '"$"#,##0.00'


def test_cell_text_by_kind():
    assert cell_text(Decimal("30.00"), "number") == "30"
    assert cell_text(Decimal("1234.50"), "number") == "1,234.5"
    assert cell_text(Decimal("1234.5"), "money") == "$1,234.50"
    assert cell_text(7, "int") == "7"
    assert cell_text(date(2026, 1, 5)) == "Jan 5, 2026"
    assert cell_text(None, "money") == ""
