import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from core.models import IndustryCluster
from core.testing.access import assert_access
from core.testing.factories import IndustryClusterFactory
from core.testing.queries import assert_query_budget
from toolkit.models import DataImport, ImportKind, Occupation, Resource, ResourceVisibility
from toolkit.tests.factories import (
    ClusterOccupationFactory,
    DataImportFactory,
    OccupationEstimateFactory,
    OccupationFactory,
    PortalStateFactory,
    ResourceFactory,
    TrainingProgramFactory,
)

pytestmark = pytest.mark.django_db

EVERYONE_200 = dict.fromkeys(["anonymous", "staff", "admin", "employer", "other_employer", "provider"], 200)
STAFF_ONLY = {
    "anonymous": 302,
    "employer": 403,
    "other_employer": 403,
    "provider": 403,
    "staff": 200,
    "admin": 200,
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def labor_data():
    """The healthcare cluster's first key occupation, with a statewide estimate."""
    cluster = IndustryCluster.objects.get(slug="healthcare")
    link = cluster.key_occupations.select_related("occupation").first()
    OccupationEstimateFactory(area=PortalStateFactory(), occupation=link.occupation, employment=7410)
    return cluster, link.occupation


def test_public_pages_answer_everyone(client, people, labor_data):
    staff_only = ResourceFactory(slug="internal", visibility=ResourceVisibility.STAFF)
    public = ResourceFactory(slug="public-file", file=SimpleUploadedFile("guide.pdf", PDF))
    for url in [
        reverse("toolkit:index"),
        reverse("toolkit:resource_detail", args=["sector-partnership-101"]),
        reverse("toolkit:resource_file", args=[public.slug]),
        reverse("toolkit:cluster_list"),
        reverse("toolkit:cluster_list") + "?region=central",
        reverse("toolkit:cluster_profile", args=["healthcare"]),
        reverse("toolkit:cluster_profile", args=["healthcare"]) + "?region=central",
        reverse("toolkit:cluster_download", args=["healthcare"]),
        reverse("toolkit:cluster_download", args=["healthcare"]) + "?format=xlsx",
        reverse("toolkit:program_list"),
    ]:
        assert_access(client, url, EVERYONE_200, people)
    hidden = {**dict.fromkeys(["anonymous", "employer", "other_employer", "provider"], 404), "staff": 200}
    assert_access(client, reverse("toolkit:resource_detail", args=[staff_only.slug]), hidden, people)
    staff_only.file = SimpleUploadedFile("internal.pdf", PDF)
    staff_only.save()
    assert_access(client, reverse("toolkit:resource_file", args=[staff_only.slug]), hidden, people)


def test_staff_pages_are_staff_only(client, people):
    data_import = DataImportFactory(requested_by=people.staff)
    for url in [
        reverse("toolkit:resource_create"),
        reverse("toolkit:resource_update", args=["sector-partnership-101"]),
        reverse("toolkit:import_list"),
        reverse("toolkit:import_detail", args=[data_import.pk]),
    ]:
        assert_access(client, url, STAFF_ONLY, people)
    assert_access(client, reverse("toolkit:import_list"), STAFF_ONLY, people, method="post")


def test_unknown_cluster_or_region_is_404(client):
    assert client.get(reverse("toolkit:cluster_profile", args=["nope"])).status_code == 404
    assert client.get(reverse("toolkit:cluster_profile", args=["healthcare"]) + "?region=nope").status_code == 404


def test_resource_library_searches_and_filters(client):
    body = client.get(reverse("toolkit:index"), {"q": "agenda"}).content.decode()
    assert "Sample launch meeting agenda" in body and "Guide to the Outcomes Template" not in body
    body = client.get(reverse("toolkit:index"), {"kind": "sample_invitation"}).content.decode()
    assert "Sample invitation for employers" in body and "Sector Partnership 101" not in body
    body = client.get(reverse("toolkit:index"), {"q": "zeppelin"}).content.decode()
    assert "No resource matches your search" in body


def test_a_template_resource_shows_its_merge_fields_as_placeholders(client):
    body = client.get(reverse("toolkit:resource_detail", args=["launch-meeting-agenda"])).content.decode()
    assert "This is a template" in body
    assert '<mark class="merge-field-missing">[partnership name]</mark>' in body
    assert "{{" not in body


def test_staff_create_a_resource_with_a_checked_file(client, people):
    client.force_login(people.staff)
    url = reverse("toolkit:resource_create")
    data = {"title": "Fact sheet", "slug": "fact-sheet", "kind": "guide", "audience": "everyone",
            "version": "1.0", "visibility": "public", "body": ""}  # fmt: skip
    response = client.post(url, {**data, "file": SimpleUploadedFile("fact.pdf", b"not really a pdf")})
    assert response.status_code == 200
    assert "not a PDF" in " ".join(response.context["form"].errors["file"])
    response = client.post(url, data)
    assert "Give the resource a body, a file, or both." in response.context["form"].non_field_errors()
    response = client.post(url, {**data, "file": SimpleUploadedFile("fact.pdf", PDF)})
    assert response.status_code == 302
    resource = Resource.objects.get(slug="fact-sheet")
    assert resource.file.read() == PDF


def test_uploading_a_file_queues_an_import(client, people):
    client.force_login(people.staff)
    upload = SimpleUploadedFile("oews_2025.csv", b"AREA,AREA_TITLE\n50,Vermont\n", content_type="text/csv")
    response = client.post(reverse("toolkit:import_list"), {"kind": ImportKind.OEWS, "file": upload})
    data_import = DataImport.objects.get()
    assert response.status_code == 302 and response.url == data_import.get_absolute_url()
    assert data_import.status == "queued" and data_import.requested_by == people.staff
    assert data_import.original_name == "oews_2025.csv"


def test_an_upload_that_is_not_csv_or_xlsx_is_refused_on_the_file_field(client, people):
    client.force_login(people.staff)
    for upload in (SimpleUploadedFile("oews.csv", PDF), SimpleUploadedFile("oews.xlsx", b"plain text"),
                   SimpleUploadedFile("oews.doc", b"x")):  # fmt: skip
        response = client.post(reverse("toolkit:import_list"), {"kind": ImportKind.OEWS, "file": upload})
        assert response.status_code == 200
        assert response.context["form"].errors["file"]
    assert not DataImport.objects.exists()


def test_the_import_page_answers_htmx_with_the_status_partial(client, people):
    data_import = DataImportFactory(requested_by=people.staff, summary={"rows_read": 12, "skipped": {"x": 2}})
    client.force_login(people.staff)
    url = reverse("toolkit:import_detail", args=[data_import.pk])
    body = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert body.lstrip().startswith("{#") is False and "<html" not in body
    assert 'hx-trigger="every 1s"' in body and "2: x" in body
    DataImport.objects.filter(pk=data_import.pk).update(status="succeeded", progress=100)
    assert 'hx-trigger="every 1s"' not in client.get(url, HTTP_HX_REQUEST="true").content.decode()


def test_cluster_profile_shows_chart_data_and_downloads(client, labor_data):
    cluster, occupation = labor_data
    TrainingProgramFactory(name="Nursing program", soc_codes=[occupation.soc_code])
    response = client.get(reverse("toolkit:cluster_profile", args=[cluster.slug]))
    body = response.content.decode()
    assert 'data-chart="employment-chart"' in body and 'id="employment-chart"' in body
    assert "Nursing program" in body and "7,410" in body
    response = client.get(reverse("toolkit:cluster_download", args=[cluster.slug]))
    csv_text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert f"{occupation.soc_code},{occupation.title},7410" in csv_text
    response = client.get(reverse("toolkit:cluster_download", args=[cluster.slug]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][:3] == [occupation.soc_code, occupation.title, 7410]


def test_program_list_filters_by_occupation_and_modality(client):
    TrainingProgramFactory(name="Lathe course", soc_codes=["51-4041"], modality="online")
    TrainingProgramFactory(name="Welding course", soc_codes=["51-4121"], modality="in_person")
    body = client.get(reverse("toolkit:program_list"), {"soc": "51-4121"}).content.decode()
    assert "Welding course" in body and "Lathe course" not in body
    body = client.get(reverse("toolkit:program_list"), {"modality": "online"}).content.decode()
    assert "Lathe course" in body and "Welding course" not in body


def test_query_budgets(client, people):
    client.force_login(people.staff)
    assert_query_budget(client, reverse("toolkit:index"), make_rows=lambda n: ResourceFactory.create_batch(n),
                        budget=8)  # fmt: skip
    assert_query_budget(client, reverse("toolkit:program_list"),
                        make_rows=lambda n: TrainingProgramFactory.create_batch(n), budget=12)  # fmt: skip
    assert_query_budget(client, reverse("toolkit:import_list"),
                        make_rows=lambda n: DataImportFactory.create_batch(n, requested_by=people.staff),
                        budget=10)  # fmt: skip


def test_cluster_pages_query_budgets(client, people):
    PortalStateFactory()

    def more_clusters(n):
        for _ in range(n):
            cluster = IndustryClusterFactory()
            link = ClusterOccupationFactory(cluster=cluster, occupation=OccupationFactory())
            OccupationEstimateFactory(occupation=link.occupation)

    def more_programs_and_occupations(n):
        cluster = IndustryCluster.objects.get(slug="healthcare")
        for _ in range(n):
            link = ClusterOccupationFactory(cluster=cluster, occupation=OccupationFactory())
            OccupationEstimateFactory(occupation=link.occupation)
            TrainingProgramFactory(soc_codes=[link.occupation.soc_code])

    assert_query_budget(client, reverse("toolkit:cluster_list"), make_rows=more_clusters, budget=10)
    assert_query_budget(client, reverse("toolkit:cluster_profile", args=["healthcare"]) + "?region=central",
                        make_rows=more_programs_and_occupations, budget=12)  # fmt: skip


# --- Staff edit a cluster's key occupations -----------------------------------------------------------------------


@pytest.fixture
def cluster_with_nurses():
    """A cluster with one key occupation, and a second occupation on file that it does not list yet."""
    cluster = IndustryClusterFactory(name="Care Cluster", slug="care")
    nurses = OccupationFactory(soc_code="29-1141", title="Registered Nurses")
    ClusterOccupationFactory(cluster=cluster, occupation=nurses, note="Largest")
    OccupationFactory(soc_code="31-1131", title="Nursing Assistants")
    return cluster


def test_key_occupation_pages_are_staff_only(client, people, cluster_with_nurses):
    list_url = reverse("toolkit:cluster_occupations", args=["care"])
    delete_url = reverse("toolkit:cluster_occupation_delete", args=["care", "29-1141"])
    for url in (list_url, delete_url):
        assert_access(client, url, STAFF_ONLY, people)
    refused = {key: status for key, status in STAFF_ONLY.items() if status != 200}
    assert_access(client, list_url, refused, people, method="post", data={"soc_code": "31-1131"})
    assert_access(client, delete_url, refused, people, method="post")
    assert [link.occupation.soc_code for link in cluster_with_nurses.key_occupations.all()] == ["29-1141"]
    client.force_login(people.staff)
    assert client.get(reverse("toolkit:cluster_occupations", args=["nope"])).status_code == 404
    assert client.get(reverse("toolkit:cluster_occupation_delete", args=["care", "31-1131"])).status_code == 404


def test_the_profile_links_staff_to_the_key_occupations_page(client, people, cluster_with_nurses):
    list_url = reverse("toolkit:cluster_occupations", args=["care"])
    assert list_url not in client.get(reverse("toolkit:cluster_profile", args=["care"])).content.decode()
    client.force_login(people.staff)
    assert list_url in client.get(reverse("toolkit:cluster_profile", args=["care"])).content.decode()
    empty = IndustryClusterFactory(slug="empty")
    body = client.get(reverse("toolkit:cluster_profile", args=[empty.slug])).content.decode()
    assert reverse("toolkit:cluster_occupations", args=[empty.slug]) in body


def test_staff_see_the_key_occupations_and_the_occupations_to_pick_from(client, people, cluster_with_nurses):
    client.force_login(people.staff)
    body = client.get(reverse("toolkit:cluster_occupations", args=["care"])).content.decode()
    assert "Registered Nurses" in body and "Largest" in body
    assert '<option value="31-1131">Nursing Assistants</option>' in body
    assert '<option value="29-1141">' not in body  # already listed, so not offered again
    empty = IndustryClusterFactory(slug="empty")
    body = client.get(reverse("toolkit:cluster_occupations", args=[empty.slug])).content.decode()
    assert "This cluster has no key occupations yet" in body


def test_staff_add_a_key_occupation_by_soc_code(client, people, cluster_with_nurses):
    client.force_login(people.staff)
    url = reverse("toolkit:cluster_occupations", args=["care"])
    response = client.post(url, {"soc_code": " 31-1131 ", "note": "Entry level"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "31-1131 Nursing Assistants is now a key occupation of Care Cluster." in response.content.decode()
    link = cluster_with_nurses.key_occupations.get(occupation__soc_code="31-1131")
    assert link.note == "Entry level"
    profile = client.get(reverse("toolkit:cluster_profile", args=["care"])).context["profile"]
    assert sorted(profile.soc_codes) == ["29-1141", "31-1131"]


def test_a_duplicate_key_occupation_is_refused_on_the_soc_code_field(client, people, cluster_with_nurses):
    client.force_login(people.staff)
    response = client.post(reverse("toolkit:cluster_occupations", args=["care"]), {"soc_code": "29-1141"})
    assert response.status_code == 200
    assert response.context["form"].errors["soc_code"] == [
        "29-1141 Registered Nurses is already a key occupation of Care Cluster."
    ]
    assert cluster_with_nurses.key_occupations.count() == 1


def test_an_unknown_or_malformed_soc_code_is_refused_on_the_soc_code_field(client, people, cluster_with_nurses):
    client.force_login(people.staff)
    url = reverse("toolkit:cluster_occupations", args=["care"])
    response = client.post(url, {"soc_code": "99-9998"})
    assert response.status_code == 200
    [error] = response.context["form"].errors["soc_code"]
    assert error.startswith("No occupation with SOC code 99-9998 is on file.")
    response = client.post(url, {"soc_code": "nurses"})
    assert response.context["form"].errors["soc_code"] == ["A SOC code is written NN-NNNN, for example 51-4041."]
    response = client.post(url, {"soc_code": ""})
    assert response.context["form"].errors["soc_code"] == ["This field is required."]
    assert cluster_with_nurses.key_occupations.count() == 1


def test_removing_a_key_occupation_asks_for_confirmation_first(client, people, cluster_with_nurses):
    client.force_login(people.staff)
    url = reverse("toolkit:cluster_occupation_delete", args=["care", "29-1141"])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200 and "Are you sure?" in body
    assert "removes <strong>29-1141 Registered Nurses</strong> from the key occupations of Care Cluster" in body
    assert cluster_with_nurses.key_occupations.count() == 1  # looking at the confirmation deletes nothing
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(reverse("toolkit:cluster_occupations", args=["care"]), 302)]
    assert "29-1141 Registered Nurses is no longer a key occupation of Care Cluster." in response.content.decode()
    assert not cluster_with_nurses.key_occupations.exists()
    assert Occupation.objects.filter(soc_code="29-1141").exists()  # the occupation itself stays on file


def test_key_occupations_page_query_budget(client, people):
    cluster = IndustryClusterFactory(slug="budget")
    client.force_login(people.staff)

    def more_links(n):
        for _ in range(n):
            ClusterOccupationFactory(cluster=cluster, occupation=OccupationFactory())

    assert_query_budget(client, reverse("toolkit:cluster_occupations", args=[cluster.slug]), make_rows=more_links,
                        budget=8)  # fmt: skip
