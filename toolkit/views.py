"""Pages of the tool kit: resource library, cluster profiles, training programs and staff data imports."""

from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import CreateView, DeleteView, DetailView, FormView, TemplateView, UpdateView, View
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.downloads import protected_file_response
from core.exports import TableExport
from core.models import IndustryCluster, Region
from core.permissions import StaffRequiredMixin
from core.renderers import file_response
from core.validators import name_for_content
from core.views import ServiceFormMixin
from toolkit import services
from toolkit.documents import MERGE_FIELDS, fill_template, merge_fields_in, render_markdown
from toolkit.filters import ResourceFilter, TrainingProgramFilter
from toolkit.forms import ClusterOccupationForm, DataImportForm, ResourceForm
from toolkit.models import ClusterOccupation, DataImport, Occupation, Resource, TrainingProgram
from toolkit.profiles import cluster_profile, rank_clusters
from toolkit.states import portal_state
from toolkit.tables import DataImportTable, TrainingProgramTable


class ResourceListView(FilterView):
    """The resource library: searchable, filtered by kind and audience; staff also see staff-only resources."""

    filterset_class = ResourceFilter
    template_name = "toolkit/resource_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Resource.objects.visible_to(self.request.user).order_by("kind", "title")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class ResourceDetailView(DetailView):
    """One resource: its rendered body (merge fields shown as placeholders) and its file."""

    template_name = "toolkit/resource_detail.html"
    slug_field = "slug"

    def get_queryset(self):
        return Resource.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.object
        context["body_html"] = (
            fill_template(resource, {}) if resource.has_merge_fields else render_markdown(resource.body)
        )
        context["merge_fields"] = [(name, MERGE_FIELDS[name]) for name in merge_fields_in(resource.body)]
        return context


class ResourceFileView(View):
    """Download a resource's file, after the same visibility check as its page."""

    def get(self, request, slug):
        resource = get_object_or_404(Resource.objects.visible_to(request.user), slug=slug)
        if not resource.file:
            raise Http404("There is no file.")
        # Named (and so typed) by its checked content, whatever name it was stored under.
        try:
            with resource.file.open("rb") as handle:
                filename = name_for_content(resource.file.name, handle)
        except FileNotFoundError:
            raise Http404("The file is missing.") from None
        return protected_file_response(resource.file, filename=filename)


class ResourceCreateView(StaffRequiredMixin, SuccessMessageMixin, CreateView):
    model = Resource
    form_class = ResourceForm
    template_name = "toolkit/resource_form.html"
    success_message = "The resource %(title)s is saved."


class ResourceUpdateView(StaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = Resource
    form_class = ResourceForm
    template_name = "toolkit/resource_form.html"
    success_message = "The resource %(title)s is saved."


def _selected_region(request):
    slug = request.GET.get("region") or None
    if slug is None:
        return None
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404("No such region.")
    return region


class ClusterListView(TemplateView):
    """Industry clusters ranked by significance, statewide or in a region."""

    template_name = "toolkit/cluster_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = _selected_region(self.request)
        context.update(region=region, regions=Region.objects.all(), rankings=rank_clusters(region))
        return context


class ClusterProfileView(TemplateView):
    """A cluster's profile: its key occupations' employment, wages, concentration and demand, with charts."""

    template_name = "toolkit/cluster_profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cluster = get_object_or_404(IndustryCluster, slug=self.kwargs["slug"])
        region = _selected_region(self.request)
        profile = cluster_profile(cluster, region)
        programs = (
            TrainingProgram.objects.visible_to(self.request.user)
            .for_occupations(profile.soc_codes)
            .select_related("provider", "county", "credential")
        )
        if region is not None:
            programs = programs.in_region(region)
        context.update(
            cluster=cluster,
            region=region,
            regions=Region.objects.all(),
            profile=profile,
            employment_chart=profile.chart_config(),
            wage_chart=profile.wage_chart_config(),
            programs=programs[:25],
        )
        return context


class ClusterProfileDownloadView(View):
    """The profile's occupation table as CSV or XLSX (?format=xlsx)."""

    def get(self, request, slug):
        cluster = get_object_or_404(IndustryCluster, slug=slug)
        region = _selected_region(request)
        profile = cluster_profile(cluster, region)
        filename = f"{cluster.slug}-{region.slug if region else 'statewide'}-{profile.year or 'no-data'}"
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        table = profile.occupations_table(title=cluster.name)
        return file_response(TableExport(table), fmt, filename)


class ClusterOccupationMixin(StaffRequiredMixin):
    """Staff pages that edit one cluster's key occupations (the mapping profiles and the ranking read)."""

    @cached_property
    def cluster(self):
        # Looked up by the handlers, after the access check: anonymous users go to log in, others get a 403.
        return get_object_or_404(IndustryCluster, slug=self.kwargs["slug"])

    def list_url(self):
        return reverse("toolkit:cluster_occupations", args=[self.cluster.slug])


class ClusterOccupationListView(ClusterOccupationMixin, ServiceFormMixin, FormView):
    """A cluster's key occupations, with a form to add one by SOC code and a link to remove each."""

    form_class = ClusterOccupationForm
    template_name = "toolkit/clusteroccupation_list.html"

    def get_context_data(self, **kwargs):
        links = ClusterOccupation.objects.filter(cluster=self.cluster).select_related("occupation")
        choices = Occupation.objects.detailed().exclude(cluster_links__cluster=self.cluster).only("soc_code", "title")
        return super().get_context_data(cluster=self.cluster, links=links, occupation_choices=choices, **kwargs)

    def perform(self, form):
        link = services.cluster_occupation_add(
            cluster=self.cluster, soc_code=form.cleaned_data["soc_code"], note=form.cleaned_data["note"]
        )
        messages.success(self.request, f"{link.occupation} is now a key occupation of {self.cluster.name}.")
        return redirect(self.list_url())


class ClusterOccupationDeleteView(ClusterOccupationMixin, DeleteView):
    """Confirm, then remove one key occupation from the cluster (the occupation and its data stay on file)."""

    template_name = "toolkit/clusteroccupation_confirm_delete.html"
    slug_field = "occupation__soc_code"
    slug_url_kwarg = "soc_code"

    def get_queryset(self):
        return ClusterOccupation.objects.filter(cluster=self.cluster).select_related("cluster", "occupation")

    def get_success_url(self):
        return self.list_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(cluster=self.cluster, cancel_url=self.list_url(), **kwargs)

    def form_valid(self, form):
        messages.success(
            self.request, f"{self.object.occupation} is no longer a key occupation of {self.cluster.name}."
        )
        return super().form_valid(form)


class TrainingProgramListView(SingleTableMixin, FilterView):
    """The education and training program inventory: searchable and filterable."""

    table_class = TrainingProgramTable
    filterset_class = TrainingProgramFilter
    template_name = "toolkit/trainingprogram_list.html"
    paginate_by = 25

    def get_queryset(self):
        return TrainingProgram.objects.visible_to(self.request.user).select_related("provider", "county")


class DataImportListView(StaffRequiredMixin, SingleTableMixin, FormView):
    """Staff upload data files here and see the imports run so far."""

    table_class = DataImportTable
    template_name = "toolkit/dataimport_list.html"
    form_class = DataImportForm
    paginate_by = 25

    def get_queryset(self):
        return DataImport.objects.visible_to(self.request.user).select_related("requested_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(portal_state=portal_state(), **kwargs)

    def form_valid(self, form):
        data_import = services.data_import_start(
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            user=self.request.user,
            year=form.cleaned_data["year"],
        )
        messages.success(self.request, f"{data_import.original_name} is queued for import.")
        return redirect(data_import)


class DataImportDetailView(StaffRequiredMixin, DetailView):
    """One import's progress bar (polled with htmx while it runs) and its summary or errors."""

    template_name = "toolkit/dataimport_detail.html"
    context_object_name = "data_import"

    def get_queryset(self):
        return DataImport.objects.visible_to(self.request.user).select_related("requested_by")

    def get_template_names(self):
        if self.request.htmx:
            return ["toolkit/partials/dataimport_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_active"] = services.data_import_is_active(self.object)
        context["portal_state"] = portal_state()
        return context
