from django.urls import path

from credentials import views

app_name = "credentials"

urlpatterns = [
    path("", views.CredentialSearchView.as_view(), name="search"),
    path("<int:pk>/", views.CredentialDetailView.as_view(), name="detail"),
    path("choices/", views.CredentialChoicesView.as_view(), name="credential_choices"),
    path("imports/new/", views.CredentialImportView.as_view(), name="credential_import"),
    path("my/", views.EmployerDashboardView.as_view(), name="employer_dashboard"),
    path("proposals/", views.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/new/", views.ProposalCreateView.as_view(), name="proposal_create"),
    path("proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("proposals/<int:pk>/reviews/", views.ProposalDetailView.as_view(action="review"), name="proposal_review"),
    path("proposals/<int:pk>/approval/", views.ProposalDetailView.as_view(action="approve"), name="proposal_approve"),
    path("proposals/<int:pk>/decline/", views.ProposalDetailView.as_view(action="decline"), name="proposal_decline"),
    path("rounds/", views.RoundListView.as_view(), name="round_list"),
    path("rounds/new/", views.RoundFormView.as_view(), name="round_create"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:pk>/edit/", views.RoundFormView.as_view(), name="round_update"),
    path("rounds/<int:pk>/applications/new/", views.RoundApplyView.as_view(), name="round_apply"),
    path("rounds/<int:pk>/scores/", views.RoundScoreView.as_view(), name="round_score"),
    path("applications/", views.ApplicationListView.as_view(), name="application_list"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("applications/<int:pk>/lines/new/", views.ApplicationLineFormView.as_view(), name="line_create"),
    path("applications/<int:pk>/lines/<int:line_pk>/", views.ApplicationLineFormView.as_view(), name="line_update"),
    path(
        "applications/<int:pk>/lines/<int:line_pk>/delete/",
        views.ApplicationLineDeleteView.as_view(),
        name="line_delete",
    ),
    path(
        "applications/<int:pk>/submission/",
        views.ApplicationDetailView.as_view(action="submit"),
        name="application_submit",
    ),
    path(
        "applications/<int:pk>/awards/", views.ApplicationDetailView.as_view(action="award"), name="application_award"
    ),
    path(
        "applications/<int:pk>/decline/",
        views.ApplicationDetailView.as_view(action="decline"),
        name="application_decline",
    ),
    path("applications/<int:pk>/claims/new/", views.ClaimCreateView.as_view(), name="claim_create"),
    path("claims/", views.ClaimListView.as_view(), name="claim_list"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="claim_detail"),
    path("claims/<int:pk>/proof/", views.ClaimProofView.as_view(), name="claim_proof"),
    path("claims/<int:pk>/approval/", views.ClaimDetailView.as_view(action="approve"), name="claim_approve"),
    path("claims/<int:pk>/return/", views.ClaimDetailView.as_view(action="return"), name="claim_return"),
    path("claims/<int:pk>/payment/", views.ClaimDetailView.as_view(action="pay"), name="claim_pay"),
    path("claims/<int:pk>/resubmission/", views.ClaimDetailView.as_view(action="resubmit"), name="claim_resubmit"),
]
