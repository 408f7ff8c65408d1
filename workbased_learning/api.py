"""REST API of work-based learning: read-only, scoped by the same `visible_to` as the pages (registered in
config/api_urls.py)."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from workbased_learning.filters import IncentiveApplicationFilter, OpportunityFilter, PlacementFilter
from workbased_learning.models import IncentiveApplication, Opportunity, Placement


class OpportunitySerializer(serializers.ModelSerializer):
    host = serializers.CharField(source="host.name", read_only=True)
    county = serializers.CharField(source="host.county.name", read_only=True, default=None)
    places_taken = serializers.IntegerField(source="active_count", read_only=True)

    class Meta:
        model = Opportunity
        fields = ["id", "title", "host", "county", "type", "modality", "remote_supervision", "meeting_frequency",
                  "paid", "hourly_wage", "hours_target", "capacity", "places_taken", "status"]  # fmt: skip


class PlacementSerializer(serializers.ModelSerializer):
    opportunity = serializers.CharField(source="opportunity.title", read_only=True)
    host = serializers.CharField(source="opportunity.host.name", read_only=True)
    modality = serializers.CharField(source="opportunity.modality", read_only=True)
    program = serializers.CharField(source="program.name", read_only=True)
    approved_hours = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    learner_birth_date = serializers.SerializerMethodField()

    class Meta:
        model = Placement
        fields = ["id", "learner_ref", "learner_birth_date", "learner_grade", "opportunity", "host", "modality",
                  "program", "start_date", "end_date", "status", "approved_hours"]  # fmt: skip

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_learner_birth_date(self, placement):
        """Personal data: only users granted the dedicated permission get it through the API; others get null
        (the learner's provider and staff read it on the placement's page)."""
        if self.context["request"].user.has_perm("workbased_learning.view_learner_birth_date"):
            return placement.learner_birth_date
        return None


class IncentiveApplicationSerializer(serializers.ModelSerializer):
    employer = serializers.CharField(source="employer.name", read_only=True)
    year = serializers.IntegerField(source="program_year.year", read_only=True)
    learner_count = serializers.IntegerField(read_only=True)
    requested_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    approved_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = IncentiveApplication
        fields = ["id", "employer", "year", "status", "submitted_at", "decision_due_on", "decided_at",
                  "learner_count", "requested_total", "approved_total"]  # fmt: skip


@extend_schema_view(list=extend_schema(summary="Work-based learning opportunities you may see"))
class OpportunityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OpportunitySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = OpportunityFilter

    def get_queryset(self):
        return (
            Opportunity.objects.visible_to(self.request.user)
            .with_counts()
            .select_related("host__county")
            .order_by("title", "pk")
        )


@extend_schema_view(list=extend_schema(summary="Placements you may see, with approved hours"))
class PlacementViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlacementSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PlacementFilter

    def get_queryset(self):
        return (
            Placement.objects.visible_to(self.request.user)
            .with_hours()
            .select_related("opportunity__host", "program")
            .order_by("-start_date", "pk")
        )


@extend_schema_view(list=extend_schema(summary="Employer incentive applications you may see"))
class IncentiveApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IncentiveApplicationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = IncentiveApplicationFilter

    def get_queryset(self):
        return (
            IncentiveApplication.objects.visible_to(self.request.user)
            .with_totals()
            .select_related("employer", "program_year")
            .order_by("-submitted_at", "pk")
        )
