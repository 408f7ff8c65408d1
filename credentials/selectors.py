"""Reads that the credential program's pages assemble (HackSoft's selectors): an employer's dashboard and an
application's lines with the rules they break. Nothing here writes."""

from django.db.models import Sum
from django.db.models.functions import Coalesce

from credentials import services
from credentials.models import (
    ZERO,
    Application,
    Award,
    CredentialProposal,
    FundingRound,
    ReimbursementClaim,
)


def employer_dashboard(*, user):
    """The employer's proposals, applications (with requested and awarded totals), awards and claims, the rounds open
    now, and what to do next."""
    applications = (
        Application.objects.visible_to(user)
        .select_related("round")
        .annotate(
            requested_total=Coalesce(Sum("lines__amount_requested"), ZERO),
            awarded_total=Coalesce(Sum("lines__award__amount"), ZERO),
        )
        .order_by("-round__opens_at")
    )
    return {
        "organization": user.organization,
        "proposals": CredentialProposal.objects.visible_to(user).select_related("credential")[:10],
        "applications": applications,
        "awards": Award.objects.visible_to(user).select_related("line__credential", "line__application__round")[:20],
        "claims": ReimbursementClaim.objects.visible_to(user).select_related("application__round")[:10],
        "open_rounds": FundingRound.objects.open_now().order_by("closes_at"),
        "applied_round_ids": {a.round_id for a in applications},
        "next_steps": services.employer_next_steps(organization=user.organization),
    }


def application_lines(*, application):
    """The application's lines, each with the rules it breaks (`line.problems`, while it can still be changed) and
    its award or None; the problems of the application as a whole; whether it can be submitted; the total asked."""
    lines = list(application.lines.select_related("credential", "award"))
    problems = services.application_problems(application=application) if application.is_editable else {}
    for line in lines:
        line.problems = problems.get(line.pk, [])
        line.award_or_none = getattr(line, "award", None)
    return {
        "lines": lines,
        "general_problems": problems.get(None, []),
        "can_submit": application.is_editable and application.round.is_open and not problems,
        "requested_total": sum((line.amount_requested for line in lines), ZERO),
    }
