"""Rows written with PostgreSQL's COPY (text format) from an in-memory buffer, in chunks, with explicit ids."""

import io
import json

from django.db import connection, models

CHUNK = 50_000


def _text(value):
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (list, tuple)):
        return "{" + ",".join(f'"{v}"' for v in value) + "}"
    if isinstance(value, dict):
        value = json.dumps(value)
    value = str(value)
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


class Table:
    """Writes rows of one model with COPY. Columns not given take the model field's default (or NULL, or "")."""

    def __init__(self, model, columns, *, now):
        self.model = model
        fields = [
            f
            for f in model._meta.concrete_fields
            if not isinstance(f, models.GeneratedField) and not getattr(f, "primary_key", False)
        ]
        given = set(columns)
        unknown = given - {f.attname for f in fields} - {"id"}
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
        self.columns = list(columns)
        self.constants = {}
        for field in fields:
            if field.attname in given:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            else:
                value = ""
            self.constants[field.column] = value
        self.names = [model._meta.get_field(c).column if c != "id" else "id" for c in self.columns]
        self.names += list(self.constants)
        self.tail = "\t".join(_text(v) for v in self.constants.values())
        self.buffer = io.StringIO()
        self.pending = 0
        self.written = 0

    def add(self, *values):
        line = "\t".join(map(_text, values))
        if self.constants:
            line = f"{line}\t{self.tail}"
        self.buffer.write(line)
        self.buffer.write("\n")
        self.pending += 1
        if self.pending >= CHUNK:
            self.flush()

    def flush(self):
        if not self.pending:
            return
        self.buffer.seek(0)
        columns = ", ".join(f'"{name}"' for name in self.names)
        sql = f'COPY "{self.model._meta.db_table}" ({columns}) FROM STDIN'
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(sql, self.buffer)
        self.written += self.pending
        self.buffer = io.StringIO()
        self.pending = 0


class Ids:
    """Explicit ids past each table's current maximum; `settle()` moves the sequences past what was used."""

    def __init__(self):
        self.next = {}

    def take(self, model):
        table = model._meta.db_table
        if table not in self.next:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
                self.next[table] = cursor.fetchone()[0] + 1
        value = self.next[table]
        self.next[table] = value + 1
        return value

    def settle(self):
        with connection.cursor() as cursor:
            for table in self.next:
                last = f"GREATEST((SELECT MAX(id) FROM {table}), 1)"
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {last})")
