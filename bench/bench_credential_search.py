"""Benchmark: the public eligibility search over a catalog of 100,000 credentials.

Prints, side by side, the server-side time of the indexed search (full text + trigram, GIN indexes) and of a plain
unindexed `icontains` search over the same rows, for a set of realistic queries (some misspelt), and checks the
targets: indexed p95 at most 25 ms and at least 10 times faster than icontains.

    DATABASE_URL=postgres:///portal_bench .venv/bin/python bench/bench_credential_search.py [--rows 100000]

It uses its own database (created and migrated when missing) and fills it once; later runs reuse the rows.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres:///portal_bench")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from credentials.demo import CATALOG  # noqa: E402
from credentials.models import Category, Credential  # noqa: E402

QUERIES = [
    "security",
    "secuirty plus",
    "cloud practitioner",
    "cnc milling",
    "machinng",
    "kubernetes",
    "power bi",
    "robot",
    "health information",
    "python programmer",
    "six sigma",
    "wireless network",
]
PAGE = 20
ROUNDS = 15


SYLLABLES = [
    "al",
    "ber",
    "cor",
    "dex",
    "en",
    "fal",
    "gor",
    "hal",
    "ix",
    "jun",
    "kel",
    "lum",
    "mar",
    "nov",
    "or",
    "pra",
    "quin",
    "ros",
    "sel",
    "tor",
    "ul",
    "ver",
    "wex",
    "yar",
    "zen",
]
LEVELS = ["Associate", "Professional", "Specialist", "Expert", "Foundation", "Practitioner", "Technician", "Level II"]


def fill(rows):
    """A synthetic catalog that looks like a real one: many issuers and product names, and the real catalog's
    subject words spread thinly (each title names one or two subjects), so a query matches a realistic share."""
    if Credential.objects.count() >= rows:
        return
    Credential.objects.all().delete()
    categories = [Category.objects.get_or_create(name=f"Bench {n}", slug=f"bench-{n}")[0] for n in range(12)]
    rng = random.Random(7)
    subjects = sorted({w for t, *_ in CATALOG for w in t.replace("(", " ").replace(")", " ").split() if len(w) > 3})
    keywords = sorted({k.strip() for *_, k, _p in CATALOG for k in k.split(",")})

    def word():
        return "".join(rng.sample(SYLLABLES, rng.randint(2, 3))).capitalize()

    issuers = [f"{word()} {rng.choice(['Institute', 'Systems', 'Academy', 'Labs', 'Council'])}" for _ in range(800)]
    batch = []
    for i in range(rows):
        if i < len(CATALOG):
            title, issuer, *_rest = CATALOG[i]
            keys = CATALOG[i][5]
        else:
            title = f"{word()} {' '.join(rng.sample(subjects, rng.randint(1, 2)))} {rng.choice(LEVELS)} {i}"
            issuer = rng.choice(issuers)
            keys = ", ".join(rng.sample(keywords, 2))
        batch.append(
            Credential(
                title=title,
                issuing_body=issuer,
                category=categories[i % 12],
                keywords=keys,
                description=f"{title} from {issuer}.",
            )
        )
        if len(batch) == 5000:
            Credential.objects.bulk_create(batch)
            batch = []
            print(f"  {i + 1:,} rows", end="\r", flush=True)
    Credential.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE credentials_credential")
    print()


def indexed(q):
    queryset = Credential.objects.select_related("category").search(q)
    return queryset.count(), list(queryset[:PAGE])


def unindexed(q):
    queryset = (
        Credential.objects.select_related("category")
        .filter(Q(title__icontains=q) | Q(keywords__icontains=q) | Q(description__icontains=q))
        .order_by("title")
    )
    return queryset.count(), list(queryset[:PAGE])


def timed(function, q):
    start = time.perf_counter()
    function(q)
    return (time.perf_counter() - start) * 1000


def p95(samples):
    return statistics.quantiles(samples, n=20)[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    call_command("ensure_services")
    call_command("migrate", verbosity=0)
    fill(args.rows)
    print(f"{Credential.objects.count():,} credentials; {ROUNDS} runs per query, first page of {PAGE} plus the count\n")
    print(f"{'query':<22}{'indexed p95 ms':>16}{'icontains p95 ms':>18}{'speed-up':>10}")
    all_fast, all_slow = [], []
    for q in QUERIES:
        indexed(q), unindexed(q)  # warm the cache
        fast = [timed(indexed, q) for _ in range(ROUNDS)]
        slow = [timed(unindexed, q) for _ in range(ROUNDS)]
        all_fast += fast
        all_slow += slow
        print(f"{q:<22}{p95(fast):>16.1f}{p95(slow):>18.1f}{p95(slow) / p95(fast):>9.1f}x")
    fast95, slow95 = p95(all_fast), p95(all_slow)
    print(f"\n{'all queries':<22}{fast95:>16.1f}{slow95:>18.1f}{slow95 / fast95:>9.1f}x")
    ok = fast95 <= 25 and slow95 / fast95 >= 10
    print("targets (p95 <= 25 ms, >= 10x faster):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
