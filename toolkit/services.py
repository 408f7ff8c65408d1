"""Writes of the tool kit beyond plain form saves: data imports run as background jobs, and the key occupations
of each industry cluster edited by staff."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.jobs import JobRefused, JobRunner
from core.models import IndustryCluster
from toolkit.importers import ImportRefused, run_import
from toolkit.models import ClusterOccupation, DataImport, ImportKind, Occupation, soc_validator


def data_import_start(*, kind: str, upload, user, year: int | None = None) -> DataImport:
    """Store an uploaded file as a queued DataImport and queue the job that imports it (after commit)."""
    with transaction.atomic():
        data_import = DataImport(
            kind=ImportKind(kind),
            original_name=upload.name[:255],
            year=year,
            requested_by=user,
        )
        data_import.file.save(upload.name, upload, save=False)
        data_import.save()
        data_import.queue()
    return data_import


class DataImportJob(JobRunner):
    """Import one uploaded data file, recording progress and the summary on the row; all or nothing.

    A job re-delivered after a crashed worker starts over: the crashed attempt's transaction was rolled back, so
    nothing of it remains.
    """

    model = DataImport
    related = ("requested_by",)
    crashed = "The import stopped"

    def refusal(self, data_import):
        user = data_import.requested_by
        if user is None or not user.is_active or not user.is_program_staff:
            return "The person who uploaded this file may no longer import data."
        return ""

    def run(self, data_import, progress):
        try:
            with data_import.file.open("rb") as handle:
                summary = run_import(
                    data_import.kind, handle, data_import.original_name, year=data_import.year, progress=progress
                )
        except ImportRefused as refused:
            raise JobRefused(
                f"The file was not imported: {len(refused.errors)} problem(s); nothing was written.",
                summary=refused.summary,
                row_errors=refused.errors,
            ) from refused
        return {"summary": summary, "row_errors": []}


def data_import_is_active(data_import: DataImport) -> bool:
    """Whether the import is still waiting or running (its page keeps asking for its progress)."""
    return not data_import.is_finished


def cluster_occupation_add(*, cluster: IndustryCluster, soc_code: str, note: str = "") -> ClusterOccupation:
    """Add an occupation already on file (by its SOC code) to the cluster's key occupations.

    Refused, naming the `soc_code` field, when the code is malformed, no occupation has it, or the cluster
    already lists it (also when two people add it at the same moment: the unique constraint decides).
    """
    soc_code = (soc_code or "").strip()
    try:
        soc_validator(soc_code)
    except ValidationError as error:
        raise ValidationError({"soc_code": error.messages}) from None
    occupation = Occupation.objects.filter(soc_code=soc_code).first()
    if occupation is None:
        raise ValidationError(
            {
                "soc_code": f"No occupation with SOC code {soc_code} is on file. Check the code, or import a BLS "
                "OEWS file that lists it first."
            }
        )
    duplicate = ValidationError({"soc_code": f"{occupation} is already a key occupation of {cluster.name}."})
    if ClusterOccupation.objects.filter(cluster=cluster, occupation=occupation).exists():
        raise duplicate
    try:
        with transaction.atomic():
            return ClusterOccupation.objects.create(cluster=cluster, occupation=occupation, note=note.strip())
    except IntegrityError:
        raise duplicate from None
