"""Who may open each page and API endpoint, what the pages say, and how many queries they cost."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.testing.access import assert_access
from core.testing.factories import EmployerFactory
from core.testing.queries import assert_query_budget
from credentials.models import (
    ApplicationStatus,
    ClaimLine,
    ClaimStatus,
    Credential,
    FundingRound,
    ProposalStatus,
    ReimbursementClaim,
    SearchTerm,
)
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    CategoryFactory,
    CredentialFactory,
    OpenRoundFactory,
    ProposalFactory,
    awarded_application,
    submitted_claim,
)

pytestmark = pytest.mark.django_db

PUBLIC = dict.fromkeys(["anonymous", "staff", "admin", "employer", "other_employer", "provider"], 200)
STAFF_ONLY = {"anonymous": 302, "staff": 200, "admin": 200, "employer": 403, "other_employer": 403, "provider": 403}
EMPLOYERS = {"anonymous": 302, "staff": 403, "admin": 403, "employer": 200, "other_employer": 200, "provider": 403}
PARTICIPANTS = {"anonymous": 302, "staff": 200, "admin": 200, "employer": 200, "other_employer": 200, "provider": 403}
OWNER_AND_STAFF = {
    "anonymous": 302,
    "staff": 200,
    "admin": 200,
    "employer": 200,
    "other_employer": 404,
    "provider": 403,
}
OWNER_ONLY = {"anonymous": 302, "staff": 403, "admin": 403, "employer": 200, "other_employer": 404, "provider": 403}


@pytest.fixture
def owned(people):
    """Records of the `employer`'s organisation: a proposal, an awarded application with a claim, a draft."""
    org = people.employer.organization
    proposal = ProposalFactory(organization=org)
    awarded, award = awarded_application(org)
    claim = submitted_claim(awarded, award)
    draft = ApplicationFactory(organization=org, round=OpenRoundFactory())
    ApplicationLineFactory(application=draft)
    return {"proposal": proposal, "awarded": awarded, "award": award, "claim": claim, "draft": draft}


def test_public_pages(client, people):
    credential = CredentialFactory()
    assert_access(client, reverse("credentials:search"), PUBLIC, people)
    assert_access(client, reverse("credentials:search") + "?q=credentail", PUBLIC, people)
    assert_access(client, credential.get_absolute_url(), PUBLIC, people)


def test_staff_pages(client, people):
    assert_access(client, reverse("credentials:credential_import"), STAFF_ONLY, people)


def test_employer_and_participant_pages(client, people, owned):
    assert_access(client, reverse("credentials:employer_dashboard"), EMPLOYERS, people)
    assert_access(client, reverse("credentials:proposal_create"), EMPLOYERS, people)
    for name in ("proposal_list", "round_list", "application_list", "claim_list"):
        assert_access(client, reverse(f"credentials:{name}"), PARTICIPANTS, people)
    assert_access(client, owned["draft"].round.get_absolute_url(), PARTICIPANTS, people)


def test_records_of_one_organisation(client, people, owned):
    for url in (
        owned["proposal"].get_absolute_url(),
        owned["awarded"].get_absolute_url(),
        owned["draft"].get_absolute_url(),
        owned["claim"].get_absolute_url(),
        reverse("credentials:claim_proof", args=[owned["claim"].pk]),
    ):
        assert_access(client, url, OWNER_AND_STAFF, people)
    assert_access(client, reverse("credentials:line_create", args=[owned["draft"].pk]), OWNER_ONLY, people)
    line = owned["draft"].lines.get()
    assert_access(client, reverse("credentials:line_update", args=[owned["draft"].pk, line.pk]), OWNER_ONLY, people)
    assert_access(client, reverse("credentials:claim_create", args=[owned["awarded"].pk]), OWNER_ONLY, people)


def test_actions_are_refused_to_the_wrong_people(client, people, owned):
    draft = owned["draft"]
    line = draft.lines.get()
    post_only = {"other_employer": 404, "staff": 403, "provider": 403, "anonymous": 302}
    assert_access(client, reverse("credentials:application_submit", args=[draft.pk]), post_only, people, method="post")
    assert_access(
        client, reverse("credentials:line_delete", args=[draft.pk, line.pk]), post_only, people, method="post"
    )
    staff_post = {"employer": 403, "other_employer": 403, "provider": 403, "anonymous": 302}
    for name, pk in (
        ("application_award", draft.pk),
        ("application_decline", draft.pk),
        ("round_score", draft.round.pk),
        ("claim_approve", owned["claim"].pk),
        ("claim_return", owned["claim"].pk),
        ("claim_pay", owned["claim"].pk),
        ("proposal_approve", owned["proposal"].pk),
        ("proposal_decline", owned["proposal"].pk),
        ("proposal_review", owned["proposal"].pk),
    ):
        assert_access(client, reverse(f"credentials:{name}", args=[pk]), staff_post, people, method="post")
    assert draft.lines.exists()
    assert owned["claim"].__class__.objects.get(pk=owned["claim"].pk).status == ClaimStatus.SUBMITTED


# ------------------------------------------------------------------------------------------------------------------
# What the pages say


def test_search_results_say_reimbursable_how_much_and_next_step(client):
    OpenRoundFactory(name="Round Now")
    CredentialFactory(title="CompTIA Security+", typical_cost=Decimal("1400.00"), keywords="security plus")
    response = client.get(reverse("credentials:search"), {"q": "secuirty plus"})
    text = response.content.decode()
    assert "CompTIA Security+" in text and "Reimbursable up to $1,400.00 per employee" in text
    assert "Apply in Round Now" in text


def test_htmx_search_answers_with_the_results_partial(client):
    CredentialFactory(title="Certified Kubernetes Administrator")
    response = client.get(reverse("credentials:search"), {"q": "kubernets"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "Certified Kubernetes Administrator" in text and "<html" not in text


def test_no_result_leads_to_a_proposal(client):
    response = client.get(reverse("credentials:search"), {"q": "underwater basket weaving"})
    assert reverse("credentials:proposal_create") + "?title=underwater%20basket%20weaving" in response.content.decode()


def test_category_and_provider_filters(client):
    cloud = CategoryFactory(name="Cloud")
    CredentialFactory(title="AWS Cloud Practitioner", category=cloud, example_providers="Tri-C")
    CredentialFactory(title="CompTIA A+", example_providers="COTC")
    text = client.get(reverse("credentials:search"), {"category": cloud.pk}).content.decode()
    assert "AWS Cloud Practitioner" in text and "CompTIA A+" not in text
    text = client.get(reverse("credentials:search"), {"provider": "cotc"}).content.decode()
    assert "CompTIA A+" in text and "AWS Cloud Practitioner" not in text


def test_ssn_digits_and_birth_dates_show_only_on_the_staff_claim_page(client, people, owned):
    claim = owned["claim"]
    client.force_login(people.employer)
    for url in (
        claim.get_absolute_url(),
        reverse("credentials:employer_dashboard"),
        owned["awarded"].get_absolute_url(),
    ):
        text = client.get(url).content.decode()
        assert "4821" not in text and "05/17/1990" not in text and "1990" not in text
    client.force_login(people.staff)
    text = client.get(claim.get_absolute_url()).content.decode()
    assert "4821" in text and "05/17/1990" in text
    text = client.get(reverse("credentials:claim_list")).content.decode()
    assert "4821" not in text


def test_the_claim_page_shows_who_is_a_new_hire_to_the_employer_and_to_staff(client, people, owned):
    claim = owned["claim"]  # Jordan Ellis, a new hire born 05/17/1990
    for user in (people.employer, people.staff):
        client.force_login(user)
        text = client.get(claim.get_absolute_url()).content.decode()
        assert "<th>New hire</th>" in text and "<td>Yes</td>" in text
    assert "05/17/1990" in text  # staff only, as before


def test_import_page_reports_bad_rows(client, people):
    client.force_login(people.staff)
    upload = SimpleUploadedFile("c.csv", b"title,issuing_body,category,typical_cost\nX,Y,Z,abc\n")
    response = client.post(reverse("credentials:credential_import"), {"file": upload})
    assert "Line 2: typical_cost &#x27;abc&#x27; is not an amount" in response.content.decode()
    upload = SimpleUploadedFile("c.csv", b"title,issuing_body,category,typical_cost\nX,Y,Z,12\n")
    response = client.post(reverse("credentials:credential_import"), {"file": upload})
    assert response.status_code == 302 and Credential.objects.filter(title="X").exists()


def test_line_form_puts_the_message_on_the_field(client, people, owned):
    client.force_login(people.employer)
    draft = owned["draft"]
    credential = CredentialFactory()
    start = draft.round.training_starts_on
    response = client.post(
        reverse("credentials:line_create", args=[draft.pk]),
        {
            "credential": credential.pk,
            "training_provider": "COTC",
            "cost_per_employee": "1000",
            "employees": "2",
            "amount_requested_per_employee": "1200",
            "wage_before": "20",
            "wage_after": "21",
            "training_start": start.isoformat(),
            "training_end": (start + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Ask for at most the cost per employee" in str(
        response.context["form"].errors["amount_requested_per_employee"]
    )


def test_staff_award_through_the_page(client, people):
    round = OpenRoundFactory()
    application = ApplicationFactory(round=round, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now())
    line = ApplicationLineFactory(application=application, employees=2, amount_requested_per_employee=Decimal("1000"))
    client.force_login(people.staff)
    response = client.post(reverse("credentials:application_award", args=[application.pk]), {f"line_{line.pk}": "2500"})
    assert "At most the $2,000.00 requested" in response.content.decode()
    response = client.post(reverse("credentials:application_award", args=[application.pk]), {f"line_{line.pk}": "1500"})
    assert response.status_code == 302
    assert line.award.amount == Decimal("1500.00")


def test_proposal_decision_through_the_page(client, people, owned):
    client.force_login(people.staff)
    proposal = owned["proposal"]
    response = client.post(reverse("credentials:proposal_decline", args=[proposal.pk]), {"reason": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    client.post(reverse("credentials:proposal_decline", args=[proposal.pk]), {"reason": "Not technology."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED


def test_a_refused_action_is_shown_on_its_form_on_the_object_page(client, people, owned):
    """The service refuses to approve a proposal already decided: the page that shows the proposal is answered
    again (200, not a redirect) with the refusal on the approve form."""
    client.force_login(people.staff)
    proposal = owned["proposal"]
    client.post(reverse("credentials:proposal_decline", args=[proposal.pk]), {"reason": "Not technology."})
    response = client.post(
        reverse("credentials:proposal_approve", args=[proposal.pk]), {"category": CategoryFactory().pk}
    )
    assert response.status_code == 200
    assert response.context["approve_form"].non_field_errors() == ["This proposal has already been decided."]
    assert response.context["object"] == proposal


def test_a_claim_return_without_a_reason_is_shown_on_the_claim_page(client, people, owned):
    client.force_login(people.staff)
    claim = owned["claim"]
    response = client.post(reverse("credentials:claim_return", args=[claim.pk]), {"reason": "   "})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response.context["return_form"].errors["reason"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


# ------------------------------------------------------------------------------------------------------------------
# Query budgets: the same number of queries with 3 rows and with 300


def test_search_query_budget(client):
    category = CategoryFactory()

    def make_rows(n):
        Credential.objects.bulk_create(
            Credential(title=f"Cloud credential {Credential.objects.count() + i}", issuing_body="X", category=category)
            for i in range(n)
        )
        SearchTerm.objects.refresh()  # as every writer of the catalog does: remembered searches are forgotten

    assert_query_budget(client, reverse("credentials:search") + "?q=cloud", make_rows=make_rows, budget=5)
    assert_query_budget(client, reverse("credentials:search"), make_rows=make_rows, budget=5, few=0, many=3)


def test_api_list_query_budget(client):
    category = CategoryFactory()

    def make_rows(n):
        Credential.objects.bulk_create(
            Credential(title=f"Data credential {Credential.objects.count() + i}", issuing_body="X", category=category)
            for i in range(n)
        )
        SearchTerm.objects.refresh()  # as every writer of the catalog does: remembered searches are forgotten

    assert_query_budget(client, "/api/credentials/?search=data", make_rows=make_rows, budget=4)


def _org_rows(people):
    org = people.employer.organization

    def make_rows(n):
        for _ in range(n):
            application, award = awarded_application(org)
            submitted_claim(application, award, month=datetime.date(1900 + ReimbursementClaim.objects.count(), 1, 1))
            ProposalFactory(organization=org)

    return make_rows


@pytest.mark.parametrize(
    "name", ["application_list", "claim_list", "proposal_list", "employer_dashboard", "round_list"]
)
def test_employer_list_query_budgets(client, people, name):
    client.force_login(people.employer)
    assert_query_budget(client, reverse(f"credentials:{name}"), make_rows=_org_rows(people), budget=15, many=60)


@pytest.mark.parametrize("name", ["application_list", "claim_list", "proposal_list", "round_list"])
def test_staff_list_query_budgets(client, people, name):
    client.force_login(people.staff)
    assert_query_budget(client, reverse(f"credentials:{name}"), make_rows=_org_rows(people), budget=15, many=60)


def test_round_ranking_and_detail_pages_query_budgets(client, people):
    round = OpenRoundFactory()

    def make_applications(n):
        for _ in range(n):
            application = ApplicationFactory(
                round=round,
                organization=EmployerFactory(),
                status=ApplicationStatus.SUBMITTED,
                submitted_at=timezone.now(),
            )
            ApplicationLineFactory(application=application)

    client.force_login(people.staff)
    assert_query_budget(client, round.get_absolute_url(), make_rows=make_applications, budget=15, many=60)

    application = ApplicationFactory(organization=people.employer.organization, round=OpenRoundFactory())

    def make_lines(n):
        for _ in range(n):
            ApplicationLineFactory(application=application, employees=1, amount_requested_per_employee=Decimal("10"))

    client.force_login(people.employer)
    assert_query_budget(client, application.get_absolute_url(), make_rows=make_lines, budget=20, many=60)


def test_claim_detail_query_budget(client, people):
    application, award = awarded_application(people.employer.organization, employees=400, per_employee=Decimal("5"))
    claim = submitted_claim(application, award)

    def make_lines(n):
        ClaimLine.objects.bulk_create(
            ClaimLine(
                claim=claim,
                award=award,
                employee_name=f"E{i}",
                ssn_last4="1234",
                date_earned=timezone.localdate(),
                wage_after=Decimal("20"),
                amount=Decimal("1"),
            )
            for i in range(n)
        )

    client.force_login(people.staff)
    assert_query_budget(client, claim.get_absolute_url(), make_rows=make_lines, budget=15)


# ------------------------------------------------------------------------------------------------------------------
# API


def test_api_catalog_is_public_and_searchable(client):
    CredentialFactory(title="CompTIA Security+", keywords="security plus")
    CredentialFactory(title="CCNA")
    response = client.get("/api/credentials/", {"search": "secuirty"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["results"][0]["title"] == "CompTIA Security+"
    detail = client.get(f"/api/credentials/{body['results'][0]['id']}/")
    assert detail.status_code == 200 and detail.json()["title"] == "CompTIA Security+"


def test_api_catalog_filters_by_category(client):
    cloud = CategoryFactory()
    CredentialFactory(title="AWS", category=cloud)
    CredentialFactory(title="CCNA")
    assert [r["title"] for r in client.get("/api/credentials/", {"category": cloud.pk}).json()["results"]] == ["AWS"]


def test_api_catalog_is_rate_limited_for_anonymous_callers(client):
    from rest_framework.settings import api_settings

    from core.throttling import AnonymousRateThrottle
    from credentials.api import CredentialViewSet

    assert AnonymousRateThrottle in [type(t) for t in CredentialViewSet().get_throttles()]
    rate = int(api_settings.DEFAULT_THROTTLE_RATES["anon"].split("/")[0])
    # 2 x rate + 1 requests: even if a minute's window ends among them, one window receives more than the limit.
    responses = [client.get("/api/credential-categories/") for _ in range(2 * rate + 1)]
    statuses = [response.status_code for response in responses]
    assert 429 in statuses and statuses.count(200) <= 2 * rate
    refused = next(response for response in responses if response.status_code == 429)
    assert 0 <= int(refused["Retry-After"]) <= 60


def test_api_applications_need_a_login_and_are_scoped(client, people, owned):
    assert client.get("/api/credential-applications/").status_code in (401, 403)
    client.force_login(people.other_employer)
    assert client.get("/api/credential-applications/").json()["count"] == 0
    assert client.get(f"/api/credential-applications/{owned['draft'].pk}/").status_code == 404
    client.force_login(people.employer)
    assert client.get("/api/credential-applications/").json()["count"] == 2
    client.force_login(people.staff)
    assert client.get("/api/credential-applications/").json()["count"] == 2


def test_api_applications_accept_a_token(client, people, owned):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=people.employer)
    response = client.get("/api/credential-applications/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200 and response.json()["count"] == 2


def test_api_schema_and_docs_render_without_a_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/credentials/" in schema.content
    docs = client.get("/api/docs/")
    text = docs.content.decode()
    assert docs.status_code == 200 and "swagger-ui" in text
    assert "cdn." not in text and "unpkg" not in text and "jsdelivr" not in text


def test_staff_create_a_round_closing_at_three_pm_eastern(client, people):
    assert_access(client, reverse("credentials:round_create"), STAFF_ONLY, people)
    client.force_login(people.staff)
    response = client.post(
        reverse("credentials:round_create"),
        {
            "name": "Round January 2027",
            "first_day": "2027-01-04",
            "last_day": "2027-01-29",
            "close_hour": "15",
            "total_budget": "2500000",
            "per_credential_cap": "2000",
            "per_employer_round_cap": "30000",
            "per_employer_fiscal_year_cap": "180000",
            "training_window_months": "12",
            "claim_window_days": "42",
        },
    )
    assert response.status_code == 302
    round = FundingRound.objects.get(name="Round January 2027")
    assert timezone.localtime(round.closes_at).isoformat() == "2027-01-29T15:00:00-05:00"
    assert round.training_starts_on == datetime.date(2027, 2, 1)
    assert_access(client, reverse("credentials:round_update", args=[round.pk]), STAFF_ONLY, people)
    client.force_login(people.staff)
    response = client.post(
        reverse("credentials:round_update", args=[round.pk]),
        {"name": "X", "first_day": "2027-02-01", "last_day": "2027-01-01"},
    )
    assert "The last day cannot be before the first day." in response.content.decode()


def test_credential_page_offers_to_add_it_to_the_employers_draft(client, people):
    round = OpenRoundFactory()
    draft = ApplicationFactory(organization=people.employer.organization, round=round)
    credential = CredentialFactory()
    client.force_login(people.employer)
    link = reverse("credentials:line_create", args=[draft.pk]) + f"?credential={credential.pk}"
    assert link in client.get(credential.get_absolute_url()).content.decode()
    assert client.get(link).context["form"].initial["credential"] == str(credential.pk)


def test_api_permission_matrix(client, people, owned):
    credential = CredentialFactory()
    for url in (
        "/api/credentials/",
        f"/api/credentials/{credential.pk}/",
        "/api/credential-categories/",
        f"/api/credential-categories/{credential.category_id}/",
        "/api/funding-rounds/",
        f"/api/funding-rounds/{owned['draft'].round_id}/",
    ):
        assert_access(client, url, PUBLIC, people)
    assert_access(
        client,
        "/api/credential-applications/",
        {"anonymous": 403, "staff": 200, "admin": 200, "employer": 200, "other_employer": 200, "provider": 200},
        people,
    )
    assert_access(
        client,
        f"/api/credential-applications/{owned['draft'].pk}/",
        {"anonymous": 403, "staff": 200, "admin": 200, "employer": 200, "other_employer": 404, "provider": 404},
        people,
    )


def test_api_applications_query_budget(client, people):
    def make_rows(n):
        for _ in range(n):
            application, _award = awarded_application(EmployerFactory())
            ApplicationLineFactory(application=application)

    client.force_login(people.staff)
    assert_query_budget(client, "/api/credential-applications/", make_rows=make_rows, budget=8, many=60)
