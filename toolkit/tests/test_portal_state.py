"""The state the portal serves is the PORTAL_STATE setting: statewide figures are that state's, whatever is on file."""

import csv
import html
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from core.jobs import run_job
from core.models import IndustryCluster
from core.remembered import remember
from toolkit import demo
from toolkit.models import Area, OccupationEstimate
from toolkit.profiles import cluster_profile, rank_clusters
from toolkit.services import DataImportJob
from toolkit.tests.factories import DataImportFactory

pytestmark = pytest.mark.django_db

VERMONT_CSV = Path(__file__).parent / "data" / "oews_vermont_2025.csv"
NURSES = "29-1141"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def ohio_statewide_csv():
    """Ohio's statewide rows of the demo file (real BLS figures), as a staff member would upload them."""
    with demo.DEMO_OEWS.open(newline="") as handle:
        rows = list(csv.reader(handle))
    out = io.StringIO()
    csv.writer(out).writerows([rows[0], *(row for row in rows[1:] if row[0] == demo.DEMO_STATE_AREA)])
    return out.getvalue().encode()


def ohio_figure(soc, column):
    with demo.DEMO_OEWS.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if row["AREA"] == demo.DEMO_STATE_AREA and row["OCC_CODE"] == soc:
                return int(row[column].replace(",", ""))
    raise LookupError(soc)


def staff_import(content, name, people):
    data_import = DataImportFactory(original_name=name, file=ContentFile(content, name=name), requested_by=people.staff)
    run_job(DataImportJob, data_import.pk)
    data_import.refresh_from_db()
    assert data_import.is_succeeded, data_import.error
    return data_import


def nurses(profile):
    return next(o for o in profile.occupations if o.soc_code == NURSES)


def test_another_states_file_is_kept_but_never_shown_as_statewide(people):
    vermont = staff_import(VERMONT_CSV.read_bytes(), "oews_vermont_2025.csv", people)
    assert Area.objects.filter(code="50").exists() and OccupationEstimate.objects.filter(area__code="50").exists()
    assert vermont.summary["states"] == ["VT"] and vermont.other_states == ["Vermont"]
    assert not vermont.holds_portal_state

    profile = cluster_profile("healthcare")
    assert not profile.has_data and profile.areas == []
    assert profile.region_name == "Ohio statewide" and profile.state_name == "Ohio"
    assert not any(ranking.has_data for ranking in rank_clusters())  # the priority ranking reads the same figures


def test_a_staff_import_of_the_portals_state_shows_on_the_profiles_at_once(
    client, people, django_capture_on_commit_callbacks
):
    staff_import(VERMONT_CSV.read_bytes(), "oews_vermont_2025.csv", people)
    counted = []

    def count():
        counted.append(1)
        return OccupationEstimate.objects.count()

    before = remember(OccupationEstimate, ("test-count",), count)
    with django_capture_on_commit_callbacks(execute=True):
        ohio = staff_import(ohio_statewide_csv(), "oews_ohio_2025.csv", people)
    assert ohio.summary["states"] == ["OH"] and ohio.holds_portal_state and ohio.other_states == []
    # What was remembered about the estimates is forgotten once the import commits.
    assert remember(OccupationEstimate, ("test-count",), count) > before and len(counted) == 2

    profile = cluster_profile("healthcare")
    assert profile.areas == ["Ohio"] and nurses(profile).employment == ohio_figure(NURSES, "TOT_EMP")
    body = client.get(reverse("toolkit:cluster_profile", args=["healthcare"])).content.decode()
    assert "May 2025, for Ohio." in body and "Vermont" not in body
    assert f"{ohio_figure(NURSES, 'TOT_EMP'):,}" in body
    ranking = {r.cluster_slug: r for r in rank_clusters()}
    assert ranking["healthcare"].employment >= ohio_figure(NURSES, "TOT_EMP")


def test_the_setting_names_the_state_whose_figures_are_statewide(settings, people):
    staff_import(VERMONT_CSV.read_bytes(), "oews_vermont_2025.csv", people)
    staff_import(ohio_statewide_csv(), "oews_ohio_2025.csv", people)
    assert cluster_profile("healthcare").areas == ["Ohio"]
    settings.PORTAL_STATE = "VT"
    profile = cluster_profile("healthcare")
    assert profile.areas == ["Vermont"] and profile.region_name == "Vermont statewide"
    assert nurses(profile).employment == 7410  # Vermont's registered nurses, BLS May 2025


def page_text(client, url, **headers):
    return html.unescape(client.get(url, **headers).content.decode())


def test_the_import_pages_say_that_another_states_file_is_not_statewide(client, people):
    client.force_login(people.staff)
    body = page_text(client, reverse("toolkit:import_list"))
    assert "Statewide figures are always Ohio's, the state this portal serves" in body
    assert "an OEWS file of another state is kept, but never shown as statewide" in body

    vermont = staff_import(VERMONT_CSV.read_bytes(), "oews_vermont_2025.csv", people)
    body = page_text(client, vermont.get_absolute_url())
    assert (
        "This file holds Vermont's statewide estimates: they are kept, but never shown as statewide figures, "
        "because this portal serves Ohio" in body
    )
    partial = client.get(vermont.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="other-state-note"' in partial

    ohio = staff_import(ohio_statewide_csv(), "oews_ohio_2025.csv", people)
    body = page_text(client, ohio.get_absolute_url())
    assert "The profiles show its Ohio figures as the statewide ones now." in body
    assert 'id="other-state-note"' not in body


def test_the_demo_is_an_ohio_portal_with_ohios_real_figures(client):
    demo.seed(stdout=io.StringIO())
    state = Area.objects.portal_state()
    assert (state.code, state.name, state.state) == ("39", "Ohio", "OH")
    assert not Area.objects.states().exclude(pk=state.pk).exists()
    healthcare = IndustryCluster.objects.get(slug="healthcare")
    assert nurses(cluster_profile(healthcare)).employment == ohio_figure(NURSES, "TOT_EMP")
    body = client.get(reverse("toolkit:cluster_profile", args=["healthcare"])).content.decode()
    assert 'Healthcare and Life Sciences <small class="text-body-secondary">· Ohio statewide</small>' in body
    assert "May 2025, for Ohio." in body and "Vermont" not in body
    body = client.get(reverse("toolkit:cluster_profile", args=["healthcare"]), {"region": "central"}).content
    assert b"May 2025, for Columbus, OH." in body
