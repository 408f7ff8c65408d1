"""What a report kind adds to a file's description (core.exports): parameters (a form), who may ask, a registry.

An exporter never writes a file. It describes the report with core.exports' tables, columns and headlines; a
renderer (core.renderers) turns that description into CSV, XLSX or PDF. Rows are generators over
`.iterator(chunk_size=...)` querysets so that a report of a million lines never holds them all in memory; totals
and group counts are computed by the database.
"""

from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.db import models
from django.utils.datastructures import MultiValueDict

from core.exports import Export


class ReportRefused(Exception):
    """The requester may not (or may no longer) have this report, or its parameters no longer hold."""


class ParametersForm(forms.Form):
    """The parameters of a report kind. Fields are scoped to what `user` may see."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def to_parameters(self):
        """The cleaned values as JSON: model instances by pk, dates as ISO text, decimals as text."""
        return {name: _jsonable(value) for name, value in self.cleaned_data.items() if value not in (None, "")}


def _jsonable(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def parameters_as_data(parameters):
    """Stored JSON parameters as form data, so a job re-validates them exactly as the form did."""
    return MultiValueDict(
        {
            name: [str(item) for item in value] if isinstance(value, list) else [str(value)]
            for name, value in (parameters or {}).items()
        }
    )


class Exporter(Export):
    """A report kind. Subclasses set the attributes and implement `headlines()` and `tables()`."""

    identifier: str = ""
    title: str = ""
    position: int = 100  # order on the page that lists the kinds
    description: str = ""
    form_class: type[ParametersForm] = ParametersForm
    # Templates list the kinds (classes); without this they would try to call them.
    do_not_call_in_templates = True

    def __init__(self, parameters, *, user):
        """Re-validate the stored parameters for `user`; raises ReportRefused when either no longer holds."""
        if not self.user_may_request(user):
            raise ReportRefused("You may not request this report.")
        form = self.form_class(data=parameters_as_data(parameters), user=user)
        if not form.is_valid():
            problems = "; ".join(
                f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
                for name, errors in form.errors.items()
            )
            raise ReportRefused(f"The parameters no longer hold ({problems}).")
        self.user = user
        self.parameters = parameters
        self.options = form.cleaned_data

    @classmethod
    def user_may_request(cls, user):
        """Who may ask for this kind at all. Scheduled reports (user None) run for the program itself."""
        return user is None or (user.is_authenticated and user.is_active and user.is_program_staff)


class Registry:
    """The report kinds by identifier, in the order they were registered."""

    def __init__(self):
        self._kinds = {}

    def register(self, exporter_class):
        if exporter_class.identifier in self._kinds:
            raise ValueError(f"Two report kinds are called {exporter_class.identifier}.")
        self._kinds[exporter_class.identifier] = exporter_class
        return exporter_class

    def get(self, identifier):
        return self._kinds.get(identifier)

    def __iter__(self):
        return iter(sorted(self._kinds.values(), key=lambda kind: (kind.position, kind.title)))

    def choices(self):
        return [(kind.identifier, kind.title) for kind in self]


registry = Registry()
