from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("dashboard/", views.StaffDashboardView.as_view(), name="dashboard"),
    path("new/<slug:kind>/", views.ReportCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/status/", views.ReportStatusView.as_view(), name="status"),
    path("<int:pk>/download/", views.ReportDownloadView.as_view(), name="download"),
    path("<int:pk>/retry/", views.ReportRetryView.as_view(), name="retry"),
    path("organisations/", views.OrganizationOverviewListView.as_view(), name="organization_list"),
    path("organisations/<int:pk>/", views.OrganizationOverviewView.as_view(), name="organization_detail"),
]
