"""Pages of the reports app: who may open what, and what each costs in queries."""

import pytest
from django.urls import reverse

from core.models import JobStatus
from core.testing.access import assert_access
from core.testing.factories import StaffUserFactory
from core.testing.queries import assert_query_budget
from reports.models import Report
from reports.tests.factories import ReportFactory


def finished_report(requested_by, media_root, *, body=b"kind,count\n"):
    """A succeeded report with a file on disk, as the job leaves it."""
    report = ReportFactory(requested_by=requested_by, format="csv")
    path = media_root / "reports" / str(report.pk) / f"organisations-{report.pk}.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(body)
    report.mark_succeeded(file=path.relative_to(media_root).as_posix(), rows=1)
    return report


@pytest.fixture
def others_report(people, media_root):
    people.extra["former_staff"] = former = StaffUserFactory()
    report = finished_report(former, media_root)
    former.groups.clear()
    return report


@pytest.mark.django_db
def test_list_and_request_pages_are_for_program_staff(client, people):
    for url in [reverse("reports:list"), reverse("reports:create", args=["organisations"])]:
        assert_access(
            client,
            url,
            {"anonymous": 302, "employer": 403, "provider": 403, "staff": 200, "admin": 200},
            people,
        )


@pytest.mark.django_db
def test_unknown_kind_is_404(client, people):
    client.force_login(people.staff)
    assert client.get(reverse("reports:create", args=["no-such-kind"])).status_code == 404


@pytest.mark.django_db
def test_only_the_requester_and_admins_open_or_download_a_report(client, people, media_root):
    report = finished_report(people.staff, media_root)
    people.extra["other_staff"] = StaffUserFactory()
    for name in ["detail", "status", "download"]:
        assert_access(
            client,
            reverse(f"reports:{name}", args=[report.pk]),
            {
                "anonymous": 302,
                "employer": 403,
                "other_employer": 403,
                "provider": 403,
                "other_staff": 404,
                "staff": 200,
                "admin": 200,
            },
            people,
        )


@pytest.mark.django_db
def test_someone_who_lost_the_staff_role_cannot_download_their_old_report(client, people, others_report):
    assert_access(
        client,
        reverse("reports:download", args=[others_report.pk]),
        {"former_staff": 403, "staff": 404, "admin": 200},
        people,
    )


@pytest.mark.django_db
def test_download_streams_the_file_with_its_type(client, people, media_root):
    report = finished_report(people.staff, media_root, body=b"kind,count\nEmployer,3\n")
    client.force_login(people.staff)
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response["Content-Type"] == "text/csv"
    assert f'filename="organisations-{report.pk}.csv"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"kind,count\nEmployer,3\n"


@pytest.mark.django_db
def test_unfinished_report_has_no_download(client, people):
    report = ReportFactory(requested_by=people.staff)
    client.force_login(people.staff)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404


@pytest.mark.django_db
def test_status_partial_polls_until_finished(client, people, media_root):
    running = ReportFactory(requested_by=people.staff, status=JobStatus.RUNNING, progress=40)
    client.force_login(people.staff)
    html = client.get(reverse("reports:status", args=[running.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in html and 'data-progress="40"' in html
    done = finished_report(people.staff, media_root)
    html = client.get(reverse("reports:status", args=[done.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in html and reverse("reports:download", args=[done.pk]) in html


@pytest.mark.django_db
def test_staff_see_their_reports_and_admins_see_all(client, people):
    mine = ReportFactory(requested_by=people.staff)
    theirs = ReportFactory()
    client.force_login(people.staff)
    page = client.get(reverse("reports:list")).content.decode()
    assert reverse("reports:detail", args=[mine.pk]) in page
    assert reverse("reports:detail", args=[theirs.pk]) not in page
    client.force_login(people.admin)
    page = client.get(reverse("reports:list")).content.decode()
    assert reverse("reports:detail", args=[theirs.pk]) in page


@pytest.mark.django_db(transaction=True)
def test_requesting_a_report_creates_the_job(client, people):
    client.force_login(people.staff)
    response = client.post(reverse("reports:create", args=["organisations"]), {"kind": "employer", "format": "csv"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.parameters, report.format, report.requested_by) == (
        "organisations",
        {"kind": "employer"},
        "csv",
        people.staff,
    )


@pytest.mark.django_db
def test_a_bad_parameter_is_named(client, people):
    client.force_login(people.staff)
    response = client.post(reverse("reports:create", args=["organisations"]), {"kind": "pirate", "format": "csv"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_retry_requeues_only_failed_reports(client, people):
    report = ReportFactory(requested_by=people.staff)
    report.mark_failed("The database went away.")
    client.force_login(people.staff)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "The database went away." in page
    client.post(reverse("reports:retry", args=[report.pk]))
    report.refresh_from_db()
    assert (report.status, report.error) == (JobStatus.QUEUED, "")
    client.post(reverse("reports:retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == JobStatus.QUEUED


@pytest.mark.django_db
def test_other_staff_cannot_retry_my_report(client, people):
    report = ReportFactory(requested_by=people.staff)
    report.mark_failed("x")
    people.extra["other_staff"] = StaffUserFactory()
    assert_access(
        client,
        reverse("reports:retry", args=[report.pk]),
        {"other_staff": 404, "employer": 403},
        people,
        method="post",
    )


@pytest.mark.django_db
def test_report_list_query_budget(client, people):
    client.force_login(people.admin)
    requester = StaffUserFactory()
    assert_query_budget(
        client,
        reverse("reports:list"),
        make_rows=lambda n: ReportFactory.create_batch(n, requested_by=requester),
        budget=12,
    )


@pytest.mark.django_db
def test_subscribers_of_a_schedule_may_download_its_reports(client, people, media_root):
    from reports.tests.factories import ScheduledReportFactory

    schedule = ScheduledReportFactory()
    people.extra["subscriber"] = subscriber = StaffUserFactory()
    people.extra["other_staff"] = StaffUserFactory()
    schedule.subscribers.add(subscriber)
    report = finished_report(None, media_root)
    Report.objects.filter(pk=report.pk).update(schedule=schedule)
    assert_access(
        client,
        reverse("reports:download", args=[report.pk]),
        {"subscriber": 200, "other_staff": 404, "admin": 200, "employer": 403},
        people,
    )


@pytest.mark.django_db
def test_admin_pages_load(client, people):
    from reports.tests.factories import ScheduledReportFactory

    ReportFactory()
    ScheduledReportFactory()
    client.force_login(people.admin)
    for name in ["admin:reports_report_changelist", "admin:reports_scheduledreport_changelist"]:
        assert client.get(reverse(name)).status_code == 200
