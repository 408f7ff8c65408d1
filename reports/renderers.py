"""One renderer per file format. Each writes an exporter's tables to a binary file and counts the rows.

`progress(done, total)` is called as rows are written; the caller decides how (and how often) to record it.
"""

import csv
import io
import itertools
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.charts import bar_chart_svg
from core.pdf import render_pdf
from reports.models import ReportFormat

NUMBER_FORMATS = {"int": "#,##0", "money": '"$"#,##0.00', "decimal": "#,##0.00", "percent": "0.0%"}


def _plain(value):
    """A cell value as CSV text: no thousands separators, ISO dates, empty for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes") if timezone.is_aware(value) else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _xlsx_value(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


class Renderer:
    extension = ""

    def __init__(self, exporter, output, *, progress=None):
        self.exporter = exporter
        self.output = output
        self.progress = progress or (lambda done, total: None)
        self.done = 0  # data rows written
        self.position = 0  # rows dealt with, for the progress bar (a PDF skips the tail of long lists)
        self.total = 0

    def render(self) -> int:
        """Write the file; returns the number of data rows written (totals rows not counted)."""
        tables = self.exporter.tables()
        self.total = sum(table.count for table in tables) or 1
        self.write(self.exporter.headlines(), tables)
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
    """Plain CSV: the title block, then each table under its title, with its totals row and a blank line."""

    extension = "csv"

    def write(self, headlines, tables):
        text = io.TextIOWrapper(self.output, encoding="utf-8-sig", newline="", write_through=True)
        writer = csv.writer(text)
        writer.writerow([self.exporter.title])
        if subtitle := self.exporter.subtitle():
            writer.writerow([subtitle])
        for headline in headlines:
            writer.writerow([headline.label, _plain(headline.value)])
        for table in tables:
            writer.writerow([])
            writer.writerow([table.title])
            writer.writerow([column.label for column in table.columns])
            for row in self.counted(table.rows):
                writer.writerow([_plain(value) for value in row])
            if table.totals is not None:
                writer.writerow([_plain(value) for value in table.totals])
        text.flush()
        text.detach()  # leave the binary file open for the caller


class XLSXRenderer(Renderer):
    """An XLSX workbook in openpyxl's write-only mode: a Summary sheet, then one sheet per table.

    Rows are appended as plain values; only numbers in formatted columns become styled cells, and they share one
    style object per column (copying it per cell doubled the time of a large sheet), which keeps large sheets quick.
    """

    extension = "xlsx"

    def write(self, headlines, tables):
        workbook = Workbook(write_only=True)
        summary = workbook.create_sheet("Summary")
        summary.append([self._cell(summary, self.exporter.title, font=Font(bold=True, size=14))])
        if subtitle := self.exporter.subtitle():
            summary.append([subtitle])
        summary.append(["Generated", timezone.localtime().replace(tzinfo=None)])
        summary.append([])
        for headline in headlines:
            summary.append(
                [headline.label, self._cell(summary, headline.value, number_format=NUMBER_FORMATS.get(headline.kind))]
            )
        used = {"Summary"}
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
            values = [_xlsx_value(value) if isinstance(value, datetime) else value for value in row]
            for index, style in styles.items():
                if index < len(values) and isinstance(values[index], int | float | Decimal):
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
    def _cell(sheet, value, *, font=None, number_format=None):
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
        base, number = name, 2
        while name in used:
            suffix = f" ({number})"
            name, number = base[: 31 - len(suffix)] + suffix, number + 1
        used.add(name)
        return name


class PDFRenderer(Renderer):
    """A PDF from templates/reports/pdf/report.html with server-drawn SVG bar charts."""

    extension = "pdf"
    template_name = "reports/pdf/report.html"

    def write(self, headlines, tables):
        sections = []
        for table in tables:
            limit = self.exporter.pdf_detail_limit if table.detail else None
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
            "exporter": self.exporter,
            "subtitle": self.exporter.subtitle(),
            "headlines": headlines,
            "sections": sections,
            "generated_at": timezone.now(),
        }
        self.output.write(render_pdf(self.template_name, context))


RENDERERS = {ReportFormat.CSV: CSVRenderer, ReportFormat.XLSX: XLSXRenderer, ReportFormat.PDF: PDFRenderer}


def render(exporter, fmt, output, *, progress=None) -> int:
    """Write `exporter`'s report in format `fmt` to the binary file `output`; returns the rows written."""
    return RENDERERS[fmt](exporter, output, progress=progress).render()
