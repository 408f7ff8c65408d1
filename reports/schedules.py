"""The scheduled reports the program runs from the start. Loaded by a data migration; editable in the admin."""

import json

STATEWIDE_MONTHLY = "Statewide sector partnership summary, monthly"
ROUND_CLOSED = "Credential round report when a round closes"
TASK = "reports.tasks.run_scheduled_report"
TIMEZONE = "America/New_York"

SCHEDULES = [
    {
        "name": STATEWIDE_MONTHLY,
        "kind": "statewide-summary",
        "format": "pdf",
        "trigger": "schedule",
        # 6:00 on the first of each month.
        "crontab": {"minute": "0", "hour": "6", "day_of_week": "*", "day_of_month": "1", "month_of_year": "*"},
        "description": "Requests the statewide summary (latest half-year) and emails its subscribers a link.",
    },
    {
        "name": ROUND_CLOSED,
        "kind": "credential-round",
        "format": "xlsx",
        "trigger": "round_closed",
        # Daily at 6:30: rounds close at 3 p.m., so each closed round is reported the next morning.
        "crontab": {"minute": "30", "hour": "6", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        "description": "Each morning, requests a credential round report for every funding round that closed since "
        "the last run, and emails its subscribers a link.",
    },
]


def install(apps):
    """Create the schedules and their periodic tasks when missing (idempotent; never overwrites edits)."""
    ScheduledReport = apps.get_model("reports", "ScheduledReport")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for spec in SCHEDULES:
        schedule, _ = ScheduledReport.objects.get_or_create(
            name=spec["name"],
            defaults={"kind": spec["kind"], "format": spec["format"], "trigger": spec["trigger"], "parameters": {}},
        )
        if schedule.periodic_task_id:
            continue
        crontab, _ = CrontabSchedule.objects.get_or_create(timezone=TIMEZONE, **spec["crontab"])
        task, _ = PeriodicTask.objects.get_or_create(
            name=spec["name"],
            defaults={
                "task": TASK,
                "crontab": crontab,
                "kwargs": json.dumps({"scheduled_report_id": schedule.pk}),
                "enabled": True,
                "description": spec["description"],
            },
        )
        schedule.periodic_task_id = task.pk
        schedule.save(update_fields=["periodic_task"])


def uninstall(apps):
    names = [spec["name"] for spec in SCHEDULES]
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=names).delete()
    apps.get_model("reports", "ScheduledReport").objects.filter(name__in=names).delete()
