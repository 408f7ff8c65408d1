from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("accounts/register/", views.RegisterView.as_view(), name="register"),
    path("accounts/team/", views.OrganizationTeamView.as_view(), name="team"),
    path("accounts/invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("organizations/choices/", views.OrganizationChoicesView.as_view(), name="organization_choices"),
]
