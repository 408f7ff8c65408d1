import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from core.models import County, IndustryCluster, Organization
from toolkit.importers import ImportRefused, RowProblem, number_text, run_import, year_from_name
from toolkit.models import (
    Area,
    AreaType,
    ClusterOccupation,
    ImportKind,
    JobPosting,
    Occupation,
    OccupationEstimate,
    TrainingProgram,
)
from toolkit.tests.factories import AreaFactory, OccupationFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
REAL_CSV = DATA / "oews_vermont_2025.csv"
REAL_XLSX = DATA / "oews_vermont_2025.xlsx"
LINES = REAL_CSV.read_text(encoding="utf-8").splitlines()
HEADER, ROWS = LINES[0], LINES[1:]


def oews(kind=ImportKind.OEWS, text="", name="oews_2025.csv", **options):
    return run_import(kind, io.BytesIO(text.encode()), name, **options)


def csv_of(*rows, header=HEADER):
    return "\n".join([header, *rows]) + "\n"


def row_for(soc, area="50"):
    return next(line for line in ROWS if line.startswith(f"{area},") and f",{soc}," in line)


def estimate(soc, area="50", year=2025):
    return OccupationEstimate.objects.get(occupation__soc_code=soc, area__code=area, year=year)


def test_the_real_bls_csv_imports_with_its_markers_and_separators():
    with REAL_CSV.open("rb") as handle:
        summary = run_import(ImportKind.OEWS, handle, REAL_CSV.name)
    assert summary["rows_read"] == 1695
    assert summary["written"] == 1695
    assert summary["areas"] == 4
    assert summary["year"] == 2025
    assert OccupationEstimate.objects.count() == 1695
    assert Area.objects.get(code="15540").area_type == AreaType.METRO
    assert Area.objects.get(code="5000001").area_type == AreaType.NONMETRO

    total = estimate("00-0000", area="15540")  # "120,150" and "74,360" in the file
    assert total.employment == 120150
    assert total.annual_mean == Decimal("74360.00")
    assert total.annual_p90 == Decimal("126100.00")

    surgeons = estimate("29-1242")  # wages "#": top-coded, never a number
    assert surgeons.annual_median is None and surgeons.hourly_mean is None
    assert "annual_median" in surgeons.top_coded and "hourly_p90" in surgeons.top_coded
    assert surgeons.employment == 50 and surgeons.not_published == []
    assert surgeons.status_of("annual_median") == "top_coded"

    trainers = estimate("11-3131", area="15540")  # employment "**": not published
    assert trainers.employment is None and trainers.location_quotient is None
    assert {"employment", "jobs_per_1000", "location_quotient"} <= set(trainers.not_published)
    assert trainers.hourly_mean == Decimal("66.88")

    administrators = estimate("11-9032", area="15540")  # hourly "*", ANNUAL=TRUE
    assert administrators.annual_only is True
    assert administrators.hourly_median is None and "hourly_median" in administrators.not_published
    assert administrators.annual_median == Decimal("119390.00")


def test_the_xlsx_gives_the_same_estimates_as_the_csv():
    with REAL_CSV.open("rb") as handle:
        run_import(ImportKind.OEWS, handle, REAL_CSV.name)
    fields = ["employment", "location_quotient", "annual_median", "hourly_p10", "not_published", "top_coded"]
    from_csv = sorted(OccupationEstimate.objects.values_list("area__code", "occupation__soc_code", *fields))
    with REAL_XLSX.open("rb") as handle:
        summary = run_import(ImportKind.OEWS, handle, REAL_XLSX.name)
    assert summary["written"] == 1695
    from_xlsx = sorted(OccupationEstimate.objects.values_list("area__code", "occupation__soc_code", *fields))
    assert from_xlsx == from_csv


def test_tilde_marks_a_value_not_published():
    row = row_for("13-2011").split(",")
    header = HEADER.split(",")
    # JOBS_1000 sits after the quoted TOT_EMP value "2,630" which the naive split cuts in two.
    row[header.index("JOBS_1000") + 1] = "~"
    oews(text=csv_of(",".join(row)))
    accountants = estimate("13-2011")
    assert accountants.jobs_per_1000 is None
    assert "jobs_per_1000" in accountants.not_published
    assert accountants.employment == 2630


def test_lower_case_headers_are_accepted():
    oews(text=csv_of(row_for("13-2011"), header=HEADER.lower()))
    assert estimate("13-2011").employment == 2630


def test_a_file_with_bad_rows_writes_nothing_and_names_every_bad_line():
    good = row_for("13-2011")
    bad_number = row_for("15-1252").replace('"1,740"', "lots")
    bad_soc = row_for("17-2112").replace("17-2112", "172112")
    hash_in_employment = row_for("29-1141").replace('"7,410"', "#")
    text = csv_of(good, bad_number, good.replace("13-2011", "13-2012"), bad_soc, hash_in_employment)
    with pytest.raises(ImportRefused) as refused:
        oews(text=text)
    errors = refused.value.errors
    assert len(errors) == 3
    assert errors[0].startswith("Line 3:") and "'lots', which is not a number" in errors[0]
    assert errors[1].startswith("Line 5:") and "OCC_CODE" in errors[1]
    assert errors[2].startswith("Line 6:") and "top-coded wages" in errors[2]
    assert not OccupationEstimate.objects.exists()
    assert not Area.objects.exists()


def test_a_bad_file_leaves_the_year_already_loaded_alone():
    oews(text=csv_of(row_for("13-2011"), row_for("15-1252")))
    with pytest.raises(ImportRefused):
        oews(text=csv_of(row_for("13-2011").replace('"2,630"', "x")))
    assert OccupationEstimate.objects.count() == 2


def test_wrong_headers_are_refused_naming_the_missing_columns():
    header = HEADER.replace("A_MEDIAN", "MEDIAN_ANNUAL")
    with pytest.raises(ImportRefused) as refused:
        oews(text=csv_of(row_for("13-2011"), header=header))
    assert "a_median" in refused.value.errors[0]
    with pytest.raises(ImportRefused) as refused:
        oews(text="period,soc_code,postings\n2025-01,13-2011,4\n")
    assert "lacks the column(s)" in refused.value.errors[0]


def test_a_truncated_csv_is_refused_at_the_cut_line():
    text = csv_of(*ROWS[:10])
    cut = text[: text.index(ROWS[9]) + 150]  # the tenth data row stops in its wage columns
    with pytest.raises(ImportRefused) as refused:
        oews(text=cut)
    assert len(refused.value.errors) == 1
    assert refused.value.errors[0].startswith("Line 11:")
    assert "cut short" in refused.value.errors[0]
    assert not OccupationEstimate.objects.exists()


def test_a_truncated_xlsx_is_refused():
    content = REAL_XLSX.read_bytes()
    with pytest.raises(ImportRefused) as refused:
        run_import(ImportKind.OEWS, io.BytesIO(content[: len(content) // 2]), "oews_2025.xlsx")
    assert "cannot be opened" in refused.value.errors[0]
    assert not OccupationEstimate.objects.exists()


def test_an_xlsx_with_a_bad_cell_names_its_row():
    workbook = Workbook()
    sheet = workbook.active
    header = HEADER.split(",")
    sheet.append(header)
    values = dict.fromkeys(header, "*")
    values.update(AREA="50", AREA_TITLE="Vermont", AREA_TYPE="2", OCC_CODE="13-2011", OCC_TITLE="Accountants")
    values.update(NAICS="000000", O_GROUP="detailed", TOT_EMP=2630, EMP_PRSE=4.4, PCT_TOTAL="", PCT_RPT="")
    values.update(JOBS_1000=8.66, LOC_QUOTIENT=0.93, ANNUAL="", HOURLY="")
    sheet.append([values[h] for h in header])
    values.update(OCC_CODE="15-1252", TOT_EMP="n/a")
    sheet.append([values[h] for h in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(ImportRefused) as refused:
        run_import(ImportKind.OEWS, buffer, "oews_2025.xlsx")
    assert refused.value.errors == ["Line 3: TOT_EMP is 'n/a', which is not a number"]


def test_reimporting_a_year_replaces_it_and_keeps_other_years():
    oews(text=csv_of(*ROWS[:40]), name="state_M2024_dl.csv")
    oews(text=csv_of(*ROWS[:30]))
    oews(text=csv_of(*ROWS[10:20]))
    assert OccupationEstimate.objects.filter(year=2025).count() == 10
    assert OccupationEstimate.objects.filter(year=2024).count() == 40


def test_the_year_comes_from_the_option_or_the_file_name():
    assert year_from_name("state_M2024_dl.xlsx") == 2024
    assert year_from_name("oews_vermont_2025.csv") == 2025
    assert year_from_name("oews.csv") is None
    with pytest.raises(ImportRefused) as refused:
        oews(text=csv_of(ROWS[0]), name="oews.csv")
    assert "which year" in refused.value.errors[0]
    oews(text=csv_of(ROWS[0]), name="oews.csv", year=2023)
    assert OccupationEstimate.objects.get().year == 2023


def test_national_and_industry_rows_are_skipped_and_counted():
    national = "99" + row_for("13-2011")[2:].replace(",2,VT,", ",1,US,", 1)
    industry = row_for("15-1252").replace("000000,Cross-industry", "336000,Transportation Equipment")
    summary = oews(text=csv_of(row_for("13-2011"), national, industry))
    assert summary["written"] == 1
    assert summary["skipped"] == {
        "area type 1 is not a state, metro or nonmetro area": 1,
        "industry-specific estimate (not cross-industry)": 1,
    }


def test_the_import_oews_command(capsys):
    call_command("import_oews", str(REAL_CSV))
    assert "Imported 1,695 estimates for 2025" in capsys.readouterr().out
    with pytest.raises(CommandError, match="not imported"):
        call_command("import_oews", str(REAL_XLSX), "--year", "1800")
    with pytest.raises(CommandError, match="no file"):
        call_command("import_oews", "/nonexistent.csv")


def test_job_postings_import_by_area_or_county_and_replace_their_month():
    area = AreaFactory(code="15540")
    OccupationFactory(soc_code="13-2011")
    county = County.objects.get(fips="39049")
    text = (
        "period,area_code,county_fips,soc_code,postings,soc_title\n"
        '2025-03,15540,,13-2011,"1,204",\n'
        "2025-03,,39049,15-1252,17,Software Developers\n"
    )
    summary = run_import(ImportKind.JOB_POSTINGS, io.BytesIO(text.encode()), "postings.csv")
    assert summary["written"] == 2
    assert JobPosting.objects.get(area=area).postings == 1204
    assert JobPosting.objects.get(county=county).occupation.title == "Software Developers"
    run_import(ImportKind.JOB_POSTINGS, io.BytesIO(b"period,county_fips,soc_code,postings\n03/2025,39049,13-2011,5\n"),
               "postings.csv")  # fmt: skip
    assert list(JobPosting.objects.values_list("postings", flat=True)) == [5]


def test_job_postings_with_bad_rows_are_refused_line_by_line():
    text = (
        "period,area_code,county_fips,soc_code,postings\n"
        "March,,39049,13-2011,3\n"
        "2025-03,77777,,13-2011,3\n"
        "2025-03,,39049,99-9999,3\n"
        "2025-03,,39049,13-2011,-3\n"
        "2025-03,15540,39049,13-2011,3\n"
    )
    OccupationFactory(soc_code="13-2011")
    with pytest.raises(ImportRefused) as refused:
        run_import(ImportKind.JOB_POSTINGS, io.BytesIO(text.encode()), "postings.csv")
    assert [e.split(":")[0] for e in refused.value.errors] == ["Line 2", "Line 3", "Line 4", "Line 5", "Line 6"]
    assert "YYYY-MM" in refused.value.errors[0]
    assert "not a known BLS area" in refused.value.errors[1]
    assert "no title" in refused.value.errors[2]
    assert not JobPosting.objects.exists()


def test_training_programs_import_links_catalog_credentials_and_adds_providers():
    from credentials.models import Category, Credential

    credential = Credential.objects.create(
        title="NIMS Machining Level I", issuing_body="NIMS", category=Category.objects.create(name="Mfg", slug="mfg")
    )
    text = (
        "provider,name,cip_code,credential,length_weeks,length_hours,modality,cost,county_fips,soc_codes\n"
        'Ridge Tech,Machining,48.0501,nims machining level i,20,400,Hybrid,"$2,500.00",39049,51-4041;51-4011\n'
        "Ridge Tech,Nurse Aide,,STNA,4,,in person,850,,31-1131\n"
    )
    summary = run_import(ImportKind.TRAINING_PROGRAMS, io.BytesIO(text.encode()), "programs.csv")
    assert summary["written"] == 2 and summary["providers_created"] == 1
    machining = TrainingProgram.objects.get(name="Machining")
    assert machining.credential == credential
    assert machining.cost == Decimal("2500.00")
    assert machining.soc_codes == ["51-4011", "51-4041"]
    assert machining.modality == "hybrid"
    assert Organization.objects.get(name="Ridge Tech").kind == "provider"
    assert TrainingProgram.objects.get(name="Nurse Aide").credential is None
    # Re-importing updates the same programs instead of adding more.
    run_import(ImportKind.TRAINING_PROGRAMS, io.BytesIO(text.encode()), "programs.csv")
    assert TrainingProgram.objects.count() == 2


def test_training_programs_with_bad_rows_are_refused():
    text = (
        "provider,name,cip_code,modality,soc_codes,cost\n"
        "Ridge Tech,Machining,4805,online,51-4041,\n"
        "Ridge Tech,Welding,,by pigeon,514121,\n"
        "Ridge Tech,Machining,,online,,free\n"
    )
    with pytest.raises(ImportRefused) as refused:
        run_import(ImportKind.TRAINING_PROGRAMS, io.BytesIO(text.encode()), "programs.csv")
    errors = refused.value.errors
    assert errors[0].startswith("Line 2:") and "CIP" in errors[0]
    assert errors[1].startswith("Line 3:") and "modality" in errors[1] and "514121" in errors[1]
    assert errors[2].startswith("Line 4:") and "line 2" in errors[2] and "'free'" in errors[2]
    assert not TrainingProgram.objects.exists()
    assert not Organization.objects.filter(name="Ridge Tech").exists()


def test_cluster_occupations_import_replaces_a_clusters_list():
    cluster = IndustryCluster.objects.get(slug="healthcare")
    assert ClusterOccupation.objects.filter(cluster=cluster).count() == 10  # the seeded default
    text = "cluster,soc_code,soc_title\nhealthcare,29-1141,\nHealthcare and Life Sciences,29-9999,New thing\n"
    run_import(ImportKind.CLUSTER_OCCUPATIONS, io.BytesIO(text.encode()), "clusters.csv")
    assert sorted(ClusterOccupation.objects.soc_codes_for(cluster)) == ["29-1141", "29-9999"]
    assert Occupation.objects.get(soc_code="29-9999").title == "New thing"
    with pytest.raises(ImportRefused) as refused:
        run_import(ImportKind.CLUSTER_OCCUPATIONS, io.BytesIO(b"cluster,soc_code\nspace-mining,29-1141\n"), "c.csv")
    assert "Line 2: cluster 'space-mining'" in refused.value.errors[0]


def test_a_row_repeated_in_the_file_is_named_by_its_line():
    rows = [row_for("13-2011"), row_for("15-1252"), row_for("13-2011")]
    with pytest.raises(ImportRefused) as refused:
        oews(text=csv_of(*rows))
    assert refused.value.errors == ["Line 4: the same area and occupation appear earlier in the file"]
    assert not OccupationEstimate.objects.exists()


@pytest.mark.parametrize(
    ("text", "whole", "expected"),
    [("1,234.50", False, "1234.50"), ("1E-05", False, "0.00001"), ("120.0", True, "120"), (".5", False, ".5")],
)
def test_numbers_are_read_as_written(text, whole, expected):
    assert number_text(text, what="X", maximum=10**9, whole=whole) == expected


@pytest.mark.parametrize("text", ["-3", "12.5", "1.2.3", "NaN", "9" * 12])
def test_numbers_that_cannot_be_stored_are_refused(text):
    with pytest.raises(RowProblem):
        number_text(text, what="TOT_EMP", maximum=2_000_000_000, whole=True)


def test_a_file_full_of_bad_rows_lists_the_first_two_hundred_and_counts_the_rest():
    text = "period,county_fips,soc_code,postings\n" + "2025-01,39049,13-2011,many\n" * 1200
    with pytest.raises(ImportRefused) as refused:
        run_import(ImportKind.JOB_POSTINGS, io.BytesIO(text.encode()), "postings.csv")
    assert len(refused.value.errors) == 201
    assert refused.value.errors[-1] == "… and 1,000 more rows with problems."
    assert refused.value.summary["bad_rows"] == 1200


def test_the_import_toolkit_data_command(tmp_path, capsys):
    path = tmp_path / "programs.csv"
    path.write_text("provider,name,soc_codes\nRidge Tech,Machining,51-4041\n")
    call_command("import_toolkit_data", "training_programs", str(path))
    assert "Imported 1 of 1 rows" in capsys.readouterr().out
    path.write_text("provider,name,soc_codes\nRidge Tech,Machining,5140\n")
    with pytest.raises(CommandError, match="not imported"):
        call_command("import_toolkit_data", "training_programs", str(path))
    assert "Line 2: soc_codes has 5140" in capsys.readouterr().err
