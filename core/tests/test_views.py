import pytest
from django.core import mail
from django.urls import reverse

from core.models import County, Organization, User
from core.testing.access import assert_access
from core.testing.factories import TEST_PASSWORD, EmployerUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def registration_data(**overrides):
    data = {
        "kind": "employer",
        "name": "Ridge Robotics",
        "ein": "31-2223334",
        "county": County.objects.get(fips="39049").pk,
        "employee_count": "75",
        "naics_code": "333",
        "address": "1 High St",
        "website": "",
        "first_name": "Rae",
        "last_name": "Ridge",
        "email": "Rae@Ridge.test",
        "password1": "a-long-unusual-pass",
        "password2": "a-long-unusual-pass",
    }
    data.update(overrides)
    return data


def test_public_pages_answer_for_anyone(client):
    for url in ["/", "/accounts/login/", "/accounts/register/", "/accounts/password_reset/"]:
        assert client.get(url).status_code == 200, url


def test_home_page_offers_search_toolkit_and_directory(client):
    body = client.get("/").content.decode()
    assert reverse("credentials:search") in body
    assert reverse("toolkit:index") in body
    assert reverse("partnerships:directory") in body


def test_registration_creates_organisation_and_logs_in(client):
    response = client.post(reverse("core:register"), registration_data())
    assert response.status_code == 302
    user = User.objects.get(email="rae@ridge.test")
    assert user.organization.ein == "31-2223334"
    assert user.organization.size_class == "medium"
    assert client.get(reverse("core:dashboard")).status_code == 302  # on to the employer dashboard


def test_registration_with_a_taken_ein_says_so_on_the_ein_field(client):
    client.post(reverse("core:register"), registration_data())
    client.logout()
    response = client.post(reverse("core:register"), registration_data(email="other@ridge.test", name="Ridge 2"))
    assert response.status_code == 200
    assert "already registered" in " ".join(response.context["form"].errors["ein"])
    assert Organization.objects.filter(ein="31-2223334").count() == 1
    assert not User.objects.filter(email="other@ridge.test").exists()


def test_registration_reports_each_bad_field(client):
    response = client.post(
        reverse("core:register"), registration_data(ein="12345", password2="different", employee_count="-3")
    )
    errors = response.context["form"].errors
    assert {"ein", "password2", "employee_count"} <= set(errors)
    assert not Organization.objects.filter(name="Ridge Robotics").exists()


def test_registration_refuses_zero_employees_with_a_reason(client):
    response = client.post(reverse("core:register"), registration_data(employee_count="0"))
    assert response.status_code == 200
    assert "at least 1" in " ".join(response.context["form"].errors["employee_count"])
    assert not Organization.objects.filter(name="Ridge Robotics").exists()


def test_email_login_works(client):
    user = UserFactory(email="login@x.test")
    response = client.post("/accounts/login/", {"username": "login@x.test", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_sends_an_email(client):
    UserFactory(email="forgot@x.test")
    client.post("/accounts/password_reset/", {"email": "forgot@x.test"})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("who", "target"),
    [
        ("staff", "reports:dashboard"),
        ("admin", "reports:dashboard"),
        ("employer", "credentials:employer_dashboard"),
        ("provider", "workbased_learning:provider_dashboard"),
    ],
)
def test_dashboard_sends_each_role_to_its_own_dashboard(client, people, who, target):
    client.force_login(getattr(people, who))
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url == reverse(target)
    assert client.get(response.url).status_code == 200


def test_user_without_role_sees_the_plain_dashboard(client):
    client.force_login(UserFactory())
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_role_dashboards_permission_matrix(client, people):
    assert_access(
        client,
        reverse("reports:dashboard"),
        {"anonymous": 302, "employer": 403, "provider": 403, "staff": 200, "admin": 200},
        people,
    )
    assert_access(
        client,
        reverse("credentials:employer_dashboard"),
        {"anonymous": 302, "employer": 200, "other_employer": 200, "provider": 403, "staff": 403},
        people,
    )
    assert_access(
        client,
        reverse("workbased_learning:provider_dashboard"),
        {"anonymous": 302, "employer": 403, "provider": 200, "staff": 403},
        people,
    )
    assert_access(
        client, reverse("core:team"), {"anonymous": 302, "employer": 200, "provider": 200, "staff": 403}, people
    )


def test_team_page_lists_only_own_organisation_and_invites(client, people, django_capture_on_commit_callbacks):
    EmployerUserFactory(organization=people.other_employer.organization, email="stranger@other.test")
    client.force_login(people.employer)
    body = client.get(reverse("core:team")).content.decode()
    assert people.employer.email in body
    assert "stranger@other.test" not in body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:team"), {"email": "new@owning.test"})
    assert mail.outbox[0].to == ["new@owning.test"]


def test_invitation_link_creates_an_account(client, people):
    from core.services import invitation_send

    invitation = invitation_send(
        organization=people.employer.organization, email="joiner@x.test", invited_by=people.employer
    )
    url = reverse("core:invitation_accept", args=[invitation.token])
    response = client.post(
        url,
        {
            "first_name": "Jo",
            "last_name": "Iner",
            "password1": "a-long-unusual-pass",
            "password2": "a-long-unusual-pass",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="joiner@x.test").organization == people.employer.organization
    assert client.get(url).status_code == 404  # used up


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_admin_changelists_open_for_every_core_model(client, people):
    client.force_login(people.admin)
    for model in ["region", "county", "industrycluster", "organization", "user", "invitation"]:
        assert client.get(reverse(f"admin:core_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:core_{model}_changelist"), {"q": "a"}).status_code == 200, model
