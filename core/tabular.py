"""Reading uploaded tables (CSV or XLSX) row by row, with the line number a person sees in a spreadsheet.

Importers validate every row first and write nothing when any row is bad; `RowErrors` collects the problems with
their line numbers so the page or command can report all of them at once.
"""

import contextlib
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook


class TableError(Exception):
    """The file as a whole cannot be read (wrong type, missing columns, empty)."""


def detect_format(name):
    suffix = Path(name or "").suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv"
    if suffix == ".xlsx":
        return "xlsx"
    raise TableError(f"{name or 'The file'} is neither a CSV nor an XLSX file.")


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(fileobj, name, *, required_columns=(), normalize_header=str.strip):
    """Yield (line number, {column: text}) for every non-blank row; the header is line 1.

    Streams: a CSV is decoded as it is read and an XLSX is opened read-only, so memory does not grow with the file.
    Raises TableError when the header lacks a required column or the file cannot be parsed.
    """
    fmt = detect_format(name)
    rows = _csv_rows(fileobj) if fmt == "csv" else _xlsx_rows(fileobj)
    try:
        header = next(rows)
    except StopIteration:
        raise TableError("The file is empty: it has no header row.") from None
    header = [normalize_header(_cell_text(h)) for h in header]
    missing = [column for column in required_columns if column not in header]
    if missing:
        raise TableError(f"The header row lacks the column(s) {', '.join(missing)}; found {', '.join(header)}.")
    for line, values in enumerate(rows, start=2):
        texts = [_cell_text(v) for v in values]
        if not any(texts):
            continue
        yield line, dict(zip(header, texts + [""] * (len(header) - len(texts)), strict=False))


def _csv_rows(fileobj):
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
    try:
        yield from csv.reader(text)
    except (UnicodeDecodeError, csv.Error) as error:
        raise TableError(f"The CSV file cannot be read: {error}.") from error
    finally:
        # Hand the caller's file back open; when it was already closed there is nothing to hand back.
        with contextlib.suppress(ValueError):
            text.detach()


def _xlsx_rows(fileobj):
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as error:
        raise TableError(f"The XLSX file cannot be opened: {error}.") from error
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


@dataclass
class RowErrors:
    """Problems found while validating an import, each tied to the line it was found on."""

    items: list = field(default_factory=list)
    limit: int = 1000

    def add(self, line, message):
        if len(self.items) < self.limit:
            self.items.append((line, message))

    def __bool__(self):
        return bool(self.items)

    def __len__(self):
        return len(self.items)

    def lines(self):
        return [f"Line {line}: {message}" for line, message in self.items]
