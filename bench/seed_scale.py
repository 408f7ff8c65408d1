"""Fill the bench database with the scale data (bench/scale), without running a benchmark.

    BENCH_FACTOR=0.01 .venv/bin/python bench/seed_scale.py          # a hundredth of the full volumes
    .venv/bin/python bench/seed_scale.py --factor 1 --keep            # refuse if an earlier run's rows are there

The database is the benchmarks' own (bench/common.py: BENCH_DATABASE_URL, else postgres:///portal_bench_scale),
migrated first. A second run replaces the first run's rows. The benchmarks seed it themselves when it is empty or
holds another factor's rows, so this script is only needed to seed ahead of time or at another factor.
"""

import argparse
import sys
import time

from common import FACTOR
from django.core.management import call_command
from django.core.management.base import OutputWrapper

from bench.scale import VOLUMES, scale_rows_exist, seed_scale


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Scale data for the benchmarks: at factor 1, "
        + ", ".join(f"{count:,} {name.replace('_', ' ')}" for name, count in VOLUMES.items())
        + "."
    )
    parser.add_argument("--factor", type=float, default=FACTOR, help="Share of the full volumes, e.g. 0.01.")
    parser.add_argument("--keep", action="store_true", help="Refuse instead of replacing earlier scale rows.")
    args = parser.parse_args(argv)
    if args.factor <= 0:
        parser.error("--factor must be above 0 (1 writes the full volumes; 0.01 a hundredth).")
    call_command("ensure_services", verbosity=0)
    call_command("migrate", verbosity=0)
    if args.keep and scale_rows_exist():
        parser.error("scale rows from an earlier run are present; run without --keep to replace them.")
    stdout = OutputWrapper(sys.stdout)
    started = time.monotonic()
    stdout.write(f"Seeding scale data at factor {args.factor:g}.")
    counts = seed_scale(factor=args.factor, stdout=stdout)
    stdout.write(f"Wrote {sum(counts.values()):,} rows in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
