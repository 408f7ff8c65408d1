"""What the scale benchmarks share: the bench database (created and seeded when absent), timing and printing.

The benchmarks run against their own database, `postgres:///portal_bench_scale` unless BENCH_DATABASE_URL says
otherwise (DATABASE_URL is ignored), filled by `bench.scale.seed_scale(factor=$BENCH_FACTOR)` (default 1) the
first time, and reused while it holds that factor's rows. Every script prints what it measured, N, median, p95,
peak memory where it matters, and the ratio to a reference measured in the same run.
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
# Never the developer's own database, even when DATABASE_URL is exported: the seeding writes millions of rows.
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres:///portal_bench_scale")
os.environ.setdefault("MEDIA_ROOT", "/tmp/portal-bench-scale-media")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

FACTOR = float(os.environ.get("BENCH_FACTOR", "1"))
_results = []


def prepare():
    """Make sure the bench database exists, is migrated and holds the scale rows of BENCH_FACTOR."""
    from django.core.management.base import OutputWrapper

    from bench.scale import SCALE_DOMAIN, VOLUMES, seed_scale
    from core.models import Organization

    call_command("ensure_services", verbosity=0)
    call_command("migrate", verbosity=0)
    want = max(1, round(VOLUMES["organisations"] * FACTOR))
    have = Organization.objects.filter(website__endswith=f".{SCALE_DOMAIN}/").count()
    if have != want:
        print(f"Seeding the bench database at factor {FACTOR:g} (once; later runs reuse it).", flush=True)
        started = time.monotonic()
        seed_scale(factor=FACTOR, stdout=OutputWrapper(sys.stdout))
        print(f"Seeded in {time.monotonic() - started:.0f} s.", flush=True)
    from django.db import connection

    print(f"Database {connection.settings_dict['NAME']}, scale factor {FACTOR:g}.\n")


def staff_user():
    """The scale data's program-staff member (a group member, not a superuser, as staff really are)."""
    from bench.scale import SCALE_DOMAIN
    from core.models import User

    return User.objects.get(email=f"staff@{SCALE_DOMAIN}")


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    function(*args, **kwargs)
    return (time.perf_counter() - start) * 1000


def sample(function, *, n, warm=2):
    """Run `function()` `warm` times unmeasured, then `n` times; returns the times in milliseconds."""
    for _ in range(warm):
        function()
    return [timed(function) for _ in range(n)]


def p95(samples):
    return statistics.quantiles(samples, n=20, method="inclusive")[-1] if len(samples) > 1 else samples[0]


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def header(title):
    print(f"{title}")
    print(f"{'measured':<44}{'N':>6}{'median':>10}{'p95':>10}{'ref p95':>10}{'ratio':>9}  target")


def row(name, samples, *, reference=None, unit="ms", target="", ok=None, ratio=None):
    """One line of results. `ratio` defaults to reference p95 / this p95 (how many times faster than the reference)."""
    median, high = statistics.median(samples), p95(samples)
    ref = p95(reference) if reference else None
    if ratio is None and ref:
        ratio = ref / high if high else float("inf")
    verdict = "" if ok is None else ("met" if ok else "NOT met")
    ref_text = f"{ref:>10.1f}" if ref is not None else f"{'':>10}"
    ratio_text = f"{ratio:>8.1f}x" if ratio is not None else f"{'':>9}"
    print(f"{name:<44}{len(samples):>6}{median:>10.1f}{high:>10.1f}{ref_text}{ratio_text}  {target} {verdict}".rstrip())
    _results.append((name, ok))
    return median, high


def finish():
    """Print which targets were missed; the exit status says whether all were met."""
    missed = [name for name, ok in _results if ok is False]
    print(f"peak memory of this process: {peak_rss_mb():.0f} MB")
    if missed:
        print("targets NOT met: " + "; ".join(missed))
    print()
    return 1 if missed else 0
