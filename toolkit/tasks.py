"""Celery tasks of the tool kit: thin, taking ids; the work is in toolkit.services (how it runs: core.jobs)."""

from core.jobs import job_task
from toolkit import services

run_data_import = job_task(services.DataImportJob)
