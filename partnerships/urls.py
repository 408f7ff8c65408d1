from django.urls import path

from partnerships import views as v
from partnerships.pickers import PartnershipChoicesView

app_name = "partnerships"

P = "<int:partnership_pk>"

urlpatterns = [
    path("", v.PartnershipListView.as_view(), name="list"),
    path("export.csv", v.PartnershipExportView.as_view(), name="export"),
    path("new/", v.PartnershipCreateView.as_view(), name="create"),
    path("directory/", v.DirectoryView.as_view(), name="directory"),
    path("choices/", PartnershipChoicesView.as_view(), name="partnership_choices"),
    path("outcomes/due/", v.DueReportsView.as_view(), name="reports_due"),
    path("metrics/", v.OutcomeMetricListView.as_view(), name="metric_list"),
    path("metrics/new/", v.OutcomeMetricCreateView.as_view(), name="metric_create"),
    path("metrics/<int:pk>/edit/", v.OutcomeMetricUpdateView.as_view(), name="metric_update"),
    path("clusters/ranking/", v.ClusterRankingView.as_view(), name="cluster_ranking"),
    path("<int:pk>/", v.PartnershipDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", v.PartnershipUpdateView.as_view(), name="update"),
    path(f"{P}/stage/", v.StageChangeView.as_view(), name="stage_change"),
    path(f"{P}/members/new/", v.MembershipCreateView.as_view(), name="member_create"),
    path(f"{P}/members/<int:pk>/edit/", v.MembershipUpdateView.as_view(), name="member_update"),
    path(f"{P}/members/<int:pk>/delete/", v.MembershipDeleteView.as_view(), name="member_delete"),
    path(f"{P}/contacts/new/", v.ContactCreateView.as_view(), name="contact_create"),
    path(f"{P}/contacts/<int:pk>/edit/", v.ContactUpdateView.as_view(), name="contact_update"),
    path(f"{P}/contacts/<int:pk>/delete/", v.ContactDeleteView.as_view(), name="contact_delete"),
    path(f"{P}/meetings/new/", v.MeetingCreateView.as_view(), name="meeting_create"),
    path(f"{P}/meetings/launch/", v.LaunchMeetingView.as_view(), name="meeting_launch"),
    path(f"{P}/meetings/<int:pk>/", v.MeetingDetailView.as_view(), name="meeting_detail"),
    path(f"{P}/meetings/<int:pk>/edit/", v.MeetingUpdateView.as_view(), name="meeting_update"),
    path(f"{P}/meetings/<int:pk>/delete/", v.MeetingDeleteView.as_view(), name="meeting_delete"),
    path(f"{P}/skill-gaps/new/", v.SkillGapCreateView.as_view(), name="gap_create"),
    path(f"{P}/skill-gaps/<int:pk>/edit/", v.SkillGapUpdateView.as_view(), name="gap_update"),
    path(f"{P}/skill-gaps/<int:pk>/delete/", v.SkillGapDeleteView.as_view(), name="gap_delete"),
    path(f"{P}/actions/new/", v.ActionCreateView.as_view(), name="action_create"),
    path(f"{P}/actions/<int:pk>/edit/", v.ActionUpdateView.as_view(), name="action_update"),
    path(f"{P}/actions/<int:pk>/delete/", v.ActionDeleteView.as_view(), name="action_delete"),
    path(f"{P}/outcomes/new/", v.OutcomeReportCreateView.as_view(), name="report_create"),
    path(f"{P}/outcomes/<int:pk>/", v.OutcomeReportDetailView.as_view(), name="report_detail"),
    path(f"{P}/outcomes/<int:pk>/edit/", v.OutcomeReportUpdateView.as_view(), name="report_update"),
    path(f"{P}/outcomes/<int:pk>/submit/", v.OutcomeReportSubmitView.as_view(), name="report_submit"),
    path(
        f"{P}/outcomes/<int:pk>/review/",
        v.OutcomeReportDetailView.as_view(action="review", access="staff"),
        name="report_review",
    ),
    path(f"{P}/priority/", v.PriorityDesignateView.as_view(), name="priority_designate"),
    path(f"{P}/priority/end/", v.PriorityEndView.as_view(), name="priority_end"),
    path(f"{P}/support/new/", v.SupportRecordCreateView.as_view(), name="support_create"),
    path(f"{P}/documents/<slug:document>.pdf", v.DocumentPdfView.as_view(), name="document_pdf"),
    path(f"{P}/toolkits/", v.ToolkitBuildCreateView.as_view(), name="toolkit_create"),
    path(f"{P}/toolkits/<int:pk>/", v.ToolkitBuildDetailView.as_view(), name="toolkit_detail"),
    path(f"{P}/toolkits/<int:pk>/download/", v.ToolkitBuildDownloadView.as_view(), name="toolkit_download"),
]
