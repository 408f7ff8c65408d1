"""Deploy hardening that the settings promise, checked on real requests: login throttling with a clear message and
a staff unlock, a Content-Security-Policy without inline script or style, password validators, cookie flags.
(`manage.py check --deploy` with production settings is tested in test_commands.py.)"""

import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.testing.factories import TEST_PASSWORD, EmployerUserFactory


def log_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR="203.0.113.7")


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_account_with_a_clear_message_until_staff_unlock_it(client, people):
    user = EmployerUserFactory(email="target@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert log_in(client, user.email, "wrong-password").status_code in (200, 429)
    locked = log_in(client, user.email, TEST_PASSWORD)
    assert locked.status_code == 429
    assert b"Too many failed log-in attempts" in locked.content
    assert "_auth_user_id" not in client.session

    # Staff unlock in the admin: deleting the access attempts (the admin's delete action) lets the user in.
    client.force_login(people.admin)
    attempts = AccessAttempt.objects.filter(username=user.email)
    assert attempts.exists()
    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in attempts], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=user.email).exists()
    client.logout()
    assert log_in(client, user.email, TEST_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_every_page_sends_a_content_security_policy_without_inline_code(client):
    response = client.get(reverse("core:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_inline_script_or_style():
    problems = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text()
        if "/pdf/" in str(template) or "/email/" in str(template):
            continue  # rendered to PDF or email, never served to a browser
        for match in re.finditer(r"<script\b[^>]*>", text):
            tag = match.group(0)
            if "src=" not in tag and 'type="application/json"' not in tag:
                problems.append(f"{template}: inline {tag}")
        if re.search(r"\sstyle=\"", text) or re.search(r"<style\b", text):
            problems.append(f"{template}: inline style")
    assert not problems, "\n".join(problems)


def test_weak_passwords_are_refused():
    for weak in ("password", "12345678", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct-horse-battery-staple-42")


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only_and_sessions_expire(client, people):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    response = log_in(client, people.employer.email, TEST_PASSWORD)
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]
