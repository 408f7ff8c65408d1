"""Forms of the tool kit, rendered with crispy-forms (Bootstrap 5)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from core.validators import FileContentValidator, name_for_content
from toolkit.documents import MERGE_FIELDS
from toolkit.models import ImportKind, Resource

IMPORT_MAX_BYTES = 50 * 1024 * 1024


class ResourceForm(forms.ModelForm):
    """Create or edit a resource: Markdown body and/or a PDF, DOCX or XLSX file."""

    class Meta:
        model = Resource
        fields = ["title", "slug", "kind", "audience", "summary", "body", "file", "version", "visibility"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16, "class": "font-monospace"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = ", ".join("{{ %s }}" % name for name in MERGE_FIELDS)  # noqa: UP031 - braces are literal here
        self.fields["body"].help_text = f"Markdown. Merge fields you may use: {fields}."
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save resource"))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and not getattr(upload, "_committed", False):
            # Stored (and later served) under the extension of what the content is, not of the name it came with:
            # a PDF named "fact.html" is kept as "fact.pdf". The model's validator refuses content of other kinds.
            upload.name = name_for_content(upload.name, upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        body, upload = cleaned.get("body"), cleaned.get("file")
        if not (body or "").strip() and not upload:
            raise forms.ValidationError("Give the resource a body, a file, or both.")
        return cleaned


class DataImportForm(forms.Form):
    """Upload a data file to import in the background."""

    kind = forms.ChoiceField(choices=ImportKind.choices, label="What the file holds")
    file = forms.FileField(help_text="CSV or XLSX, at most 50 MB. OEWS files exactly as BLS publishes them.")
    year = forms.IntegerField(
        required=False,
        min_value=1990,
        max_value=2100,
        help_text="OEWS only: the May reference year, when the file name does not carry it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Upload and import"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if name.endswith(".xlsx"):
            FileContentValidator(kinds=["xlsx"], max_bytes=IMPORT_MAX_BYTES)(upload)
        elif name.endswith((".csv", ".txt")):
            if upload.size > IMPORT_MAX_BYTES:
                raise forms.ValidationError("The file is larger than 50 MB.")
            head = upload.read(4096)
            upload.seek(0)
            if b"\x00" in head or head.startswith((b"PK\x03\x04", b"%PDF")):
                raise forms.ValidationError("The file is not a CSV text file (checked by its content).")
        else:
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        return upload


class ClusterOccupationForm(forms.Form):
    """Add a key occupation to a cluster by its SOC code (the page offers the occupations on file to pick from)."""

    soc_code = forms.CharField(
        label="SOC code",
        help_text="Written NN-NNNN, for example 51-4041. Type a code or a title to pick from the occupations on file.",
        widget=forms.TextInput(attrs={"list": "occupation-options", "autocomplete": "off", "placeholder": "51-4041"}),
    )
    note = forms.CharField(
        required=False, max_length=200, help_text="Optional: why this occupation is key to the cluster."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Add key occupation"))
