from django.urls import path

from toolkit import views

app_name = "toolkit"

urlpatterns = [
    path("", views.ResourceListView.as_view(), name="index"),
    path("resources/new/", views.ResourceCreateView.as_view(), name="resource_create"),
    path("resources/<slug:slug>/", views.ResourceDetailView.as_view(), name="resource_detail"),
    path("resources/<slug:slug>/edit/", views.ResourceUpdateView.as_view(), name="resource_update"),
    path("resources/<slug:slug>/file/", views.ResourceFileView.as_view(), name="resource_file"),
    path("clusters/", views.ClusterListView.as_view(), name="cluster_list"),
    path("clusters/<slug:slug>/", views.ClusterProfileView.as_view(), name="cluster_profile"),
    path("clusters/<slug:slug>/download/", views.ClusterProfileDownloadView.as_view(), name="cluster_download"),
    path("clusters/<slug:slug>/occupations/", views.ClusterOccupationListView.as_view(), name="cluster_occupations"),
    path(
        "clusters/<slug:slug>/occupations/<str:soc_code>/delete/",
        views.ClusterOccupationDeleteView.as_view(),
        name="cluster_occupation_delete",
    ),
    path("programs/", views.TrainingProgramListView.as_view(), name="program_list"),
    path("imports/", views.DataImportListView.as_view(), name="import_list"),
    path("imports/<int:pk>/", views.DataImportDetailView.as_view(), name="import_detail"),
]
