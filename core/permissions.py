"""Who may open a page: one mixin every app's views use, declared by attribute, so access is decided the same way
everywhere:

    class ApplicationListView(RoleRequiredMixin, FilterView):
        roles = (Role.STAFF, Role.EMPLOYER)

Anonymous users go to the login page; a signed-in user who holds none of the roles gets a 403. Which rows a user
then sees is each model's `visible_to(user)` (another organisation's row is a 404).
"""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin

from core.roles import PARTICIPANTS, Role, holds_any


class RoleRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Signed-in users who hold one of `roles` (any signed-in user when `roles` is empty)."""

    roles = ()

    def get_roles(self):
        return self.roles

    def has_access(self, user):
        roles = self.get_roles()
        return holds_any(user, roles) if roles else True

    def test_func(self):
        return self.has_access(self.request.user)


class StaffRequiredMixin(RoleRequiredMixin):
    roles = (Role.STAFF,)


class EmployerRequiredMixin(RoleRequiredMixin):
    roles = (Role.EMPLOYER,)


class ProviderRequiredMixin(RoleRequiredMixin):
    roles = (Role.PROVIDER,)


class ParticipantRequiredMixin(RoleRequiredMixin):
    """Everyone who takes part in a program: staff, employers' and providers' users."""

    roles = PARTICIPANTS


class OrganizationMemberRequiredMixin(RoleRequiredMixin):
    """Any user who belongs to an organisation, whatever their role (membership is not a role)."""

    def has_access(self, user):
        return user.organization_id is not None
