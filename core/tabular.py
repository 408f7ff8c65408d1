"""Reading uploaded tables (CSV or XLSX) row by row, with the line number a person sees in a spreadsheet.

Importers (core.importers) validate every row first and write nothing when any row is bad; `RowErrors` collects the
problems with their line numbers so the page or command can report them at once, up to a cap.

A file can be hostile: `read_rows` refuses a header wider than `max_columns` without echoing it, and an XLSX whose
parts unpack to more than `max_unpacked_bytes` (a zip bomb) before reading a single row.
"""

import contextlib
import csv
import io
import zipfile
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


MAX_COLUMNS = 200
MAX_UNPACKED_BYTES = 1 << 30
# Header names quoted back in a message: enough to recognise the file, never the whole of a hostile one.
HEADERS_QUOTED = 30


def read_rows(
    fileobj,
    name,
    *,
    required_columns=(),
    normalize_header=str.strip,
    max_columns=MAX_COLUMNS,
    max_unpacked_bytes=MAX_UNPACKED_BYTES,
):
    """Yield (line number, {column: text}) for every non-blank row; the header is line 1.

    Streams: a CSV is decoded as it is read and an XLSX is opened read-only, so memory does not grow with the file.
    Raises TableError when the header lacks a required column, is wider than `max_columns`, or the file cannot be
    parsed.
    """
    fmt = detect_format(name)
    if fmt == "csv":
        rows = _csv_rows(fileobj)
    else:
        rows = _xlsx_rows(fileobj, max_columns=max_columns, max_unpacked_bytes=max_unpacked_bytes)
    try:
        header = next(rows)
    except StopIteration:
        raise TableError("The file is empty: it has no header row.") from None
    if len(header) > max_columns:
        raise TableError(f"The header row has more than {max_columns:,} columns; this is not a file to import.")
    header = [normalize_header(_cell_text(h)) for h in header]
    missing = [column for column in required_columns if column not in header]
    if missing:
        found = ", ".join(h[:40] for h in header[:HEADERS_QUOTED]) + (" …" if len(header) > HEADERS_QUOTED else "")
        raise TableError(f"The header row lacks the column(s) {', '.join(missing)}; found {found}.")
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


def _xlsx_rows(fileobj, *, max_columns, max_unpacked_bytes):
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise TableError(f"The XLSX file cannot be opened: {error}.") from error
    if unpacked > max_unpacked_bytes:
        raise TableError(
            f"The XLSX file unpacks to {unpacked / 1e6:,.0f} MB, more than the {max_unpacked_bytes / 1e6:,.0f} MB "
            "an import reads; split it or save it as CSV."
        )
    fileobj.seek(0)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as error:
        raise TableError(f"The XLSX file cannot be opened: {error}.") from error
    try:
        sheet = workbook.worksheets[0]
        # One column past the cap is read, so a too-wide header is noticed without reading all of it; the rows
        # below are read only as wide as the header (read-only sheets pad every row to `max_col`).
        header = next(sheet.iter_rows(values_only=True, max_row=1, max_col=max_columns + 1), None)
        if header is None:
            return
        header = list(header)
        while header and header[-1] is None:
            header.pop()
        yield header
        yield from sheet.iter_rows(values_only=True, min_row=2, max_col=max(len(header), 1))
    finally:
        workbook.close()


def count_rows(fileobj, name):
    """A quick estimate of the number of data rows, for the progress bar (reads the file once, in chunks)."""
    fmt = detect_format(name)
    fileobj.seek(0)
    try:
        if fmt == "csv":
            lines = 0
            while chunk := fileobj.read(1 << 20):
                lines += chunk.count(b"\n")
            return max(lines - 1, 1)
        try:
            workbook = load_workbook(fileobj, read_only=True)
        except Exception:
            return 1
        try:
            return max((workbook.worksheets[0].max_row or 2) - 1, 1)
        finally:
            workbook.close()
    finally:
        fileobj.seek(0)


@dataclass
class RowErrors:
    """Problems found while validating an import, each tied to the line it was found on (None: the whole file).

    At most `limit` problems are kept; the rows with problems beyond them are counted, and `lines()` ends with how
    many more there were. Each message is cut to `message_length` characters, so a hostile cell never fills a page.
    """

    items: list = field(default_factory=list)
    limit: int = 200
    message_length: int = 300
    more_rows: int = 0
    _last_dropped_line: object = None

    def add(self, line, message):
        message = str(message)
        if len(message) > self.message_length:
            message = message[: self.message_length - 1] + "…"
        if len(self.items) < self.limit:
            self.items.append((line, message))
        elif line != self._last_dropped_line and not any(line == kept for kept, _ in self.items[-1:]):
            self.more_rows += 1
            self._last_dropped_line = line

    def __bool__(self):
        return bool(self.items)

    def __len__(self):
        return len(self.items)

    def lines(self):
        lines = [message if line is None else f"Line {line}: {message}" for line, message in self.items]
        if self.more_rows:
            lines.append(f"… and {self.more_rows:,} more rows with problems.")
        return lines
