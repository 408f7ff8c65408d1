"""The opportunity form picks CTE programs (and its provider and host) by typing, not from lists of every row."""

import pytest
from django.urls import reverse

from core.testing.factories import ProviderFactory
from core.testing.fixtures import log_in, pick, picker_options
from core.testing.queries import assert_query_budget
from workbased_learning.models import CTEProgram, Opportunity
from workbased_learning.tests.factories import CTEProgramFactory, OpportunityFactory

pytestmark = pytest.mark.django_db
CHOICES = reverse("workbased_learning:program_choices")


def labels(client, q):
    return picker_options(client, CHOICES, q=q)


def test_programs_match_by_their_name_or_their_providers_name(client, people):
    scioto = ProviderFactory(name="Scioto Career Center")
    CTEProgramFactory(name="Precision Machining", provider=scioto)
    CTEProgramFactory(name="Welding Technology", provider=scioto)
    CTEProgramFactory(name="Machining Basics", provider=ProviderFactory(name="Metro Tech"))
    client.force_login(people.employer)
    assert labels(client, "machining") == [
        "Machining Basics (Metro Tech)",
        "Precision Machining (Scioto Career Center)",
    ]
    assert labels(client, "scioto") == [
        "Precision Machining (Scioto Career Center)",
        "Welding Technology (Scioto Career Center)",
    ]
    assert "No CTE program matches" in client.get(CHOICES, {"q": "pastry"}).content.decode()


def test_who_may_ask_for_program_options(client, people):
    assert client.get(CHOICES, {"q": "ma"}).status_code == 302
    client.force_login(people.provider)  # providers pick programs on their placements, not on opportunities
    assert client.get(CHOICES, {"q": "ma"}).status_code == 403


def test_the_options_cost_the_same_queries_with_few_and_many_programs(client, people):
    provider = ProviderFactory()
    county = CTEProgramFactory().county
    client.force_login(people.staff)

    def make_rows(n):
        start = CTEProgram.objects.count()
        CTEProgram.objects.bulk_create(
            CTEProgram(provider=provider, county=county, name=f"Machining {start + i}", career_field="manufacturing")
            for i in range(n)
        )

    assert_query_budget(client, f"{CHOICES}?q=machining", make_rows=make_rows, budget=6)


def test_the_form_posts_several_programs_and_shows_them_again(client, people):
    first, second = CTEProgramFactory(name="Precision Machining"), CTEProgramFactory(name="Welding Technology")
    CTEProgramFactory.create_batch(20)
    client.force_login(people.employer)
    form = client.get(reverse("workbased_learning:opportunity_create")).content.decode()
    assert '<select name="programs"' not in form and '<select name="provider"' not in form
    assert "CTE program 1 " not in form

    response = client.post(
        reverse("workbased_learning:opportunity_create"),
        {"title": "Machinist co-op", "type": "internship", "modality": "in_person", "hours_target": "250",
         "capacity": "2", "status": "open", "programs": [first.pk, second.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    opportunity = Opportunity.objects.get(title="Machinist co-op")
    assert set(opportunity.programs.all()) == {first, second}

    edit = client.get(reverse("workbased_learning:opportunity_update", args=[opportunity.pk])).content.decode()
    assert f'<input type="hidden" name="programs" value="{first.pk}">' in edit
    assert f'aria-label="Remove Welding Technology ({second.provider})"' in edit


def test_staff_pick_the_host_among_employers_only(client, people):
    provider = ProviderFactory()
    client.force_login(people.staff)
    response = client.post(
        reverse("workbased_learning:opportunity_create"),
        {"host": provider.pk, "title": "X", "type": "internship", "modality": "in_person", "hours_target": "250",
         "capacity": "2", "status": "open"},
    )  # fmt: skip
    assert "Select a valid choice" in str(response.context["form"].errors["host"])
    assert not OpportunityFactory._meta.model.objects.filter(title="X").exists()


@pytest.mark.browser
def test_an_employer_adds_two_programs_removes_one_and_saves(page, people):
    CTEProgramFactory(name="Precision Machining", provider=ProviderFactory(name="Scioto Career Center"))
    CTEProgramFactory(name="Precision Welding", provider=ProviderFactory(name="Metro Tech"))
    log_in(page, people.employer.email)
    page.goto(reverse("workbased_learning:opportunity_create"))
    page.get_by_label("Title").fill("Machinist co-op")
    page.get_by_label("Type").select_option(label="Co-op")
    page.get_by_label("Modality").select_option(label="In person")
    page.get_by_label("Hourly wage").fill("16.50")
    page.get_by_label("Status").select_option(label="Open")
    pick(page, "CTE programs", "precision", "Precision Machining")
    programs = page.get_by_role("combobox", name="CTE programs")
    assert programs.input_value() == ""  # cleared for the next one
    programs.press_sequentially("weld", delay=20)
    page.get_by_role("option", name="Precision Welding").wait_for()
    programs.press("ArrowDown")
    programs.press("Enter")  # chooses; does not submit the form
    assert page.get_by_role("button", name="Remove Precision Machining (Scioto Career Center)").is_visible()
    page.get_by_role("button", name="Remove Precision Machining (Scioto Career Center)").click()
    status = programs.locator("xpath=ancestor::div[@data-picker]").get_by_role("status")
    assert status.text_content() == "Removed: Precision Machining (Scioto Career Center)."
    page.get_by_role("button", name="Save opportunity").click()
    page.wait_for_load_state()
    opportunity = Opportunity.objects.get(title="Machinist co-op")
    assert [program.name for program in opportunity.programs.all()] == ["Precision Welding"]
