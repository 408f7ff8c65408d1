"""The state the portal serves is the PORTAL_STATE setting, no longer a flag on one of the areas on file."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0003_essential_resources"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="area",
            name="area_one_home_state",
        ),
        migrations.RemoveField(
            model_name="area",
            name="is_home_state",
        ),
    ]
