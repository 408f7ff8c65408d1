"""The one way to import a file (CSV or XLSX): read it row by row, check every row, write all rows or none.

An importer describes one file layout; `Importer.run` does the rest:

    class FundingRoundImporter(Importer):
        required_columns = ("name", "budget")

        def parse(self, line, row):          # check one row; raise RowProblem to refuse it
            ...
            return values                    # or None to skip the row (count why in self.skipped)

        def buffer(self, line, record):      # called only while no row was bad
            self.pending.append(record)

        def flush(self):                     # write what is buffered
            ...

    summary = FundingRoundImporter().run(fileobj, name)    # or ImportRefused(errors, summary): nothing written

Everything happens in one transaction, rolled back when any row was bad, so nothing is half-imported. An importer
may write in batches while it reads (the tool kit's big OEWS files, for flat memory) or keep the rows and write them
at the end (the credential catalog): either way the database sees all or nothing. The problems are listed with the
line a person sees in a spreadsheet (header = line 1), at most `max_errors` of them; the header may have at most
`max_columns` columns, and an XLSX may unpack to at most `max_unpacked_bytes`.
"""

import re
from collections import Counter

from django.db import transaction

from core.tabular import MAX_COLUMNS, MAX_UNPACKED_BYTES, RowErrors, TableError, count_rows, read_rows


class ImportRefused(Exception):
    """The file was not imported; `errors` lists each problem as "Line N: ..." (nothing was written)."""

    def __init__(self, errors, summary=None):
        self.errors = list(errors)
        self.summary = summary or {}
        super().__init__(f"The file was not imported: {len(self.errors)} problem(s). " + "; ".join(self.errors[:3]))


class RowProblem(Exception):
    """One row is wrong; each message says which value and why (each becomes its own "Line N: ..." line)."""

    def __init__(self, *messages):
        self.messages = [str(message) for message in messages] or ["the row cannot be read"]
        super().__init__("; ".join(self.messages))


class Importer:
    """Shared reading, validation and all-or-nothing writing; subclasses describe one file layout."""

    required_columns: tuple = ()
    column_aliases: dict = {}
    max_errors = 200
    max_columns = MAX_COLUMNS
    max_unpacked_bytes = MAX_UNPACKED_BYTES
    progress_every = 500
    empty_message = "The file has a header row but no data rows."

    def __init__(self, *, progress=None):
        self.progress = progress
        self.errors = RowErrors(limit=self.max_errors)
        self.rows_read = 0
        self.written = 0
        self.bad_rows = 0
        self.skipped = Counter()

    def normalize_header(self, text):
        """Header names compared without case, spaces or dashes: "Issuing body" is `issuing_body`."""
        key = re.sub(r"[\s-]+", "_", text.strip().lower())
        return self.column_aliases.get(key, key)

    def run(self, fileobj, name) -> dict:
        """Import the file; returns `summary()`, or raises ImportRefused with every problem (nothing written)."""
        total = count_rows(fileobj, name) if self.progress else 0
        try:
            with transaction.atomic():
                self.prepare(fileobj, name)
                rows = read_rows(
                    fileobj,
                    name,
                    required_columns=self.required_columns,
                    normalize_header=self.normalize_header,
                    max_columns=self.max_columns,
                    max_unpacked_bytes=self.max_unpacked_bytes,
                )
                for line, row in rows:
                    self.rows_read += 1
                    try:
                        record = self.parse(line, row)
                    except RowProblem as problem:
                        self.bad_rows += 1
                        for message in problem.messages:
                            self.errors.add(line, message)
                        continue
                    if record is not None and not self.errors:
                        self.buffer(line, record)
                    if self.progress and self.rows_read % self.progress_every == 0:
                        self.progress(self.rows_read, total)
                if self.rows_read == 0:
                    raise TableError(self.empty_message)
                if not self.errors:
                    self.flush()
                if self.errors:
                    raise ImportRefused(self.errors.lines(), self.summary())
        except TableError as error:
            self.errors.add(None, str(error))
            raise ImportRefused(self.errors.lines(), self.summary()) from error
        return self.summary()

    def summary(self) -> dict:
        """What the import did, as plain JSON (stored on a job row, printed by a command)."""
        return {
            "rows_read": self.rows_read,
            "written": self.written,
            "bad_rows": self.bad_rows,
            "skipped": dict(self.skipped),
        }

    # Subclasses fill these in.
    def prepare(self, fileobj, name):
        """Read the small lookups the rows are checked against (before the first row)."""

    def parse(self, line, row):
        """Check one row ({column: text}); return what to write, None to skip it, or raise RowProblem."""
        raise NotImplementedError

    def buffer(self, line, record):
        """Keep (or write) one good row; called only while no row so far was bad."""
        raise NotImplementedError

    def flush(self):
        """Write what is still buffered; called once at the end when no row was bad."""
