"""Benchmark: does the credential search put the obvious credential first? The relevance set over the demo catalog.

    .venv/bin/python bench/bench_relevance.py

Runs each query of `credentials/tests/relevance.csv` (typos, abbreviations, aliases, issuer names, as people type
them) through `Credential.objects.search()` over the demo catalog (`credentials/demo_data/catalog.csv`, loaded
through the importer as `seed_demo` does) and reports the share whose expected credential comes first (target at
least 95%) and in the top three (target 100%), each miss, and the time of a search of the set's queries.

Its own database, `postgres:///portal_bench_relevance` unless BENCH_RELEVANCE_DATABASE_URL says otherwise: the
scale database's 100,000 generated credentials would answer other questions than the demo catalog's.
"""

import os

os.environ["BENCH_DATABASE_URL"] = os.environ.get("BENCH_RELEVANCE_DATABASE_URL", "postgres:///portal_bench_relevance")

from common import finish, header, p95, row, sample
from django.core.management import call_command


def main():
    call_command("ensure_services", verbosity=0)
    call_command("migrate", verbosity=0)
    from credentials.demo import _seed_catalog
    from credentials.models import Credential, SearchTerm
    from credentials.relevance import FIRST_TARGET, TOP_THREE_TARGET, evaluate, load_cases, share

    _seed_catalog()  # the importer updates the rows it already holds: the file as it is now
    SearchTerm.objects.refresh()
    cases = load_cases()
    outcomes = evaluate(cases)
    first, top_three = share(outcomes, within=1), share(outcomes, within=3)

    print(f"{Credential.objects.count():,} credentials (demo catalog); {len(cases)} queries\n")
    print("Relevance (credentials/tests/relevance.csv)")
    print(f"{'expected credential first':<44}{first:>9.1%}  target >= {FIRST_TARGET:.0%}", end=" ")
    print("met" if first >= FIRST_TARGET else "NOT met")
    print(f"{'expected credential in the top three':<44}{top_three:>9.1%}  target >= {TOP_THREE_TARGET:.0%}", end=" ")
    print("met" if top_three >= TOP_THREE_TARGET else "NOT met")
    for kind in sorted({case.kind for case in cases}):
        of_kind = [o for o in outcomes if o.case.kind == kind]
        print(f"  {kind + ' queries':<42}{share(of_kind, within=1):>9.1%} first of {len(of_kind)}")
    for outcome in outcomes:
        if outcome.position != 1:
            where = f"at {outcome.position}" if outcome.position else "not in the first ten"
            print(f"  miss: {outcome.case.query!r}: {outcome.case.expected} {where}, first {outcome.first}")
    print()

    def search_all():
        for case in cases:
            list(Credential.objects.search(case.query).values_list("pk", flat=True)[:20])

    header("Search of one query (ranked ids of the first page)")
    samples = [ms / len(cases) for ms in sample(search_all, n=5, warm=1)]
    row("relevance-set query, mean of the set", samples, target="p95<=25ms", ok=p95(samples) <= 25)
    status = finish()
    return status or int(first < FIRST_TARGET or top_three < TOP_THREE_TARGET)


if __name__ == "__main__":
    raise SystemExit(main())
