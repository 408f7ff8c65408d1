"""Prove the backup procedure: dump the database with pg_dump, restore the dump into a fresh database with
pg_restore, and compare the row count of every table. Exit status 1 when anything differs.

    python manage.py backup_check                  # dump, restore into <name>_restore_check, compare, drop it
    python manage.py backup_check --keep-dump /backups/portal.dump

docs/operations.md describes the backup and restore procedure this command checks.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg2
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg2 import sql


def libpq_environment(settings_dict, name=None):
    """PG* variables for pg_dump/pg_restore from Django's database settings (password never on a command line)."""
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = name or settings_dict["NAME"]
    return env


def connect(settings_dict, name):
    params = {"dbname": name, "connect_timeout": 5}
    for key, param in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if settings_dict.get(key):
            params[param] = settings_dict[key]
    return psycopg2.connect(**params)


def table_row_counts(settings_dict, name):
    """{schema.table: exact row count} for every ordinary table outside PostgreSQL's own schemas."""
    with connect(settings_dict, name) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') "
            "ORDER BY 1, 2"
        )
        counts = {}
        for schema, table in cursor.fetchall():
            cursor.execute(sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
            counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    conn.close()
    return counts


class Command(BaseCommand):
    help = "Dump the database, restore the dump into a fresh database and compare every table's row count."

    def add_arguments(self, parser):
        parser.add_argument("--keep-dump", help="Also keep the dump (pg_dump custom format) at this path.")
        parser.add_argument("--target", help="Name of the scratch database to restore into (dropped afterwards).")

    def handle(self, *args, keep_dump=None, target=None, **options):
        for tool in ("pg_dump", "pg_restore"):
            if shutil.which(tool) is None:
                raise CommandError(f"{tool} is not installed: apt-get install -y postgresql-client")
        db = connection.settings_dict
        source = db["NAME"]
        target = target or f"{source}_restore_check"
        if target == source:
            raise CommandError("The scratch database must not be the database being checked.")
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / f"{source}.dump"
            self.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump)], libpq_environment(db))
            before = table_row_counts(db, source)
            self.recreate(db, target)
            try:
                self.run(
                    ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", target, str(dump)],
                    libpq_environment(db, target),
                )
                after = table_row_counts(db, target)
            finally:
                self.drop(db, target)
            if keep_dump:
                shutil.copyfile(dump, keep_dump)
            size = dump.stat().st_size
        differences = [
            f"  {table}: {before.get(table, 'missing')} in {source}, {after.get(table, 'missing')} restored"
            for table in sorted(set(before) | set(after))
            if before.get(table) != after.get(table)
        ]
        if differences:
            raise CommandError("The restored copy differs from the database:\n" + "\n".join(differences))
        self.stdout.write(
            f"Backup check passed: {len(before)} tables and {sum(before.values()):,} rows of {source} restored "
            f"identically from a {size:,}-byte dump."
        )

    def run(self, command, env):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode:
            raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")

    def recreate(self, db, name):
        self.drop(db, name)
        self.administer(db, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop(self, db, name):
        self.administer(db, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def administer(self, db, statement):
        """Run CREATE/DROP DATABASE from the maintenance database, outside any transaction."""
        conn = connect(db, "postgres")
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(statement)
        finally:
            conn.close()
