"""The periodic task that queues again the reports whose broker message was lost (docs/operations.md)."""

from django.db import migrations

NAME = "Queue again reports lost by the broker"
TASK = "reports.tasks.requeue_stale_reports"


def install(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_five_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": TASK,
            "interval": every_five_minutes,
            "enabled": True,
            "description": "Queues again every report still queued ten minutes after it was requested (Redis keeps "
            "nothing on disk, so a restart loses waiting jobs) or running longer than the task time limit.",
        },
    )


def uninstall(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_default_schedules"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
