import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from core.jobs import run_job
from core.models import JobStatus
from core.testing.factories import EmployerUserFactory
from toolkit.models import DataImport, ImportKind, OccupationEstimate
from toolkit.services import DataImportJob, data_import_start
from toolkit.tests.factories import DataImportFactory

REAL_CSV = Path(__file__).parent / "data" / "oews_vermont_2025.csv"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def import_of(content, name="oews_2025.csv", **fields):
    return DataImportFactory(original_name=name, file=ContentFile(content, name=name), **fields)


@pytest.mark.django_db
def test_a_good_file_is_imported_with_a_summary():
    data_import = import_of(REAL_CSV.read_bytes())
    run_job(DataImportJob, data_import.pk)
    data_import.refresh_from_db()
    assert data_import.status == JobStatus.SUCCEEDED and data_import.progress == 100
    assert data_import.summary["rows_read"] == 1695 and data_import.summary["areas"] == 4
    assert OccupationEstimate.objects.count() == 1695
    # Running it again (a re-delivered message) leaves the finished job alone.
    OccupationEstimate.objects.all().delete()
    run_job(DataImportJob, data_import.pk)
    assert not OccupationEstimate.objects.exists()


@pytest.mark.django_db
def test_a_bad_file_fails_with_its_lines_and_writes_nothing():
    text = REAL_CSV.read_text().splitlines()
    text[3] = text[3].replace("11-1011", "ELEVEN")
    data_import = import_of("\n".join(text).encode())
    run_job(DataImportJob, data_import.pk)
    data_import.refresh_from_db()
    assert data_import.status == JobStatus.FAILED and "nothing was written" in data_import.error
    assert data_import.row_errors == ["Line 4: OCC_CODE is 'ELEVEN'; a SOC code is written NN-NNNN"]
    assert data_import.summary["rows_read"] == 1695
    assert not OccupationEstimate.objects.exists()


@pytest.mark.django_db
def test_the_job_rechecks_that_the_uploader_may_import():
    data_import = import_of(REAL_CSV.read_bytes(), requested_by=EmployerUserFactory())
    run_job(DataImportJob, data_import.pk)
    data_import.refresh_from_db()
    assert data_import.status == JobStatus.FAILED and "may no longer import" in data_import.error
    assert not OccupationEstimate.objects.exists()


@pytest.mark.worker
def test_the_celery_worker_runs_an_uploaded_import(celery_worker, people):
    upload = SimpleUploadedFile("oews_vermont_2025.csv", REAL_CSV.read_bytes())
    data_import = data_import_start(kind=ImportKind.OEWS, upload=upload, user=people.staff)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        data_import.refresh_from_db()
        if data_import.is_finished:
            break
        time.sleep(0.2)
    assert data_import.status == JobStatus.SUCCEEDED, data_import.error
    assert data_import.summary["written"] == 1695
    assert OccupationEstimate.objects.count() == 1695
    assert DataImport.objects.get().started_at is not None
