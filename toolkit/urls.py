from django.urls import path

from toolkit import views

app_name = "toolkit"

urlpatterns = [
    path("", views.ToolkitIndexView.as_view(), name="index"),
]
