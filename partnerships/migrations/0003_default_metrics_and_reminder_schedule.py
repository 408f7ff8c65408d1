"""Loads the Outcomes Template's default metrics and schedules the weekly reminder about due outcome reports."""

from django.db import migrations

from partnerships import reference


def load(apps, schema_editor):
    reference.load(apps)
    reference.schedule_reminders(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_stakeholders_meetings_outcomes"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
