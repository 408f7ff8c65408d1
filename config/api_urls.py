"""The REST API: each app registers its viewsets on the one router here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

# Apps add their viewsets below, e.g. router.register("credentials", CredentialViewSet, basename="credential").

urlpatterns = router.urls
