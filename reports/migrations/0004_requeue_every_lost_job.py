"""The periodic recovery task now queues again lost jobs of every kind, not only reports (core.jobs)."""

from django.db import migrations

OLD = ("Queue again reports lost by the broker", "reports.tasks.requeue_stale_reports")
NEW = ("Queue again jobs lost by the broker", "core.requeue_lost_jobs")
DESCRIPTION = (
    "Queues again every background job (reports, data imports, tool kits, certificates) still queued ten minutes "
    "after it was asked for (Redis keeps nothing on disk, so a restart loses waiting jobs) or running longer than "
    "the task time limit."
)


def rename(apps, old, new, description):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=old[0]).update(name=new[0], task=new[1], description=description)


def forwards(apps, schema_editor):
    rename(apps, OLD, NEW, DESCRIPTION)


def backwards(apps, schema_editor):
    rename(apps, NEW, OLD, "Queues again every report still queued ten minutes after it was requested.")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_requeue_stale_reports_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
