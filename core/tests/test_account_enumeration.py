"""Registration and team invitations never tell the person at the keyboard whether an email address (or an EIN)
already has an account: both cases answer the same way, and the person who has the account is told by email."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from core.testing.factories import EmployerUserFactory


def what_the_page_says(response, email):
    """The status, the messages shown and whether the address is listed as invited, with the address blanked."""
    text = response.content.decode()
    alerts = [
        re.sub(r"\s+", " ", alert).replace(email, "EMAIL")
        for alert in re.findall(r'class="alert[^"]*"[^>]*>(.*?)<', text, re.S)
    ]
    errors = re.findall(r"invalid-feedback[^>]*>(.*?)<", text, re.S)
    return response.status_code, alerts, errors, text.count(email)


@pytest.mark.django_db
def test_inviting_an_address_with_an_account_answers_as_inviting_a_new_one(
    client, people, django_capture_on_commit_callbacks
):
    EmployerUserFactory(email="has-an-account@elsewhere.test")
    client.force_login(people.employer)
    answers = []
    for email in ("has-an-account@elsewhere.test", "nobody-yet@elsewhere.test"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("core:team"), {"email": email}, follow=True)
        answers.append(what_the_page_says(response, email))
    assert answers[0] == answers[1]
    assert any("Invitation sent to EMAIL" in alert for alert in answers[0][1])
    told, invited = mail.outbox
    assert told.to == ["has-an-account@elsewhere.test"] and "already have an account" in told.body
    assert invited.to == ["nobody-yet@elsewhere.test"] and "/invitations/" in invited.body
