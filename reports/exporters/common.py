"""Expressions and lookups several report kinds share."""

from decimal import Decimal

from django.db.models import Case, CharField, Value, When

from core.models import IndustryCluster, SizeClass

UNKNOWN = "Unknown"
NO_CLUSTER = "No matching cluster"


def size_class_case(path):
    """The employer size class of `path` (an employee_count field) as an SQL CASE, labelled as core labels it."""
    return Case(
        When(**{f"{path}__lte": 50}, then=Value(SizeClass.SMALL.label)),
        When(**{f"{path}__lte": 200}, then=Value(SizeClass.MEDIUM.label)),
        When(**{f"{path}__gt": 200}, then=Value(SizeClass.LARGE.label)),
        default=Value(UNKNOWN),
        output_field=CharField(),
    )


def clusters_by_naics(codes):
    """{NAICS code: cluster name} by each cluster's NAICS prefixes; the longest matching prefix wins."""
    prefixes = sorted(
        ((prefix, cluster.name) for cluster in IndustryCluster.objects.all() for prefix in cluster.naics_prefixes),
        key=lambda pair: -len(pair[0]),
    )
    mapping = {}
    for code in codes:
        mapping[code] = next((name for prefix, name in prefixes if code and code.startswith(prefix)), NO_CLUSTER)
    return mapping


def divide(numerator, denominator, places="0.01"):
    """numerator / denominator rounded, or None when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(numerator or 0) / Decimal(denominator)).quantize(Decimal(places))


def label_of(choices, value):
    return dict(choices).get(value, value or UNKNOWN)
