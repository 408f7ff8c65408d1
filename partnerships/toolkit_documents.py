"""A partnership's pieces of the state tool kit: the sample documents filled with its fields, the programs that
train for its skill gaps, and the customized tool kit PDF.

The tool kit (a lower floor) knows nothing of partnerships: we pass it plain values (`merge_context`).
"""

from django.urls import reverse
from django.utils import timezone

from core.charts import bar_chart_svg
from core.pdf import render_pdf
from partnerships.models import MeetingKind, Scope, SectorPartnership
from toolkit.documents import MERGE_FIELD_PATTERN, fill_template, render_markdown
from toolkit.models import Resource, SeededResource, TrainingProgram
from toolkit.profiles import cluster_profile

# The sample documents a partnership can download filled in: URL slug -> (seeded resource, file name).
DOCUMENTS = {
    "launch-agenda": (SeededResource.LAUNCH_AGENDA, "launch-meeting-agenda"),
    "employer-invitation": (SeededResource.EMPLOYER_INVITATION, "invitation-employers"),
    "partner-invitation": (SeededResource.PARTNER_INVITATION, "invitation-partners"),
}
PROGRAMS_SHOWN = 25


def cluster_profile_url(partnership):
    """The tool kit's profile of the partnership's cluster, in its first region (statewide for statewide ones)."""
    regions = list(partnership.regions.all()) if partnership.scope == Scope.REGIONAL else []
    query = f"?region={regions[0].slug}" if regions else ""
    return reverse("toolkit:cluster_profile", args=[partnership.cluster.slug]) + query


def launch_meeting(partnership):
    return partnership.meetings.filter(kind=MeetingKind.LAUNCH).order_by("starts_at").first()


def merge_context(partnership: SectorPartnership, *, starts_at=None, place=None) -> dict:
    """The plain values the tool kit's merge fields take for this partnership.

    The meeting date and place come from the arguments, else from the launch meeting when one is recorded.
    """
    meeting = launch_meeting(partnership)
    if starts_at is None and meeting is not None:
        starts_at = meeting.starts_at
        place = place or meeting.place or meeting.link
    liaison = partnership.staff_liaison
    if liaison is not None:
        contact = f"{liaison.get_full_name() or liaison.email} ({liaison.email})"
    else:
        contact = partnership.convener.name if partnership.convener else ""
    return {
        "partnership": partnership.name,
        "cluster": partnership.cluster.name,
        "region": partnership.region_names(),
        "convener": partnership.convener.name if partnership.convener else "",
        "meeting_date": f"{timezone.localtime(starts_at):%A, %B %-d, %Y at %-I:%M %p}" if starts_at else "",
        "meeting_place": place or "",
        "contact": contact,
    }


def fill_markdown(text, context):
    """The Markdown source with merge fields replaced by plain values (for a meeting's stored agenda)."""

    def replace(match):
        value = context.get(match.group(1))
        return str(value) if value else match.group(0)

    return MERGE_FIELD_PATTERN.sub(replace, text or "")


def seeded_resource(slug):
    return Resource.objects.filter(slug=slug).first()


def document_pdf(partnership, document) -> tuple[bytes, str]:
    """(PDF bytes, file name) of one sample document filled for the partnership; KeyError for an unknown one."""
    slug, filename = DOCUMENTS[document]
    resource = seeded_resource(slug)
    if resource is None:
        raise LookupError("The tool kit's sample documents are not loaded yet.")
    context = {
        "title": resource.title,
        "partnership": partnership,
        "body": fill_template(resource, merge_context(partnership)),
        "generated_on": timezone.localdate(),
    }
    return render_pdf("partnerships/pdf/document.html", context), f"{filename}-{partnership.pk}.pdf"


def programs_for_gaps(partnership, *, limit=PROGRAMS_SHOWN):
    """Active training programs that prepare for the partnership's skill-gap occupations."""
    codes = partnership.skill_gaps.soc_codes()
    return TrainingProgram.objects.active().for_occupations(codes).select_related("provider", "county")[:limit]


def _profile_section(partnership):
    regions = list(partnership.regions.all()) if partnership.scope == Scope.REGIONAL else [None]
    sections = []
    for region in regions or [None]:
        profile = cluster_profile(partnership.cluster, region)
        shown = [o for o in profile.occupations if o.employment is not None][:12]
        charts = []
        if shown:
            charts.append(
                bar_chart_svg(
                    [o.title for o in shown], [o.employment for o in shown], title="Employment by key occupation"
                )
            )
            wages = [o for o in shown if o.annual_median is not None]
            if wages:
                charts.append(
                    bar_chart_svg(
                        [o.title for o in wages],
                        [o.annual_median for o in wages],
                        title="Median annual wage",
                        unit="$",
                    )
                )
        sections.append({"profile": profile, "charts": charts})
    return sections


def toolkit_pdf(partnership, *, progress=None) -> bytes:
    """The customized tool kit: cover, Sector Partnership 101, the cluster and region profile with charts, the
    training programs that match its skill gaps, and the filled agenda and invitations."""
    progress = progress or (lambda done, total: None)
    steps = 5
    partnership = SectorPartnership.objects.select_related("cluster", "convener", "staff_liaison").get(
        pk=partnership.pk
    )
    context = {"partnership": partnership, "generated_on": timezone.localdate()}
    intro = seeded_resource(SeededResource.PARTNERSHIP_101)
    context["intro"] = render_markdown(intro.body) if intro else None
    progress(1, steps)
    context["profiles"] = _profile_section(partnership)
    progress(2, steps)
    context["skill_gaps"] = list(partnership.skill_gaps.all())
    soc_codes = sorted({g.soc_code for g in context["skill_gaps"]} | set(context["profiles"][0]["profile"].soc_codes))
    context["programs"] = list(
        TrainingProgram.objects.active().for_occupations(soc_codes).select_related("provider", "county")[:60]
    )
    progress(3, steps)
    merge = merge_context(partnership)
    documents = []
    for slug, _ in DOCUMENTS.values():
        resource = seeded_resource(slug)
        if resource is not None:
            documents.append({"title": resource.title, "body": fill_template(resource, merge)})
    context["documents"] = documents
    progress(4, steps)
    return render_pdf("partnerships/pdf/toolkit.html", context)
