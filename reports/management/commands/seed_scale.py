"""`manage.py seed_scale --factor N`: years of program data at scale, written with COPY (see reports.scale)."""

import time

from django.core.management.base import BaseCommand, CommandError

from reports.scale import VOLUMES, scale_rows_exist, seed_scale


class Command(BaseCommand):
    help = (
        "Generate realistic volumes for benchmarks: at factor 1, "
        + ", ".join(f"{count:,} {name.replace('_', ' ')}" for name, count in VOLUMES.items())
        + ". A second run replaces the first run's rows (or refuses with --keep)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0, help="Share of the full volumes, e.g. 0.01.")
        parser.add_argument("--keep", action="store_true", help="Refuse instead of replacing earlier scale rows.")

    def handle(self, *args, factor, keep, **options):
        if factor <= 0:
            raise CommandError("--factor must be above 0 (1 writes the full volumes; 0.01 a hundredth).")
        if keep and scale_rows_exist():
            raise CommandError("Scale rows from an earlier run are present; run without --keep to replace them.")
        started = time.monotonic()
        self.stdout.write(f"Seeding scale data at factor {factor:g}.")
        counts = seed_scale(factor=factor, stdout=self.stdout)
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Wrote {total:,} rows in {time.monotonic() - started:.0f} s."))
