"""The admin is a tool staff use every day: the program's tables by app, the machinery's tables in one System
section for superusers only, applications with their money, rounds by window, and no raw id columns."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from core.admin_site import is_system_model
from core.testing.factories import StaffUserFactory
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    AwardFactory,
    ClosedRoundFactory,
    OpenRoundFactory,
)

pytestmark = pytest.mark.django_db

SYSTEM_TABLES = ["Access attempts", "Events", "Periodic tasks", "Crontabs", "Search terms", "Common words"]


def text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def staff_admin():
    """A staff member who may do everything in the admin but is not a superuser."""
    user = StaffUserFactory(email="office-admin@example.test")
    user.user_permissions.set(Permission.objects.all())
    return user


def test_a_staff_admin_who_is_not_a_superuser_sees_no_system_tables(client, staff_admin):
    client.force_login(staff_admin)
    index = text(client.get(reverse("admin:index")))
    assert "Applications" in index and "Funding rounds" in index
    for table in SYSTEM_TABLES:
        assert table not in index, table
    assert "System" not in index
    # Nor can the tables be opened by their address.
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    assert client.get(reverse("admin:pghistory_events_changelist")).status_code == 403
    assert client.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code == 403


def test_a_superuser_finds_the_system_tables_in_one_section_after_the_programs(client, people):
    client.force_login(people.admin)
    page = client.get(reverse("admin:index"))
    sections = [app["name"] for app in page.context["app_list"]]
    assert sections[-1] == "System" and sections.count("System") == 1
    system = [entry["model"] for entry in page.context["app_list"][-1]["models"]]
    assert all(is_system_model(model) for model in system)
    labels = {model._meta.label for model in system}
    assert {"axes.AccessAttempt", "pghistory.Events", "django_celery_beat.PeriodicTask"} <= labels
    assert {"credentials.SearchTerm"} <= labels
    others = [entry["model"] for app in page.context["app_list"][:-1] for entry in app["models"]]
    assert not any(is_system_model(model) for model in others)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200


def test_the_application_list_shows_the_amount_requested_and_awarded(client, staff_admin):
    application = ApplicationFactory(status="awarded", submitted_at=timezone.now())
    line = ApplicationLineFactory(application=application, employees=3, amount_requested_per_employee=Decimal("1000"))
    ApplicationLineFactory(application=application, employees=1, amount_requested_per_employee=Decimal("250"))
    AwardFactory(line=line, amount=Decimal("2500.00"))
    client.force_login(staff_admin)
    page = text(client.get(reverse("admin:credentials_application_changelist")))
    assert "Requested" in page and "Awarded" in page
    assert "$3,250.00" in page and "$2,500.00" in page


def test_rounds_are_filtered_and_labelled_by_their_window(client, staff_admin):
    open_round = OpenRoundFactory(name="Round open now")
    ClosedRoundFactory(name="Round closed last month")
    soon = timezone.now() + datetime.timedelta(days=30)
    OpenRoundFactory(name="Round opening soon", opens_at=soon, closes_at=soon + datetime.timedelta(days=20))
    client.force_login(staff_admin)
    url = reverse("admin:credentials_fundinground_changelist")
    listed = {
        window: {r.name for r in client.get(url, {"window": window}).context["cl"].result_list}
        for window in ("open", "closed", "upcoming")
    }
    assert listed == {
        "open": {"Round open now"},
        "closed": {"Round closed last month"},
        "upcoming": {"Round opening soon"},
    }
    page = text(client.get(url))
    assert "Window" in page and f"{open_round.name} Open" in page


def test_no_admin_list_shows_a_raw_id_column():
    for model, model_admin in admin.site._registry.items():
        columns = {column for column in model_admin.list_display if isinstance(column, str)}
        assert not columns & {"pk", "id"}, f"{model._meta.label} lists {columns & {'pk', 'id'}}"
