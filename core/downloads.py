"""Serving stored files only through views that have already checked who is asking."""

from pathlib import PurePosixPath

from django.http import FileResponse, Http404


def protected_file_response(fieldfile, *, filename=None, as_attachment=True):
    """Stream a FileField's file; 404 when there is none. The caller must have checked access first."""
    if not fieldfile:
        raise Http404("There is no file.")
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    name = filename or PurePosixPath(fieldfile.name).name
    response = FileResponse(handle, as_attachment=as_attachment, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response
