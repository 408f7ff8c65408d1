"""Permission matrix, query budgets and page behaviour of every work-based learning page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.jobs import run_job
from core.models import JobStatus
from core.remembered import data_changed
from core.testing.access import assert_access
from core.testing.factories import EmployerUserFactory, ProviderUserFactory, UserFactory
from core.testing.queries import assert_query_budget
from workbased_learning import services
from workbased_learning.models import (
    ApplicationStatus,
    IncentiveCertificate,
    OpportunityStatus,
    Placement,
    TimeEntryStatus,
)
from workbased_learning.tests.factories import (
    CompetencyFactory,
    CTEProgramFactory,
    IncentiveApplicationFactory,
    IncentiveLineFactory,
    OpportunityFactory,
    PlacementFactory,
    ProgramYearFactory,
    TimeEntryFactory,
    VirtualOpportunityFactory,
    last_year_placement,
)


def url(name, *args):
    return reverse(f"workbased_learning:{name}", args=args)


class World:
    """One of everything, owned by the `people` fixture's employer and provider."""

    def __init__(self, people):
        self.people = people
        self.program = CTEProgramFactory(provider=people.provider.organization)
        self.opportunity = VirtualOpportunityFactory(host=people.employer.organization)
        self.draft = OpportunityFactory(host=people.employer.organization, status=OpportunityStatus.DRAFT)
        self.placement = PlacementFactory(
            opportunity=self.opportunity, program=self.program, supervisor=people.employer,
            learner_birth_date=datetime.date(2009, 4, 17),
        )  # fmt: skip
        self.entry = TimeEntryFactory(placement=self.placement)
        self.program_year = ProgramYearFactory()
        self.application = IncentiveApplicationFactory(
            employer=people.employer.organization, program_year=self.program_year
        )
        self.line = IncentiveLineFactory(application=self.application)


@pytest.fixture
def world(people):
    people.extra["other_provider"] = ProviderUserFactory(email="other-provider@example.test")
    people.extra["no_role"] = UserFactory(email="nobody@example.test")
    people.extra["host_colleague"] = EmployerUserFactory(
        email="colleague@example.test", organization=people.employer.organization
    )
    return World(people)


EVERYONE = {"anonymous": 302, "admin": 200, "staff": 200, "employer": 200, "other_employer": 200, "provider": 200}


@pytest.mark.django_db
class TestPermissions:
    def test_lists(self, client, world):
        for name in ("opportunity_list", "placement_list"):
            assert_access(client, url(name), {**EVERYONE, "no_role": 403}, world.people)
        assert_access(
            client,
            url("program_list"),
            {"anonymous": 302, "staff": 200, "provider": 200, "employer": 403, "no_role": 403},
            world.people,
        )
        assert_access(
            client,
            url("incentive_list"),
            {"anonymous": 302, "staff": 200, "employer": 200, "other_employer": 200, "provider": 403},
            world.people,
        )

    def test_dashboards(self, client, world):
        assert_access(
            client,
            url("provider_dashboard"),
            {"anonymous": 302, "provider": 200, "employer": 403, "staff": 403},
            world.people,
        )
        assert_access(
            client,
            url("employer_dashboard"),
            {"anonymous": 302, "employer": 200, "provider": 403, "staff": 403},
            world.people,
        )
        assert_access(
            client,
            url("staff_overview"),
            {"anonymous": 302, "staff": 200, "admin": 200, "employer": 403, "provider": 403},
            world.people,
        )

    def test_opportunities(self, client, world):
        pk = world.opportunity.pk
        assert_access(
            client,
            url("opportunity_detail", pk),
            {"anonymous": 302, "staff": 200, "employer": 200, "other_employer": 404, "provider": 200,
             "other_provider": 200, "no_role": 403},
            world.people,
        )  # fmt: skip
        assert_access(
            client,
            url("opportunity_detail", world.draft.pk),
            {"employer": 200, "staff": 200, "provider": 404, "other_employer": 404},
            world.people,
        )
        assert_access(
            client,
            url("opportunity_create"),
            {"anonymous": 302, "staff": 200, "employer": 200, "provider": 403},
            world.people,
        )
        assert_access(
            client,
            url("opportunity_update", pk),
            {"anonymous": 302, "staff": 200, "employer": 200, "other_employer": 404, "provider": 403},
            world.people,
        )
        assert_access(
            client,
            url("placement_create", pk),
            {"anonymous": 302, "provider": 200, "other_provider": 200, "employer": 403, "staff": 403},
            world.people,
        )
        assert_access(client, url("placement_create", world.draft.pk), {"provider": 404}, world.people)

    def test_programs(self, client, world):
        assert_access(
            client,
            url("program_create"),
            {"anonymous": 302, "staff": 200, "provider": 200, "employer": 403},
            world.people,
        )
        assert_access(
            client,
            url("program_update", world.program.pk),
            {"anonymous": 302, "staff": 200, "provider": 200, "other_provider": 404, "employer": 403},
            world.people,
        )

    def test_placements(self, client, world):
        pk = world.placement.pk
        assert_access(
            client,
            url("placement_detail", pk),
            {"anonymous": 302, "staff": 200, "employer": 200, "other_employer": 404, "provider": 200,
             "other_provider": 404, "no_role": 403},
            world.people,
        )  # fmt: skip
        assert_access(
            client,
            url("timeentry_create", pk),
            {"anonymous": 302, "staff": 200, "employer": 200, "other_employer": 404, "provider": 200,
             "other_provider": 404},
            world.people,
        )  # fmt: skip
        assert_access(
            client,
            url("placement_withdraw", pk),
            {"anonymous": 302, "provider": 200, "other_provider": 404, "employer": 403},
            world.people,
        )
        assert_access(
            client,
            url("placement_supervisor", pk),
            {"anonymous": 302, "employer": 200, "host_colleague": 200, "other_employer": 404, "provider": 403},
            world.people,
        )
        assert_access(
            client,
            url("placement_evaluate", pk),
            {"anonymous": 302, "employer": 200, "other_employer": 404, "provider": 403},
            world.people,
        )

    def test_sign_off_is_the_supervisors_alone(self, client, world):
        target = url("timeentry_approve", world.entry.pk)
        assert_access(
            client,
            target,
            {"anonymous": 302, "other_employer": 404, "other_provider": 404, "provider": 403, "staff": 403,
             "host_colleague": 403},
            world.people,
            method="post",
        )  # fmt: skip
        world.entry.refresh_from_db()
        assert world.entry.status == TimeEntryStatus.SUBMITTED
        assert_access(client, target, {"employer": 302}, world.people, method="post")
        world.entry.refresh_from_db()
        assert world.entry.status == TimeEntryStatus.APPROVED

    def test_incentives(self, client, world):
        pk = world.application.pk
        assert_access(
            client,
            url("incentive_detail", pk),
            {"anonymous": 302, "staff": 200, "employer": 200, "other_employer": 404, "provider": 403},
            world.people,
        )
        assert_access(
            client,
            url("incentive_create", world.program_year.year),
            {"anonymous": 302, "employer": 200, "other_employer": 200, "provider": 403, "staff": 403},
            world.people,
        )
        assert_access(
            client,
            url("incentive_decide", pk),
            {"anonymous": 302, "staff": 200, "employer": 403, "provider": 403},
            world.people,
        )
        assert_access(
            client,
            url("certificate_status", pk),
            {"anonymous": 302, "staff": 200, "employer": 200, "other_employer": 404, "provider": 403},
            world.people,
        )

    def test_certificate_download(self, client, world, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        target = url("certificate_download", world.application.pk)
        assert_access(client, target, {"staff": 404, "employer": 404}, world.people)
        services.incentive_application_decide(
            application=world.application, user=world.people.staff, decisions={world.line.pk: True}
        )
        run_job(services.CertificateJob, IncentiveCertificate.objects.get().pk)
        assert_access(
            client,
            target,
            {"anonymous": 302, "staff": 200, "admin": 200, "employer": 200, "other_employer": 404, "provider": 403},
            world.people,
        )
        client.force_login(world.people.employer)
        response = client.get(target)
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
class TestPrivacy:
    def test_birth_date_only_for_the_provider_and_staff(self, client, world):
        page = url("placement_detail", world.placement.pk)
        for who, shown in (("provider", True), ("staff", True), ("employer", False)):
            client.force_login(world.people.get(who))
            assert ("April 17, 2009" in client.get(page).content.decode()) is shown, who
        for who in ("provider", "employer", "staff"):
            client.force_login(world.people.get(who))
            assert "2009" not in client.get(url("placement_list")).content.decode()


# ------------------------------------------------------------------------------------------------- query budgets


@pytest.mark.django_db
class TestQueryBudgets:
    def test_opportunity_list(self, client, people):
        client.force_login(people.provider)

        def make(n):
            for opportunity in OpportunityFactory.create_batch(n):
                PlacementFactory(opportunity=opportunity, program__provider=people.provider.organization)

        assert_query_budget(client, url("opportunity_list"), make_rows=make, budget=8)

    def test_placement_list_and_dashboards(self, client, people):
        program = CTEProgramFactory(provider=people.provider.organization)
        opportunity = OpportunityFactory(host=people.employer.organization, capacity=400)

        def make(n):
            for _ in range(n):
                placement = PlacementFactory(opportunity=opportunity, program=program, supervisor=people.employer)
                TimeEntryFactory(placement=placement)
            data_changed(Placement)  # the staff overview counts its remembered figures afresh

        for user, name, budget in (
            (people.provider, "placement_list", 9),  # the page, its count, hours and 3 prefetches after paging
            (people.provider, "provider_dashboard", 16),
            (people.employer, "employer_dashboard", 16),
            (people.staff, "staff_overview", 16),
        ):
            client.force_login(user)
            Placement.objects.all().delete()
            assert_query_budget(client, url(name), make_rows=make, budget=budget)

    def test_program_list(self, client, people):
        client.force_login(people.provider)
        assert_query_budget(
            client,
            url("program_list"),
            make_rows=lambda n: CTEProgramFactory.create_batch(n, provider=people.provider.organization),
            budget=8,
        )

    def test_opportunity_and_placement_details(self, client, people):
        program = CTEProgramFactory(provider=people.provider.organization)
        opportunity = OpportunityFactory(host=people.employer.organization, capacity=400)
        placement = PlacementFactory(opportunity=opportunity, program=program, supervisor=people.employer)
        client.force_login(people.provider)

        def make_placements(n):
            PlacementFactory.create_batch(n, opportunity=opportunity, program=program, supervisor=people.employer)

        assert_query_budget(client, url("opportunity_detail", opportunity.pk), make_rows=make_placements, budget=12)

        def make_entries(n):
            TimeEntryFactory.create_batch(n, placement=placement, logged_by=people.provider)

        assert_query_budget(client, url("placement_detail", placement.pk), make_rows=make_entries, budget=12)

    def test_incentive_pages(self, client, people):
        application = IncentiveApplicationFactory(employer=people.employer.organization)
        opportunity = OpportunityFactory(host=people.employer.organization, capacity=1000)

        def make_lines(n):
            for _ in range(n):
                IncentiveLineFactory(application=application, placement=last_year_placement(opportunity=opportunity))

        client.force_login(people.staff)
        assert_query_budget(client, url("incentive_detail", application.pk), make_rows=make_lines, budget=12)
        application.lines.all().delete()
        assert_query_budget(client, url("incentive_decide", application.pk), make_rows=make_lines, budget=12)

        def make_applications(n):
            for _ in range(n):
                IncentiveLineFactory(application__program_year=application.program_year)

        assert_query_budget(client, url("incentive_list"), make_rows=make_applications, budget=10)

    def test_incentive_form(self, client, people):
        program_year = ProgramYearFactory()
        opportunity = OpportunityFactory(host=people.employer.organization, capacity=1000)
        client.force_login(people.employer)
        assert_query_budget(
            client,
            url("incentive_create", program_year.year),
            make_rows=lambda n: [last_year_placement(opportunity=opportunity) for _ in range(n)],
            budget=8,
        )


# ------------------------------------------------------------------------------------------------- behaviour


@pytest.mark.django_db
class TestPages:
    def test_virtual_opportunity_must_state_remote_supervision(self, client, people):
        client.force_login(people.employer)
        response = client.post(
            url("opportunity_create"),
            {"title": "Remote CAD", "type": "internship", "modality": "virtual", "paid": "on", "hourly_wage": "15",
             "hours_target": "250", "capacity": "2", "status": "open"},
        )  # fmt: skip
        assert response.status_code == 200
        form = response.context["form"]
        assert "remote_supervision" in form.errors and "meeting_frequency" in form.errors

    def test_employer_creates_an_opportunity_for_its_own_organisation(self, client, people):
        competency = CompetencyFactory()
        program = CTEProgramFactory()
        program.competencies.add(competency)
        client.force_login(people.employer)
        response = client.post(
            url("opportunity_create"),
            {"title": "Remote CAD", "type": "internship", "modality": "hybrid", "paid": "on", "hourly_wage": "15",
             "hours_target": "250", "capacity": "2", "status": "open", "remote_supervision": "Video",
             "meeting_frequency": "Weekly", "programs": [program.pk], "competencies": [competency.pk]},
        )  # fmt: skip
        assert response.status_code == 302
        opportunity = people.employer.organization.hosted_opportunities.get()
        assert opportunity.created_by == people.employer

    def test_competencies_come_from_the_chosen_programs(self, client, people):
        program = CTEProgramFactory()
        stray = CompetencyFactory(code="STRAY-1")
        client.force_login(people.employer)
        response = client.post(
            url("opportunity_create"),
            {"title": "X", "type": "internship", "modality": "in_person", "hours_target": "250", "capacity": "2",
             "status": "open", "programs": [program.pk], "competencies": [stray.pk]},
        )  # fmt: skip
        assert "STRAY-1" in str(response.context["form"].errors["competencies"])

    def test_providers_cannot_mark_their_program_state_approved(self, client, people):
        client.force_login(people.provider)
        county = CTEProgramFactory().county
        client.post(
            url("program_create"),
            {"name": "Welding", "career_field": "manufacturing", "state_approved": "on", "county": county.pk,
             "grade_levels": ["11", "12"]},
        )  # fmt: skip
        program = people.provider.organization.cte_programs.get()
        assert program.state_approved is False
        assert program.grade_levels == [11, 12]

    def test_full_opportunity_says_so_on_the_form(self, client, people):
        opportunity = OpportunityFactory(capacity=1)
        PlacementFactory(opportunity=opportunity)
        supervisor = EmployerUserFactory(organization=opportunity.host)
        program = CTEProgramFactory(provider=people.provider.organization)
        client.force_login(people.provider)
        today = timezone.localdate()
        response = client.post(
            url("placement_create", opportunity.pk),
            {"program": program.pk, "learner_ref": "X-1", "learner_birth_date": "2009-01-01", "learner_grade": "12",
             "start_date": today.isoformat(), "end_date": today.isoformat(), "supervisor": supervisor.pk},
        )  # fmt: skip
        assert response.status_code == 200
        assert "full" in str(response.context["form"].non_field_errors())

    def test_incentive_form_names_the_learner_and_the_rule(self, client, people):
        program_year = ProgramYearFactory()
        opportunity = OpportunityFactory(host=people.employer.organization)
        old = last_year_placement(
            opportunity=opportunity, learner_ref="OLD-1", learner_birth_date=datetime.date(program_year.year - 30, 1, 1)
        )
        client.force_login(people.employer)
        page = client.get(url("incentive_create", program_year.year)).content.decode()
        assert "OLD-1" in page and "Aged 30" in page
        response = client.post(url("incentive_create", program_year.year), {f"wages_{old.pk}": "1000"})
        assert response.status_code == 200
        assert "Aged 30" in str(response.context["form"].errors[f"wages_{old.pk}"])

    def test_staff_see_overdue_decisions(self, client, people):
        IncentiveApplicationFactory(decision_due_on=timezone.localdate() - datetime.timedelta(days=1))
        client.force_login(people.staff)
        assert "past the decision deadline" in client.get(url("incentive_list")).content.decode()
        assert "Past the decision deadline" in client.get(url("staff_overview")).content.decode()

    def test_staff_decide_through_the_form(self, client, people, django_capture_on_commit_callbacks):
        line = IncentiveLineFactory(credit_requested=Decimal("900.00"))
        client.force_login(people.staff)
        response = client.post(url("incentive_decide", line.application.pk), {f"decision_{line.pk}": "deny"})
        assert "Say why" in str(response.context["form"].errors)
        with django_capture_on_commit_callbacks():
            response = client.post(url("incentive_decide", line.application.pk), {f"decision_{line.pk}": "approve"})
        assert response.status_code == 302
        line.application.refresh_from_db()
        assert line.application.status == ApplicationStatus.APPROVED
        assert IncentiveCertificate.objects.get().status == JobStatus.QUEUED

    def test_host_changes_the_supervisor(self, client, world):
        client.force_login(world.people.employer)
        colleague = world.people.get("host_colleague")
        response = client.post(url("placement_supervisor", world.placement.pk), {"supervisor": colleague.pk})
        assert response.status_code == 302
        world.placement.refresh_from_db()
        assert world.placement.supervisor == colleague
        response = client.post(url("placement_supervisor", world.placement.pk), {"supervisor": world.people.staff.pk})
        assert "supervisor" in response.context["form"].errors

    def test_host_evaluates_and_completes_the_placement(self, client, world):
        competency = CompetencyFactory()
        world.opportunity.competencies.add(competency)
        client.force_login(world.people.employer)
        target = url("placement_evaluate", world.placement.pk)
        response = client.post(target, {"comments": "Great"})
        assert f"rating_{competency.pk}" in response.context["form"].errors
        response = client.post(target, {f"rating_{competency.pk}": "4", "comments": "Great"})
        assert response.status_code == 302
        world.placement.refresh_from_db()
        assert world.placement.status == "completed"
        assert world.placement.evaluation.ratings.get().rating == 4
        assert client.get(target).status_code == 404

    def test_opportunity_filters(self, client, world):
        client.force_login(world.people.employer)
        page = client.get(url("opportunity_list"), {"modality": "virtual"}).content.decode()
        assert world.opportunity.title in page and world.draft.title not in page

    def test_htmx_list_answers_with_the_table_only(self, client, people):
        client.force_login(people.staff)
        response = client.get(url("opportunity_list"), HTTP_HX_REQUEST="true")
        assert "<html" not in response.content.decode()
