"""The portal's roles. Each is a Django group of the same name; `is_staff` separately opens the admin."""

from enum import StrEnum


class Role(StrEnum):
    """A role a user holds through the group of the same name; views declare theirs with `roles = (Role.STAFF,)`."""

    STAFF = "Program staff"
    EMPLOYER = "Employer"
    PROVIDER = "Provider"


# The group names, as other modules spell them.
PROGRAM_STAFF = Role.STAFF
EMPLOYER = Role.EMPLOYER
PROVIDER = Role.PROVIDER

ALL = tuple(Role)
# Roles that a user of an organisation can hold, and so can be invited to.
ORGANIZATION_ROLES = (EMPLOYER, PROVIDER)
# Everyone who takes part in a program: staff, employers' and providers' users.
PARTICIPANTS = ALL

# The User property that says whether a user acts in the role: staff includes superusers, and an employer's or a
# provider's role counts only while the user belongs to an organisation.
_HOLDS = {Role.STAFF: "is_program_staff", Role.EMPLOYER: "is_employer", Role.PROVIDER: "is_provider"}


def holds_any(user, roles) -> bool:
    """Whether the signed-in user acts in at least one of the roles."""
    return any(getattr(user, _HOLDS[Role(role)]) for role in roles)
