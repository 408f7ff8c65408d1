import time

import pytest
from django.urls import reverse

from core.models import JobStatus
from partnerships import tasks
from partnerships.models import SupportRecord, ToolkitBuild
from partnerships.tests.factories import SkillGapFactory


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def wait_until_finished(build, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        build.refresh_from_db()
        if build.is_finished:
            return build
        time.sleep(0.5)
    raise AssertionError(f"The tool kit build is still {build.status} after {timeout} s")


@pytest.mark.worker
def test_the_worker_builds_the_toolkit_the_convener_downloads(
    transactional_db, media_root, toolkit_documents, celery_worker, client, people, partnership
):
    SkillGapFactory(partnership=partnership)
    client.force_login(people.extra["convener"])
    response = client.post(reverse("partnerships:toolkit_create", args=[partnership.pk]))
    build = wait_until_finished(ToolkitBuild.objects.get())
    assert build.status == JobStatus.SUCCEEDED, build.error
    assert response.url == build.get_absolute_url()
    assert SupportRecord.objects.get(partnership=partnership).kind == "customized_toolkit"
    download = client.get(reverse("partnerships:toolkit_download", args=[partnership.pk, build.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_the_task_refuses_a_requester_who_may_no_longer_edit(db, people, partnership):
    build = ToolkitBuild.objects.create(partnership=partnership, requested_by=people.extra["member"])
    tasks.build_toolkit(build.pk)
    build.refresh_from_db()
    assert build.status == JobStatus.FAILED and "no longer" in build.error
    tasks.build_toolkit(987654)  # a build that is gone is ignored


def test_the_reminder_task_emails_the_convener_when_the_report_is_due_today(db, people, partnership, mailoutbox):
    from django.utils import timezone

    from partnerships import services

    period = services.reporting_period_last_ended()
    period.due_on = timezone.localdate()  # the due date is data on the row
    period.save()
    assert tasks.outcome_reports_remind() == 1
    assert mailoutbox[0].to == ["convener@example.test"]
