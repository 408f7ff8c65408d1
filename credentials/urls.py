from django.urls import path

from credentials import views

app_name = "credentials"

urlpatterns = [
    path("", views.CredentialSearchView.as_view(), name="search"),
    path("<int:pk>/", views.CredentialDetailView.as_view(), name="detail"),
    path("my/", views.EmployerDashboardView.as_view(), name="employer_dashboard"),
]
