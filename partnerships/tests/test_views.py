import csv
import io
import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from core.testing.access import assert_access
from core.testing.factories import IndustryClusterFactory, OrganizationFactory, ProviderFactory, RegionFactory
from core.testing.queries import assert_query_budget
from partnerships import services
from partnerships.models import (
    Meeting,
    Membership,
    OutcomeReport,
    ReportStatus,
    SectorPartnership,
    SkillGap,
    StageChange,
    ToolkitBuild,
)
from partnerships.tests.factories import (
    ActionFactory,
    ContactFactory,
    MeetingFactory,
    MembershipFactory,
    OutcomeMetricFactory,
    OutcomeReportFactory,
    OutcomeValueFactory,
    SectorPartnershipFactory,
    SkillGapFactory,
)

pytestmark = pytest.mark.django_db

PUBLIC = dict.fromkeys(["anonymous", "staff", "admin", "employer", "provider", "convener", "member"], 200)
LOGGED_IN = {"anonymous": 302, "staff": 200, "admin": 200, "employer": 200, "convener": 200, "member": 200}
STAFF_ONLY = {"anonymous": 302, "staff": 200, "admin": 200, "employer": 403, "provider": 403, "convener": 403}
# A partnership's pages: readers see, the convener edits, everyone else gets a 404.
READ = {
    "anonymous": 302,
    "staff": 200,
    "admin": 200,
    "convener": 200,
    "member": 200,
    "employer": 404,
    "other_employer": 404,
    "provider": 404,
}
EDIT = {**READ, "member": 403}
STAFF_ON_PARTNERSHIP = {**READ, "member": 403, "convener": 403}


@pytest.fixture
def records(partnership, people):
    """One record of each kind on the partnership."""
    member = Membership.objects.get(partnership=partnership)
    contact = ContactFactory(partnership=partnership)
    meeting = MeetingFactory(partnership=partnership)
    gap = SkillGapFactory(partnership=partnership)
    action = ActionFactory(partnership=partnership)
    report = OutcomeReportFactory(partnership=partnership)
    return {"member": member, "contact": contact, "meeting": meeting, "gap": gap, "action": action, "report": report}


def test_list_pages_permission_matrix(client, people, partnership):
    assert_access(client, reverse("partnerships:list"), LOGGED_IN, people)
    assert_access(client, reverse("partnerships:export"), LOGGED_IN, people)
    assert_access(client, reverse("partnerships:reports_due"), LOGGED_IN, people)
    assert_access(client, reverse("partnerships:directory"), PUBLIC, people)
    for name in ["create", "metric_list", "metric_create", "cluster_ranking"]:
        assert_access(client, reverse(f"partnerships:{name}"), STAFF_ONLY, people)


def test_partnership_pages_permission_matrix(client, people, partnership, records, metrics, toolkit_documents):
    pk = partnership.pk
    assert_access(client, reverse("partnerships:detail", args=[pk]), READ, people)
    assert_access(client, reverse("partnerships:update", args=[pk]), STAFF_ON_PARTNERSHIP, people)
    assert_access(client, reverse("partnerships:stage_change", args=[pk]), STAFF_ON_PARTNERSHIP, people)
    assert_access(client, reverse("partnerships:priority_designate", args=[pk]), STAFF_ON_PARTNERSHIP, people)
    assert_access(client, reverse("partnerships:support_create", args=[pk]), STAFF_ON_PARTNERSHIP, people)
    assert_access(client, reverse("partnerships:meeting_detail", args=[pk, records["meeting"].pk]), READ, people)
    assert_access(client, reverse("partnerships:report_detail", args=[pk, records["report"].pk]), READ, people)
    for name in ["member_create", "contact_create", "meeting_create", "gap_create", "action_create", "report_create"]:
        assert_access(client, reverse(f"partnerships:{name}", args=[pk]), EDIT, people)
    for prefix, key in [("member", "member"), ("contact", "contact"), ("meeting", "meeting"), ("gap", "gap"),
                        ("action", "action")]:  # fmt: skip
        for verb in ["update", "delete"]:
            assert_access(client, reverse(f"partnerships:{prefix}_{verb}", args=[pk, records[key].pk]), EDIT, people)
    assert_access(client, reverse("partnerships:report_update", args=[pk, records["report"].pk]), EDIT, people)
    assert_access(client, reverse("partnerships:meeting_launch", args=[pk]), EDIT, people)
    assert_access(client, reverse("partnerships:document_pdf", args=[pk, "launch-agenda"]), EDIT, people)


def test_posts_by_readers_who_may_not_edit_change_nothing(client, people, partnership, records):
    pk = partnership.pk
    post = {"anonymous": 302, "member": 403, "employer": 404}
    assert_access(client, reverse("partnerships:contact_create", args=[pk]), post, people, method="post")
    assert_access(
        client, reverse("partnerships:member_delete", args=[pk, records["member"].pk]), post, people, method="post"
    )
    assert_access(
        client,
        reverse("partnerships:report_review", args=[pk, records["report"].pk]),
        {**post, "convener": 403},
        people,
        method="post",
        data={"decision": "accept"},
    )
    assert_access(client, reverse("partnerships:toolkit_create", args=[pk]), post, people, method="post")
    assert Membership.objects.filter(pk=records["member"].pk).exists()
    assert not ToolkitBuild.objects.exists()


def test_a_record_of_another_partnership_is_a_404_even_for_its_convener(client, people, partnership):
    other_gap = SkillGapFactory()
    client.force_login(people.extra["convener"])
    url = reverse("partnerships:gap_update", args=[partnership.pk, other_gap.pk])
    assert client.get(url).status_code == 404


# --- Query budgets -----------------------------------------------------------------------------------------------


def test_list_and_export_query_budgets(client, people):
    cluster, convener, region = IndustryClusterFactory(), OrganizationFactory(), RegionFactory()

    def make_rows(n):
        for _ in range(n):
            p = SectorPartnershipFactory(cluster=cluster, convener=convener, scope="regional")
            p.regions.add(region)
            MembershipFactory(partnership=p, organization=convener)

    client.force_login(people.staff)
    assert_query_budget(client, reverse("partnerships:list"), make_rows=make_rows, budget=14)
    client.force_login(people.staff)
    response = client.get(reverse("partnerships:export"))
    assert len(list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))) == 301


def test_directory_query_budget(client, people):
    cluster, convener = IndustryClusterFactory(), OrganizationFactory()

    def make_rows(n):
        for _ in range(n):
            SectorPartnershipFactory(cluster=cluster, convener=convener)

    assert_query_budget(client, reverse("partnerships:directory"), make_rows=make_rows, budget=8)


def test_detail_query_budget(client, people, partnership):
    def make_rows(n):
        for _ in range(n):
            MembershipFactory(partnership=partnership)
            contact = ContactFactory(partnership=partnership)
            MeetingFactory(partnership=partnership).attendees.add(contact)
            SkillGapFactory(partnership=partnership, soc_code=f"{len(SkillGap.objects.all()) % 90 + 10}-1000")
            ActionFactory(partnership=partnership)

    client.force_login(people.staff)
    assert_query_budget(client, reverse("partnerships:detail", args=[partnership.pk]), make_rows=make_rows, budget=30)


def test_due_reports_and_report_detail_query_budgets(client, people, partnership):
    client.force_login(people.staff)
    convener = OrganizationFactory()
    services.reporting_period_last_ended()  # the first visit of a half-year creates its period row
    assert_query_budget(
        client,
        reverse("partnerships:reports_due"),
        make_rows=lambda n: [SectorPartnershipFactory(convener=convener) for _ in range(n)],
        budget=14,
    )
    report = OutcomeReportFactory(partnership=partnership)
    assert_query_budget(
        client,
        reverse("partnerships:report_detail", args=[partnership.pk, report.pk]),
        make_rows=lambda n: [OutcomeValueFactory(report=report, metric=OutcomeMetricFactory()) for _ in range(n)],
        budget=14,
    )


def test_cluster_ranking_and_metric_list_query_budgets(client, people):
    cluster = IndustryClusterFactory()
    convener = OrganizationFactory()
    client.force_login(people.staff)
    assert_query_budget(
        client,
        reverse("partnerships:cluster_ranking"),
        make_rows=lambda n: [SectorPartnershipFactory(cluster=cluster, convener=convener) for _ in range(n)],
        budget=14,
    )
    assert_query_budget(
        client,
        reverse("partnerships:metric_list"),
        make_rows=lambda n: [OutcomeMetricFactory() for _ in range(n)],
        budget=8,
    )


def test_meeting_detail_query_budget(client, people, partnership):
    meeting = MeetingFactory(partnership=partnership)

    def make_rows(n):
        for _ in range(n):
            meeting.attendees.add(ContactFactory(partnership=partnership))
            ActionFactory(partnership=partnership, meeting=meeting)

    client.force_login(people.extra["convener"])
    url = reverse("partnerships:meeting_detail", args=[partnership.pk, meeting.pk])
    assert_query_budget(client, url, make_rows=make_rows, budget=14)


# --- Flows -------------------------------------------------------------------------------------------------------


def test_staff_create_a_partnership(client, people):
    cluster, region = IndustryClusterFactory(), RegionFactory()
    client.force_login(people.staff)
    data = {"name": "Metro Makers", "cluster": cluster.pk, "scope": "regional", "goals": "", "description": ""}
    response = client.post(reverse("partnerships:create"), data)
    assert response.status_code == 200
    assert "Choose at least one region" in response.content.decode()
    response = client.post(reverse("partnerships:create"), {**data, "regions": [region.pk]})
    partnership = SectorPartnership.objects.get(name="Metro Makers")
    assert response.url == partnership.get_absolute_url()
    assert partnership.stage == "exploring"
    assert StageChange.objects.get(partnership=partnership).changed_by == people.staff


def test_stage_change_form_refuses_a_skip(client, people, partnership):
    partnership.stage = "exploring"
    partnership.save()
    client.force_login(people.staff)
    url = reverse("partnerships:stage_change", args=[partnership.pk])
    response = client.post(url, {"to_stage": "sustaining"})
    assert response.status_code == 200 and "sustaining" in response.context["form"].errors["to_stage"][0]
    response = client.post(url, {"to_stage": "launching", "note": "Employers ready"})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.stage == "launching"


def test_convener_adds_a_stakeholder_and_the_role_must_fit_the_organisation(client, people, partnership):
    client.force_login(people.extra["convener"])
    url = reverse("partnerships:member_create", args=[partnership.pk])
    provider = ProviderFactory(name="Tech College")
    response = client.post(url, {"organization": provider.pk, "role": "employer_champion", "joined_on": "2026-01-05"})
    assert response.status_code == 200
    assert "must be employer" in " ".join(response.context["form"].errors["role"])
    response = client.post(url, {"organization": provider.pk, "role": "education_partner", "joined_on": "2026-01-05"})
    assert response.status_code == 302
    assert partnership.memberships.filter(organization=provider).exists()


def test_detail_warns_about_missing_kinds_of_stakeholder(client, people, partnership):
    client.force_login(people.extra["member"])
    body = client.get(reverse("partnerships:detail", args=[partnership.pk])).content.decode()
    assert "No employers yet" in body
    assert "No education or training partner yet" not in body
    assert "Add stakeholder" not in body  # members read, they do not edit


def test_the_partnership_page_has_one_history_section_with_the_audit_trail_inside(client, people, partnership):
    """Before, staff saw two "History" headings, two elements with id history-heading and two landmarks."""
    client.force_login(people.staff)
    body = client.get(reverse("partnerships:detail", args=[partnership.pk])).content.decode()
    assert len(re.findall(r"<h2[^>]*>\s*History\s*</h2>", body)) == 1
    assert body.count('id="history-heading"') == 1
    assert body.count('aria-labelledby="history-heading"') == 1
    history = body[body.index('<section id="history"') :]
    history = history[: history.index("</section>")]
    assert "Every recorded change" in history and "Sector partnership created" in history


def test_skill_gap_soc_code_is_validated(client, people, partnership):
    client.force_login(people.extra["convener"])
    url = reverse("partnerships:gap_create", args=[partnership.pk])
    data = {"soc_code": "514041", "horizon": "short_term", "status": "current", "priority": 1}
    response = client.post(url, data)
    assert "NN-NNNN" in " ".join(response.context["form"].errors["soc_code"])
    response = client.post(url, {**data, "soc_code": "51-4041", "occupation_title": "Machinists"})
    assert response.status_code == 302
    assert partnership.skill_gaps.get().soc_code == "51-4041"


def test_skill_gap_picks_a_toolkit_occupation_when_loaded(client, people, partnership):
    from toolkit.tests.factories import OccupationFactory

    occupation = OccupationFactory(soc_code="11-9998", title="Test welders")
    client.force_login(people.extra["convener"])
    url = reverse("partnerships:gap_create", args=[partnership.pk])
    response = client.post(url, {"occupation": occupation.pk, "horizon": "long_term", "status": "emerging",
                                 "priority": 2})  # fmt: skip
    assert response.status_code == 302
    gap = partnership.skill_gaps.get()
    assert (gap.soc_code, gap.occupation_title) == ("11-9998", "Test welders")


def test_export_follows_the_filters(client, people, partnership):
    SectorPartnershipFactory(name="Sleepy", stage="inactive")
    client.force_login(people.staff)
    response = client.get(reverse("partnerships:export"), {"stage": "inactive"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == ["Sleepy"]


def test_directory_lists_current_partnerships_with_member_counts(client, partnership):
    SectorPartnershipFactory(name="Sleepy", stage="inactive")
    body = client.get(reverse("partnerships:directory")).content.decode()
    assert "Precision Partnership" in body and "Sleepy" not in body


def test_report_entry_submit_and_accept_through_the_pages(client, people, partnership, metrics):
    client.force_login(people.extra["convener"])
    response = client.post(reverse("partnerships:report_create", args=[partnership.pk]), {"period": ""})
    assert response.status_code == 200
    period_start = response.context["form"].fields["period"].choices[1][0]
    response = client.post(reverse("partnerships:report_create", args=[partnership.pk]), {"period": period_start})
    report = OutcomeReport.objects.get(partnership=partnership)
    edit_url = reverse("partnerships:report_update", args=[partnership.pk, report.pk])
    assert response.url == edit_url
    values = {f"metric_{m.pk}": "4" for m in metrics}
    response = client.post(edit_url, {**values, f"metric_{metrics[0].pk}": "", "successes": "Hired", "submit": "1"})
    assert response.status_code == 200 and metrics[0].name in response.content.decode()
    response = client.post(edit_url, {**values, "successes": "Hired", "submit": "1"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert client.get(edit_url).status_code == 403  # frozen once submitted
    client.force_login(people.staff)
    review_url = reverse("partnerships:report_review", args=[partnership.pk, report.pk])
    client.post(review_url, {"decision": "accept", "comments": "Thanks"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.staff_comments == "Thanks"


def test_due_reports_page_shows_conveners_their_own(client, people, partnership):
    SectorPartnershipFactory(name="Not mine")
    client.force_login(people.extra["convener"])
    body = client.get(reverse("partnerships:reports_due")).content.decode()
    assert "Precision Partnership" in body and "Not mine" not in body


def test_launch_meeting_is_created_from_the_sample_agenda(client, people, partnership, toolkit_documents):
    client.force_login(people.extra["convener"])
    url = reverse("partnerships:meeting_launch", args=[partnership.pk])
    assert "Precision Partnership" in client.get(url).content.decode()
    response = client.post(url, {"starts_at": "2026-12-03T09:30", "place": "Town hall"})
    meeting = Meeting.objects.get(partnership=partnership)
    assert response.url == meeting.get_absolute_url()
    assert meeting.kind == "launch" and "Precision Partnership" in meeting.agenda and "Town hall" in meeting.agenda


def test_filled_documents_download_as_pdf(client, people, partnership, toolkit_documents):
    client.force_login(people.extra["convener"])
    for document in ["launch-agenda", "employer-invitation", "partner-invitation"]:
        response = client.get(reverse("partnerships:document_pdf", args=[partnership.pk, document]))
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    assert client.get(reverse("partnerships:document_pdf", args=[partnership.pk, "nope"])).status_code == 404


def test_toolkit_download_only_for_staff_and_the_convener(client, people, partnership, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    build = ToolkitBuild.objects.create(partnership=partnership, requested_by=people.staff)
    build.file.save("kit.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    build.mark_succeeded()
    url = reverse("partnerships:toolkit_download", args=[partnership.pk, build.pk])
    assert_access(client, url, EDIT, people)
    client.force_login(people.extra["convener"])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.7 test"
    detail = reverse("partnerships:toolkit_detail", args=[partnership.pk, build.pk])
    partial = client.get(detail, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "Download the tool kit" in partial


def test_toolkit_build_request_queues_a_job(client, people, partnership, django_capture_on_commit_callbacks):
    client.force_login(people.extra["convener"])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("partnerships:toolkit_create", args=[partnership.pk]))
    build = ToolkitBuild.objects.get()
    assert response.url == build.get_absolute_url()
    assert len(callbacks) == 1  # the Celery task is queued once the row is committed
    assert build.status == "queued"


def test_cluster_ranking_explains_what_to_import_without_data(client, people):
    client.force_login(people.staff)
    body = client.get(reverse("partnerships:cluster_ranking")).content.decode()
    assert "No labor-market data" in body and "OEWS" in body


def test_priority_designation_and_support_through_the_pages(client, people, partnership):
    client.force_login(people.staff)
    client.post(reverse("partnerships:priority_designate", args=[partnership.pk]), {"rationale": "Top cluster"})
    assert partnership in SectorPartnership.objects.priority()
    client.post(
        reverse("partnerships:support_create", args=[partnership.pk]),
        {"kind": "convening_support", "provided_on": "2026-10-01", "description": "Agency hosts meetings"},
    )
    record = partnership.support_records.get()
    assert record.recorded_by == people.staff and record.provided_on == date(2026, 10, 1)
    client.post(reverse("partnerships:priority_end", args=[partnership.pk]))
    assert partnership not in SectorPartnership.objects.priority()


def test_htmx_filtering_answers_with_the_results_only(client, people, partnership):
    SectorPartnershipFactory(name="Sleepy", stage="inactive")
    client.force_login(people.staff)
    response = client.get(reverse("partnerships:list"), {"stage": "inactive"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and "Sleepy" in body and "Precision Partnership" not in body
    assert "stage=inactive" in body  # the CSV link follows the filters
    body = client.get(reverse("partnerships:directory"), {"q": "precision"}, headers={"HX-Request": "true"}).content
    assert b"<html" not in body and b"Precision Partnership" in body


def test_priority_filter_is_for_staff_only(client, people, partnership):
    client.force_login(people.extra["convener"])
    response = client.get(reverse("partnerships:list"), {"priority": "yes"})
    assert "priority" not in response.context["filter"].form.fields
    assert list(response.context["filter"].qs) == [partnership]  # the parameter is ignored
    client.force_login(people.staff)
    response = client.get(reverse("partnerships:list"), {"priority": "yes"})
    assert list(response.context["filter"].qs) == []


def test_members_do_not_see_the_tool_kit_section(client, people, partnership):
    client.force_login(people.extra["member"])
    body = client.get(reverse("partnerships:detail", args=[partnership.pk])).content.decode()
    assert "Build the customized tool kit" not in body
    client.force_login(people.extra["convener"])
    body = client.get(reverse("partnerships:detail", args=[partnership.pk])).content.decode()
    assert "Build the customized tool kit" in body


def test_meeting_form_asks_for_the_place_or_the_link(client, people, partnership):
    contact = ContactFactory(partnership=partnership)
    client.force_login(people.extra["convener"])
    url = reverse("partnerships:meeting_create", args=[partnership.pk])
    data = {"kind": "full", "starts_at": "2026-12-01T10:00", "format": "virtual", "place": "", "link": ""}
    response = client.post(url, data)
    assert "Give the link" in " ".join(response.context["form"].errors["link"])
    response = client.post(url, {**data, "link": "https://meet.example/x", "attendees": [contact.pk]})
    meeting = Meeting.objects.get(partnership=partnership)
    assert response.url == meeting.get_absolute_url()
    assert list(meeting.attendees.all()) == [contact]


def test_contacts_work_at_member_organisations(client, people, partnership):
    client.force_login(people.extra["convener"])
    url = reverse("partnerships:contact_create", args=[partnership.pk])
    stranger = OrganizationFactory(name="Stranger Inc")
    response = client.post(url, {"organization": stranger.pk, "name": "Ann"})
    assert "organization" in response.context["form"].errors
    member = people.extra["member"].organization
    response = client.post(url, {"organization": member.pk, "name": "Ann", "email": "ann@college.test"})
    assert response.status_code == 302
    assert partnership.contacts.get().organization == member


def test_opening_the_new_report_page_writes_no_reporting_period(client, people, partnership):
    from partnerships.models import ReportingPeriod

    client.force_login(people.extra["convener"])
    url = reverse("partnerships:report_create", args=[partnership.pk])
    before = ReportingPeriod.objects.count()
    response = client.get(url)
    assert response.status_code == 200
    assert ReportingPeriod.objects.count() == before
    choices = response.context["form"].fields["period"].choices[1:]
    assert len(choices) == 4  # this half-year and the three before it
    client.post(url, {"period": choices[1][0]})
    assert ReportingPeriod.objects.count() == before + 1  # created when the report is started
    report = OutcomeReport.objects.get(partnership=partnership)
    assert report.period.start.isoformat() == choices[1][0]
    assert choices[1] not in client.get(url).context["form"].fields["period"].choices


def test_a_refused_review_is_shown_on_the_report_page_with_its_error(client, people, partnership):
    report = OutcomeReportFactory(partnership=partnership, status=ReportStatus.SUBMITTED)
    client.force_login(people.staff)
    review_url = reverse("partnerships:report_review", args=[partnership.pk, report.pk])
    response = client.post(review_url, {"decision": "return", "comments": ""})
    assert response.status_code == 200
    assert response.context["review_form"].errors["comments"] == ["Say what the convener should change."]
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
