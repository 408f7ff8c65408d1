"""Writes on the shared vocabulary: registering organisations, inviting colleagues, assigning roles."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.models import Invitation, Organization, OrganizationKind, User

ROLE_FOR_KIND = {OrganizationKind.EMPLOYER: roles.EMPLOYER, OrganizationKind.PROVIDER: roles.PROVIDER}


DUPLICATE_EIN = "An organisation with this EIN is already registered. Ask a colleague there to invite you."


class RegistrationError(Exception):
    """A registration that cannot go ahead; `field` names the form field it concerns."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def user_grant_role(*, user: User, role: str) -> None:
    """Put the user in the role's group, creating the group on first use."""
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    user.__dict__.pop("_role_names", None)


def organization_register(
    *, organization: Organization, email: str, password: str, first_name: str, last_name: str
) -> User:
    """Create an employer or provider organisation and its first user, all or nothing."""
    if organization.kind not in ROLE_FOR_KIND:
        raise RegistrationError("Only employers and education or training providers can register here.", "kind")
    with transaction.atomic():
        if organization.ein and Organization.objects.select_for_update().filter(ein=organization.ein).exists():
            raise RegistrationError(DUPLICATE_EIN, "ein")
        if User.objects.filter(email__iexact=email).exists():
            raise RegistrationError("An account with this email address already exists. Log in instead.", "email")
        organization.full_clean()
        organization.save()
        user = User.objects.create_user(
            email=email, password=password, first_name=first_name, last_name=last_name, organization=organization
        )
        user_grant_role(user=user, role=ROLE_FOR_KIND[organization.kind])
    return user


def invitation_send(*, organization: Organization, email: str, invited_by: User) -> Invitation:
    """Invite a colleague by email to join the organisation with the inviter's role.

    Whether the address already has an account is not the inviter's to learn: the invitation is recorded and
    reported as sent either way, and only the email differs. A person who has an account is told so and how to go
    on (log in, or reset the password), with no link to create a second account.
    """
    role = ROLE_FOR_KIND[organization.kind]
    invitation = Invitation.objects.create(
        organization=organization, email=email.lower(), role=role, invited_by=invited_by
    )
    if User.objects.filter(email__iexact=email).exists():
        template = "core/email/invitation_existing_account.txt"
        link = settings.PORTAL_BASE_URL + reverse("login")
    else:
        template = "core/email/invitation.txt"
        link = settings.PORTAL_BASE_URL + reverse("core:invitation_accept", args=[invitation.token])
    context = {"invitation": invitation, "link": link}
    transaction.on_commit(
        lambda: send_mail(
            subject=f"Join {organization.name} on the Sector Partnership Portal",
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=[invitation.email],
        )
    )
    return invitation


def invitation_accept(*, invitation: Invitation, password: str, first_name: str, last_name: str) -> User:
    """Turn a usable invitation into an account in the inviting organisation."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable:
            raise RegistrationError("This invitation has expired or was already used.")
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise RegistrationError("An account with this email address already exists. Log in instead.")
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            organization=invitation.organization,
        )
        user_grant_role(user=user, role=invitation.role)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user
