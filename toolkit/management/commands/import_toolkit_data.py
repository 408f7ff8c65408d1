"""`manage.py import_toolkit_data KIND FILE`: import job postings, training programs or cluster key occupations."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from toolkit.importers import ImportRefused, run_import
from toolkit.models import ImportKind


class Command(BaseCommand):
    help = "Import a CSV or XLSX file of the given kind (all or nothing; every bad row is listed with its line)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[k for k in ImportKind.values if k != ImportKind.OEWS])
        parser.add_argument("file", help="Path to the CSV or XLSX file.")

    def handle(self, *args, kind, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        with path.open("rb") as handle:
            try:
                summary = run_import(kind, handle, path.name)
            except ImportRefused as refused:
                for line in refused.errors:
                    self.stderr.write(line)
                raise CommandError(f"{path.name} was not imported: {len(refused.errors)} problem(s).") from None
        self.stdout.write(
            self.style.SUCCESS(f"Imported {summary['written']:,} of {summary['rows_read']:,} rows from {path.name}.")
        )
