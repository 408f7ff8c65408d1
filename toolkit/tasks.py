"""Celery tasks of the tool kit: thin, taking ids; the work is in toolkit.services."""

from celery import shared_task

from toolkit import services


@shared_task
def run_data_import(data_import_id):
    """Import one uploaded data file (see toolkit.services.data_import_run)."""
    services.data_import_run(data_import_id=data_import_id)
