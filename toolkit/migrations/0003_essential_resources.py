"""Seed the essential tool kit resources (toolkit.seed_resources), written by the state workforce office."""

from django.db import migrations

from toolkit import seed_resources


def forwards(apps, schema_editor):
    seed_resources.load(apps)


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0002_default_cluster_occupations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
