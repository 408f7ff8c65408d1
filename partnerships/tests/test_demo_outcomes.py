"""The demo's outcome reports look like a real program's: uneven figures, the same on every run."""

import io
import itertools
import math

import pytest
from django.core.management import call_command
from django.test import override_settings

from partnerships import demo
from partnerships.models import MetricUnit, OutcomeValue

pytestmark = pytest.mark.django_db


def _in_steps(values):
    """Whether the values lie on one ladder (30, 45, 60... lie on steps of 15): their differences share a factor."""
    distinct = sorted(set(values))
    return len(distinct) < 3 or math.gcd(*(int(b - a) for a, b in itertools.pairwise(distinct))) > 1


def _values():
    return {(v.report_id, v.metric_id): v.value for v in OutcomeValue.objects.select_related("metric").order_by("pk")}


@override_settings(DEBUG=True)
def test_the_demo_outcome_values_are_uneven_and_stable():
    call_command("seed_demo", stdout=io.StringIO())
    values = OutcomeValue.objects.select_related("metric", "report")
    assert values.exists()
    counts = {}
    for value in values:
        if value.metric.unit == MetricUnit.COUNT:
            counts.setdefault(value.metric_id, []).append(value.value)
    assert counts
    for figures in counts.values():
        assert not _in_steps(figures), sorted(figures)  # one metric's totals across the reports are uneven

    before = _values()
    demo.seed(stdout=io.StringIO())
    assert _values() == before  # seeded: a second run writes the same figures
