"""File imports for the tool kit: BLS OEWS estimates, job postings, training programs, cluster key occupations.

Each layout is a core.importers.Importer: the file is read row by row, every row is checked, each bad row is
reported with its line number, and all rows or none are written. Here rows are written in batches inside the one
transaction as they are read (rolled back when any row was bad), so memory stays flat however long the file is:
only the small lookups (areas, occupations, counties) are kept, never the rows.

Call `run_import(kind, fileobj, name, year=None, progress=None)`; it returns a summary dict or raises ImportRefused.
"""

import csv
import io
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial

from django.db import DataError, IntegrityError, connection, transaction
from django.utils.text import slugify

from core.importers import Importer, ImportRefused, RowProblem
from core.models import County, IndustryCluster, Organization, OrganizationKind
from core.remembered import data_changed
from core.tabular import TableError
from toolkit.models import (
    BLS_AREA_TYPES,
    Area,
    AreaType,
    ClusterOccupation,
    ImportKind,
    JobPosting,
    Modality,
    Occupation,
    OccupationEstimate,
    OccupationGroup,
    TrainingProgram,
)
from toolkit.states import state_named, state_of_area_code

# ImportRefused is what run_import raises; it is named here so callers need only this module.
__all__ = ["IMPORTERS", "ImportRefused", "RowProblem", "number_text", "parse_period", "run_import", "year_from_name"]

SOC_PATTERN = re.compile(r"^\d{2}-\d{4}$")
CIP_PATTERN = re.compile(r"^\d{2}\.\d{4}$")
BATCH_SIZE = 5000


def parse_decimal(text, *, what, places=None, maximum=None):
    """A non-negative number written with or without thousands separators; RowProblem when it is not one."""
    cleaned = text.replace(",", "").replace("$", "").strip()
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise RowProblem(f"{what} is {text!r}, which is not a number") from None
    if not number.is_finite() or number < 0:
        raise RowProblem(f"{what} is {text!r}; it must be zero or more")
    if maximum is not None and number > maximum:
        raise RowProblem(f"{what} is {text!r}, larger than {maximum:,} (a misplaced column?)")
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    return number


NUMBER_TEXT = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)$")


def number_text(text, *, what, maximum, whole=False):
    """The digits of a non-negative number as text for COPY (PostgreSQL rounds to the column's scale).

    Checked without building a Decimal, because an OEWS file has ~20 numbers a row: thousands separators are
    dropped, and anything but digits with an optional decimal point is refused (exponents via the slow path).
    """
    cleaned = text.replace(",", "") if "," in text else text
    if not NUMBER_TEXT.match(cleaned):
        cleaned = str(parse_decimal(text, what=what))  # exponents like 1E-05 from spreadsheet cells
        if "E" in cleaned or "e" in cleaned:
            cleaned = format(Decimal(cleaned), "f")
    if float(cleaned) > maximum:
        raise RowProblem(f"{what} is {text!r}, larger than {maximum:,} (a misplaced column?)")
    if whole:
        whole_part, _, fraction = cleaned.partition(".")
        if fraction.strip("0"):
            raise RowProblem(f"{what} is {text!r}; it must be a whole number")
        cleaned = whole_part or "0"
    return cleaned


def parse_count(text, *, what, maximum=2_000_000_000):
    number = parse_decimal(text, what=what, maximum=maximum)
    if number != number.to_integral_value():
        raise RowProblem(f"{what} is {text!r}; it must be a whole number")
    return int(number)


def parse_flag(text):
    return text.strip().upper() in ("TRUE", "T", "YES", "Y", "1")


class ToolkitImporter(Importer):
    """A tool kit layout: the core importer plus the occupation lookup several layouts share."""

    kind = None
    # The tables a layout writes. COPY, update() and bulk_create() send no signals, so once the import commits
    # whatever core.remembered kept about them is forgotten here, and the pages show the new rows at once.
    changed_models = ()

    def run(self, fileobj, name):
        summary = super().run(fileobj, name)
        for model in (*self.changed_models, Occupation):
            transaction.on_commit(partial(data_changed, model))
        return summary

    # Lookups shared by several layouts.
    def occupation_id(self, soc_code, title="", group=None, *, update=False):
        """The id of the occupation with this SOC code, created from the file when new; with `update`, the file's
        title and group replace the stored ones. All occupations are read once (a thousand or so rows)."""
        if "_occupations" not in self.__dict__:
            self._occupations = {soc: [pk, t, g] for soc, pk, t, g in Occupation.objects.values_list(
                "soc_code", "pk", "title", "group")}  # fmt: skip
            self._occupations_checked = set()
        known = self._occupations.get(soc_code)
        title = title[:255]
        if known is None:
            if not title:
                raise RowProblem(f"SOC code {soc_code} is not a known occupation and the row gives no title")
            occupation = Occupation.objects.create(soc_code=soc_code, title=title, group=group or "detailed")
            known = self._occupations[soc_code] = [occupation.pk, title, occupation.group]
            self._occupations_checked.add(soc_code)
        elif update and soc_code not in self._occupations_checked:
            self._occupations_checked.add(soc_code)
            changes = {}
            if title and title != known[1]:
                changes["title"] = known[1] = title
            if group and group != known[2]:
                changes["group"] = known[2] = group
            if changes:
                Occupation.objects.filter(pk=known[0]).update(**changes)
        return known[0]


class OEWSImporter(ToolkitImporter):
    """The BLS OEWS download layout (state, metropolitan and "all data" files), CSV or XLSX.

    Upper- or lower-case headers are accepted. Markers: `*` and `**` (not published), `~` (too few establishments
    to publish), `#` (wage at or above the top-code) become NULL with the field named in `not_published` or
    `top_coded`. Rows that are not cross-industry estimates for a state, metro or nonmetro area are skipped and
    counted by reason. The areas the file covers have their estimates for the year replaced. Any state's file is
    kept; the summary's `states` names the statewide areas it held (postal codes), so its page can say when they
    are another state's, which profiles never show as statewide.
    """

    kind = ImportKind.OEWS
    changed_models = (OccupationEstimate, Area)
    required_columns = (
        "area", "area_title", "area_type", "occ_code", "occ_title", "tot_emp", "h_mean", "a_mean",
        "h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90",
        "a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90",
    )  # fmt: skip
    column_aliases = {"occ_group": "o_group", "group": "o_group", "loc_quotient": "loc_quotient"}

    # (column, model field, largest value, may the column be absent, must a present cell be filled)
    NUMBERS = [
        ("tot_emp", "employment", 2_000_000_000, False, True),
        ("emp_prse", "employment_rse", 9999.9, True, True),
        ("jobs_1000", "jobs_per_1000", 999999.999, True, True),
        ("loc_quotient", "location_quotient", 99999.99, True, True),
        ("pct_total", "pct_total", 9999.99, True, False),
        ("pct_rpt", "pct_reporting", 9999.99, True, False),
        ("h_mean", "hourly_mean", 99999.99, False, True),
        ("a_mean", "annual_mean", 9999999999.99, False, True),
        ("mean_prse", "mean_wage_rse", 9999.9, True, True),
        ("h_pct10", "hourly_p10", 99999.99, False, True),
        ("h_pct25", "hourly_p25", 99999.99, False, True),
        ("h_median", "hourly_median", 99999.99, False, True),
        ("h_pct75", "hourly_p75", 99999.99, False, True),
        ("h_pct90", "hourly_p90", 99999.99, False, True),
        ("a_pct10", "annual_p10", 9999999999.99, False, True),
        ("a_pct25", "annual_p25", 9999999999.99, False, True),
        ("a_median", "annual_median", 9999999999.99, False, True),
        ("a_pct75", "annual_p75", 9999999999.99, False, True),
        ("a_pct90", "annual_p90", 9999999999.99, False, True),
    ]
    WAGE_COLUMNS = {"h_mean", "a_mean"} | {c for c, *_ in NUMBERS if c.startswith(("h_pct", "a_pct", "h_med", "a_med"))}
    NOT_PUBLISHED = {"*", "**", "~"}
    GROUPS = frozenset(OccupationGroup.values)
    COPY_COLUMNS = (
        ["year", "area_id", "occupation_id", "naics", "ownership"]
        + [field for _, field, *_ in NUMBERS]
        + ["annual_only", "hourly_only", "not_published", "top_coded"]
    )

    def __init__(self, *, year=None, progress=None):
        super().__init__(progress=progress)
        self.year = year
        self.areas = {}
        self.states = set()
        self.occupations_seen = set()
        self.rows = io.StringIO()
        self.writer = csv.writer(self.rows)
        self.buffered_lines = []

    def prepare(self, fileobj, name):
        if self.year is None:
            self.year = year_from_name(name)
        if self.year is None:
            raise TableError(f"Say which year {name} holds: the file name has no year in it (use --year).")
        if not 1990 <= int(self.year) <= 2100:
            raise TableError(f"{self.year} is not a plausible OEWS year.")

    def summary(self):
        result = super().summary()
        result.update(
            year=self.year, areas=len(self.areas), states=sorted(self.states), occupations=len(self.occupations_seen)
        )
        return result

    def parse(self, line, row):
        area_type = BLS_AREA_TYPES.get(row["area_type"].strip())
        if area_type is None:
            if not row["area_type"]:
                raise RowProblem("AREA_TYPE is empty")
            self.skipped[f"area type {row['area_type']} is not a state, metro or nonmetro area"] += 1
            return None
        naics = row.get("naics", "").strip() or "000000"
        if naics != "000000":
            self.skipped["industry-specific estimate (not cross-industry)"] += 1
            return None
        code = row["area"].strip()
        if not code.isdigit() or len(code) > 7:
            raise RowProblem(f"AREA is {row['area']!r}; a BLS area code is up to 7 digits")
        soc = row["occ_code"].strip()
        if not SOC_PATTERN.match(soc):
            raise RowProblem(f"OCC_CODE is {soc!r}; a SOC code is written NN-NNNN")
        group = (row.get("o_group") or "").strip().lower() or self.group_of(soc)
        if group not in self.GROUPS:
            raise RowProblem(f"O_GROUP is {group!r}; expected one of {', '.join(OccupationGroup.values)}")
        if not row["occ_title"]:
            raise RowProblem("OCC_TITLE is empty")

        numbers = []
        not_published, top_coded, problems = [], [], []
        for column, field, maximum, optional, filled in self.NUMBERS:
            if optional and column not in row:
                numbers.append(None)
                continue
            text = row.get(column, "").strip()
            value = None
            if text in self.NOT_PUBLISHED:
                not_published.append(field)
            elif text == "#":
                if column not in self.WAGE_COLUMNS:
                    problems.append(f"{column.upper()} is '#', which BLS uses only for top-coded wages")
                top_coded.append(field)
            elif text == "":
                if filled:
                    problems.append(
                        f"{column.upper()} is empty (BLS writes * or ** for a value it does not publish; "
                        "is the row cut short?)"
                    )
            else:
                try:
                    value = number_text(text, what=column.upper(), maximum=maximum, whole=field == "employment")
                except RowProblem as problem:
                    problems.append(str(problem))
            numbers.append(value)
        if problems:
            raise RowProblem("; ".join(problems))

        area_id = self.area_id(code, row["area_title"], area_type, row.get("prim_state", ""))
        occupation_id = self.occupation_id(soc, row["occ_title"], group, update=True)
        self.occupations_seen.add(occupation_id)
        return (
            [self.year, area_id, occupation_id, naics, row.get("own_code", "").strip()[:4]]
            + numbers
            + [
                parse_flag(row.get("annual", "")),
                parse_flag(row.get("hourly", "")),
                "{" + ",".join(not_published) + "}",
                "{" + ",".join(top_coded) + "}",
            ]
        )

    @staticmethod
    def group_of(soc):
        if soc == "00-0000":
            return OccupationGroup.TOTAL
        if soc.endswith("0000"):
            return OccupationGroup.MAJOR
        return OccupationGroup.DETAILED

    def area_id(self, code, title, area_type, state):
        """The area's id; the first time the file names an area, its estimates for the year are removed."""
        if code in self.areas:
            return self.areas[code]
        area, created = Area.objects.get_or_create(
            code=code, defaults={"name": title[:200], "area_type": area_type, "state": state[:2]}
        )
        if not created and (area.name, area.area_type) != (title[:200], area_type):
            Area.objects.filter(pk=area.pk).update(name=title[:200], area_type=area_type, state=state[:2])
        OccupationEstimate.objects.filter(year=self.year, area=area).delete()
        self.areas[code] = area.pk
        if area_type == AreaType.STATE:
            # Kept whatever the state; only the portal's state is ever shown as statewide (DataImport.other_states).
            known = state_named(state) or state_of_area_code(code)
            self.states.add(known.postal if known else title[:200])
        return area.pk

    def buffer(self, line, record):
        self.buffered_lines.append(line)
        self.writer.writerow(record)
        if len(self.buffered_lines) >= BATCH_SIZE:
            self.flush()

    def flush(self):
        if not self.buffered_lines:
            return
        self.rows.seek(0)
        table = OccupationEstimate._meta.db_table
        columns = ", ".join(self.COPY_COLUMNS)
        try:
            with transaction.atomic(), connection.cursor() as cursor, connection.wrap_database_errors:
                cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", self.rows)
        except (IntegrityError, DataError) as error:
            # PostgreSQL names the line of the batch it stopped at; map it back to the file's line.
            match = re.search(r"COPY \w+, line (\d+)", str(error))
            index = int(match.group(1)) - 1 if match else 0
            line = self.buffered_lines[min(index, len(self.buffered_lines) - 1)]
            if isinstance(error, IntegrityError):
                self.errors.add(line, "the same area and occupation appear earlier in the file")
            else:
                self.errors.add(line, f"a value does not fit its column ({str(error).splitlines()[0]})")
        self.written += len(self.buffered_lines)
        self.rows.seek(0)
        self.rows.truncate()
        self.buffered_lines = []


def year_from_name(name):
    """The OEWS year a file name carries: `state_M2024_dl.xlsx` -> 2024, `oews_vermont_2025.csv` -> 2025."""
    match = re.search(r"(?<!\d)(?:M)?((?:19|20)\d\d)(?!\d)", name or "")
    return int(match.group(1)) if match else None


class JobPostingImporter(ToolkitImporter):
    """Job postings: period, area_code or county_fips, soc_code, postings (optional soc_title, source).

    A period and source present in the file replace the postings already stored for that period and source.
    """

    kind = ImportKind.JOB_POSTINGS
    changed_models = (JobPosting,)
    required_columns = ("period", "soc_code", "postings")
    column_aliases = {
        "soc": "soc_code",
        "occ_code": "soc_code",
        "count": "postings",
        "postings_count": "postings",
        "area": "area_code",
        "fips": "county_fips",
        "county": "county_fips",
        "title": "soc_title",
        "occ_title": "soc_title",
        "month": "period",
    }

    def prepare(self, fileobj, name):
        self.areas = dict(Area.objects.values_list("code", "pk"))
        self.counties = dict(County.objects.values_list("fips", "pk"))
        self.cleared = set()
        self.pending = []
        self.places = set()
        self.occupations_seen = set()

    def summary(self):
        result = super().summary()
        result.update(places=len(getattr(self, "places", ())), occupations=len(getattr(self, "occupations_seen", ())))
        return result

    def parse(self, line, row):
        period = parse_period(row["period"])
        area_code = row.get("area_code", "").strip()
        fips = row.get("county_fips", "").strip()
        if bool(area_code) == bool(fips):
            raise RowProblem("give either an area code or a county FIPS code (exactly one)")
        if area_code and area_code not in self.areas:
            raise RowProblem(f"area code {area_code} is not a known BLS area (import the OEWS file first)")
        if fips and fips.zfill(5) not in self.counties:
            raise RowProblem(f"county FIPS {fips} is not one of the state's counties")
        soc = row["soc_code"].strip()
        if not SOC_PATTERN.match(soc):
            raise RowProblem(f"soc_code is {soc!r}; a SOC code is written NN-NNNN")
        postings = parse_count(row["postings"], what="postings")
        occupation_id = self.occupation_id(soc, row.get("soc_title", "").strip())
        source = row.get("source", "").strip()[:100] or "OhioMeansJobs"
        self.places.add(area_code or fips)
        self.occupations_seen.add(occupation_id)
        return JobPosting(
            period=period,
            area_id=self.areas.get(area_code),
            county_id=self.counties.get(fips.zfill(5)) if fips else None,
            occupation_id=occupation_id,
            postings=postings,
            source=source,
        )

    def buffer(self, line, record):
        key = (record.period, record.source)
        if key not in self.cleared:
            JobPosting.objects.filter(period=record.period, source=record.source).delete()
            self.cleared.add(key)
        self.pending.append(record)
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self):
        if not self.pending:
            return
        try:
            with transaction.atomic():
                JobPosting.objects.bulk_create(self.pending, batch_size=2000)
        except IntegrityError:
            self.errors.add(None, "The file counts the same occupation, place and month twice.")
        self.written += len(self.pending)
        self.pending = []


def parse_period(text):
    """A month: 2025-03, 2025-03-01, 03/2025 or 3/1/2025 -> date(2025, 3, 1)."""
    text = text.strip()
    for pattern in (r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?$", r"^(\d{1,2})/(\d{4})$", r"^(\d{1,2})/\d{1,2}/(\d{4})$"):
        match = re.match(pattern, text.split(" ")[0])
        if match:
            first, second = match.groups()
            year, month = (first, second) if len(first) == 4 else (second, first)
            try:
                return date(int(year), int(month), 1)
            except ValueError:
                break
    raise RowProblem(f"period is {text!r}; write the month as YYYY-MM, for example 2025-03")


MODALITY_WORDS = {
    "in person": Modality.IN_PERSON,
    "in-person": Modality.IN_PERSON,
    "in_person": Modality.IN_PERSON,
    "classroom": Modality.IN_PERSON,
    "online": Modality.ONLINE,
    "virtual": Modality.ONLINE,
    "distance": Modality.ONLINE,
    "hybrid": Modality.HYBRID,
    "blended": Modality.HYBRID,
}


class TrainingProgramImporter(ToolkitImporter):
    """The training-program inventory: provider, name and optional CIP code, credential, length, modality, cost,
    county FIPS and SOC codes (separated by ; or spaces). A provider not yet registered is created; the credential
    is linked when its name matches a catalog credential's title. Programs are matched by provider and name."""

    kind = ImportKind.TRAINING_PROGRAMS
    changed_models = (TrainingProgram,)
    required_columns = ("provider", "name")
    column_aliases = {
        "program": "name",
        "program_name": "name",
        "provider_name": "provider",
        "cip": "cip_code",
        "credential_awarded": "credential",
        "weeks": "length_weeks",
        "hours": "length_hours",
        "county": "county_fips",
        "fips": "county_fips",
        "soc": "soc_codes",
        "soc_code": "soc_codes",
        "occupations": "soc_codes",
        "web_page": "url",
    }

    def prepare(self, fileobj, name):
        from credentials.models import Credential

        self.providers = {n.lower(): pk for n, pk in Organization.objects.providers().values_list("name", "pk")}
        self.credentials = {t.lower(): pk for t, pk in Credential.objects.values_list("title", "pk")}
        self.counties = dict(County.objects.values_list("fips", "pk"))
        self.created_providers = 0
        self.seen = {}

    def summary(self):
        result = super().summary()
        result["providers_created"] = getattr(self, "created_providers", 0)
        return result

    def parse(self, line, row):
        problems = []
        name = row["name"].strip()
        provider = row["provider"].strip()
        if not name:
            problems.append("name is empty")
        if not provider:
            problems.append("provider is empty")
        cip = row.get("cip_code", "").strip()
        if cip and not CIP_PATTERN.match(cip):
            problems.append(f"cip_code is {cip!r}; a CIP code is written NN.NNNN")
        socs = [code for code in re.split(r"[;,\s]+", row.get("soc_codes", "")) if code]
        bad = [code for code in socs if not SOC_PATTERN.match(code)]
        if bad:
            problems.append(f"soc_codes has {', '.join(bad)}; a SOC code is written NN-NNNN")
        modality_text = row.get("modality", "").strip().lower()
        modality = MODALITY_WORDS.get(modality_text, Modality.IN_PERSON if not modality_text else None)
        if modality is None:
            problems.append(f"modality is {row['modality']!r}; use in person, online or hybrid")
        fips = row.get("county_fips", "").strip()
        if fips and fips.zfill(5) not in self.counties:
            problems.append(f"county_fips {fips} is not one of the state's counties")
        numbers = {}
        for column, parse in (("length_weeks", parse_count), ("length_hours", parse_count), ("cost", None)):
            text = row.get(column, "").strip()
            if not text:
                numbers[column] = None
                continue
            try:
                if parse:
                    numbers[column] = parse(text, what=column, maximum=32767 if column == "length_weeks" else None)
                else:
                    numbers[column] = parse_decimal(text, what=column, places=2, maximum=Decimal("9999999999.99"))
            except RowProblem as problem:
                problems.append(str(problem))
        key = (provider.lower(), name.lower())
        if name and provider and key in self.seen:
            problems.append(f"the same provider and program name are on line {self.seen[key]}")
        self.seen.setdefault(key, line)
        if problems:
            raise RowProblem("; ".join(problems))
        credential_name = row.get("credential", "").strip()
        return {
            "provider": provider,
            "name": name[:255],
            "cip_code": cip,
            "credential_id": self.credentials.get(credential_name.lower()),
            "credential_name": credential_name[:255],
            "length_weeks": numbers["length_weeks"],
            "length_hours": numbers["length_hours"],
            "modality": modality,
            "cost": numbers["cost"],
            "county_id": self.counties.get(fips.zfill(5)) if fips else None,
            "soc_codes": sorted(set(socs)),
            "url": row.get("url", "").strip()[:200],
            "is_active": True,
        }

    def buffer(self, line, record):
        provider = record.pop("provider")
        provider_id = self.providers.get(provider.lower())
        if provider_id is None:
            provider_id = Organization.objects.create(name=provider[:200], kind=OrganizationKind.PROVIDER).pk
            self.providers[provider.lower()] = provider_id
            self.created_providers += 1
        name = record.pop("name")
        TrainingProgram.objects.update_or_create(provider_id=provider_id, name=name, defaults=record)
        self.written += 1


class ClusterOccupationImporter(ToolkitImporter):
    """Cluster key occupations: cluster (slug or name), soc_code, optional soc_title and note.

    Each cluster named in the file gets exactly the occupations the file lists for it.
    """

    kind = ImportKind.CLUSTER_OCCUPATIONS
    changed_models = (ClusterOccupation,)
    required_columns = ("cluster", "soc_code")
    column_aliases = {"soc": "soc_code", "occ_code": "soc_code", "title": "soc_title", "occ_title": "soc_title"}

    def prepare(self, fileobj, name):
        self.clusters = {}
        for pk, slug, cluster_name in IndustryCluster.objects.values_list("pk", "slug", "name"):
            self.clusters[slug] = pk
            self.clusters[cluster_name.lower()] = pk
        self.cleared = set()
        self.seen = set()

    def parse(self, line, row):
        cluster = row["cluster"].strip()
        cluster_id = self.clusters.get(cluster.lower()) or self.clusters.get(slugify(cluster))
        if cluster_id is None:
            raise RowProblem(f"cluster {cluster!r} is not one of the industry clusters")
        soc = row["soc_code"].strip()
        if not SOC_PATTERN.match(soc):
            raise RowProblem(f"soc_code is {soc!r}; a SOC code is written NN-NNNN")
        occupation_id = self.occupation_id(soc, row.get("soc_title", "").strip())
        if (cluster_id, occupation_id) in self.seen:
            self.skipped["the same cluster and occupation again"] += 1
            return None
        self.seen.add((cluster_id, occupation_id))
        return ClusterOccupation(cluster_id=cluster_id, occupation_id=occupation_id, note=row.get("note", "")[:200])

    def buffer(self, line, record):
        if record.cluster_id not in self.cleared:
            ClusterOccupation.objects.filter(cluster_id=record.cluster_id).delete()
            self.cleared.add(record.cluster_id)
        record.save()
        self.written += 1


IMPORTERS = {
    ImportKind.OEWS: OEWSImporter,
    ImportKind.JOB_POSTINGS: JobPostingImporter,
    ImportKind.TRAINING_PROGRAMS: TrainingProgramImporter,
    ImportKind.CLUSTER_OCCUPATIONS: ClusterOccupationImporter,
}


def run_import(kind, fileobj, name, *, year=None, progress=None):
    """Import one file of `kind`; returns the summary dict or raises ImportRefused (nothing written)."""
    importer_class = IMPORTERS[ImportKind(kind)]
    importer = (
        importer_class(year=year, progress=progress) if kind == ImportKind.OEWS else importer_class(progress=progress)
    )
    return importer.run(fileobj, name)
