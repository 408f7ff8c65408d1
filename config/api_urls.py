"""The REST API: each app registers its viewsets on the one router here."""

from rest_framework.routers import DefaultRouter

from credentials.api import ApplicationViewSet, CategoryViewSet, CredentialViewSet, FundingRoundViewSet
from workbased_learning.api import IncentiveApplicationViewSet, OpportunityViewSet, PlacementViewSet

router = DefaultRouter()
router.register("credentials", CredentialViewSet, basename="credential")
router.register("credential-categories", CategoryViewSet, basename="credential-category")
router.register("funding-rounds", FundingRoundViewSet, basename="funding-round")
router.register("credential-applications", ApplicationViewSet, basename="credential-application")
router.register("wbl-opportunities", OpportunityViewSet, basename="wbl-opportunity")
router.register("wbl-placements", PlacementViewSet, basename="wbl-placement")
router.register("wbl-incentive-applications", IncentiveApplicationViewSet, basename="wbl-incentive-application")

urlpatterns = router.urls
