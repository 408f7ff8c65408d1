"""The shared building blocks other apps use: tables, upload checks, charts, PDFs."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from core.charts import bar_chart_svg
from core.pdf import render_pdf
from core.tabular import RowErrors, TableError, read_rows
from core.validators import FileContentValidator, sniff_kind


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_rows_carry_spreadsheet_line_numbers_and_skip_blank_lines():
    data = b"\xef\xbb\xbfA,B\n1,2\n,\n3,\n"
    rows = list(read_rows(io.BytesIO(data), "x.csv", required_columns=["A"]))
    assert rows == [(2, {"A": "1", "B": "2"}), (4, {"A": "3", "B": ""})]


def test_xlsx_rows_read_the_first_sheet():
    rows = list(read_rows(io.BytesIO(xlsx_bytes([["A", "B"], [1, "x"], [2.5, None]])), "x.xlsx"))
    assert rows == [(2, {"A": "1", "B": "x"}), (3, {"A": "2.5", "B": ""})]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "x.csv", "empty"),
        (b"A,C\n1,2\n", "x.csv", r"lacks the column\(s\) B"),
        (b"A,B\n", "x.pdf", "neither a CSV nor an XLSX"),
        (b"not a zip", "x.xlsx", "cannot be opened"),
    ],
)
def test_unreadable_tables_say_why(data, name, message):
    with pytest.raises(TableError, match=message):
        list(read_rows(io.BytesIO(data), name, required_columns=["A", "B"]))


def test_row_errors_report_lines():
    errors = RowErrors()
    assert not errors
    errors.add(7, "bad date")
    assert errors.lines() == ["Line 7: bad date"]


def test_file_content_validator_checks_content_not_name():
    pdf = SimpleUploadedFile("proof.pdf", b"%PDF-1.7\n...")
    FileContentValidator(kinds=["pdf"])(pdf)
    fake = SimpleUploadedFile("proof.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError, match="not a PDF"):
        FileContentValidator(kinds=["pdf"])(fake)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2000)
    with pytest.raises(ValidationError, match="limit"):
        FileContentValidator(kinds=["pdf"], max_bytes=1000)(big)
    assert sniff_kind(io.BytesIO(xlsx_bytes([["a"]]))) == "xlsx"


def test_bar_chart_escapes_labels_and_draws_a_bar_per_value():
    svg = bar_chart_svg(["<b>", "Welding"], [3, 0], title="Jobs")
    assert svg.count("<rect") == 2
    assert "&lt;b&gt;" in svg and "<b>" not in svg


def test_render_pdf_makes_a_pdf(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [("django.template.loaders.locmem.Loader", {"t.html": "<h1>{{ title }}</h1>{{ chart }}"})]
            },
        }
    ]
    pdf = render_pdf("t.html", {"title": "Hello", "chart": bar_chart_svg(["a"], [1])})
    assert pdf.startswith(b"%PDF-")


def test_table_cells_read_each_render_signature_once_with_the_same_answer():
    from django_tables2.utils import call_with_appropriate

    from core import tables

    class Column:
        def render(self, value, record, **kwargs):
            return value

        @classmethod
        def build(cls, name):
            return name

    def plain(value, bound_column=None):
        return value

    arguments = {"value": 1, "record": 2, "name": 3, "bound_column": 4, "table": 5}
    for fn in (Column().render, Column.build, plain, lambda record: record, Column().render):
        assert fn(**tables.cell_arguments(fn, arguments)) == call_with_appropriate(fn, arguments)
    assert tables._signature_of.cache_info().hits >= 1  # the second bound method reused the first one's entry


def test_portal_tables_render_with_remembered_signatures_and_compiled_date_templates(rf):
    import datetime

    import django_tables2

    from core import tables

    class Dates(tables.Table):
        day = tables.DateColumn(format="M j, Y")
        name = django_tables2.Column()

        def render_name(self, value, record):
            return f"{value}!"

    html = Dates([{"day": datetime.date(2026, 3, 4), "name": "a"}, {"day": datetime.date(2026, 5, 6), "name": "b"}])
    html = html.as_html(rf.get("/"))
    assert "Mar 4, 2026" in html and "May 6, 2026" in html and "a!" in html and "b!" in html
    before = tables.compiled_template.cache_info()
    table = Dates([{"day": datetime.date(2027, 1, 2), "name": "c"}])
    assert "Jan 2, 2027" in table.as_html(rf.get("/"))
    after = tables.compiled_template.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
    assert all(isinstance(row, tables.Row) for row in table.rows)
    assert [row.get_cell_value("name") for row in table.rows] == ["c!"]


def test_django_tables2_itself_is_left_as_it_is():
    """The portal's tables subclass django-tables2; nothing of django-tables2 is replaced."""
    import inspect

    from django_tables2 import utils
    from django_tables2.columns import templatecolumn

    assert inspect.getmodule(utils.signature) is utils
    assert templatecolumn.Template.__module__ == "django.template.base"


@pytest.mark.parametrize("asked, shown", [("-1", 25), ("0", 25), ("3", 3), ("1000000", 100), ("x", 25)])
def test_a_table_page_size_asked_for_in_the_query_string_stays_within_bounds(rf, asked, shown):
    from django_tables2 import RequestConfig

    from core import tables

    class Numbers(tables.Table):
        n = tables.TemplateColumn("{{ value }}")

    table = Numbers([{"n": n} for n in range(300)])
    RequestConfig(rf.get("/", {"per_page": asked}), paginate={"per_page": 25}).configure(table)
    assert len(table.page.object_list) == shown
