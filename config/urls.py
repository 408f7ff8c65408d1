"""The portal's URL map: each app owns its own prefix."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.views import HealthView

admin.site.site_header = "Sector Partnership Portal administration"
admin.site.site_title = "Portal admin"

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("admin/", admin.site.urls),
    path("partnerships/", include("partnerships.urls")),
    path("credentials/", include("credentials.urls")),
    path("work-based-learning/", include("workbased_learning.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("reports/", include("reports.urls")),
    path("api/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
