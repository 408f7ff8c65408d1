"""`manage.py import_credentials FILE`: load or update the catalog from a CSV or XLSX file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from credentials.importers import COLUMNS, import_credentials


class Command(BaseCommand):
    help = f"Import credentials from a CSV or XLSX file with the columns {', '.join(COLUMNS)}. All rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} does not exist.")
        with path.open("rb") as handle:
            result = import_credentials(handle, path.name)
        if not result.ok:
            for line in result.errors.lines():
                self.stderr.write(line)
            raise CommandError(f"Nothing was imported: {len(result.errors)} problem(s) found.")
        self.stdout.write(self.style.SUCCESS(f"Imported: {result.created} new, {result.updated} updated."))
