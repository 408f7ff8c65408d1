"""Seed each seeded industry cluster with its default key occupations (toolkit.reference)."""

from django.db import migrations

from toolkit import reference


def forwards(apps, schema_editor):
    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_reference_data"),
        ("toolkit", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
