from django.db import migrations, models

OVERDUE_TASK_NAME = "Work-based learning: overdue incentive decisions"


def schedule_overdue_notice(apps, schema_editor):
    """Every weekday at 7:00 (state time), email staff about incentive decisions past their deadline."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="1-5", day_of_month="*", month_of_year="*", timezone="America/New_York"
    )
    PeriodicTask.objects.get_or_create(
        name=OVERDUE_TASK_NAME,
        defaults={
            "task": "workbased_learning.notify_overdue_incentive_decisions",
            "crontab": crontab,
            "enabled": True,
            "description": "Emails program staff once about each incentive application past its decision deadline.",
        },
    )


def unschedule_overdue_notice(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=OVERDUE_TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workbased_learning", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="incentiveapplication",
            name="overdue_notified_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When staff were emailed that the decision is overdue.",
                null=True,
            ),
        ),
        migrations.RunPython(schedule_overdue_notice, unschedule_overdue_notice),
    ]
