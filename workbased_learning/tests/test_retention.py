"""Learners' dates of birth are cleared once the incentive year their placement counts for has been closed for
longer than the retention period (docs/privacy.md, "How long it is kept"); the rest of the placement stays."""

import datetime
import importlib
import time
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone
from pghistory.models import Events

from workbased_learning.models import ApplicationStatus, IncentiveLine, Placement
from workbased_learning.retention import purge_expired_learner_birth_dates
from workbased_learning.tasks import purge_expired_learner_birth_dates_task
from workbased_learning.tests.factories import (
    IncentiveApplicationFactory,
    IncentiveLineFactory,
    PlacementFactory,
    ProgramYearFactory,
)

TODAY = datetime.date(2026, 6, 15)  # three years back: 15 June 2023
BORN = datetime.date(2005, 3, 1)


def placement(start, end, **kwargs):
    return PlacementFactory(start_date=start, end_date=end, learner_birth_date=BORN, **kwargs)


def birth_date(record):
    return Placement.objects.values_list("learner_birth_date", flat=True).get(pk=record.pk)


@pytest.mark.django_db
def test_dates_of_birth_are_cleared_once_the_incentive_year_closed_more_than_the_period_ago():
    # 2022's program year closed exactly on the cutoff day; 2020, 2021 and 2023 have no row and close on the
    # state's default day, 1 February of the next year.
    ProgramYearFactory(year=2022, opens_on=datetime.date(2023, 1, 1), closes_on=datetime.date(2023, 6, 15))
    closed_2021 = placement(datetime.date(2021, 3, 1), datetime.date(2021, 5, 31))
    ran_into_2022 = placement(datetime.date(2021, 9, 1), datetime.date(2022, 2, 28))
    ended_2022 = placement(datetime.date(2022, 6, 1), datetime.date(2022, 8, 31))
    ended_2023 = placement(datetime.date(2023, 6, 1), datetime.date(2023, 8, 31))
    in_review = placement(datetime.date(2020, 6, 1), datetime.date(2020, 8, 31))
    line = IncentiveLineFactory(placement=in_review, application__status=ApplicationStatus.IN_REVIEW)
    decided = placement(datetime.date(2020, 6, 1), datetime.date(2020, 8, 31))
    approved_line = IncentiveLineFactory(
        placement=decided,
        application=IncentiveApplicationFactory(
            program_year=ProgramYearFactory(
                year=2020, opens_on=datetime.date(2021, 1, 1), closes_on=datetime.date(2021, 2, 1)
            ),
            status=ApplicationStatus.APPROVED,
        ),
        credit_approved=Decimal("1500.00"),
    )
    before = {p.pk: (p.learner_ref, p.learner_grade, p.status, p.end_date) for p in Placement.objects.all()}

    assert purge_expired_learner_birth_dates(today=TODAY) == 2

    assert birth_date(closed_2021) is None and birth_date(decided) is None
    for kept in (ran_into_2022, ended_2022, ended_2023, in_review):
        assert birth_date(kept) == BORN
    after = {p.pk: (p.learner_ref, p.learner_grade, p.status, p.end_date) for p in Placement.objects.all()}
    assert after == before
    assert IncentiveLine.objects.get(pk=approved_line.pk).credit_approved == Decimal("1500.00")
    assert IncentiveLine.objects.get(pk=line.pk).credit_requested == Decimal("1500.00")
    for event in Events.objects.tracks(closed_2021, decided):
        assert "learner_birth_date" not in event.pgh_data and str(BORN) not in str(event.pgh_data)

    # A second run has nothing left to do.
    assert purge_expired_learner_birth_dates(today=TODAY) == 0
    # The next day, 2022's year has been closed for more than three years: both placements that count for it go.
    assert purge_expired_learner_birth_dates(today=TODAY + datetime.timedelta(days=1)) == 2
    assert birth_date(ran_into_2022) is None and birth_date(ended_2022) is None
    assert birth_date(ended_2023) == BORN and birth_date(in_review) == BORN


@pytest.mark.django_db
def test_the_period_is_the_setting(settings):
    ended_2021 = placement(datetime.date(2021, 3, 1), datetime.date(2021, 5, 31))  # closes 1 February 2022
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    assert purge_expired_learner_birth_dates(today=TODAY) == 0
    settings.PERSONAL_DATA_RETENTION_YEARS = 3
    assert purge_expired_learner_birth_dates(today=TODAY) == 1
    assert birth_date(ended_2021) is None


@pytest.mark.django_db
def test_both_retention_jobs_are_scheduled_daily_in_beat():
    from django_celery_beat.models import PeriodicTask

    from credentials.tasks import purge_expired_claim_lines_task

    migration = importlib.import_module("workbased_learning.migrations.0004_audit_trail_deletes_and_retention")
    migration.schedule_retention(apps, None)
    migration.schedule_retention(apps, None)  # idempotent
    tasks = PeriodicTask.objects.filter(name__in=[name for name, _, _ in migration.RETENTION_TASKS])
    assert sorted(tasks.values_list("task", flat=True)) == sorted(
        [purge_expired_claim_lines_task.name, purge_expired_learner_birth_dates_task.name]
    )
    for task in tasks:
        assert task.enabled and task.crontab.day_of_week == "*" and task.crontab.day_of_month == "*"


@pytest.mark.worker
def test_the_task_clears_expired_dates_of_birth_on_a_real_worker(celery_worker):
    year = timezone.localdate().year - 5
    expired = placement(datetime.date(year, 3, 1), datetime.date(year, 5, 31))

    purge_expired_learner_birth_dates_task.delay()

    deadline = time.monotonic() + 30
    while birth_date(expired) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert birth_date(expired) is None
