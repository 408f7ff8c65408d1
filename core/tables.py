"""The portal's django-tables2 base classes: `Table`, and the template columns `TemplateColumn`, `DateColumn`,
`DateTimeColumn`. Every list's table derives from them (`class PlacementTable(Table)`).

What they add to django-tables2, measured on the staff lists at scale (docs/performance.md, T1):

- django-tables2 calls every cell's render function through `utils.call_with_appropriate`, which runs
  `inspect.signature` on the function each time to learn which arguments it takes: on a staff list of 25 rows and
  9 columns, 225 readings of the same few signatures per page. The rows of a `Table` read each function's
  signature once (`cell_arguments`).
- A `TemplateColumn`, and so every date column (`{{ value|date:... }}`), compiles its template code anew for each
  cell; ours compile it once per template code (Django templates are compiled once and rendered many times by
  design).
- The page size a query string asks for (`?per_page=`) stays between 1 and `MAX_PER_PAGE`.
"""

import functools

import django_tables2
from django.core.paginator import Paginator
from django.template import Context, Template
from django_tables2.rows import BoundRow, BoundRows
from django_tables2.utils import signature

MAX_PER_PAGE = 100


@functools.lru_cache(maxsize=4096)
def _signature_of(function):
    return signature(function)


def cell_arguments(fn, arguments):
    """The keyword arguments of `arguments` that `fn` takes (all of them if it takes **kwargs), as django-tables2's
    `call_with_appropriate` picks them, with `fn`'s signature read once per function (bound methods share their
    function's)."""
    function = getattr(fn, "__func__", None)
    try:
        names, catch_all = _signature_of(function or fn)
    except TypeError:  # an unhashable callable: read it every time
        names, catch_all = signature(fn)
    else:
        if function is not None:
            names = names[1:]  # a bound method: without the argument it is bound to
    if catch_all:
        return arguments
    return {name: arguments[name] for name in names if name in arguments}


class Row(BoundRow):
    """A row whose cells call their render and value functions with remembered signatures."""

    def _call_render(self, bound_column, value=None):
        arguments = self._optional_cell_arguments(bound_column, value)
        content = bound_column.render(**cell_arguments(bound_column.render, arguments))
        return bound_column.link(content, **arguments) if bound_column.link else content

    def _call_value(self, bound_column, value=None):
        arguments = self._optional_cell_arguments(bound_column, value)
        return bound_column.value(**cell_arguments(bound_column.value, arguments))


class Rows(BoundRows):
    """The table's rows as `Row`s (also for each page's slice of them)."""

    def __iter__(self):
        yield from self.generator_pinned_row(self.pinned_data.get("top"))
        for record in self.data:
            yield Row(record, table=self.table)
        yield from self.generator_pinned_row(self.pinned_data.get("bottom"))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return Rows(data=self.data[key], table=self.table, pinned_data=self.pinned_data)
        return Row(record=self.data[key], table=self.table)


class Table(django_tables2.Table):
    """The base of every table in the portal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = Rows(data=self.data, table=self, pinned_data=self.pinned_data)

    def paginate(self, paginator_class=Paginator, per_page=None, page=1, *args, **kwargs):
        """As django-tables2 paginates, with the page size a query string asks for (`?per_page=-1`, `0`,
        `1000000`) kept between 1 and MAX_PER_PAGE rows."""
        if not per_page or per_page < 1:
            per_page = self._meta.per_page
        per_page = min(per_page, MAX_PER_PAGE)
        return super().paginate(paginator_class, per_page, page, *args, **kwargs)


@functools.lru_cache(maxsize=256)
def compiled_template(template_code):
    """The template of a column's template code, compiled once."""
    return Template(template_code)


class CompiledTemplateMixin:
    """A template column that renders its template code compiled once."""

    def render(self, record, table, value, bound_column, **kwargs):
        if not self.template_code:
            return super().render(record, table, value, bound_column, **kwargs)
        # As django-tables2 does: `render_table` hands the table its template's context.
        parent_context = getattr(table, "context", Context())
        context = self.get_context_data(record=record, table=table, value=value, bound_column=bound_column, **kwargs)
        with parent_context.update(context):
            parent_context["request"] = getattr(table, "request", None)
            return compiled_template(self.template_code).render(parent_context)


class TemplateColumn(CompiledTemplateMixin, django_tables2.TemplateColumn):
    """django-tables2's TemplateColumn with its template code compiled once."""


class DateColumn(CompiledTemplateMixin, django_tables2.DateColumn):
    """django-tables2's DateColumn with its template compiled once."""


class DateTimeColumn(CompiledTemplateMixin, django_tables2.DateTimeColumn):
    """django-tables2's DateTimeColumn with its template compiled once."""


def of_this_page(table, annotated):
    """The records of the table's current page again, with the per-row figures `annotated()` adds (a queryset
    method such as `Placement.objects.with_hours`), fetched in one query once per table: {pk: record}.

    For figures a list shows per row but should not annotate on its own query: PostgreSQL computes a query's
    annotations and joins for every row an OFFSET skips and for the paginator's count, so a sum over a big child
    table ran for 200,000 rows to show 25 (docs/performance.md, W2).
    """
    remembered = table.__dict__.setdefault("_figures_of_this_page", {})
    if annotated not in remembered:
        ids = [row.record.pk for row in table.paginated_rows]
        remembered[annotated] = {row.pk: row for row in annotated().filter(pk__in=ids).order_by()}
    return remembered[annotated]
