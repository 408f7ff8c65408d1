"""Requesting and building reports: one file per report, permission re-checks, retries and schedules."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import OperationalError, connections, transaction
from django.utils import timezone

from core.jobs import JobBusy, JobConnection, run_job
from core.models import JobStatus, Region
from core.testing.factories import EmployerFactory, StaffUserFactory
from credentials.tests.factories import ClosedRoundFactory
from reports import services
from reports.models import Report, ScheduleTrigger
from reports.tasks import build_report
from reports.tests.factories import ReportFactory, ScheduledReportFactory


def report_files(media_root):
    return sorted(path.relative_to(media_root).as_posix() for path in media_root.rglob("*") if path.is_file())


@pytest.mark.django_db(transaction=True)
def test_a_report_built_twice_still_has_exactly_one_file(media_root):
    EmployerFactory.create_batch(3)
    report = services.report_request(kind="organisations", params={}, fmt="csv", user=StaffUserFactory())
    run_job(services.ReportJob, report.pk)
    report.refresh_from_db()
    assert (report.status, report.progress, report.attempts) == (JobStatus.SUCCEEDED, 100, 1)
    assert report_files(media_root) == [f"reports/{report.pk}/organisations-{report.pk}.csv"] == [report.file.name]
    first = report.file.read()

    # A worker that died after saving the file but before marking the row: the next delivery builds it again.
    Report.objects.filter(pk=report.pk).update(status=JobStatus.RUNNING)
    EmployerFactory()
    run_job(services.ReportJob, report.pk)
    report.refresh_from_db()
    assert (report.status, report.attempts) == (JobStatus.SUCCEEDED, 2)
    assert report_files(media_root) == [report.file.name]
    assert report.file.open("rb").read() != first  # overwritten with the newer data, not added beside it

    # A delivery of a report that already succeeded does nothing.
    run_job(services.ReportJob, report.pk)
    report.refresh_from_db()
    assert report.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_the_job_rechecks_that_the_requester_may_still_have_the_report(media_root):
    staff = StaffUserFactory()
    report = services.report_request(kind="organisations", params={}, fmt="xlsx", user=staff)
    staff.groups.clear()
    run_job(services.ReportJob, report.pk)
    report.refresh_from_db()
    assert report.status == JobStatus.FAILED
    assert "may not" in report.error
    assert report_files(media_root) == []


@pytest.mark.django_db(transaction=True)
def test_parameters_that_no_longer_hold_fail_the_report_with_the_reason(media_root):
    region = Region.objects.create(name="Gone region", slug="gone-region")
    report = services.report_request(
        kind="organisations", params={"region": region.pk}, fmt="csv", user=StaffUserFactory()
    )
    region.delete()
    run_job(services.ReportJob, report.pk)
    report.refresh_from_db()
    assert report.status == JobStatus.FAILED
    assert "region" in report.error


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_by_others_while_the_snapshot_transaction_is_open():
    report = ReportFactory(status=JobStatus.RUNNING)
    observer = connections.create_connection("default")
    try:
        with transaction.atomic(), JobConnection(report) as job:
            Report.objects.get(pk=report.pk)  # the snapshot connection has an open transaction
            job.progress(40, 100)
            with observer.cursor() as cursor:
                cursor.execute("SELECT progress FROM reports_report WHERE id = %s", [report.pk])
                assert cursor.fetchone() == (40,)
            # The same kind of write on the snapshot's own connection would stay invisible until commit.
            Report.objects.filter(pk=report.pk).update(rows=7)
            with observer.cursor() as cursor:
                cursor.execute("SELECT rows FROM reports_report WHERE id = %s", [report.pk])
                assert cursor.fetchone() == (None,)
    finally:
        observer.close()


@pytest.mark.django_db(transaction=True)
def test_a_second_delivery_leaves_a_running_build_to_its_worker(media_root):
    report = services.report_request(kind="organisations", params={}, fmt="csv", user=StaffUserFactory())
    with JobConnection(report) as first:
        assert first.try_lock()
        with pytest.raises(JobBusy):
            run_job(services.ReportJob, report.pk)
        report.refresh_from_db()
        assert (report.status, report.attempts) == (JobStatus.QUEUED, 0)
    # Once the first worker's connection is gone (it finished or died), the lock is free again.
    run_job(services.ReportJob, report.pk)
    report.refresh_from_db()
    assert report.status == JobStatus.SUCCEEDED


@pytest.mark.django_db
def test_the_last_failed_retry_marks_the_report_failed():
    report = ReportFactory(status=JobStatus.RUNNING)
    build_report.on_failure(OperationalError("the database went away"), "task-id", (report.pk,), {}, None)
    report.refresh_from_db()
    assert report.status == JobStatus.FAILED
    assert "the database went away" in report.error


@pytest.mark.django_db
def test_request_refuses_unknown_kinds_formats_and_people():
    staff = StaffUserFactory()
    with pytest.raises(services.ReportError, match="no report kind"):
        services.report_request(kind="nonsense", params={}, fmt="csv", user=staff)
    with pytest.raises(services.ReportError, match="format"):
        services.report_request(kind="organisations", params={}, fmt="docx", user=staff)
    with pytest.raises(services.ReportError, match="may not"):
        services.report_request(
            kind="organisations", params={}, fmt="csv", user=EmployerFactory().users.create(email="e@example.test")
        )
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_retry_only_failed_reports():
    report = ReportFactory()
    with pytest.raises(services.ReportError):
        services.report_retry(report=report, user=report.requested_by)
    report.mark_failed("boom")
    services.report_retry(report=report, user=report.requested_by)
    report.refresh_from_db()
    assert (report.status, report.error, report.finished_at) == (JobStatus.QUEUED, "", None)


@pytest.mark.django_db
def test_a_schedule_requests_its_report():
    schedule = ScheduledReportFactory(kind="organisations", parameters={"kind": "employer"})
    (report,) = services.scheduled_report_run(schedule=schedule)
    assert (report.kind, report.parameters, report.schedule, report.requested_by) == (
        "organisations",
        {"kind": "employer"},
        schedule,
        None,
    )
    schedule.refresh_from_db()
    assert schedule.last_run_at is not None
    schedule.is_active = False
    schedule.save()
    assert services.scheduled_report_run(schedule=schedule) == []


@pytest.mark.django_db
def test_the_round_closed_schedule_reports_each_round_once():
    now = timezone.now()
    schedule = ScheduledReportFactory(
        kind="credential-round", trigger=ScheduleTrigger.ROUND_CLOSED, last_run_at=now - timedelta(days=1)
    )
    closed_yesterday = ClosedRoundFactory(opens_at=now - timedelta(days=30), closes_at=now - timedelta(hours=5))
    ClosedRoundFactory(opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=40))  # reported long ago
    ClosedRoundFactory(opens_at=now - timedelta(days=3), closes_at=now + timedelta(days=5))  # still open
    reports = services.scheduled_report_run(schedule=schedule, now=now)
    assert [report.parameters for report in reports] == [{"round": closed_yesterday.pk}]
    assert services.scheduled_report_run(schedule=schedule, now=now + timedelta(days=1)) == []


@pytest.mark.django_db(transaction=True)
def test_subscribers_who_are_still_staff_get_a_link(media_root, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.test"
    staff, former = StaffUserFactory(email="analyst@example.test"), StaffUserFactory(email="former@example.test")
    former.groups.clear()
    schedule = ScheduledReportFactory()
    schedule.subscribers.add(staff, former)
    (report,) = services.scheduled_report_run(schedule=schedule)
    run_job(services.ReportJob, report.pk)
    report.refresh_from_db()
    assert report.status == JobStatus.SUCCEEDED
    assert [message.to for message in mail.outbox] == [["analyst@example.test"]]
    assert f"https://portal.example.test/reports/{report.pk}/" in mail.outbox[0].body
