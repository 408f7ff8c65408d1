"""How well the credential search puts the obvious credential first, measured on a set of real-world queries.

The set (`credentials/tests/relevance.csv`: query, expected title, kind) holds what people type, typos,
abbreviations, aliases and issuer names, against the demo catalog (`credentials/demo_data/catalog.csv`).
`bench/bench_relevance.py` reports the shares, `credentials/tests/test_relevance.py` holds them to the targets.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

RELEVANCE_SET = Path(__file__).resolve().parent / "tests" / "relevance.csv"
# Targets: the expected credential first for at least 95% of the queries, in the top three for all of them.
FIRST_TARGET = 0.95
TOP_THREE_TARGET = 1.0


@dataclass(frozen=True)
class Case:
    """One query of the set and the title its first result should have."""

    query: str
    expected: str
    kind: str


@dataclass(frozen=True)
class Outcome:
    """Where the expected credential came in a query's results (None: not in the first ten)."""

    case: Case
    position: int | None
    first: str | None


def load_cases(path=RELEVANCE_SET):
    with Path(path).open(newline="", encoding="utf-8") as fileobj:
        return [Case(row["query"], row["expected_title"], row["kind"]) for row in csv.DictReader(fileobj)]


def evaluate(cases, queryset=None):
    """Search each case's query over `queryset` (the whole catalog by default) and say where its credential came."""
    from credentials.models import Credential

    queryset = Credential.objects.all() if queryset is None else queryset
    outcomes = []
    for case in cases:
        titles = list(queryset.search(case.query).values_list("title", flat=True)[:10])
        position = titles.index(case.expected) + 1 if case.expected in titles else None
        outcomes.append(Outcome(case, position, titles[0] if titles else None))
    return outcomes


def share(outcomes, within):
    """The share of outcomes whose expected credential came at position `within` or better."""
    return sum(1 for o in outcomes if o.position is not None and o.position <= within) / len(outcomes)
