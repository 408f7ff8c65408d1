"""The REST API: each app registers its viewsets on the one router here."""

from rest_framework.routers import DefaultRouter

from credentials.api import ApplicationViewSet, CategoryViewSet, CredentialViewSet, FundingRoundViewSet

router = DefaultRouter()
router.register("credentials", CredentialViewSet, basename="credential")
router.register("credential-categories", CategoryViewSet, basename="credential-category")
router.register("funding-rounds", FundingRoundViewSet, basename="funding-round")
router.register("credential-applications", ApplicationViewSet, basename="credential-application")

# Apps add their viewsets below, e.g. router.register("credentials", CredentialViewSet, basename="credential").

urlpatterns = router.urls
