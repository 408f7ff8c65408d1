from django.db import migrations


def install(apps, schema_editor):
    from reports import schedules

    schedules.install(apps)


def uninstall(apps, schema_editor):
    from reports import schedules

    schedules.uninstall(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
