"""Upload checks: a file is what it claims by its content (magic bytes), not its name, and not too large."""

import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible

# DOCX and XLSX are ZIP packages; the part inside tells them apart.
KIND_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)"}
EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx"}


def sniff_kind(fileobj):
    """Return "pdf", "docx", "xlsx" or None from the file's first bytes and, for ZIP packages, its parts."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            try:
                names = set(zipfile.ZipFile(fileobj).namelist())
            except zipfile.BadZipFile:
                return None
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
        return None
    finally:
        fileobj.seek(position)


def name_for_content(name, fileobj):
    """`name` (its last part) with the extension of what `fileobj` holds by its content: "fact.html" holding a PDF
    is "fact.pdf". Content of none of the known kinds gets ".bin", which no browser runs or shows as a page."""
    stem = PurePosixPath(name).stem or "file"
    return stem + EXTENSIONS.get(sniff_kind(fileobj), ".bin")


@deconstructible
class FileContentValidator:
    """Accept only files whose content is one of `kinds` and whose size is at most `max_bytes`."""

    def __init__(self, kinds=("pdf",), max_bytes=10 * 1024 * 1024):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, upload):
        if upload.size > self.max_bytes:
            raise ValidationError(
                f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(self.max_bytes)}.",
                code="file_too_large",
            )
        if sniff_kind(upload) not in self.kinds:
            allowed = " or ".join(KIND_LABELS[k] for k in self.kinds)
            raise ValidationError(f"The file is not a {allowed} file (checked by its content).", code="file_kind")

    def __eq__(self, other):
        return isinstance(other, FileContentValidator) and (self.kinds, self.max_bytes) == (
            other.kinds,
            other.max_bytes,
        )
