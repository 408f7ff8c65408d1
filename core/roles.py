"""The portal's roles. Each is a Django group of the same name; `is_staff` separately opens the admin."""

PROGRAM_STAFF = "Program staff"
EMPLOYER = "Employer"
PROVIDER = "Provider"

ALL = (PROGRAM_STAFF, EMPLOYER, PROVIDER)
# Roles that a user of an organisation can hold, and so can be invited to.
ORGANIZATION_ROLES = (EMPLOYER, PROVIDER)
