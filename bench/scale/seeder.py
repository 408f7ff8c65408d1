"""The generator: one `ScaleSeeder` run writes every family of tables, then `seed_scale` tidies up."""

import datetime
import json
import random
import time
import uuid
from decimal import ROUND_DOWN, Decimal
from zoneinfo import ZoneInfo

from django.apps import apps as django_apps
from django.db import connection, transaction
from django.utils import timezone

from bench.scale.clear import scale_clear, scale_rows_exist
from bench.scale.constants import (
    AREA_PREFIX,
    CATEGORY_PREFIX,
    FIRST_ROUND_MONTH,
    LEVELS,
    OCCUPATIONS,
    ORG_SUFFIX,
    ORG_TRADES,
    ORG_WORDS,
    ROUND_PREFIX,
    ROUNDS,
    SCALE_DOMAIN,
    SUBJECTS,
    SYLLABLES,
    VOLUMES,
)
from bench.scale.pgcopy import Ids, Table
from core import roles
from core.models import County, IndustryCluster, Organization, OrganizationKind, Region, User
from core.remembered import data_changed
from credentials.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    Award,
    Category,
    ClaimLine,
    ClaimStatus,
    Credential,
    CredentialStatus,
    FundingRound,
    ReimbursementClaim,
    SearchTerm,
    fiscal_year_of,
)
from partnerships.models import (
    Membership,
    MembershipRole,
    OutcomeMetric,
    OutcomeReport,
    OutcomeValue,
    ReportingPeriod,
    ReportStatus,
    Scope,
    SectorPartnership,
    Stage,
)
from toolkit.models import Area, AreaType, Occupation, OccupationEstimate, OccupationGroup
from workbased_learning.models import ApplicationStatus as IncentiveStatus
from workbased_learning.models import (
    CareerField,
    CTEProgram,
    IncentiveApplication,
    IncentiveBudgetPeriod,
    IncentiveLine,
    IncentiveProgramYear,
    LineDecision,
    Modality,
    Opportunity,
    OpportunityStatus,
    OpportunityType,
    Placement,
    PlacementStatus,
    TimeEntry,
    TimeEntryStatus,
    WorkSetting,
)

EASTERN = ZoneInfo("America/New_York")
CENT = Decimal("0.01")


def _months_after(day, months):
    months += day.month - 1
    return datetime.date(day.year + months // 12, months % 12 + 1, 1)


def _money(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_DOWN)


class ScaleSeeder:
    """One run of the generator; each `seed_*` method writes one family of tables and keeps what later ones need."""

    def __init__(self, *, factor, seed=2026, stdout=None):
        self.factor = factor
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.ids = Ids()
        self.counts = {}
        self.tables = set()

    def n(self, name):
        return max(1, round(VOLUMES[name] * self.factor))

    def say(self, text):
        if self.stdout:
            self.stdout.write(text)

    def table(self, model, columns):
        return Table(model, columns, now=self.now)

    def done(self, name, *tables):
        for table in tables:
            table.flush()
            self.counts[table.model._meta.label] = self.counts.get(table.model._meta.label, 0) + table.written
            self.tables.add(table.model._meta.db_table)
        self.say(f"  {name}: " + ", ".join(f"{t.written:,} {t.model._meta.verbose_name_plural}" for t in tables))

    def run(self):
        started = time.monotonic()
        self.seed_organisations()
        self.seed_credentials()
        self.seed_rounds_and_applications()
        self.seed_partnerships()
        self.seed_workbased_learning()
        self.seed_labor_market()
        self.ids.settle()
        self.say(f"  written in {time.monotonic() - started:.0f} s")
        return self.counts

    # -- organisations and users ---------------------------------------------------------------------------------

    def seed_organisations(self):
        rng = self.rng
        counties = list(County.objects.values_list("id", flat=True))
        total = self.n("organisations")
        kinds = (
            [OrganizationKind.EMPLOYER] * 80
            + [OrganizationKind.PROVIDER] * 10
            + [OrganizationKind.WORKFORCE_DEVELOPMENT] * 3
            + [OrganizationKind.ECONOMIC_DEVELOPMENT] * 3
            + [OrganizationKind.LABOR, OrganizationKind.COMMUNITY, OrganizationKind.GOVERNMENT] * 1
            + [OrganizationKind.COMMUNITY]
        )
        orgs = self.table(
            Organization, ["id", "name", "kind", "naics_code", "county_id", "employee_count", "website", "created_at"]
        )
        self.orgs_by_kind = {kind: [] for kind in OrganizationKind.values}
        self.org_county = {}
        for i in range(total):
            pk = self.ids.take(Organization)
            kind = kinds[i % len(kinds)]
            if kind == OrganizationKind.PROVIDER:
                name = f"{rng.choice(ORG_WORDS)} {rng.choice(['Community College', 'Career Center', 'Tech Institute'])}"
            else:
                name = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_TRADES)} {rng.choice(ORG_SUFFIX)}"
            county = rng.choice(counties)
            size = int(rng.lognormvariate(3.5, 1.3)) + 1
            naics = rng.choice(["311", "325", "332", "333", "336", "423", "484", "518", "541", "621", "622"]) + "110"
            orgs.add(pk, f"{name} {pk}", kind, naics, county, size, f"https://o{pk}.{SCALE_DOMAIN}/", self.now)
            self.orgs_by_kind[kind].append(pk)
            self.org_county[pk] = county
        self.employers = self.orgs_by_kind[OrganizationKind.EMPLOYER]
        self.providers = self.orgs_by_kind[OrganizationKind.PROVIDER] or self.employers[:1]

        # One user per host employer (they sign off learners' hours) and one staff member who decides things.
        users = self.table(User, ["id", "email", "first_name", "last_name", "organization_id", "password", "is_active"])
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, id FROM auth_group")
            groups = dict(cursor.fetchall())
        memberships = Table(User.groups.through, ["user_id", "group_id"], now=self.now)
        # The one staff member through the ORM, as staff accounts are made; the thousands of supervisors by COPY.
        staff = User.objects.create_user(email=f"staff@{SCALE_DOMAIN}", first_name="Scale", last_name="Staff")
        if roles.PROGRAM_STAFF in groups:
            staff.groups.add(groups[roles.PROGRAM_STAFF])
        self.staff_id = staff.pk
        self.hosts = self.employers[: max(1, len(self.employers) // 10)]
        self.host_user = {}
        for org in self.hosts:
            pk = self.ids.take(User)
            users.add(pk, f"supervisor{pk}@{SCALE_DOMAIN}", "Pat", f"Supervisor {pk}", org, "!", True)
            self.host_user[org] = pk
            if roles.EMPLOYER in groups:
                memberships.add(pk, groups[roles.EMPLOYER])
        self.done("organisations", orgs, users, memberships)

    # -- credential catalog --------------------------------------------------------------------------------------

    def seed_credentials(self):
        rng = self.rng
        names = ["Cybersecurity", "Cloud", "Data", "Manufacturing", "Health IT", "Logistics", "Energy", "Design"]
        slugs = {name: CATEGORY_PREFIX + name.lower().replace(" ", "-") for name in names}
        category_ids = [Category.objects.create(name=f"{name} (scale)", slug=slugs[name]).pk for name in names]

        def word():
            return "".join(rng.sample(SYLLABLES, rng.randint(2, 3))).capitalize()

        issuers = [f"{word()} {rng.choice(['Institute', 'Systems', 'Academy', 'Labs', 'Council'])}" for _ in range(800)]
        credentials = self.table(
            Credential,
            [
                "id",
                "title",
                "issuing_body",
                "category_id",
                "description",
                "typical_training_hours",
                "typical_cost",
                "status",
                "keywords",
            ],
        )
        self.credential_ids = []
        for i in range(self.n("credentials")):
            pk = self.ids.take(Credential)
            subjects = " ".join(rng.sample(SUBJECTS, rng.randint(1, 2)))
            title = f"{word()} {subjects} {rng.choice(LEVELS)} {i}"
            issuer = rng.choice(issuers)
            status = CredentialStatus.RETIRED if rng.random() < 0.05 else CredentialStatus.ELIGIBLE
            credentials.add(
                pk,
                title,
                issuer,
                rng.choice(category_ids),
                f"{title}, a {subjects.lower()} credential from {issuer}.",
                rng.choice([16, 24, 40, 80, 120]),
                _money(rng.randint(150, 3500)),
                status,
                ", ".join(rng.sample(SUBJECTS, 2)).lower(),
            )
            if status == CredentialStatus.ELIGIBLE:
                self.credential_ids.append(pk)
        self.done("credentials", credentials)
        SearchTerm.objects.refresh()

    # -- funding rounds, applications, awards, claims ------------------------------------------------------------

    def seed_rounds_and_applications(self):
        """Quarterly rounds, applications, awards and claims, every amount bounded by the round row's own caps.

        The twenty rounds are created through the ORM with the model's default caps and windows; what follows reads
        the caps, the fiscal year and the training window from each row, so no rule is restated here.
        """
        rng = self.rng
        rounds = []
        for i in range(ROUNDS):
            month = _months_after(FIRST_ROUND_MONTH, 3 * i)
            opens = datetime.datetime.combine(month, datetime.time(9), tzinfo=EASTERN)
            close_day = _months_after(month, 1).replace(day=15)
            closes = datetime.datetime.combine(close_day, datetime.time(15), tzinfo=EASTERN)
            name = f"{ROUND_PREFIX} {fiscal_year_of(close_day)} Q{i % 4 + 1}"
            rounds.append(FundingRound.objects.create(name=name, opens_at=opens, closes_at=closes, total_budget=0))
        # The properties read once per round, not once per application.
        window = {r.pk: (r.training_starts_on, r.training_ends_by, r.fiscal_year) for r in rounds}
        awarded = {r.pk: Decimal("0") for r in rounds}
        fiscal_year_awarded = {}  # (employer, fiscal year) -> awarded so far
        apps = self.table(
            Application,
            [
                "id",
                "organization_id",
                "round_id",
                "status",
                "created_by_id",
                "submitted_at",
                "score_wage",
                "score_distress",
                "score_share",
                "score",
                "decision_reason",
                "decided_at",
                "created_at",
            ],
        )
        lines = self.table(
            ApplicationLine,
            [
                "id",
                "application_id",
                "credential_id",
                "training_provider",
                "cost_per_employee",
                "employees",
                "amount_requested_per_employee",
                "wage_before",
                "wage_after",
                "training_start",
                "training_end",
            ],
        )
        awards = self.table(Award, ["id", "line_id", "amount", "awarded_by_id", "awarded_at", "note"])
        claims = self.table(
            ReimbursementClaim,
            [
                "id",
                "application_id",
                "organization_id",
                "claim_month",
                "status",
                "amount",
                "proof",
                "submitted_at",
                "reviewed_by_id",
                "reviewed_at",
                "paid_at",
            ],
        )
        claim_lines = self.table(
            ClaimLine,
            ["id", "claim_id", "award_id", "employee_name", "ssn_last4", "date_earned", "wage_after", "amount"],
        )
        statuses = (
            [ApplicationStatus.AWARDED] * 70
            + [ApplicationStatus.DECLINED] * 15
            + [ApplicationStatus.SUBMITTED] * 10
            + [ApplicationStatus.DRAFT] * 5
        )
        claim_statuses = [ClaimStatus.PAID] * 14 + [ClaimStatus.APPROVED] * 3 + [ClaimStatus.SUBMITTED] * 2
        claim_statuses += [ClaimStatus.RETURNED]
        employers = self.employers
        total = self.n("applications")
        # The share of awarded employees who earn their credential, tuned so factor 1 writes about 1,000,000 lines.
        earn_rate = 0.86
        declined_reason = "The round's budget went to higher-scoring applications."
        for k in range(total):
            rnd = rounds[k % ROUNDS]
            org = employers[(k // ROUNDS) % len(employers)]
            app_id = self.ids.take(Application)
            training_start, training_end, fiscal_year = window[rnd.pk]
            status = statuses[rng.randrange(100)] if rnd.closes_at < self.now else ApplicationStatus.SUBMITTED
            submitted_at = None if status == ApplicationStatus.DRAFT else rnd.closes_at - datetime.timedelta(days=9)
            decided = status in (ApplicationStatus.AWARDED, ApplicationStatus.DECLINED)
            decided_at = rnd.closes_at + datetime.timedelta(days=21) if decided else None
            parts = [Decimal(rng.randint(0, 40)), Decimal(rng.randint(0, 30)), Decimal(rng.randint(0, 30))]
            scored = status != ApplicationStatus.DRAFT
            apps.add(
                app_id,
                org,
                rnd.pk,
                status,
                None,
                submitted_at,
                *(parts if scored else [None] * 3),
                sum(parts) if scored else None,
                declined_reason if status == ApplicationStatus.DECLINED else "",
                decided_at,
                rnd.opens_at + datetime.timedelta(seconds=rng.randint(3600, 25 * 86400)),
            )
            # Lines: never more than the per-credential cap per employee, never more than the round cap in total.
            requested_total = Decimal("0")
            app_lines = []
            for _ in range(rng.choice([1, 2, 2, 3, 3, 4])):
                cost = Decimal(rng.randrange(300, 3000, 25))
                per_employee = min(rnd.per_credential_cap, _money(cost * Decimal(rng.choice([1, 1, 0.9, 0.75]))))
                employees = rng.randint(1, 6)
                room = int((rnd.per_employer_round_cap - requested_total) // per_employee)
                employees = min(employees, room)
                if employees < 1:
                    break
                requested_total += per_employee * employees
                line_id = self.ids.take(ApplicationLine)
                start = training_start + datetime.timedelta(days=rng.randint(0, 14))
                wage = Decimal(rng.randrange(1500, 4500)) / 100
                lines.add(
                    line_id,
                    app_id,
                    rng.choice(self.credential_ids),
                    f"{rng.choice(ORG_WORDS)} Training",
                    cost,
                    employees,
                    per_employee,
                    wage,
                    wage + Decimal(rng.randint(50, 400)) / 100,
                    start,
                    min(start + datetime.timedelta(days=rng.randint(30, 200)), training_end),
                )
                app_lines.append((line_id, per_employee, employees, start, wage))
            if status != ApplicationStatus.AWARDED:
                continue
            # Awards: the request, or part of it (so never past the round cap the request kept to), and never past
            # what the employer's fiscal-year cap leaves.
            earned = []
            fy_key = (org, fiscal_year)
            for line_id, per_employee, employees, start, wage in app_lines:
                requested = per_employee * employees
                amount = requested if rng.random() < 0.9 else _money(requested * Decimal(rng.choice([0.5, 0.75])))
                room = rnd.per_employer_fiscal_year_cap - fiscal_year_awarded.get(fy_key, Decimal("0"))
                amount = min(max(amount, CENT), room)
                if amount < CENT:
                    break
                fiscal_year_awarded[fy_key] = fiscal_year_awarded.get(fy_key, Decimal("0")) + amount
                award_id = self.ids.take(Award)
                awards.add(award_id, line_id, amount, self.staff_id, decided_at, "")
                awarded[rnd.pk] += amount
                # Employees who earned it, each paid the lesser of the per-employee request and what is left.
                payable = min(per_employee, amount)
                people = min(employees, int(amount // payable)) if payable else 0
                for _ in range(people):
                    if rng.random() < earn_rate:
                        earned.append((award_id, payable, start, wage))
            # Claims: one a month per employer, in the three months after training starts (rounds are a quarter
            # apart, so an employer's claims for two rounds never share a month); within the claim window.
            months = rng.randint(1, 3)
            for m in range(months):
                batch = earned[m::months]
                if not batch:
                    continue
                claim_id = self.ids.take(ReimbursementClaim)
                month = _months_after(training_start, m)
                submitted = datetime.datetime.combine(
                    month.replace(day=rng.randint(20, 28)), datetime.time(10), tzinfo=EASTERN
                )
                if submitted > self.now:
                    continue
                claim_status = claim_statuses[rng.randrange(20)]
                reviewed = submitted + datetime.timedelta(days=10) if claim_status != ClaimStatus.SUBMITTED else None
                paid = submitted + datetime.timedelta(days=30) if claim_status == ClaimStatus.PAID else None
                amount = Decimal("0")
                for award_id, payable, start, wage in batch:
                    day = max(start, submitted.date() - datetime.timedelta(days=rng.randint(0, rnd.claim_window_days)))
                    claim_lines.add(
                        self.ids.take(ClaimLine),
                        claim_id,
                        award_id,
                        f"Employee {rng.randint(1000, 99999)}",
                        f"{rng.randint(0, 9999):04d}",
                        day,
                        wage + Decimal(rng.randint(50, 400)) / 100,
                        payable,
                    )
                    amount += payable
                claims.add(
                    claim_id,
                    app_id,
                    org,
                    month,
                    claim_status,
                    amount,
                    f"credentials/claims/{app_id}/scale-proof.pdf",
                    submitted,
                    self.staff_id if reviewed else None,
                    reviewed,
                    paid,
                )
        # Budgets last: each holds what was awarded with a fifth to spare, so no round is over budget.
        for rnd in rounds:
            rnd.total_budget = max(Decimal("100000.00"), _money(awarded[rnd.pk] * Decimal("1.2")))
            rnd.save(update_fields=["total_budget"])
        self.counts[FundingRound._meta.label] = len(rounds)
        self.tables.add(FundingRound._meta.db_table)
        self.done("credential program", apps, lines, awards, claims, claim_lines)

    # -- sector partnerships -------------------------------------------------------------------------------------

    def seed_partnerships(self):
        rng = self.rng
        clusters = list(IndustryCluster.objects.values_list("id", flat=True))
        regions = list(Region.objects.values_list("id", flat=True))
        metrics = list(OutcomeMetric.objects.filter(is_active=True).values_list("id", "unit"))
        periods = []
        start = datetime.date(2021, 7, 1)
        while True:
            end = datetime.date(start.year, 12, 31) if start.month == 7 else datetime.date(start.year, 6, 30)
            if end >= self.today:
                break
            period, _ = ReportingPeriod.objects.get_or_create(
                start=start, defaults={"end": end, "due_on": end + datetime.timedelta(days=30)}
            )
            periods.append(period)
            start = end + datetime.timedelta(days=1)
        conveners = (
            self.orgs_by_kind[OrganizationKind.WORKFORCE_DEVELOPMENT]
            + self.orgs_by_kind[OrganizationKind.ECONOMIC_DEVELOPMENT]
        ) or self.employers
        partners = self.table(
            SectorPartnership,
            ["id", "name", "cluster_id", "scope", "stage", "convener_id", "launch_date", "goals", "description"],
        )
        partner_regions = Table(SectorPartnership.regions.through, ["sectorpartnership_id", "region_id"], now=self.now)
        members = self.table(Membership, ["partnership_id", "organization_id", "role", "joined_on"])
        reports = self.table(
            OutcomeReport, ["id", "partnership_id", "period_id", "status", "successes", "submitted_at", "reviewed_at"]
        )
        values = self.table(OutcomeValue, ["report_id", "metric_id", "value"])
        stages = [Stage.ACTIVE] * 5 + [Stage.SUSTAINING] * 2 + [Stage.LAUNCHING, Stage.EXPLORING, Stage.INACTIVE]
        others = [
            (MembershipRole.EDUCATION_PARTNER, self.providers, 2),
            (MembershipRole.WORKFORCE_PARTNER, self.orgs_by_kind[OrganizationKind.WORKFORCE_DEVELOPMENT], 1),
            (MembershipRole.ECONOMIC_DEVELOPMENT_PARTNER, self.orgs_by_kind[OrganizationKind.ECONOMIC_DEVELOPMENT], 1),
            (MembershipRole.COMMUNITY_PARTNER, self.orgs_by_kind[OrganizationKind.COMMUNITY], 1),
        ]
        self.partnership_ids = []
        for i in range(self.n("partnerships")):
            pk = self.ids.take(SectorPartnership)
            self.partnership_ids.append(pk)
            stage = stages[i % len(stages)]
            launched = (
                None
                if stage == Stage.EXPLORING
                else datetime.date(2021, 7, 1) + datetime.timedelta(days=rng.randint(0, 1500))
            )
            convener = rng.choice(conveners)
            partners.add(
                pk,
                f"{rng.choice(ORG_WORDS)} Valley Sector Partnership {pk}",
                rng.choice(clusters),
                Scope.REGIONAL,
                stage,
                convener,
                launched,
                "Close the skill gaps our employers name.",
                "",
            )
            partner_regions.add(pk, rng.choice(regions))
            joined = launched or self.today
            members.add(pk, convener, MembershipRole.CONVENER, joined)
            chosen = rng.sample(self.employers, min(len(self.employers), rng.randint(6, 14)))
            for n, org in enumerate(chosen):
                role = MembershipRole.EMPLOYER_CHAMPION if n < 2 else MembershipRole.EMPLOYER_MEMBER
                members.add(pk, org, role, joined)
            for role, pool, count in others:
                for org in rng.sample(pool, min(len(pool), count)) if pool else []:
                    members.add(pk, org, role, joined)
            if stage not in (Stage.LAUNCHING, Stage.ACTIVE, Stage.SUSTAINING) or launched is None:
                continue
            for n, period in enumerate(p for p in periods if p.end >= launched):
                report_id = self.ids.take(OutcomeReport)
                latest = period is periods[-1]
                status = ReportStatus.SUBMITTED if latest else ReportStatus.ACCEPTED
                submitted = datetime.datetime.combine(period.due_on, datetime.time(12), tzinfo=EASTERN)
                reviewed = None if latest else submitted + datetime.timedelta(days=14)
                reports.add(report_id, pk, period.pk, status, "Two new programs launched.", submitted, reviewed)
                for metric_id, unit in metrics:
                    amount = rng.randint(1000, 250000) if unit == "money" else rng.randint(0, 40 + 10 * n)
                    values.add(report_id, metric_id, Decimal(amount))
        self.done("partnerships", partners, partner_regions, members, reports, values)

    # -- work-based learning -------------------------------------------------------------------------------------

    def seed_workbased_learning(self):
        rng = self.rng
        fields = CareerField.values
        programs = self.table(
            CTEProgram,
            ["id", "provider_id", "name", "career_field", "pathway", "state_approved", "grade_levels", "county_id"],
        )
        program_ids = []
        for provider in self.providers:
            for n in range(2):
                pk = self.ids.take(CTEProgram)
                field = fields[(provider + n) % len(fields)]
                name = f"{field.replace('_', ' ').title()} {n + 1}"
                programs.add(pk, provider, name, field, "", n == 0, [11, 12], self.org_county[provider])
                program_ids.append(pk)
        opportunities = self.table(
            Opportunity,
            [
                "id",
                "title",
                "host_id",
                "provider_id",
                "type",
                "modality",
                "remote_supervision",
                "meeting_frequency",
                "paid",
                "hourly_wage",
                "hours_target",
                "capacity",
                "partnership_id",
                "status",
            ],
        )
        opportunity_info = []
        types = [OpportunityType.INTERNSHIP] * 4 + [OpportunityType.CO_OP, OpportunityType.PRE_APPRENTICESHIP]
        types += [OpportunityType.APPRENTICESHIP, OpportunityType.REMOTE_PLACEMENT]
        for host in self.hosts:
            for _ in range(5):
                pk = self.ids.take(Opportunity)
                modality = rng.choice([Modality.IN_PERSON] * 3 + [Modality.HYBRID, Modality.VIRTUAL])
                remote = modality != Modality.IN_PERSON
                wage = Decimal(rng.randrange(1100, 2200)) / 100
                target = rng.choice([120, 180, 250, 300])
                opportunities.add(
                    pk,
                    f"{rng.choice(ORG_TRADES)} {rng.choice(['intern', 'co-op', 'apprentice'])} {pk}",
                    host,
                    rng.choice(self.providers),
                    rng.choice(types),
                    modality,
                    "Weekly video check-in with the supervisor." if remote else "",
                    "Twice a week" if remote else "",
                    True,
                    wage,
                    target,
                    rng.randint(5, 60),
                    rng.choice(self.partnership_ids) if rng.random() < 0.3 else None,
                    OpportunityStatus.OPEN,
                )
                opportunity_info.append((pk, host, wage, target))
        placements = self.table(
            Placement,
            [
                "id",
                "opportunity_id",
                "program_id",
                "learner_ref",
                "learner_birth_date",
                "learner_grade",
                "start_date",
                "end_date",
                "supervisor_id",
                "status",
                "credential_earned_id",
                "created_at",
            ],
        )
        entries = self.table(TimeEntry, ["placement_id", "date", "hours", "setting", "activities", "status"])
        eligible = {}  # (year, host) -> [(placement, wages)] for the incentive
        first = datetime.date(2021, 1, 4)
        span = (self.today - first).days - 30
        for i in range(self.n("placements")):
            pk = self.ids.take(Placement)
            opportunity, host, wage, target = opportunity_info[i % len(opportunity_info)]
            start = first + datetime.timedelta(days=rng.randint(0, span))
            end = start + datetime.timedelta(days=rng.choice([56, 84, 112, 140]))
            age = rng.choice([15, 16, 16, 17, 17, 18, 19, 20])
            born = start - datetime.timedelta(days=365 * age + rng.randint(0, 360))
            if end >= self.today:
                status = PlacementStatus.ACTIVE
            else:
                status = PlacementStatus.WITHDRAWN if rng.random() < 0.06 else PlacementStatus.COMPLETED
            program = program_ids[rng.randrange(len(program_ids))]
            placements.add(
                pk,
                opportunity,
                program,
                f"L-{pk:07d}",
                born,
                rng.choice([10, 11, 12]),
                start,
                end,
                self.host_user[host],
                status,
                rng.choice(self.credential_ids) if status == PlacementStatus.COMPLETED and rng.random() < 0.1 else None,
                datetime.datetime.combine(start, datetime.time(9), tzinfo=EASTERN),
            )
            # About five weekly time sheets, each a week's hours; the latest ones await sign-off.
            hours_total = Decimal("0")
            weeks = rng.randint(3, 7)
            for w in range(weeks):
                day = start + datetime.timedelta(days=7 * w + 4)
                if day > min(end, self.today):
                    break
                hours = Decimal(rng.choice([4, 6, 8, 8, 8]))
                pending = status == PlacementStatus.ACTIVE and w >= weeks - 2
                entries.add(
                    pk,
                    day,
                    hours,
                    WorkSetting.REMOTE if rng.random() < 0.15 else WorkSetting.IN_PERSON,
                    "Shadowed the line lead; safety walk-through.",
                    TimeEntryStatus.SUBMITTED if pending else TimeEntryStatus.APPROVED,
                )
                if not pending:
                    hours_total += hours
            if status == PlacementStatus.COMPLETED and start.year == end.year and start.year < self.today.year:
                eligible.setdefault((start.year, host), []).append((pk, age, program, hours_total * wage * 10))
        self.done("work-based learning", programs, opportunities, placements, entries)
        self.seed_incentives(eligible, set(program_ids[::2]))

    def seed_incentives(self, eligible, approved_programs):
        """Incentive applications for completed placements: credit = min(cap, rate x wages), approved within the cap."""
        rng = self.rng
        years = {}
        for year in sorted({y for y, _h in eligible}):
            period, _ = IncentiveBudgetPeriod.objects.get_or_create(
                name=f"FY{year + 1} (scale)",
                defaults={"starts_on": datetime.date(year, 7, 1), "ends_on": datetime.date(year + 1, 6, 30)},
            )
            opens, closes = IncentiveProgramYear.default_window(year)
            program_year, _ = IncentiveProgramYear.objects.get_or_create(
                year=year, defaults={"budget_period": period, "opens_on": opens, "closes_on": closes}
            )
            years[year] = [program_year, program_year.budget_period.cap - program_year.budget_period.approved_total()]
        apps = self.table(
            IncentiveApplication,
            ["id", "program_year_id", "employer_id", "status", "submitted_at", "decision_due_on", "decided_at"],
        )
        lines = self.table(
            IncentiveLine,
            ["application_id", "placement_id", "wages_paid", "credit_requested", "decision", "credit_approved"],
        )
        taken = set(IncentiveApplication.objects.values_list("program_year_id", "employer_id"))
        for (year, host), learners in sorted(eligible.items()):
            program_year, room = years[year]
            if (program_year.pk, host) in taken:
                continue
            learners = [
                (p, wages)
                for p, age, program, wages in learners
                if age <= program_year.max_learner_age and program in approved_programs
            ]
            if not learners:
                continue
            pk = self.ids.take(IncentiveApplication)
            submitted = datetime.datetime.combine(program_year.opens_on, datetime.time(11), tzinfo=EASTERN)
            submitted += datetime.timedelta(days=rng.randint(0, 30))
            credits = [(p, _money(w), program_year.credit_for(_money(w))) for p, w in learners]
            asked = sum((c for _p, _w, c in credits), Decimal("0"))
            decided = asked <= room and rng.random() < 0.9
            if decided:
                years[year][1] = room - asked
            apps.add(
                pk,
                program_year.pk,
                host,
                IncentiveStatus.APPROVED if decided else IncentiveStatus.IN_REVIEW,
                submitted,
                submitted.date() + datetime.timedelta(days=program_year.decision_days),
                submitted + datetime.timedelta(days=20) if decided else None,
            )
            for placement, wages, credit in credits:
                lines.add(
                    pk,
                    placement,
                    wages,
                    credit,
                    LineDecision.APPROVED if decided else LineDecision.PENDING,
                    credit if decided else None,
                )
        self.done("incentives", apps, lines)

    # -- labor-market data ---------------------------------------------------------------------------------------

    def seed_labor_market(self):
        rng = self.rng
        existing = dict(Occupation.objects.values_list("soc_code", "id"))
        occupation_ids = list(existing.values())
        new = self.table(Occupation, ["id", "soc_code", "title", "group"])
        majors = range(11, 55, 2)
        for major in majors:
            for minor in range(1000, 10000, 50):
                if len(occupation_ids) >= OCCUPATIONS:
                    break
                code = f"{major}-{minor}"
                if code in existing:
                    continue
                pk = self.ids.take(Occupation)
                new.add(pk, code, f"{rng.choice(ORG_TRADES)} occupation {code}", OccupationGroup.DETAILED)
                occupation_ids.append(pk)
        occupation_ids = occupation_ids[:OCCUPATIONS]
        self.done("occupations", new)
        area_count = max(1, self.n("estimates") // len(occupation_ids))
        areas = self.table(Area, ["id", "code", "name", "area_type", "state"])
        area_ids = []
        for n in range(area_count):
            pk = self.ids.take(Area)
            kind = AreaType.STATE if n < 51 else (AreaType.METRO if n % 9 else AreaType.NONMETRO)
            areas.add(pk, f"{AREA_PREFIX}{n:06d}", f"{kind.label} {n} (scale)", kind, "OH" if n == 0 else "")
            area_ids.append(pk)
        self.done("areas", areas)
        estimates = self.table(
            OccupationEstimate,
            [
                "area_id",
                "occupation_id",
                "year",
                "naics",
                "ownership",
                "employment",
                "employment_rse",
                "jobs_per_1000",
                "location_quotient",
                "hourly_mean",
                "annual_mean",
                "hourly_p10",
                "hourly_p25",
                "hourly_median",
                "hourly_p75",
                "hourly_p90",
                "annual_p10",
                "annual_p25",
                "annual_median",
                "annual_p75",
                "annual_p90",
            ],
        )
        year = 2024
        target = self.n("estimates")
        written = 0
        for area in area_ids:
            for occupation in occupation_ids:
                if written >= target:
                    break
                written += 1
                median = Decimal(rng.randrange(1400, 6500)) / 100
                spread = [Decimal(x) for x in ("0.62", "0.78", "1", "1.27", "1.6")]
                hourly = [_money(median * s) for s in spread]
                estimates.add(
                    area,
                    occupation,
                    year,
                    "000000",
                    "1235",
                    rng.randint(30, 25000),
                    Decimal(rng.randint(10, 150)) / 10,
                    Decimal(rng.randint(100, 30000)) / 1000,
                    Decimal(rng.randint(20, 400)) / 100,
                    _money(median * Decimal("1.08")),
                    _money(median * Decimal("1.08") * 2080),
                    *hourly,
                    *[_money(h * 2080) for h in hourly],
                )
        self.done("OEWS estimates", estimates)


def _quiet_audit_triggers():
    """Give the audit triggers the settings they look for, for the rest of the transaction.

    The audit triggers (django-pghistory, django-pgtrigger) read `pghistory.context_id` and `pgtrigger.ignore` in a
    PL/pgSQL block that catches the error raised when a setting is missing. Each caught error rolls back a
    subtransaction, and that rollback walks the transaction's whole queue of pending trigger events: with millions
    of rows in one transaction the seeding became quadratic (an hour instead of minutes). With both settings present
    nothing is raised; the events are still written, attached to a context that names this command.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pgtrigger.ignore', '{}', true)")
        cursor.execute(
            "SELECT set_config('pghistory.context_id', %s, true), set_config('pghistory.context_metadata', %s, true)",
            [str(uuid.uuid4()), json.dumps({"command": "seed_scale"})],
        )


def seed_scale(*, factor, stdout=None, replace=True):
    """Write the scale data at `factor` (1 = the volumes in VOLUMES) in one transaction; returns rows per model."""
    if scale_rows_exist():
        if not replace:
            raise RuntimeError("Scale rows from an earlier run are present; seed again with replace=True to swap them.")
        if stdout:
            stdout.write("Removing the previous scale rows.")
        scale_clear(stdout=stdout)
    seeder = ScaleSeeder(factor=factor, stdout=stdout)
    with transaction.atomic():
        _quiet_audit_triggers()
        counts = seeder.run()
    # VACUUM ANALYZE the tables written, as autovacuum would have long since done on a database years old: planner
    # statistics for the first benchmark's plans, and the visibility map that lets counts use index-only scans.
    # (Inside a transaction, as in tests, VACUUM is not allowed; ANALYZE is.)
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for table in sorted(seeder.tables):
            cursor.execute(f'{command} "{table}"')
    # COPY and the clearing SQL send no signals: whatever was remembered about these tables is forgotten here.
    for label in counts:
        data_changed(django_apps.get_model(label))
    return counts
