"""Demo data for reports: the demo staff and admin subscribe to the scheduled reports. Called by seed_demo."""

from django.apps import apps
from django.contrib.auth import get_user_model

from reports import schedules
from reports.models import ScheduledReport


def seed(*, stdout):
    schedules.install(apps)
    people = list(get_user_model().objects.filter(email__in=["staff@demo.example", "admin@demo.example"]))
    for schedule in ScheduledReport.objects.filter(name__in=[spec["name"] for spec in schedules.SCHEDULES]):
        schedule.subscribers.add(*people)
    stdout.write(f"Reports: {len(people)} demo user(s) subscribed to the scheduled reports.")
