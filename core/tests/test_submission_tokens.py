"""One-time submission tokens (core.middleware.SubmissionTokenMiddleware): a double click is one submission, a
deliberate resubmission from a new rendering of the page always runs, and nothing sleeps in the request thread."""

import re
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from credentials.models import ApplicationStatus, CredentialProposal
from credentials.tests.factories import ApplicationFactory, ApplicationLineFactory

TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
PROPOSAL = {
    "title": "Industrial robot programming",
    "issuing_body": "FANUC",
    "technology_evidence": "Robots.",
    "recognition_evidence": "Job postings ask for it.",
    "typical_cost": "800.00",
    "typical_training_hours": "30",
    "training_provider": "A college",
}


def tokens(response):
    return TOKEN.findall(response.content.decode())


def token_of(response, action=None):
    """The submission token of the form that posts to `action` (None: to the page itself), as a browser sends it."""
    attribute = rf'[^>]*action="{re.escape(action)}"' if action else r"(?![^>]*action=)"
    form = re.search(rf"<form{attribute}[^>]*>(.*?)</form>", response.content.decode(), re.S)
    found = TOKEN.search(form.group(1)) if form else None
    return {"submission_token": found.group(1)} if found else {}


@pytest.mark.django_db
def test_every_rendering_of_a_form_carries_a_new_token_crispy_forms_too(client, people):
    client.force_login(people.employer)
    url = reverse("credentials:proposal_create")  # rendered by {% crispy form %}
    first, second = tokens(client.get(url)), tokens(client.get(url))
    assert len(first) == len(second) >= 1
    assert not set(first) & set(second)


@pytest.mark.django_db
def test_two_posts_with_one_token_are_one_submission_and_both_land_on_its_page(client, people):
    client.force_login(people.employer)
    url = reverse("credentials:proposal_create")
    payload = PROPOSAL | token_of(client.get(url))
    assert payload.get("submission_token")
    first, second = client.post(url, payload), client.post(url, payload)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert CredentialProposal.objects.filter(title=PROPOSAL["title"]).count() == 1


@pytest.mark.django_db
def test_a_refused_submission_corrected_and_sent_again_at_once_runs(client, people):
    # The employer: the application breaks a cap, the submission is refused, the offending line is removed,
    # and the application is submitted again within seconds. The second submission must run.
    application = ApplicationFactory(organization=people.employer.organization)
    ApplicationLineFactory(application=application)
    too_much = ApplicationLineFactory(
        application=application, cost_per_employee=Decimal("9000.00"), amount_requested_per_employee=Decimal("9000.00")
    )
    client.force_login(people.employer)
    page = application.get_absolute_url()
    submit = reverse("credentials:application_submit", args=[application.pk])
    remove = reverse("credentials:line_delete", args=[application.pk, too_much.pk])

    refused = client.post(submit, token_of(client.get(page), submit))
    application.refresh_from_db()
    assert refused.status_code in (200, 302) and application.status == ApplicationStatus.DRAFT

    client.post(remove, token_of(client.get(page), remove))
    assert not application.lines.filter(pk=too_much.pk).exists()

    client.post(submit, token_of(client.get(page), submit))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


@pytest.mark.django_db
def test_a_copy_sent_while_the_first_is_still_running_is_answered_at_once(client, people):
    client.force_login(people.employer)
    url = reverse("credentials:proposal_create")
    payload = PROPOSAL | token_of(client.get(url))
    # The first copy has claimed the token and is still being answered.
    cache.set(f"submission-token:{client.session.session_key}:{payload['submission_token']}", "pending", 60)
    started = time.monotonic()
    response = client.post(url, payload)
    assert time.monotonic() - started < 1
    assert response.status_code == 409
    assert not CredentialProposal.objects.filter(title=PROPOSAL["title"]).exists()
