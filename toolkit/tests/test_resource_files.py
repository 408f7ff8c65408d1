"""A resource's file is kept and served as what its content is: a PDF named `.html` is stored as `.pdf` and
served as application/pdf, never as a page the browser would run."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from credentials.tests.factories import PDF_BYTES
from toolkit.models import Resource
from toolkit.tests.factories import ResourceFactory

DATA = {"title": "Fact sheet", "slug": "fact-sheet", "kind": "guide", "audience": "everyone", "version": "1.0",
        "visibility": "public", "body": ""}  # fmt: skip


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_a_pdf_named_html_is_stored_and_served_as_a_pdf(client, people):
    client.force_login(people.staff)
    upload = SimpleUploadedFile("fact.html", PDF_BYTES + b"<script>alert(1)</script>", content_type="text/html")
    response = client.post(reverse("toolkit:resource_create"), {**DATA, "file": upload})
    assert response.status_code == 302
    resource = Resource.objects.get(slug="fact-sheet")
    assert resource.file.name.endswith("/fact.pdf")
    served = client.get(reverse("toolkit:resource_file", args=[resource.slug]))
    assert served["Content-Type"] == "application/pdf"
    assert 'filename="fact.pdf"' in served["Content-Disposition"]


@pytest.mark.django_db
def test_a_file_kept_under_a_wrong_name_before_is_served_by_its_content(client):
    resource = ResourceFactory(visibility="public")
    resource.file.save("old.html", ContentFile(PDF_BYTES))
    served = client.get(reverse("toolkit:resource_file", args=[resource.slug]))
    assert served["Content-Type"] == "application/pdf"
    assert 'filename="old.pdf"' in served["Content-Disposition"]
