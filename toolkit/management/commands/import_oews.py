"""`manage.py import_oews FILE [--year YEAR]`: import a BLS OEWS download file (CSV or XLSX)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from toolkit.importers import ImportRefused, run_import
from toolkit.models import ImportKind


class Command(BaseCommand):
    help = (
        "Import a BLS OEWS file (CSV or XLSX, BLS download layout). The year comes from the file name "
        "(e.g. state_M2024_dl.xlsx) unless --year is given. Re-importing a year replaces the file's areas for it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the CSV or XLSX file.")
        parser.add_argument("--year", type=int, help="The May reference year of the estimates.")

    def handle(self, *args, file, year=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        with path.open("rb") as handle:
            try:
                summary = run_import(ImportKind.OEWS, handle, path.name, year=year)
            except ImportRefused as refused:
                for line in refused.errors:
                    self.stderr.write(line)
                raise CommandError(f"{path.name} was not imported: {len(refused.errors)} problem(s).") from None
        self.stdout.write(self.style.SUCCESS(format_summary(summary)))


def format_summary(summary):
    text = (
        f"Imported {summary['written']:,} estimates for {summary['year']} from {summary['rows_read']:,} rows: "
        f"{summary['areas']} areas, {summary['occupations']} occupations."
    )
    for reason, count in summary.get("skipped", {}).items():
        text += f"\nSkipped {count:,} rows: {reason}."
    return text
