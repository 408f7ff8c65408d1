"""Bad input, generated: property-based tests (hypothesis) feed every importer and the money and date forms random
and malformed input. Whatever arrives, the portal answers with a clear message, writes nothing when it refuses,
and never fails with a server error. A double click on a form's submit button creates one record.

The runs are bounded (max_examples below) so the suite stays within CI's time; hypothesis shrinks any failure to
the smallest input that shows it.
"""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tests.site_world import build_world
from credentials.importers import COLUMNS as CREDENTIAL_COLUMNS
from credentials.importers import import_credentials
from credentials.models import Category, Credential
from toolkit.importers import IMPORTERS, ImportRefused, run_import

IMPORTER_EXAMPLES = 30
FORM_EXAMPLES = 12
bounded = settings(
    max_examples=IMPORTER_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Cell values people and exports really produce, and the ones attackers try.
NASTY = [
    "", " ", "-1", "0", "-0.00", "1e309", "NaN", "inf", "-inf", "99999999999999999999999", "1,234.56", "12.345",
    "$1,000", "(100)", "1 000", "１２３", "٣", "2024-02-30", "2024-13-01", "13/45/2020", "0000-00-00", "20240101",
    "9999-12-31", "1899-12-31", "null", "None", "N/A", "**", "#", "~", "'; DROP TABLE core_user; --",
    "=HYPERLINK(\"http://x\")", "<script>alert(1)</script>", "\x00", "a\x00b", "\u202e", "\ufeff", "x" * 5000,
    "11-1011", "11-101", "XX-XXXX", "39049", "99999", "true", "yes", "0", "1",
]  # fmt: skip
CELL = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.dates().map(str),
)


@st.composite
def table_files(draw, columns):
    """A CSV file with some of `columns` (shuffled, maybe extra or missing ones) and a few rows of nasty cells; or,
    now and then, bytes that are no CSV at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    header = draw(st.permutations(columns))
    header = header[: draw(st.integers(0, len(header)))] if draw(st.booleans()) else header
    header = list(header) + draw(st.lists(st.sampled_from(["extra", "", "Title", " area "]), max_size=2))
    rows = draw(st.lists(st.lists(CELL, min_size=len(header), max_size=len(header) + 1), max_size=4))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    return out.getvalue().encode(encoding, errors="replace")


def row_counts(*labels):
    return {label: apps.get_model(label).objects.count() for label in labels}


def assert_clear(messages):
    assert messages, "a refusal must say what is wrong"
    for message in messages:
        assert isinstance(message, str) and len(message.strip()) > 10, message
        assert "Traceback" not in message


# ---------------------------------------------------------------------------------------------------------------
# Importers
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@bounded
@given(content=table_files(CREDENTIAL_COLUMNS))
def test_credential_import_refuses_bad_files_with_messages_and_writes_nothing(content):
    before = row_counts("credentials.Credential", "credentials.Category")
    result = import_credentials(io.BytesIO(content), "catalog.csv")
    if result.errors:
        assert_clear(result.errors.lines())
        assert row_counts("credentials.Credential", "credentials.Category") == before
    else:
        assert Credential.objects.count() == before["credentials.Credential"] + result.created
        assert Category.objects.count() >= before["credentials.Category"]


TOOLKIT_TABLES = (
    "toolkit.Occupation",
    "toolkit.Area",
    "toolkit.OccupationEstimate",
    "toolkit.JobPosting",
    "toolkit.TrainingProgram",
    "toolkit.ClusterOccupation",
    "core.Organization",
)


def toolkit_columns(kind):
    importer = IMPORTERS[kind]
    extra = {
        "oews": ["o_group", "naics", "own_code", "emp_prse", "jobs_1000", "loc_quotient", "annual", "hourly",
                 "prim_state"],
        "job_postings": ["area_code", "county_fips", "soc_title", "source"],
        "training_programs": ["cip_code", "credential", "length_weeks", "length_hours", "modality", "cost",
                              "county_fips", "soc_codes", "url"],
        "cluster_occupations": ["soc_title", "note"],
    }[str(kind)]  # fmt: skip
    return list(importer.required_columns) + extra


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(str(kind) for kind in IMPORTERS))
def test_toolkit_importers_refuse_bad_files_with_messages_and_write_nothing(kind, reference_data):
    @bounded
    @given(content=table_files(toolkit_columns(kind)))
    def check(content):
        before = row_counts(*TOOLKIT_TABLES)
        try:
            run_import(kind, io.BytesIO(content), "upload-2024.csv", year=2024)
        except ImportRefused as refusal:
            assert_clear(refusal.errors)
            assert row_counts(*TOOLKIT_TABLES) == before

    check()


# ---------------------------------------------------------------------------------------------------------------
# Money and date forms, through the real pages
# ---------------------------------------------------------------------------------------------------------------

# (url name, ids from the world, who submits, the model a valid submission adds a row to)
PARTNERSHIP = lambda w: {"partnership_pk": w["partnership"].pk}  # noqa: E731
FORMS = [
    ("credentials:round_create", lambda w: {}, "staff", "credentials.FundingRound"),
    ("credentials:round_update", lambda w: {"pk": w["round"].pk}, "staff", "credentials.FundingRound"),
    ("credentials:proposal_create", lambda w: {}, "owner", "credentials.CredentialProposal"),
    ("credentials:line_create", lambda w: {"pk": w["draft"].pk}, "owner", "credentials.ApplicationLine"),
    ("credentials:claim_create", lambda w: {"pk": w["awarded"].pk}, "owner", "credentials.ReimbursementClaim"),
    ("workbased_learning:opportunity_create", lambda w: {}, "owner", "workbased_learning.Opportunity"),
    ("workbased_learning:placement_create", lambda w: {"pk": w["opportunity"].pk}, "provider",
     "workbased_learning.Placement"),
    ("workbased_learning:timeentry_create", lambda w: {"pk": w["placement"].pk}, "provider",
     "workbased_learning.TimeEntry"),
    ("workbased_learning:incentive_create", lambda w: {"year": w["program_year"].year}, "owner",
     "workbased_learning.IncentiveApplication"),
    ("workbased_learning:incentive_decide", lambda w: {"pk": w["incentive"].pk}, "staff",
     "workbased_learning.IncentiveApplication"),
    ("partnerships:support_create", PARTNERSHIP, "staff", "partnerships.SupportRecord"),
    ("partnerships:meeting_create", PARTNERSHIP, "staff", "partnerships.Meeting"),
    ("partnerships:report_update", lambda w: {"partnership_pk": w["partnership"].pk, "pk": w["outcome_report"].pk},
     "convener", "partnerships.OutcomeValue"),
]  # fmt: skip
FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', re.I)
SKIPPED_FIELDS = {"csrfmiddlewaretoken", "submission_token"}


def form_fields(html):
    return sorted({name for name in FIELD.findall(html) if name not in SKIPPED_FIELDS})


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "ids", "who", "model"), FORMS, ids=[form[0] for form in FORMS])
def test_money_and_date_forms_answer_malformed_input_without_a_server_error(client, people, name, ids, who, model):
    world = build_world(people)
    client.force_login(people.get(who))
    url = reverse(name, kwargs=ids(world))
    page = client.get(url)
    assert page.status_code == 200, f"{name} should show its form to {who}"
    fields = form_fields(page.content.decode())
    assert fields, f"{name} shows no form fields"

    @bounded
    @given(values=st.fixed_dictionaries({}, optional=dict.fromkeys(fields, CELL)))
    def check(values):
        before = apps.get_model(model).objects.count()
        response = client.post(url, values)
        assert response.status_code in (200, 302), f"{name} answered {response.status_code} to {values!r}"
        if response.status_code == 200:
            # The form came back: it must say what is wrong, and nothing may have been written.
            assert b"invalid-feedback" in response.content or b"alert-danger" in response.content, values
            assert apps.get_model(model).objects.count() == before

    check()


# ---------------------------------------------------------------------------------------------------------------
# Double submits
# ---------------------------------------------------------------------------------------------------------------


def valid_time_entry(world):
    return {
        "date": world["placement"].start_date.isoformat(),
        "hours": "4.00",
        "setting": "in_person",
        "activities": "Worked on the line.",
    }


def valid_claim(world):
    from credentials.tests.factories import PDF_BYTES

    award = world["awarded"].lines.get().award
    return {
        "claim_month": world["claim"].claim_month.replace(year=world["claim"].claim_month.year - 1).isoformat(),
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "100",
        "lines-0-award": str(award.pk),
        "lines-0-employee_name": "Sam Rivera",
        "lines-0-ssn_last4": "1234",
        "lines-0-date_earned": world["claim"].claim_month.isoformat(),
        "lines-0-wage_after": "25.00",
        "lines-0-amount": "1000.00",
        "proof": ("proof.pdf", PDF_BYTES),
    }


DOUBLE_SUBMITS = [
    ("workbased_learning:timeentry_create", lambda w: {"pk": w["placement"].pk}, "provider", valid_time_entry,
     "workbased_learning.TimeEntry"),
    ("credentials:proposal_create", lambda w: {}, "owner", lambda w: {
        "title": "Industrial robot programming", "issuing_body": "FANUC", "technology_evidence": "Robots.",
        "recognition_evidence": "Job postings ask for it.", "typical_cost": "800.00", "typical_training_hours": "30",
        "training_provider": "A college"}, "credentials.CredentialProposal"),
    ("workbased_learning:opportunity_create", lambda w: {}, "owner", lambda w: {
        "title": "Summer machining internship", "type": "internship", "modality": "in_person", "paid": "on",
        "hourly_wage": "16.00", "hours_target": "200", "capacity": "2", "status": "open",
        "description": "Learn CNC."}, "workbased_learning.Opportunity"),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "ids", "who", "data", "model"), DOUBLE_SUBMITS, ids=[d[0] for d in DOUBLE_SUBMITS])
def test_a_double_click_creates_one_record(client, people, name, ids, who, data, model):
    world = build_world(people)
    client.force_login(people.get(who))
    url = reverse(name, kwargs=ids(world))
    form = client.get(url)
    token = re.search(rb'name="submission_token" value="([^"]+)"', form.content)
    payload = data(world) | ({"submission_token": token.group(1).decode()} if token else {})
    before = apps.get_model(model).objects.count()
    first = client.post(url, payload)
    second = client.post(url, payload)
    assert first.status_code == 302, re.findall(r"invalid-feedback[^>]*>(.*?)<", first.content.decode(), re.S)
    assert second.status_code in (200, 302)
    assert apps.get_model(model).objects.count() == before + 1


def test_the_money_strategy_reaches_the_edges():
    """The generated cells include the values that break money parsing (kept honest: the list is what runs)."""
    assert {"1e309", "NaN", "-1", "99999999999999999999999", "$1,000", "\x00"} <= set(NASTY)
    assert Decimal("12.345").as_tuple().exponent == -3


@pytest.mark.django_db
def test_without_the_guard_a_double_click_would_create_two_records(client, people, settings):
    """The submission-token guard (core.middleware) is what makes the test above pass."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.endswith("SubmissionTokenMiddleware")]
    name, ids, who, data, model = DOUBLE_SUBMITS[1]
    world = build_world(people)
    client.force_login(people.get(who))
    url = reverse(name, kwargs=ids(world))
    before = apps.get_model(model).objects.count()
    client.post(url, data(world))
    client.post(url, data(world))
    assert apps.get_model(model).objects.count() == before + 2


@pytest.mark.django_db
def test_a_refused_form_can_be_corrected_and_sent_again_at_once(client, people):
    name, ids, who, data, model = DOUBLE_SUBMITS[1]
    world = build_world(people)
    client.force_login(people.get(who))
    url = reverse(name, kwargs=ids(world))
    refused = client.post(url, data(world) | {"typical_cost": "-5"})
    assert refused.status_code == 200
    refused_again = client.post(url, data(world) | {"typical_cost": "-5"})
    assert refused_again.status_code == 200, "a refused form is judged again, not waved through"
    assert client.post(url, data(world)).status_code == 302
    assert apps.get_model(model).objects.filter(title="Industrial robot programming").count() == 1
