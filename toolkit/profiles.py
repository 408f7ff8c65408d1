"""Cluster profiles ("pre-forecast data") and the ranking of industry clusters, read from the labor-market tables.

Both take plain arguments (an IndustryCluster or its slug, a Region or its slug or None for statewide) and return
plain dataclasses, so the partnerships app and the reports can use them without knowing our tables:

    profile = cluster_profile("advanced-manufacturing", region="central")
    ranking = rank_clusters(region=None)

How a region is measured: the BLS metro and nonmetro areas marked as covering the region (Area.regions) are added
up: employment is summed, wages and location quotients are employment-weighted averages of the areas' values (an
approximation: BLS does not publish medians for custom regions). A region no area covers falls back to the
statewide figures and says so (`statewide_fallback`). Statewide is always the state the portal serves (the
`PORTAL_STATE` setting), whatever other states' files are on file. Job postings count the 12 months up to the
latest month on file, in the region's counties and covering areas (statewide: all postings).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from core.charts import PALETTE, Series, chart_config
from core.exports import Column, Table
from core.models import IndustryCluster, Region
from core.money import format_money
from toolkit.models import Area, ClusterOccupation, JobPosting, OccupationEstimate
from toolkit.states import portal_state

TOP_DEMAND_COUNT = 5
DEFAULT_WEIGHTS = {"employment": 0.3, "location_quotient": 0.25, "median_wage": 0.25, "postings": 0.2}


@dataclass
class OccupationFigures:
    """One key occupation of a cluster in one place: employment, concentration, wages and demand."""

    soc_code: str
    title: str
    employment: int | None = None
    employment_partial: bool = False  # some area did not publish employment
    jobs_per_1000: Decimal | None = None
    location_quotient: Decimal | None = None
    annual_median: Decimal | None = None
    hourly_median: Decimal | None = None
    median_top_coded: bool = False  # at or above the BLS top-code; annual_median is then None
    annual_mean: Decimal | None = None
    postings: int = 0
    has_estimate: bool = True  # False: BLS published no row at all for this occupation and place

    @property
    def median_wage_label(self):
        if not self.has_estimate:
            return "no estimate"
        if self.median_top_coded:
            return f"≥ {format_money(OccupationEstimate.TOP_CODE_ANNUAL, 0)}"
        if self.annual_median is None:
            return "not published"
        return format_money(self.annual_median, 0)


@dataclass
class ClusterProfile:
    """A cluster's key occupations statewide or in one region, with totals; plain data (no model instances)."""

    cluster_slug: str
    cluster_name: str
    region_slug: str | None
    region_name: str
    year: int | None
    areas: list = field(default_factory=list)
    statewide_fallback: bool = False
    state_name: str = ""  # the state the portal serves, as its BLS data names it
    occupations: list = field(default_factory=list)
    postings_from: date | None = None
    postings_to: date | None = None
    total_employment: int = 0
    total_postings: int = 0
    median_wage: Decimal | None = None
    location_quotient: Decimal | None = None

    @property
    def soc_codes(self):
        return [o.soc_code for o in self.occupations]

    @property
    def has_data(self):
        return self.year is not None and any(o.employment is not None for o in self.occupations)

    @property
    def top_demand(self):
        """The occupations in most demand: most postings first, then most employment."""
        ranked = sorted(self.occupations, key=lambda o: (o.postings, o.employment or 0), reverse=True)
        return ranked[:TOP_DEMAND_COUNT]

    def occupations_table(self, *, title="Key occupations") -> Table:
        """The key occupations as a table (core.exports): the profile's download and the labor-market report.

        Money stays Decimal; a top-coded median is left empty and the note column says so, so the wage column
        holds only numbers.
        """
        rows = [
            (
                o.soc_code,
                o.title,
                o.employment,
                o.jobs_per_1000,
                o.location_quotient,
                o.annual_median,
                "top-coded" if o.median_top_coded else "",
                o.hourly_median,
                o.annual_mean,
                o.postings,
            )
            for o in self.occupations
        ]
        columns = [
            Column("SOC code"),
            Column("Occupation"),
            Column("Employment", "int"),
            Column("Jobs per 1,000", "decimal"),
            Column("Location quotient", "decimal"),
            Column("Median annual wage", "money"),
            Column("Median note"),
            Column("Median hourly wage", "money"),
            Column("Mean annual wage", "money"),
            Column(f"Job postings ({self.postings_label})", "int"),
        ]
        return Table(title, columns, rows, count=len(rows))

    @property
    def postings_label(self):
        if not self.postings_to:
            return "none on file"
        return f"{self.postings_from:%b %Y}–{self.postings_to:%b %Y}"

    def chart_config(self):
        """A Chart.js bar chart of employment and job postings by key occupation (for json_script)."""
        shown = [o for o in self.occupations if o.employment is not None][:15]
        return chart_config(
            "bar",
            [o.title[:40] for o in shown],
            [
                Series("Employment", [o.employment for o in shown], PALETTE[1]),
                Series("Job postings", [o.postings for o in shown], PALETTE[3]),
            ],
            horizontal=True,
        )

    def wage_chart_config(self):
        """A Chart.js bar chart of the median annual wage by key occupation (for json_script)."""
        shown = [o for o in self.occupations if o.annual_median is not None][:15]
        return chart_config(
            "bar",
            [o.title[:40] for o in shown],
            # Chart.js reads JSON numbers; a Decimal would be written as a string.
            [Series("Median annual wage ($)", [float(o.annual_median) for o in shown], PALETTE[0])],
            horizontal=True,
        )


@dataclass
class ClusterRanking:
    """How significant one industry cluster is in a place, from its key occupations; `score` is 0-100."""

    cluster_id: int
    cluster_slug: str
    cluster_name: str
    employment: int = 0
    location_quotient: Decimal | None = None
    median_wage: Decimal | None = None
    postings: int = 0
    score: float = 0.0
    rank: int = 0
    occupation_count: int = 0

    @property
    def has_data(self):
        return self.employment > 0 or self.postings > 0


def _cluster(cluster):
    if isinstance(cluster, IndustryCluster):
        return cluster
    return IndustryCluster.objects.get(slug=cluster)


def _region(region):
    if region is None or isinstance(region, Region):
        return region
    return Region.objects.get(slug=region)


def _areas_for(region):
    """(area ids, area names, statewide_fallback, state name) for a region or for the state.

    Statewide is always the state the portal serves (PORTAL_STATE), named as its imported data names it: other
    states' areas on file are never read as statewide.
    """
    home = Area.objects.portal_state()
    state_name = home.name if home else portal_state().name
    if region is not None:
        areas = list(Area.objects.covering(region).values_list("pk", "name"))
        if areas:
            return [pk for pk, _ in areas], [name for _, name in areas], False, state_name
    if home is None:
        return [], [], region is not None, state_name
    return [home.pk], [home.name], region is not None, state_name


def _weighted(pairs):
    """Employment-weighted mean of (value, weight) pairs with both known; None when there are none."""
    pairs = [(value, weight) for value, weight in pairs if value is not None and weight]
    total = sum(weight for _, weight in pairs)
    if not total:
        return None
    return (sum(Decimal(value) * weight for value, weight in pairs) / total).quantize(Decimal("0.01"))


def _figures(occupation_ids, region, year=None):
    """Per occupation id: OccupationFigures for the place; plus meta about the year, areas and postings window."""
    area_ids, area_names, fallback, state_name = _areas_for(region)
    estimates = OccupationEstimate.objects.filter(area_id__in=area_ids, naics="000000")
    if year is None:
        year = estimates.latest_year()
    rows = (
        estimates.filter(year=year, occupation_id__in=occupation_ids)
        .values_list(
            "occupation_id",
            "employment",
            "jobs_per_1000",
            "location_quotient",
            "annual_median",
            "hourly_median",
            "annual_mean",
            "top_coded",
            "not_published",
        )
        .order_by()
    )
    grouped = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)

    postings = JobPosting.objects.all()
    if region is not None:
        postings = postings.filter(Q(county__region=region) | Q(area__regions=region))
    latest = postings.order_by("-period").values_list("period", flat=True).first()
    window_start = None
    counts = {}
    if latest:
        month = latest.year * 12 + latest.month - 1 - 11
        window_start = date(month // 12, month % 12 + 1, 1)
        counts = dict(
            postings.filter(period__gte=window_start, occupation_id__in=occupation_ids)
            .values_list("occupation_id")
            .annotate(total=Sum("postings"))
            .order_by()
        )

    figures = {}
    for occupation_id in occupation_ids:
        found = grouped.get(occupation_id, [])
        employments = [r[1] for r in found if r[1] is not None]

        def combined(index, found=found):
            # One area: its own published value. Several: weighted by each area's employment.
            if len(found) == 1:
                return found[0][index]
            return _weighted((r[index], r[1]) for r in found)

        top_coded = any("annual_median" in r[7] for r in found)
        figures[occupation_id] = OccupationFigures(
            soc_code="",
            title="",
            employment=sum(employments) if employments else None,
            employment_partial=bool(found) and len(employments) < len(found),
            jobs_per_1000=combined(2),
            location_quotient=combined(3),
            annual_median=None if top_coded else combined(4),
            hourly_median=combined(5),
            annual_mean=combined(6),
            median_top_coded=top_coded,
            postings=counts.get(occupation_id) or 0,
            has_estimate=bool(found),
        )
    meta = {
        "year": year,
        "areas": area_names,
        "statewide_fallback": fallback,
        "state_name": state_name,
        "postings_from": window_start,
        "postings_to": latest,
    }
    return figures, meta


def cluster_profile(cluster, region=None, *, year=None) -> ClusterProfile:
    """The profile of one cluster (instance or slug) statewide (`region=None`) or in a region (instance or slug)."""
    cluster = _cluster(cluster)
    region = _region(region)
    links = list(
        ClusterOccupation.objects.filter(cluster=cluster)
        .select_related("occupation")
        .values_list("occupation_id", "occupation__soc_code", "occupation__title")
    )
    figures, meta = _figures([pk for pk, _, _ in links], region, year)
    occupations = []
    for pk, soc, title in links:
        item = figures[pk]
        item.soc_code, item.title = soc, title
        occupations.append(item)
    occupations.sort(key=lambda o: (o.employment is None, -(o.employment or 0), o.soc_code))
    return ClusterProfile(
        cluster_slug=cluster.slug,
        cluster_name=cluster.name,
        region_slug=region.slug if region else None,
        region_name=region.name if region else f"{meta['state_name']} statewide",
        occupations=occupations,
        total_employment=sum(o.employment or 0 for o in occupations),
        total_postings=sum(o.postings for o in occupations),
        median_wage=_weighted((o.annual_median, o.employment) for o in occupations),
        location_quotient=_weighted((o.location_quotient, o.employment) for o in occupations),
        **meta,
    )


def rank_clusters(region=None, *, year=None, weights=None) -> list[ClusterRanking]:
    """Every industry cluster scored 0-100 and ranked, statewide or in a region.

    Each measure (key-occupation employment, employment-weighted location quotient and median wage, job postings
    in the last 12 months) is scaled 0-1 between the lowest and highest cluster, then weighted (`weights`, default
    DEFAULT_WEIGHTS) and summed. Clusters without any data score 0 and come last.
    """
    region = _region(region)
    weights = weights or DEFAULT_WEIGHTS
    links = defaultdict(list)
    for cluster_id, occupation_id in ClusterOccupation.objects.values_list("cluster_id", "occupation_id"):
        links[cluster_id].append(occupation_id)
    all_occupations = sorted({pk for pks in links.values() for pk in pks})
    figures, _ = _figures(all_occupations, region, year)

    rankings = []
    for cluster in IndustryCluster.objects.order_by("name"):
        items = [figures[pk] for pk in links.get(cluster.pk, [])]
        rankings.append(
            ClusterRanking(
                cluster_id=cluster.pk,
                cluster_slug=cluster.slug,
                cluster_name=cluster.name,
                employment=sum(o.employment or 0 for o in items),
                location_quotient=_weighted((o.location_quotient, o.employment) for o in items),
                median_wage=_weighted((o.annual_median, o.employment) for o in items),
                postings=sum(o.postings for o in items),
                occupation_count=len(items),
            )
        )

    def scaled(measure):
        # Scaled among the clusters that have data, so an empty cluster does not set the low end.
        values = [float(getattr(r, measure) or 0) for r in rankings]
        known = [v for v, r in zip(values, rankings, strict=True) if r.has_data]
        low, high = min(known, default=0), max(known, default=0)
        return [max(0.0, (v - low) / (high - low)) if high > low else 0.0 for v in values]

    scores = [0.0] * len(rankings)
    for measure, weight in weights.items():
        for index, value in enumerate(scaled(measure)):
            scores[index] += weight * value
    total_weight = sum(weights.values()) or 1
    for ranking, score in zip(rankings, scores, strict=True):
        ranking.score = round(100 * score / total_weight, 1) if ranking.has_data else 0.0
    rankings.sort(key=lambda r: (not r.has_data, -r.score, r.cluster_name))
    for position, ranking in enumerate(rankings, start=1):
        ranking.rank = position
    return rankings
