from django.urls import path

from workbased_learning import views

app_name = "workbased_learning"

urlpatterns = [
    path("", views.OpportunityListView.as_view(), name="opportunity_list"),
    path("my/", views.ProviderDashboardView.as_view(), name="provider_dashboard"),
]
