"""REST API of the credential program: the public, rate-limited catalog and the logged-in records."""

import json

from django.db.models import Prefetch
from django.http import HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.pagination import CappedPageNumberPagination
from core.remembered import remember
from core.throttling import AnonymousRateThrottle, SignedInRateThrottle
from credentials.filters import CredentialFilter
from credentials.models import Application, ApplicationLine, Category, Credential, FundingRound


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "slug"]


class CredentialSerializer(serializers.ModelSerializer):
    category = CategorySerializer(read_only=True)
    example_providers = serializers.ListField(source="provider_list", child=serializers.CharField(), read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="credential-detail")

    class Meta:
        model = Credential
        fields = [
            "id",
            "url",
            "title",
            "issuing_body",
            "category",
            "description",
            "typical_training_hours",
            "typical_cost",
            "example_providers",
            "status",
            "effective_from",
            "effective_to",
            "keywords",
        ]


class PublicReadOnly:
    """Anyone may read; anonymous callers share the anon rate limit."""

    permission_classes = [permissions.AllowAny]
    throttle_classes = [AnonymousRateThrottle, SignedInRateThrottle]


@extend_schema_view(
    list=extend_schema(
        summary="Search the credential catalog",
        parameters=[
            OpenApiParameter("search", OpenApiTypes.STR, description="Words, typos tolerated; best matches first."),
        ],
    ),
    retrieve=extend_schema(summary="One credential"),
)
class CredentialViewSet(PublicReadOnly, viewsets.ReadOnlyModelViewSet):
    """The catalog, searched the same way as the public eligibility check."""

    serializer_class = CredentialSerializer
    filter_backends = [DjangoFilterBackend]
    pagination_class = CappedPageNumberPagination
    filterset_class = CredentialFilter

    def get_queryset(self):
        return Credential.objects.visible_to(self.request.user).select_related("category").order_by("title")

    def filter_queryset(self, queryset):
        """The filters (category, provider), then the words: `search`, or `q` as on the page
        (CredentialQuerySet.search, whose result does not depend on that order)."""
        queryset = super().filter_queryset(queryset)
        if self.action != "list":
            return queryset
        params = self.request.query_params
        words = params.get("search") or params.get("q") or ""
        return queryset.search(words) if words else queryset

    def list(self, request, *args, **kwargs):
        """The catalog is the same for every caller and changes rarely: a page of results is remembered as its JSON
        until the catalog changes (core.remembered.remember), after the permission and rate-limit checks have run.
        It is this list's one memo: a page not remembered is searched and ranked afresh. A JSON caller gets the
        remembered bytes as they are; the browsable API renders them again."""
        build = super().list
        # The same page whatever the order of the query string's parameters; the host is in the page's links.
        asked = (request.build_absolute_uri(request.path), sorted(request.query_params.lists()))
        body = remember(Credential, ("api-list", asked), lambda: JSONRenderer().render(build(request).data))
        if type(request.accepted_renderer) is JSONRenderer:
            return HttpResponse(body, content_type=JSONRenderer.media_type)
        return Response(json.loads(body))


class CategoryViewSet(PublicReadOnly, viewsets.ReadOnlyModelViewSet):
    """Technology categories of the catalog."""

    serializer_class = CategorySerializer
    queryset = Category.objects.all()


class FundingRoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingRound
        fields = [
            "id",
            "name",
            "opens_at",
            "closes_at",
            "per_credential_cap",
            "per_employer_round_cap",
            "per_employer_fiscal_year_cap",
            "total_budget",
        ]


class FundingRoundViewSet(PublicReadOnly, viewsets.ReadOnlyModelViewSet):
    """Funding rounds and their caps."""

    serializer_class = FundingRoundSerializer

    def get_queryset(self):
        return FundingRound.objects.visible_to(self.request.user)


class ApplicationLineSerializer(serializers.ModelSerializer):
    # Money is a decimal string across the API (COERCE_DECIMAL_TO_STRING). The generated total and the award are
    # declared, because DRF would hand the generated column's Decimal to the JSON encoder as a number.
    amount_requested = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    awarded = serializers.DecimalField(
        source="award.amount", max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = ApplicationLine
        fields = [
            "id",
            "credential",
            "training_provider",
            "cost_per_employee",
            "employees",
            "amount_requested_per_employee",
            "amount_requested",
            "wage_before",
            "wage_after",
            "training_start",
            "training_end",
            "awarded",
        ]


class ApplicationSerializer(serializers.ModelSerializer):
    organization = serializers.StringRelatedField()
    lines = ApplicationLineSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = ["id", "organization", "round", "status", "submitted_at", "score", "lines"]


class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    """Applications: an employer's own, or all for program staff. Needs a login or an API token."""

    serializer_class = ApplicationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        lines = ApplicationLine.objects.select_related("award").order_by("pk")
        return (
            Application.objects.visible_to(self.request.user)
            .select_related("organization")
            .prefetch_related(Prefetch("lines", queryset=lines))
            .order_by("-created_at")
        )
