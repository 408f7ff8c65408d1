"""Type-ahead pickers: a text box that asks the server for the few rows matching what was typed, instead of a
<select> that lists every row. At scale a <select> of 40,000 employers or 10,000 CTE programs took seconds to render
and megabytes to send (docs/performance.md, F1).

`Picker` chooses one row and `MultiplePicker` several. Each kind of row has a subclass naming its choices view
(a `core.views.ChoicesView`, which renders the options as `role=option` items with `data-choice-id` and
`data-choice-label`) and how a row is labelled and summarised, for the options and for the choice alike. The form
field keeps its queryset, which still decides what may be posted. Behaviour: static/js/picker.js (loaded on every
page by base.html).
"""

import json

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.models import Organization, OrganizationKind


class Picker(forms.Widget):
    """One row chosen by typing part of its name. Subclasses set `choices_url_name` and `chosen_rows`, and may
    override `label`, `summary` and `params` (sent with every request for options)."""

    template_name = "core/partials/picker.html"
    choices_url_name = None
    multiple = False
    placeholder = "Type part of the name"
    nothing_chosen = "Nothing chosen yet."

    def id_for_label(self, id_):
        # The label names the text box the user types in; the hidden inputs carry the ids.
        return f"{id_}_search" if id_ else id_

    def chosen_rows(self, ids):
        """The rows with these ids, in any order."""
        raise NotImplementedError

    def label(self, row):
        return str(row)

    def summary(self, row):
        """A chosen row as the picker shows it (and as its options show it)."""
        return format_html("<strong>{}</strong>", self.label(row))

    def params(self):
        return {}

    def prepare(self, rows):
        """Fetch what `label` and `summary` need for these rows (once for all of them); rows as given by default."""
        return rows

    def describe(self, rows):
        """[{pk, label, summary}] for each row: what the picker shows of a chosen row and its options show."""
        return [{"pk": row.pk, "label": self.label(row), "summary": self.summary(row)} for row in self.prepare(rows)]

    def format_value(self, value):
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(item) for item in values if str(item or "").isdigit()]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = context["widget"]["value"]
        by_id = {str(row.pk): row for row in self.chosen_rows(ids)} if ids else {}
        chosen = self.describe([by_id[pk] for pk in ids if pk in by_id])
        final = context["widget"]["attrs"]
        base = final.get("id") or "id_choice"
        context.update(
            base=base,
            multiple=self.multiple,
            chosen=chosen,
            # One picker shows its choice in the text box; several are listed under it and the box stays empty.
            search_value="" if self.multiple or not chosen else chosen[0]["label"],
            choices_url=reverse(self.choices_url_name),
            hx_vals=json.dumps({**self.params(), "listbox": f"{base}_listbox"}),
            placeholder=self.placeholder,
            nothing_chosen=self.nothing_chosen,
            describedby=final.get("aria-describedby", ""),
            invalid=final.get("aria-invalid", ""),
        )
        return context

    def value_from_datadict(self, data, files, name):
        if self.multiple and hasattr(data, "getlist"):
            return data.getlist(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else super().value_omitted_from_data(data, files, name)

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine (not Django's form renderer) holds the picker's templates.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class MultiplePicker(Picker):
    """Several rows, each chosen by typing part of its name; each can be removed again."""

    multiple = True
    nothing_chosen = "None chosen yet."


class OrganizationPicker(Picker):
    """An organisation of the given kinds (all kinds when none are given), picked by name."""

    choices_url_name = "core:organization_choices"
    placeholder = "Type part of the organisation's name"
    nothing_chosen = "No organisation chosen yet."

    def __init__(self, attrs=None, kinds=()):
        super().__init__(attrs)
        self.kinds = [OrganizationKind(kind).value for kind in kinds]

    def chosen_rows(self, ids):
        return Organization.objects.select_related("county").filter(pk__in=ids)

    def summary(self, organization):
        return render_to_string("core/partials/organization_choice_summary.html", {"organization": organization})

    def params(self):
        return {"kind": ",".join(self.kinds)} if self.kinds else {}
