import pytest
from django.core import mail

from core import roles
from core.models import Invitation, Organization, OrganizationKind, User
from core.services import RegistrationError, invitation_accept, invitation_send, organization_register
from core.testing.factories import CountyFactory, EmployerUserFactory


def new_organization(**overrides):
    values = {
        "name": "Acme Tooling",
        "kind": OrganizationKind.EMPLOYER,
        "ein": "31-7654321",
        "county": CountyFactory(),
        "employee_count": 40,
    }
    values.update(overrides)
    return Organization(**values)


@pytest.mark.django_db
def test_register_creates_organisation_and_first_user_with_the_kind_role():
    user = organization_register(
        organization=new_organization(),
        email="ann@acme.test",
        password="s3cret-pass!",
        first_name="Ann",
        last_name="Lee",
    )
    assert user.organization.name == "Acme Tooling"
    assert user.is_employer and not user.is_provider
    assert user.check_password("s3cret-pass!")


@pytest.mark.django_db
def test_register_provider_gets_provider_role():
    user = organization_register(
        organization=new_organization(kind=OrganizationKind.PROVIDER),
        email="p@x.test",
        password="s3cret-pass!",
        first_name="P",
        last_name="Q",
    )
    assert user.has_role(roles.PROVIDER)


@pytest.mark.django_db
def test_duplicate_ein_is_refused_and_nothing_is_written():
    organization_register(
        organization=new_organization(), email="a@x.test", password="s3cret-pass!", first_name="A", last_name="B"
    )
    with pytest.raises(RegistrationError) as error:
        organization_register(
            organization=new_organization(name="Acme Again"),
            email="b@x.test",
            password="s3cret-pass!",
            first_name="B",
            last_name="C",
        )
    assert error.value.field == "ein"
    assert Organization.objects.filter(name="Acme Again").count() == 0
    assert not User.objects.filter(email="b@x.test").exists()


@pytest.mark.django_db
def test_government_cannot_self_register():
    with pytest.raises(RegistrationError):
        organization_register(
            organization=new_organization(kind=OrganizationKind.GOVERNMENT),
            email="g@x.test",
            password="s3cret-pass!",
            first_name="G",
            last_name="H",
        )


@pytest.mark.django_db
def test_invitation_emails_a_link_and_accepting_joins_the_organisation(django_capture_on_commit_callbacks):
    inviter = EmployerUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(organization=inviter.organization, email="Colleague@Acme.test", invited_by=inviter)
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    assert mail.outbox[0].to == ["colleague@acme.test"]

    user = invitation_accept(invitation=invitation, password="s3cret-pass!", first_name="Col", last_name="League")
    assert user.organization == inviter.organization
    assert user.is_employer
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    with pytest.raises(RegistrationError):
        invitation_accept(invitation=invitation, password="s3cret-pass!", first_name="X", last_name="Y")


@pytest.mark.django_db
def test_inviting_someone_who_has_an_account_tells_them_by_email_and_no_second_account_is_offered(
    django_capture_on_commit_callbacks,
):
    inviter = EmployerUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(organization=inviter.organization, email=inviter.email, invited_by=inviter)
    assert Invitation.objects.count() == 1
    assert mail.outbox[0].to == [inviter.email.lower()]
    assert "already have an account" in mail.outbox[0].body
    assert invitation.token not in mail.outbox[0].body
    with pytest.raises(RegistrationError):
        invitation_accept(invitation=invitation, password="s3cret-pass!", first_name="X", last_name="Y")
