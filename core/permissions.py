"""Who may open a page: mixins every app's views use, so access is decided the same way everywhere."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin


class RoleRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Logged-in users who pass `has_access`; anonymous users go to the login page, others get a 403."""

    def has_access(self, user):
        return True

    def test_func(self):
        return self.has_access(self.request.user)


class StaffRequiredMixin(RoleRequiredMixin):
    """Program staff (and superusers) only."""

    def has_access(self, user):
        return user.is_program_staff


class EmployerRequiredMixin(RoleRequiredMixin):
    """Users of an employer organisation."""

    def has_access(self, user):
        return user.is_employer


class ProviderRequiredMixin(RoleRequiredMixin):
    """Users of an education or training provider."""

    def has_access(self, user):
        return user.is_provider


class OrganizationMemberRequiredMixin(RoleRequiredMixin):
    """Any user who belongs to an organisation."""

    def has_access(self, user):
        return user.organization_id is not None
