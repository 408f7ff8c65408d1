"""Every write of the credential program beyond a plain form save: proposals, applications, awards and claims.

Rules come from the rows (a FundingRound's caps and windows), never from constants here.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.money import format_money
from credentials.models import (
    ZERO,
    Application,
    ApplicationLine,
    ApplicationStatus,
    Award,
    ClaimLine,
    ClaimStatus,
    Credential,
    CredentialProposal,
    CredentialStatus,
    FundingRound,
    ProposalReview,
    ProposalStatus,
    ReimbursementClaim,
    SearchTerm,
    new_hire_problems,
)

# A full-time year, to turn an hourly wage gain into a yearly one (a unit, not a program rule).
HOURS_PER_YEAR = 2080


def _money(value):
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _link(name, *args):
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def _notify_organization(organization, subject, body):
    """Email every active user of the organisation once the transaction commits."""
    recipients = list(organization.users.filter(is_active=True).values_list("email", flat=True))
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


# ---------------------------------------------------------------------------------------------------------------------
# Proposals


def proposal_create(*, user, **fields) -> CredentialProposal:
    """An employer proposes a credential that is not in the catalog."""
    if not user.is_employer:
        raise ValidationError("Only an employer's users can propose credentials.")
    proposal = CredentialProposal(organization=user.organization, proposed_by=user, **fields)
    proposal.full_clean()
    proposal.save()
    return proposal


def proposal_review_save(*, proposal, reviewer, score, comment="") -> ProposalReview:
    """A panel member scores (1 to 5) and comments; a second review by the same person replaces the first."""
    if not reviewer.is_program_staff:
        raise ValidationError("Only program staff review proposals.")
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError("The proposal has been decided; reviews are closed.")
    review = ProposalReview.objects.filter(proposal=proposal, reviewer=reviewer).first() or ProposalReview(
        proposal=proposal, reviewer=reviewer
    )
    review.score, review.comment = score, comment
    review.full_clean()  # the score's scale is the model's (ProposalReview.score)
    review.save()
    return review


@transaction.atomic
def proposal_approve(*, proposal, user, category, description="") -> Credential:
    """Approve: the credential joins the catalog (or the matching one is reused) and the proposer is told."""
    proposal = CredentialProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError("This proposal has already been decided.")
    credential, _ = Credential.objects.get_or_create(
        title=proposal.title,
        issuing_body=proposal.issuing_body,
        defaults={
            "category": category,
            "description": description or proposal.technology_evidence,
            "typical_cost": proposal.typical_cost,
            "typical_training_hours": proposal.typical_training_hours,
            "example_providers": proposal.training_provider,
            "status": CredentialStatus.ELIGIBLE,
            "effective_from": timezone.localdate(),
        },
    )
    SearchTerm.objects.refresh()  # the new title's words correct misspellings from now on
    proposal.status = ProposalStatus.APPROVED
    proposal.category = category
    proposal.credential = credential
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save()
    _notify_organization(
        proposal.organization,
        f"Credential approved: {proposal.title}",
        f"Your proposal to add {proposal.title} ({proposal.issuing_body}) was approved. It is now in the catalog "
        f"and can be included in applications:\n{_link('credentials:detail', credential.pk)}",
    )
    return credential


@transaction.atomic
def proposal_decline(*, proposal, user, reason) -> CredentialProposal:
    """Decline with a reason the proposer is told."""
    if not reason.strip():
        raise ValidationError({"reason": "Give the proposer a reason."})
    proposal = CredentialProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError("This proposal has already been decided.")
    proposal.status = ProposalStatus.DECLINED
    proposal.decision_reason = reason
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save()
    _notify_organization(
        proposal.organization,
        f"Credential proposal declined: {proposal.title}",
        f"Your proposal to add {proposal.title} was declined.\n\nReason: {reason}\n\n"
        f"{_link('credentials:proposal_detail', proposal.pk)}",
    )
    return proposal


# ---------------------------------------------------------------------------------------------------------------------
# Applications


def application_start(*, round, user) -> tuple[Application, bool]:
    """Open a draft for the user's organisation, or find the one it already has: the program allows one application
    per organisation per round (a database constraint decides a race). Returns (application, started), `started`
    False when the organisation already had its application, so the page can say so."""
    if not user.is_employer:
        raise ValidationError("Only an employer's users can apply.")
    existing = Application.objects.filter(round=round, organization_id=user.organization_id).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            return Application.objects.create(round=round, organization=user.organization, created_by=user), True
    except IntegrityError:
        return Application.objects.get(round=round, organization_id=user.organization_id), False


def application_line_delete(*, line, user) -> None:
    """Remove a line from a draft: only the applying organisation's users, and never after submission.

    The application row is locked, as application_submit locks it, so a line cannot vanish from an application
    being submitted at the same moment."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=line.application_id)
        if not (user.is_employer and user.organization_id == application.organization_id):
            raise ValidationError("Only the applying employer's users can change the application.")
        if not application.is_editable:
            raise ValidationError("A submitted application cannot be changed.")
        line.delete()


def line_problems(*, line, round) -> dict:
    """The rules one line breaks, its own (ApplicationLine.clean) and the round's, as {field: [message, ...]}."""
    problems = defaultdict(list)
    try:
        line.clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems[name].extend(messages)
    if line.credential_id and not line.credential.reimbursable_on(timezone.localdate(round.closes_at)):
        problems["credential"].append("This credential is not reimbursable in this round.")
    if line.amount_requested_per_employee is not None and line.amount_requested_per_employee > round.per_credential_cap:
        problems["amount_requested_per_employee"].append(
            f"The round pays at most {format_money(round.per_credential_cap)} per employee per credential."
        )
    if line.training_start and line.training_start < round.training_starts_on:
        problems["training_start"].append(
            f"Training funded by this round starts on or after {round.training_starts_on:%B %-d, %Y}."
        )
    if line.training_end and line.training_end > round.training_ends_by:
        problems["training_end"].append(f"Training must finish by {round.training_ends_by:%B %-d, %Y}.")
    return dict(problems)


def _other_awards_in_fiscal_year(*, organization_id, fiscal_year, exclude_application_id):
    rounds = [r.pk for r in FundingRound.objects.all() if r.fiscal_year == fiscal_year]
    return (
        Award.objects.filter(line__application__organization_id=organization_id, line__application__round_id__in=rounds)
        .exclude(line__application_id=exclude_application_id)
        .aggregate(t=Coalesce(Sum("amount"), ZERO))["t"]
    )


def application_problems(*, application) -> dict:
    """Every rule the application breaks, keyed by line id (None for the application as a whole)."""
    round = application.round
    lines = list(application.lines.select_related("credential").order_by("pk"))
    problems = defaultdict(list)
    if not lines:
        problems[None].append("Add at least one credential line.")
    other_fy = _other_awards_in_fiscal_year(
        organization_id=application.organization_id,
        fiscal_year=round.fiscal_year,
        exclude_application_id=application.pk,
    )
    running = ZERO
    round_cap_hit = fy_cap_hit = False
    for line in lines:
        for messages in line_problems(line=line, round=round).values():
            problems[line.pk].extend(messages)
        running += line.amount_requested
        if running > round.per_employer_round_cap and not round_cap_hit:
            round_cap_hit = True
            problems[line.pk].append(
                f"With this line the application asks for {format_money(running)}; an employer may receive at most "
                f"{format_money(round.per_employer_round_cap)} in this round."
            )
        if other_fy + running > round.per_employer_fiscal_year_cap and not fy_cap_hit:
            fy_cap_hit = True
            problems[line.pk].append(
                f"With this line and {format_money(other_fy)} already awarded in fiscal year {round.fiscal_year}, "
                f"the total passes the {format_money(round.per_employer_fiscal_year_cap)} fiscal-year cap."
            )
    return dict(problems)


def application_line_save(*, application, line, user) -> ApplicationLine:
    """Save a draft line; drafts may be saved at any time, but never after submission."""
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError("A submitted application cannot be changed.")
    line.application = application
    problems = line_problems(line=line, round=application.round)
    if problems:
        raise ValidationError(problems)
    line.full_clean(exclude=["application"])
    line.save()
    return line


@transaction.atomic
def application_submit(*, application, user) -> Application:
    """Submit a draft while the round is open and no rule is broken."""
    application = Application.objects.select_for_update(of=("self",)).select_related("round").get(pk=application.pk)
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError("This application has already been submitted.")
    if not application.round.is_open:
        raise ValidationError(f"{application.round} is not open for submissions.")
    problems = application_problems(application=application)
    if problems:
        raise ValidationError("The application breaks the rules noted on its lines; fix them and submit again.")
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.submitted_by = user
    application.save()
    _notify_organization(
        application.organization,
        f"Application submitted: {application.round}",
        f"We received your application in {application.round}. We will email you when it is decided.\n"
        f"{_link('credentials:application_detail', application.pk)}",
    )
    return application


def application_score_parts(*, application):
    """The three scoring inputs, each already in points: wage gain against cost, county distress, employer share.

    The points each part is worth are the round's (FundingRound.wage_gain_points and the fields after it)."""
    round = application.round
    lines = list(application.lines.all())
    cost = sum((line.total_cost for line in lines), ZERO)
    requested = sum((line.amount_requested for line in lines), ZERO)
    wage_gain = sum(((line.wage_after - line.wage_before) * HOURS_PER_YEAR * line.employees for line in lines), ZERO)
    wage = min(wage_gain / cost, Decimal(1)) * round.wage_gain_points if cost else Decimal(0)
    county = application.organization.county
    distress = Decimal(round.distress_points) if county and county.economically_distressed else Decimal(0)
    share_fraction = (cost - requested) / cost if cost else Decimal(0)
    share = min(share_fraction / round.full_employer_share, Decimal(1)) * round.employer_share_points
    q = Decimal("0.1")
    return wage.quantize(q), distress.quantize(q), share.quantize(q)


@transaction.atomic
def application_score(*, application, user) -> Application:
    """Score a submitted application from its data (0 to 100) so the round's list can be ranked."""
    if not user.is_program_staff:
        raise ValidationError("Only program staff score applications.")
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("organization__county", "round")
        .get(pk=application.pk)
    )
    if application.status == ApplicationStatus.DRAFT:
        raise ValidationError("Drafts are not scored.")
    wage, distress, share = application_score_parts(application=application)
    application.score_wage, application.score_distress, application.score_share = wage, distress, share
    application.score = wage + distress + share
    application.scored_by = user
    application.save()
    return application


def round_score_all(*, round, user) -> int:
    """Score every submitted application of a round; returns how many were scored."""
    applications = list(round.applications.submitted())
    for application in applications:
        application_score(application=application, user=user)
    return len(applications)


def award_lines(*, application, user, amounts) -> list:
    """Award lines fully or partly (`amounts` maps line id to dollars; 0 or missing: not awarded).

    The round's row is locked first, so two staff members awarding at once are served one after the other and the
    second sees the first one's awards: the round's budget can never be passed.
    """
    if not user.is_program_staff:
        raise ValidationError("Only program staff award applications.")
    with transaction.atomic():
        round = FundingRound.objects.select_for_update().get(pk=application.round_id)
        application = (
            Application.objects.select_for_update(of=("self",)).select_related("organization").get(pk=application.pk)
        )
        if application.status != ApplicationStatus.SUBMITTED:
            raise ValidationError("Only a submitted application that has not been decided can be awarded.")
        lines = {line.pk: line for line in application.lines.select_related("credential")}
        errors = {}
        chosen = {}
        for line_id, raw in amounts.items():
            amount = _money(raw or 0)
            line = lines.get(int(line_id))
            if line is None:
                raise ValidationError("A line does not belong to this application.")
            if amount < 0:
                errors[line.pk] = "An award cannot be negative."
            elif amount > line.amount_requested:
                errors[line.pk] = f"At most the {format_money(line.amount_requested)} requested."
            elif amount > 0:
                chosen[line.pk] = amount
        if errors:
            raise ValidationError({f"line_{k}": v for k, v in errors.items()})
        if not chosen:
            raise ValidationError("Enter an amount for at least one line, or decline the application.")
        total = sum(chosen.values(), ZERO)
        remaining = round.total_budget - round.awarded_total()
        if total > remaining:
            raise ValidationError(
                f"These awards total {format_money(total)} but only {format_money(remaining)} "
                "of the round's budget is left."
            )
        if total > round.per_employer_round_cap:
            raise ValidationError(f"The round's per-employer cap is {format_money(round.per_employer_round_cap)}.")
        other_fy = _other_awards_in_fiscal_year(
            organization_id=application.organization_id,
            fiscal_year=round.fiscal_year,
            exclude_application_id=application.pk,
        )
        if other_fy + total > round.per_employer_fiscal_year_cap:
            raise ValidationError(
                f"With {format_money(other_fy)} already awarded this fiscal year, this passes the employer's "
                f"{format_money(round.per_employer_fiscal_year_cap)} fiscal-year cap."
            )
        now = timezone.now()
        awards = [
            Award.objects.create(line=lines[pk], amount=amt, awarded_by=user, awarded_at=now)
            for pk, amt in chosen.items()
        ]
        application.status = ApplicationStatus.AWARDED
        application.decided_at = now
        application.save()
        _notify_organization(
            application.organization,
            f"Award in {round}: {format_money(total)}",
            f"Your application in {round} was awarded {format_money(total)}. "
            "Once employees earn their credentials, claim "
            f"reimbursement within {round.claim_window_days} days of the date earned:\n"
            f"{_link('credentials:application_detail', application.pk)}",
        )
    return awards


@transaction.atomic
def application_decline(*, application, user, reason) -> Application:
    """Decline a submitted application with a reason the employer is told."""
    if not user.is_program_staff:
        raise ValidationError("Only program staff decide applications.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the employer a reason."})
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError("Only a submitted application that has not been decided can be declined.")
    application.status = ApplicationStatus.DECLINED
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.save()
    _notify_organization(
        application.organization,
        f"Application declined: {application.round}",
        f"Your application in {application.round} was declined.\n\nReason: {reason}\n\n"
        f"{_link('credentials:application_detail', application.pk)}",
    )
    return application


# ---------------------------------------------------------------------------------------------------------------------
# Claims


def _claimed_by_award(award_ids, exclude_claim_id=None):
    rows = (
        ClaimLine.objects.filter(award_id__in=award_ids)
        .exclude(claim_id=exclude_claim_id)
        .values("award_id")
        .annotate(total=Sum("amount"))
    )
    return {row["award_id"]: row["total"] for row in rows}


def claim_line_problems(*, application, lines, today, exclude_claim_id=None) -> dict:
    """Rules for the employees on a claim, keyed by their position in `lines` (None for the claim as a whole)."""
    round = application.round
    awards = {a.pk: a for a in Award.objects.filter(line__application=application).select_related("line")}
    claimed = _claimed_by_award(list(awards), exclude_claim_id)
    problems = defaultdict(list)
    if not lines:
        problems[None].append("Add at least one employee.")
    adding = defaultdict(lambda: ZERO)
    for index, row in enumerate(lines):
        award = awards.get(getattr(row.get("award"), "pk", row.get("award")))
        if award is None:
            problems[index].append("Choose a credential awarded in this application.")
            continue
        for messages in new_hire_problems(
            new_hire=row.get("new_hire", False), date_of_birth=row.get("date_of_birth")
        ).values():
            problems[index].extend(messages)
        earned = row["date_earned"]
        if earned > today:
            problems[index].append("The date earned cannot be in the future.")
        elif (today - earned).days > round.claim_window_days:
            problems[index].append(
                f"Claims must be filed within {round.claim_window_days} days of the credential being earned "
                f"({earned:%B %-d, %Y} was {(today - earned).days} days ago)."
            )
        if earned < award.line.training_start:
            problems[index].append("The credential was earned before the funded training started.")
        per_employee = min(award.line.amount_requested_per_employee, award.amount)
        if row["amount"] > per_employee:
            problems[index].append(f"At most {format_money(per_employee)} per employee for this credential.")
        adding[award.pk] += row["amount"]
        if claimed.get(award.pk, ZERO) + adding[award.pk] > award.amount:
            problems[index].append(
                f"This passes the award: {format_money(award.amount)} awarded, "
                f"{format_money(claimed.get(award.pk, ZERO))} already claimed."
            )
    return dict(problems)


def claim_submit(*, application, user, proof, lines) -> ReimbursementClaim:
    """File a claim for employees who earned awarded credentials, with one PDF of proof.

    `lines` are dicts with award, employee_name, ssn_last4, new_hire, date_of_birth (new hires only), date_earned,
    wage_after, amount.
    At most one claim per employer per calendar month (a database constraint decides a race).
    """
    if not user.is_employer or user.organization_id != application.organization_id:
        raise ValidationError("Only the awarded employer's users can claim.")
    now = timezone.now()
    today = timezone.localdate(now)
    month = today.replace(day=1)
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).select_related("round").get(pk=application.pk)
        if application.status != ApplicationStatus.AWARDED:
            raise ValidationError("Only an awarded application can be claimed against.")
        if ReimbursementClaim.objects.filter(organization_id=application.organization_id, claim_month=month).exists():
            raise ValidationError(
                f"Your organisation has already filed a claim in {today:%B %Y}; one claim per month is allowed."
            )
        problems = claim_line_problems(application=application, lines=lines, today=today)
        if problems:
            raise ValidationError({("claim" if k is None else f"line_{k}"): v for k, v in problems.items()})
        claim = ReimbursementClaim(
            application=application,
            organization_id=application.organization_id,
            claim_month=month,
            proof=proof,
            submitted_by=user,
            submitted_at=now,
            amount=sum((row["amount"] for row in lines), ZERO),
        )
        claim.full_clean()
        try:
            with transaction.atomic():
                claim.save()
        except IntegrityError:
            raise ValidationError("Your organisation has already filed a claim this month.") from None
        for row in lines:
            award = row["award"] if isinstance(row["award"], Award) else Award.objects.get(pk=row["award"])
            line = ClaimLine(claim=claim, **{**row, "award": award})
            line.full_clean()
            line.save()
    return claim


@transaction.atomic
def claim_resubmit(*, claim, user, proof) -> ReimbursementClaim:
    """After staff return a claim, the employer sends a corrected PDF; the claim goes back to review."""
    claim = ReimbursementClaim.objects.select_for_update().get(pk=claim.pk)
    if user.organization_id != claim.organization_id:
        raise ValidationError("Only the claiming employer can resubmit.")
    if claim.status != ClaimStatus.RETURNED:
        raise ValidationError("Only a returned claim can be resubmitted.")
    claim.proof = proof
    claim.full_clean()
    claim.status = ClaimStatus.SUBMITTED
    claim.submitted_at = timezone.now()
    claim.save()
    return claim


def _claim_decision(claim, user, *, allowed, status, **fields):
    if not user.is_program_staff:
        raise ValidationError("Only program staff review claims.")
    claim = ReimbursementClaim.objects.select_for_update(of=("self",)).select_related("organization").get(pk=claim.pk)
    if claim.status not in allowed:
        raise ValidationError(f"The claim is {claim.get_status_display().lower()}; that step is not possible now.")
    claim.status = status
    for name, value in fields.items():
        setattr(claim, name, value)
    claim.save()
    return claim


@transaction.atomic
def claim_approve(*, claim, user) -> ReimbursementClaim:
    """Staff approve a submitted claim for payment."""
    claim = _claim_decision(
        claim,
        user,
        allowed=[ClaimStatus.SUBMITTED],
        status=ClaimStatus.APPROVED,
        reviewed_by=user,
        reviewed_at=timezone.now(),
        return_reason="",
    )
    _notify_organization(
        claim.organization,
        f"Claim approved: {format_money(claim.amount)}",
        f"Your reimbursement claim of {format_money(claim.amount)} was approved and will be paid.\n"
        f"{_link('credentials:claim_detail', claim.pk)}",
    )
    return claim


@transaction.atomic
def claim_return(*, claim, user, reason) -> ReimbursementClaim:
    """Staff send a claim back with a reason; the employer corrects and resubmits it."""
    if not reason.strip():
        raise ValidationError({"reason": "Tell the employer what to fix."})
    claim = _claim_decision(
        claim,
        user,
        allowed=[ClaimStatus.SUBMITTED],
        status=ClaimStatus.RETURNED,
        reviewed_by=user,
        reviewed_at=timezone.now(),
        return_reason=reason,
    )
    _notify_organization(
        claim.organization,
        "Claim returned for changes",
        f"Your reimbursement claim was returned.\n\nReason: {reason}\n\n{_link('credentials:claim_detail', claim.pk)}",
    )
    return claim


@transaction.atomic
def claim_mark_paid(*, claim, user, paid_at=None) -> ReimbursementClaim:
    """Record that an approved claim has been paid."""
    claim = _claim_decision(
        claim, user, allowed=[ClaimStatus.APPROVED], status=ClaimStatus.PAID, paid_at=paid_at or timezone.now()
    )
    _notify_organization(
        claim.organization,
        f"Claim paid: {format_money(claim.amount)}",
        f"Your reimbursement of {format_money(claim.amount)} has been paid.\n"
        f"{_link('credentials:claim_detail', claim.pk)}",
    )
    return claim


def employer_next_steps(*, organization, today=None):
    """What the employer should do next, as short sentences for the dashboard."""
    today = today or timezone.localdate()
    steps = []
    for application in Application.objects.filter(organization=organization).select_related("round"):
        round = application.round
        if application.status == ApplicationStatus.DRAFT and round.is_open:
            steps.append(
                (
                    f"Submit your application in {round} before "
                    f"{timezone.localtime(round.closes_at):%B %-d, %Y %-I:%M %p}.",
                    application.get_absolute_url(),
                )
            )
        if application.status == ApplicationStatus.AWARDED:
            steps.append(
                (
                    f"Claim for employees in {round} within {round.claim_window_days} days of each credential earned; "
                    f"training must finish by {round.training_ends_by:%B %-d, %Y}.",
                    application.get_absolute_url(),
                )
            )
    for claim in ReimbursementClaim.objects.filter(organization=organization, status=ClaimStatus.RETURNED):
        steps.append((f"Fix and resubmit claim {claim.pk}: {claim.return_reason}", claim.get_absolute_url()))
    return steps
