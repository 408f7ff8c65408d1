"""A faster django-tables2: what it recomputes for every cell is computed once.

- django-tables2 calls every cell's render function through `utils.call_with_appropriate`, which runs
  `inspect.signature` on the function each time to learn which arguments it takes: on a staff list of 25 rows and
  9 columns, 225 readings of the same few signatures per page, a fifth of the page's time at scale.
- A `TemplateColumn`, and so every date column (`DateColumn` renders `{{ value|date:... }}`), compiles its template
  code anew for each cell.

`install()`, run when the core app is ready, puts a memoised `utils.signature` in place (the same answer, read
once per function; bound methods share their function's entry) and lets template columns reuse their compiled
template (Django templates are compiled once and rendered many times by design). docs/performance.md, T1.
"""

import functools

from django.template import Template
from django_tables2 import utils
from django_tables2.columns import templatecolumn

_read_signature = utils.signature


@functools.lru_cache(maxsize=4096)
def _remembered(function):
    return _read_signature(function)


def signature(fn):
    """What `django_tables2.utils.signature` answers for `fn`, remembered per function."""
    function = getattr(fn, "__func__", None)
    try:
        if function is None:
            return _remembered(fn)
        args, keywords = _remembered(function)
    except TypeError:  # an unhashable callable: read it every time, as django-tables2 does
        return _read_signature(fn)
    return args[1:], keywords  # a bound method: without the argument it is bound to


@functools.lru_cache(maxsize=256)
def compiled_template(template_code):
    """The template of a TemplateColumn's code, compiled once."""
    return Template(template_code)


def install():
    utils.signature = signature
    templatecolumn.Template = compiled_template


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
