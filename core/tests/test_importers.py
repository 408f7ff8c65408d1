"""The importer base class (core.importers): every row checked, all or nothing, caps against hostile files."""

import io

import pytest
from openpyxl import Workbook

from core.importers import Importer, ImportRefused, RowProblem
from core.models import County, Region


class CountyImporter(Importer):
    """A small layout for the tests: counties by FIPS code and name."""

    required_columns = ("fips", "name")
    column_aliases = {"county": "name"}

    def prepare(self, fileobj, name):
        self.region = Region.objects.get_or_create(name="Import test region", slug="import-test")[0]
        self.pending = []

    def parse(self, line, row):
        problems = []
        if not (row["fips"].isdigit() and len(row["fips"]) == 5):
            problems.append(f"fips {row['fips']!r} is not five digits")
        if not row["name"]:
            problems.append("name is empty")
        if problems:
            raise RowProblem(*problems)
        return County(fips=row["fips"], name=row["name"], region=self.region)

    def buffer(self, line, record):
        self.pending.append(record)

    def flush(self):
        County.objects.bulk_create(self.pending)
        self.written = len(self.pending)


def csv_file(text):
    return io.BytesIO(text.encode())


@pytest.mark.django_db
def test_good_rows_are_written_and_counted():
    summary = CountyImporter().run(csv_file("FIPS,County\n99001,Alpha\n99002,Beta\n"), "c.csv")
    assert summary == {"rows_read": 2, "written": 2, "bad_rows": 0, "skipped": {}}
    assert set(County.objects.filter(fips__startswith="990").values_list("name", flat=True)) == {"Alpha", "Beta"}


@pytest.mark.django_db
def test_one_bad_row_writes_nothing_and_every_problem_has_its_line():
    before = County.objects.count()
    with pytest.raises(ImportRefused) as refused:
        CountyImporter().run(csv_file("fips,name\n99001,Alpha\nx,\n99003,Gamma\n"), "c.csv")
    assert refused.value.errors == ["Line 3: fips 'x' is not five digits", "Line 3: name is empty"]
    assert County.objects.count() == before


@pytest.mark.django_db
def test_the_errors_listed_are_capped_and_the_rest_counted():
    text = "fips,name\n" + "bad,Name\n" * 500
    with pytest.raises(ImportRefused) as refused:
        CountyImporter().run(csv_file(text), "c.csv")
    assert len(refused.value.errors) == CountyImporter.max_errors + 1
    assert refused.value.errors[-1] == "… and 300 more rows with problems."
    assert refused.value.summary["bad_rows"] == 500


@pytest.mark.django_db
def test_a_hostile_cell_is_not_echoed_in_full():
    with pytest.raises(ImportRefused) as refused:
        CountyImporter().run(csv_file("fips,name\n" + "9" * 100_000 + ",Name\n"), "c.csv")
    assert len(refused.value.errors[0]) <= 320


@pytest.mark.django_db
def test_a_header_of_a_million_columns_is_refused_without_echoing_it():
    header = ",".join(f"column{number}" for number in range(1_000_000))
    with pytest.raises(ImportRefused) as refused:
        CountyImporter().run(csv_file(header + "\n1,2\n"), "c.csv")
    assert refused.value.errors == ["The header row has more than 200 columns; this is not a file to import."]


@pytest.mark.django_db
def test_a_header_lacking_columns_quotes_only_a_few_of_them():
    header = ",".join(f"c{number}" for number in range(150))
    with pytest.raises(ImportRefused) as refused:
        CountyImporter().run(csv_file(header + "\n1\n"), "c.csv")
    message = refused.value.errors[0]
    assert "lacks the column(s) fips, name" in message and len(message) < 400


@pytest.mark.django_db
def test_an_xlsx_that_unpacks_too_large_is_refused_before_it_is_read(monkeypatch):
    workbook = Workbook()
    workbook.active.append(["fips", "name"])
    workbook.active.append(["99001", "Alpha"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    monkeypatch.setattr(CountyImporter, "max_unpacked_bytes", 1000)
    with pytest.raises(ImportRefused) as refused:
        CountyImporter().run(buffer, "c.xlsx")
    assert "unpacks to" in refused.value.errors[0] and "split it or save it as CSV" in refused.value.errors[0]
    monkeypatch.setattr(CountyImporter, "max_unpacked_bytes", 10_000_000)
    assert CountyImporter().run(buffer, "c.xlsx")["written"] == 1


@pytest.mark.django_db
def test_a_wide_xlsx_header_is_refused():
    workbook = Workbook()
    workbook.active.append([f"c{number}" for number in range(300)])
    workbook.active.append(["1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportRefused, match="more than 200 columns"):
        CountyImporter().run(buffer, "c.xlsx")
