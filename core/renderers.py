"""One renderer per file format. Each writes an export's tables (core.exports) to a binary file and counts the rows.

    rows = render(export, "xlsx", output, progress=job.progress)      # a file on disk or in memory
    return file_response(export, "csv", "partnerships-2026-12-08")    # a download, CSV streamed

`progress(done, total)` is called as rows are written; the caller decides how (and how often) to record it.

Text that people typed (an organisation's name, a comment) is never written so a spreadsheet runs it: in CSV a
text cell beginning with =, +, -, @, a tab or a carriage return gets a leading apostrophe (OWASP's advice on CSV
injection), and in XLSX every such cell is stored as a string with Excel's quote prefix, never as a formula.
Numbers and dates stay numbers and dates. This is done here, once, so no export has to remember it.
"""

import csv
import io
import itertools
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from core.charts import bar_chart_svg
from core.pdf import render_pdf

NUMBER_FORMATS = {"int": "#,##0", "money": '"$"#,##0.00', "decimal": "#,##0.00", "percent": "0.0%"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
# First characters that make a spreadsheet read a cell as a formula (or, for tab and CR, hide one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _csv_value(value):
    """A cell value as CSV text: formula-like text quoted, no thousands separators, ISO dates, empty for None."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes") if timezone.is_aware(value) else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _xlsx_value(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, float) and not isinstance(value, bool):
        # Money and measures are Decimal; a float here is a defect upstream, written exactly as it would print.
        return Decimal(str(value))
    return value


class Renderer:
    extension = ""

    def __init__(self, export, output, *, progress=None):
        self.export = export
        self.output = output
        self.progress = progress or (lambda done, total: None)
        self.done = 0  # data rows written
        self.position = 0  # rows dealt with, for the progress bar (a PDF skips the tail of long lists)
        self.total = 0

    def render(self) -> int:
        """Write the file; returns the number of data rows written (totals rows not counted)."""
        tables = self.export.tables()
        self.total = sum(table.count for table in tables) or 1
        headlines = self.export.headlines() if self.export.title_block else []
        self.write(headlines, tables)
        self.progress(self.total, self.total)
        return self.done

    def counted(self, rows):
        for row in rows:
            yield row
            self.done += 1
            self.position += 1
            self.progress(self.position, self.total)

    def write(self, headlines, tables):
        raise NotImplementedError


class CSVRenderer(Renderer):
    """Plain CSV (UTF-8 with a byte-order mark, so Excel reads the accents).

    A report: the title block, then each table under its title, with its totals row and a blank line. A bare
    table (`title_block` off): the header row and the rows, nothing else.
    """

    extension = "csv"

    def write(self, headlines, tables):
        text = io.TextIOWrapper(self.output, encoding="utf-8-sig", newline="", write_through=True)
        writer = csv.writer(text)
        for row in self.lines(headlines, tables):
            writer.writerow(row)
        text.flush()
        text.detach()  # leave the binary file open for the caller

    def lines(self, headlines, tables):
        """Every CSV row as a list of cells, already made safe for a spreadsheet."""
        if self.export.title_block:
            yield [_csv_value(self.export.title)]
            if subtitle := self.export.subtitle():
                yield [_csv_value(subtitle)]
            for headline in headlines:
                yield [_csv_value(headline.label), _csv_value(headline.value)]
        for table in tables:
            if self.export.title_block:
                yield []
                yield [_csv_value(table.title)]
            yield [_csv_value(column.label) for column in table.columns]
            for row in self.counted(table.rows):
                yield [_csv_value(value) for value in row]
            if table.totals is not None:
                yield [_csv_value(value) for value in table.totals]

    def stream(self):
        """The file as chunks of bytes, one per row, for a streamed HTTP response."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        yield "\ufeff".encode()
        tables = self.export.tables()
        headlines = self.export.headlines() if self.export.title_block else []
        for row in self.lines(headlines, tables):
            writer.writerow(row)
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()


class XLSXRenderer(Renderer):
    """An XLSX workbook in openpyxl's write-only mode: a Summary sheet (reports only), then one sheet per table.

    Rows are appended as plain values; only numbers in formatted columns and formula-like text become cells of
    their own, and numbers share one style object per column (copying it per cell doubled the time of a large
    sheet), which keeps large sheets quick.
    """

    extension = "xlsx"

    def write(self, headlines, tables):
        workbook = Workbook(write_only=True)
        used = set()
        if self.export.title_block:
            summary = workbook.create_sheet("Summary")
            used.add("Summary")
            summary.append([self._cell(summary, self.export.title, font=Font(bold=True, size=14))])
            if subtitle := self.export.subtitle():
                summary.append([self._cell(summary, subtitle)])
            summary.append(["Generated", timezone.localtime().replace(tzinfo=None)])
            summary.append([])
            for headline in headlines:
                summary.append(
                    [
                        self._cell(summary, headline.label),
                        self._cell(summary, headline.value, number_format=NUMBER_FORMATS.get(headline.kind)),
                    ]
                )
        for table in tables:
            sheet = workbook.create_sheet(self._sheet_name(table.title, used))
            self._write_table(sheet, table)
        workbook.save(self.output)

    def _write_table(self, sheet, table):
        bold = Font(bold=True)
        formats = [NUMBER_FORMATS.get(column.kind) for column in table.columns]
        styles = {
            index: self._cell(sheet, 0, number_format=number_format)._style
            for index, number_format in enumerate(formats)
            if number_format
        }
        sheet.append([self._cell(sheet, column.label, font=bold) for column in table.columns])
        for row in self.counted(table.rows):
            values = [self._text(sheet, value) if isinstance(value, str) else _xlsx_value(value) for value in row]
            for index, style in styles.items():
                if index < len(values) and isinstance(values[index], int | Decimal):
                    cell = WriteOnlyCell(sheet, value=values[index])
                    cell._style = style  # shared, not copied: a write-only cell is serialised at once, never changed
                    values[index] = cell
            sheet.append(values)
        if table.totals is not None:
            sheet.append(
                [
                    self._cell(sheet, value, font=bold, number_format=number_format)
                    for value, number_format in zip(table.totals, formats, strict=False)
                ]
            )

    @staticmethod
    def _text(sheet, value):
        """Text as it is, minus characters XLSX cannot hold; formula-like text as a quoted string cell."""
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not value.startswith(FORMULA_STARTS):
            return value
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # openpyxl made "=..." a formula when the value was set; it is text
        cell.quotePrefix = True  # Excel keeps it text even when someone edits the cell
        return cell

    @classmethod
    def _cell(cls, sheet, value, *, font=None, number_format=None):
        if isinstance(value, str):
            cell = cls._text(sheet, value)
            if not isinstance(cell, str):
                if font:
                    cell.font = font
                return cell
        cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
        if font:
            cell.font = font
        if number_format and isinstance(value, int | float | Decimal):
            cell.number_format = number_format
        return cell

    @staticmethod
    def _sheet_name(title, used):
        """Excel sheet names: at most 31 characters, none of []:*?/\\ and unique in the workbook."""
        name = "".join(" " if char in "[]:*?/\\" else char for char in title)[:31].strip() or "Sheet"
        name = ILLEGAL_CHARACTERS_RE.sub("", name).strip("'") or "Sheet"
        base, number = name, 2
        while name in used:
            suffix = f" ({number})"
            name, number = base[: 31 - len(suffix)] + suffix, number + 1
        used.add(name)
        return name


class PDFRenderer(Renderer):
    """A PDF from templates/core/pdf/export.html with server-drawn SVG bar charts."""

    extension = "pdf"
    template_name = "core/pdf/export.html"

    def write(self, headlines, tables):
        sections = []
        for table in tables:
            limit = self.export.pdf_detail_limit if table.detail else None
            rows = list(self.counted(itertools.islice(table.rows, limit)))
            if limit is not None:
                # The rest of a long list is counted as done without being read: the PDF does not show it.
                self.position += max(0, table.count - len(rows))
                self.progress(self.position, self.total)
            chart = None
            if table.chart and rows:
                chart = bar_chart_svg(
                    [row[table.chart.label_column] for row in rows],
                    [row[table.chart.value_column] for row in rows],
                    title=table.chart.title,
                )
            sections.append(
                {
                    "table": table,
                    "rows": rows,
                    "chart": chart,
                    "truncated": limit is not None and table.count > len(rows),
                    "kinds": [column.kind for column in table.columns],
                }
            )
        context = {
            "export": self.export,
            "subtitle": self.export.subtitle(),
            "headlines": headlines,
            "sections": sections,
            "generated_at": timezone.now(),
        }
        self.output.write(render_pdf(self.template_name, context))


RENDERERS = {"csv": CSVRenderer, "xlsx": XLSXRenderer, "pdf": PDFRenderer}


def render(export, fmt, output, *, progress=None) -> int:
    """Write `export` in format `fmt` ("csv", "xlsx" or "pdf") to the binary file `output`; returns the rows."""
    return RENDERERS[fmt](export, output, progress=progress).render()


def file_response(export, fmt, filename):
    """`export` as a download named `filename` plus the format's extension; a CSV is streamed row by row."""
    if fmt == "csv":
        response = StreamingHttpResponse(CSVRenderer(export, None).stream(), content_type=CONTENT_TYPES["csv"])
    else:
        response = HttpResponse(content_type=CONTENT_TYPES[fmt])
        render(export, fmt, response)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{RENDERERS[fmt].extension}"'
    return response
