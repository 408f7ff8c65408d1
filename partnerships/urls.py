from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.PartnershipListView.as_view(), name="list"),
    path("directory/", views.DirectoryView.as_view(), name="directory"),
    path("<int:pk>/", views.PartnershipDetailView.as_view(), name="detail"),
]
