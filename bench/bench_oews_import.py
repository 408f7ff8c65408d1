"""Benchmark: importing a 40,000-row BLS OEWS CSV against PostgreSQL's COPY of the same rows.

    DATABASE_URL=postgres:///portal .venv/bin/python bench/bench_oews_import.py [--rows 40000]

Builds the file from the bundled Vermont rows (toolkit/tests/data) repeated under made-up area codes, imports it
with toolkit.importers (year 2099, removed afterwards), then COPYs the same file into a temporary table of text
columns. Prints both times, their ratio, and the importer's peak Python memory for the full file and for a
quarter of it (streamed: the two should be about the same). The issue's target: at most 10 seconds.
"""

import argparse
import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# On the developer's own database, in development settings (config.settings are production's otherwise).
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from toolkit.importers import run_import  # noqa: E402
from toolkit.models import Area, ImportKind, OccupationEstimate  # noqa: E402

SOURCE = ROOT / "toolkit" / "tests" / "data" / "oews_vermont_2025.csv"
YEAR = 2099


def build_csv(rows):
    """A CSV in the BLS layout with `rows` data rows: Vermont's rows again and again under made-up area codes."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    header, data = lines[0], lines[1:]
    areas = sorted({line.split(",", 1)[0] for line in data})
    out = [header]
    copy = 0
    while len(out) <= rows:
        for line in data:
            area, rest = line.split(",", 1)
            out.append(f"{8_800_000 + copy * 10 + areas.index(area)},{rest}")
            if len(out) > rows:
                break
        copy += 1
    return ("\n".join(out) + "\n").encode()


def timed_import(content):
    start = time.perf_counter()
    summary = run_import(ImportKind.OEWS, io.BytesIO(content), "bench.csv", year=YEAR)
    return time.perf_counter() - start, summary


def peak_memory(content):
    tracemalloc.start()
    run_import(ImportKind.OEWS, io.BytesIO(content), "bench.csv", year=YEAR)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def timed_copy(content, columns):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE bench_copy ({', '.join(f'c{i} text' for i in range(columns))})")
        start = time.perf_counter()
        cursor.cursor.copy_expert("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)", io.BytesIO(content))
        elapsed = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy")
    return elapsed


def clean_up():
    OccupationEstimate.objects.filter(year=YEAR).delete()
    Area.objects.filter(code__startswith="88").filter(estimates__isnull=True).delete()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=40_000)
    rows = parser.parse_args().rows
    content = build_csv(rows)
    quarter = build_csv(rows // 4)
    columns = len(content.split(b"\n", 1)[0].split(b","))
    try:
        import_seconds, summary = timed_import(content)
        copy_seconds = timed_copy(content, columns)
        memory_full = peak_memory(content)
        memory_quarter = peak_memory(quarter)
    finally:
        clean_up()
    print(f"rows: {summary['rows_read']:,} read, {summary['written']:,} written, {summary['areas']} areas")
    print(f"import: {import_seconds:.2f} s   (target: at most 10 s)")
    print(f"COPY:   {copy_seconds:.2f} s")
    print(f"ratio:  {import_seconds / copy_seconds:.1f}x COPY")
    print(f"peak Python memory: {memory_full / 2**20:.1f} MiB for {rows:,} rows, "
          f"{memory_quarter / 2**20:.1f} MiB for {rows // 4:,} rows")  # fmt: skip
    return 0 if import_seconds <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
