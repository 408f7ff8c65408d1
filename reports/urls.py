from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("dashboard/", views.StaffDashboardView.as_view(), name="dashboard"),
]
