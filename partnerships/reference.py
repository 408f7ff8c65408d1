"""The Outcomes Template's default metrics and the reminder schedule, loaded by a data migration.

`load(apps)` is idempotent and takes an app registry, so the migration (historical models) and the tests share it.
Staff may rename, reorder or retire metrics afterwards; loading again never overwrites their changes.
"""

# (code, name, unit, category, audience, description)
DEFAULT_METRICS = [
    (
        "employers_engaged",
        "Employers engaged",
        "count",
        "progress",
        "employers",
        "Employers that took part in the partnership's work this half-year.",
    ),
    (
        "partners_engaged",
        "Non-employer partners engaged",
        "count",
        "progress",
        "partnership",
        "Education, workforce, economic development, labor and community partners that took part.",
    ),
    (
        "meetings_held",
        "Partnership meetings held",
        "count",
        "progress",
        "partnership",
        "Full partnership, working group and employer-only meetings.",
    ),
    (
        "new_programs",
        "New education or training programs",
        "count",
        "output",
        "education",
        "Programs created or started because of the partnership.",
    ),
    (
        "curricula_revised",
        "Curricula revised",
        "count",
        "output",
        "education",
        "Existing programs whose curriculum changed at employers' request.",
    ),
    (
        "incumbent_workers_trained",
        "Incumbent workers trained",
        "count",
        "output",
        "workers",
        "Current employees who completed training arranged through the partnership.",
    ),
    (
        "internships_coops",
        "Internships and co-ops",
        "count",
        "output",
        "workers",
        "Internship and co-op positions offered by member employers.",
    ),
    (
        "youth_reached",
        "Youth reached by career exposure",
        "count",
        "output",
        "workers",
        "Students reached by tours, camps, job shadows and classroom visits.",
    ),
    (
        "marketing_plans",
        "Industry marketing plans",
        "count",
        "output",
        "partnership",
        "Industry marketing or recruitment campaigns launched.",
    ),
    (
        "grants_with_language",
        "Grants carrying program language",
        "count",
        "output",
        "partnership",
        "Grant applications that name the partnership's programs or priorities.",
    ),
    (
        "leveraged_funding",
        "Leveraged industry funding",
        "dollars",
        "outcome",
        "partnership",
        "Money and in-kind value employers and others put into the partnership's work.",
    ),
    (
        "credentials_earned",
        "Credentials earned",
        "count",
        "outcome",
        "workers",
        "Industry-recognized credentials earned by participants.",
    ),
    ("placements", "Placements", "count", "outcome", "workers", "Participants hired into the industry's jobs."),
    (
        "hiring_needs_met",
        "Employers' hiring needs met",
        "percent",
        "impact",
        "employers",
        "Share of the openings member employers reported that they filled.",
    ),
]

REMINDER_TASK_NAME = "Remind conveners of outcome reports falling due"
REMINDER_TASK = "partnerships.tasks.outcome_reports_remind"


def load(apps):
    OutcomeMetric = apps.get_model("partnerships", "OutcomeMetric")
    for position, (code, name, unit, category, audience, description) in enumerate(DEFAULT_METRICS, start=1):
        OutcomeMetric.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "category": category,
                "audience": audience,
                "description": description,
                "position": position * 10,
            },
        )


def schedule_reminders(apps):
    """Every Monday at 8:00 (state time), remind conveners whose reports fall due soon or are overdue."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="8", day_of_week="1", day_of_month="*", month_of_year="*", timezone="America/New_York"
    )
    PeriodicTask.objects.get_or_create(
        name=REMINDER_TASK_NAME,
        defaults={
            "task": REMINDER_TASK,
            "crontab": crontab,
            "enabled": True,
            "description": "Emails conveners about outcome reports due within two weeks or overdue.",
        },
    )
