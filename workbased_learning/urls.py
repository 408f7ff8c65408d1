from django.urls import path

from workbased_learning import views
from workbased_learning.pickers import ProgramChoicesView

app_name = "workbased_learning"

urlpatterns = [
    path("", views.OpportunityListView.as_view(), name="opportunity_list"),
    path("my/", views.ProviderDashboardView.as_view(), name="provider_dashboard"),
    path("host/", views.EmployerDashboardView.as_view(), name="employer_dashboard"),
    path("overview/", views.StaffOverviewView.as_view(), name="staff_overview"),
    path("opportunities/new/", views.OpportunityCreateView.as_view(), name="opportunity_create"),
    path("opportunities/<int:pk>/", views.OpportunityDetailView.as_view(), name="opportunity_detail"),
    path("opportunities/<int:pk>/edit/", views.OpportunityUpdateView.as_view(), name="opportunity_update"),
    path("opportunities/<int:pk>/placements/new/", views.PlacementCreateView.as_view(), name="placement_create"),
    path("programs/", views.ProgramListView.as_view(), name="program_list"),
    path("programs/choices/", ProgramChoicesView.as_view(), name="program_choices"),
    path("programs/new/", views.ProgramCreateView.as_view(), name="program_create"),
    path("programs/<int:pk>/edit/", views.ProgramUpdateView.as_view(), name="program_update"),
    path("placements/", views.PlacementListView.as_view(), name="placement_list"),
    path("placements/<int:pk>/", views.PlacementDetailView.as_view(), name="placement_detail"),
    path("placements/<int:pk>/hours/new/", views.TimeEntryCreateView.as_view(), name="timeentry_create"),
    path("placements/<int:pk>/withdraw/", views.PlacementWithdrawView.as_view(), name="placement_withdraw"),
    path("placements/<int:pk>/supervisor/", views.PlacementSupervisorView.as_view(), name="placement_supervisor"),
    path("placements/<int:pk>/evaluation/", views.PlacementEvaluateView.as_view(), name="placement_evaluate"),
    path(
        "time-entries/<int:pk>/approve/",
        views.TimeEntryDecideView.as_view(),
        {"action": "approve"},
        name="timeentry_approve",
    ),
    path(
        "time-entries/<int:pk>/reject/",
        views.TimeEntryDecideView.as_view(),
        {"action": "reject"},
        name="timeentry_reject",
    ),
    path("time-entries/sign-off/", views.TimeEntrySignOffView.as_view(), name="timeentry_sign_off"),
    path("time-entries/<int:pk>/sign-off/", views.TimeEntrySignOffView.as_view(), name="timeentry_sign_off_one"),
    path("incentives/", views.IncentiveListView.as_view(), name="incentive_list"),
    path("incentives/new/<int:year>/", views.IncentiveCreateView.as_view(), name="incentive_create"),
    path("incentives/<int:pk>/", views.IncentiveDetailView.as_view(), name="incentive_detail"),
    path("incentives/<int:pk>/decision/", views.IncentiveDecideView.as_view(), name="incentive_decide"),
    path(
        "incentives/<int:pk>/certificate/",
        views.IncentiveCertificateDownloadView.as_view(),
        name="certificate_download",
    ),
    path(
        "incentives/<int:pk>/certificate/status/",
        views.IncentiveCertificateStatusView.as_view(),
        name="certificate_status",
    ),
    path(
        "incentives/<int:pk>/certificate/rebuild/",
        views.IncentiveCertificateRetryView.as_view(),
        name="certificate_rebuild",
    ),
]
