"""One small world of records for the site-wide tests: every kind of record the portal's URLs name, each owned by
the "owner" employer's organisation where records have an owner, built with each app's tests/factories.py.

The site-wide tests live in core/tests but read every app's factories: tests sit above the floors, so they may.
"""

from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.models import Invitation
from core.testing.factories import EmployerUserFactory, IndustryClusterFactory
from credentials.tests.factories import (
    ApplicationFactory,
    ApplicationLineFactory,
    CredentialFactory,
    OpenRoundFactory,
    ProposalFactory,
    awarded_application,
    submitted_claim,
)
from partnerships import reference as partnership_reference
from partnerships.models import ToolkitBuild
from partnerships.tests.factories import (
    ActionFactory,
    ContactFactory,
    MeetingFactory,
    MembershipFactory,
    OutcomeMetricFactory,
    OutcomeReportFactory,
    SectorPartnershipFactory,
    SkillGapFactory,
)
from reports.tests.factories import ReportFactory
from toolkit import seed_resources
from toolkit.tests.factories import DataImportFactory, ResourceFactory
from workbased_learning.tests.factories import (
    CTEProgramFactory,
    IncentiveApplicationFactory,
    IncentiveLineFactory,
    OpportunityFactory,
    PlacementFactory,
    TimeEntryFactory,
)

# The kinds of user every site-wide matrix walks, in the column order of its tables.
USERS = ("anonymous", "owner", "other_employer", "provider", "convener", "staff", "admin")


def build_world(people):
    """Records for every URL of the site. `people` is core's fixture; a convener user is added to people.extra."""
    partnership_reference.load(apps)
    seed_resources.load(apps)
    owner = people.employer
    org = owner.organization
    provider_org = people.provider.organization
    convener = people.extra.setdefault(
        "convener", EmployerUserFactory(email="convener@example.test", organization__name="Convening Co")
    )
    people.extra["owner"] = owner

    world = {"organization": org}
    # Credentials: the owner's proposal, a draft application with a line, an awarded application with a claim.
    world["credential"] = CredentialFactory()
    world["proposal"] = ProposalFactory(organization=org)
    world["round"] = OpenRoundFactory()
    world["draft"] = ApplicationFactory(organization=org, round=world["round"])
    world["line"] = ApplicationLineFactory(application=world["draft"])
    world["awarded"], award = awarded_application(org)
    world["claim"] = submitted_claim(world["awarded"], award)

    # Tool kit: a public resource, an industry cluster, a data import.
    world["resource"] = ResourceFactory()
    world["cluster"] = IndustryClusterFactory()
    world["data_import"] = DataImportFactory(requested_by=people.staff)

    # Partnerships: convened by the convener's organisation; the owner's organisation is a member.
    partnership = SectorPartnershipFactory(name="Matrix Partnership", convener=convener.organization)
    world["partnership"] = partnership
    world["membership"] = MembershipFactory(partnership=partnership, organization=org, role="employer_member")
    world["contact"] = ContactFactory(partnership=partnership, organization=org)
    world["meeting"] = MeetingFactory(partnership=partnership)
    world["gap"] = SkillGapFactory(partnership=partnership)
    world["action"] = ActionFactory(partnership=partnership)
    world["metric"] = OutcomeMetricFactory(code="matrix-metric")
    world["outcome_report"] = OutcomeReportFactory(partnership=partnership)
    world["toolkit_build"] = ToolkitBuild.objects.create(partnership=partnership, requested_by=people.staff)

    # Work-based learning: the owner hosts an opportunity; the provider's program places a learner there.
    world["program"] = CTEProgramFactory(provider=provider_org)
    world["opportunity"] = OpportunityFactory(host=org)
    world["placement"] = PlacementFactory(opportunity=world["opportunity"], program=world["program"], supervisor=owner)
    world["time_entry"] = TimeEntryFactory(placement=world["placement"])
    world["incentive"] = IncentiveApplicationFactory(employer=org)
    IncentiveLineFactory(application=world["incentive"])
    world["program_year"] = world["incentive"].program_year

    # Reports: one requested by program staff.
    world["report"] = ReportFactory(requested_by=people.staff)

    # Accounts: an open invitation to the owner's organisation and a password-reset link for the owner.
    world["invitation"] = Invitation.objects.create(
        organization=org, email="invitee@example.test", role="Employer", invited_by=owner
    )
    world["reset_uid"] = urlsafe_base64_encode(force_bytes(owner.pk))
    world["reset_token"] = default_token_generator.make_token(owner)
    return world
