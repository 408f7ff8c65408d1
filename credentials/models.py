"""The reimbursable tech-credential catalog and the program around it (modelled on Ohio's TechCred).

Catalog: Category, Credential. Employers propose missing credentials (CredentialProposal, reviewed by staff in
ProposalReview), apply in a FundingRound (Application with ApplicationLine rows), staff award lines (Award) and
employers claim reimbursement (ReimbursementClaim with ClaimLine rows, one per employee).
"""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models, transaction
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils import timezone

from core.history import track_changes
from core.money import ZERO, format_money
from core.remembered import data_changed, remember
from core.validators import FileContentValidator

SEARCH_CONFIG = "english"
# What the retention task writes over the SSN digits (credentials.retention). The Social Security Administration
# never issues serial number 0000, so it names no one; the column's check constraint requires four digits.
REMOVED_SSN_LAST4 = "0000"


def money_field(verbose_name=None, **kwargs):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def fiscal_year_of(day):
    """The state fiscal year a date falls in: FY2027 runs 1 July 2026 to 30 June 2027."""
    return day.year + 1 if day.month >= 7 else day.year


def _is_staff(user):
    return user.is_authenticated and user.is_program_staff


def _org_id(user):
    return user.organization_id if user.is_authenticated else None


# ---------------------------------------------------------------------------------------------------------------------
# Catalog


class Category(models.Model):
    """A technology category that groups credentials (for example Cybersecurity)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class CredentialStatus(models.TextChoices):
    ELIGIBLE = "eligible", "Eligible"
    RETIRED = "retired", "Retired"


def credential_search_document():
    """The weighted full-text document of a credential; the generated column and its GIN index use it."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("keywords", weight="B", config=SEARCH_CONFIG)
        + SearchVector("issuing_body", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
    )


class SearchTermQuerySet(models.QuerySet):
    def refresh(self):
        """Rebuild the vocabulary from the catalog's titles and keywords (words of three letters or more, no digits).

        Run after anything that adds, changes or removes credentials (imports, approved proposals, the admin): it
        also makes the search forget the results it remembers (core.remembered). About a second at 100,000
        credentials; milliseconds at a real catalog's size (a few thousand credentials).
        """
        table = self.model._meta.db_table
        words = (
            "SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', search_text) FROM credentials_credential') "
            "WHERE word ~ '^[a-z]{3,}$'"
        )
        data_changed(Credential)  # remembered searches are forgotten
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE catalog_words ON COMMIT DROP AS {words}")
            cursor.execute(
                f"DELETE FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM catalog_words w WHERE w.word = t.word)"
            )
            cursor.execute(f"INSERT INTO {table} (word) SELECT word FROM catalog_words ON CONFLICT (word) DO NOTHING")
            cursor.execute("DROP TABLE catalog_words")  # at once: an outer transaction may refresh again
            # Fresh statistics, so the planner uses the trigram index instead of reading every word.
            cursor.execute(f"ANALYZE {table}")

    def correct(self, text):
        """`text` with each word that is not in the vocabulary replaced by the most similar word that is, in one
        query; None when no word changes. A word is a run of three letters or more, so the letters of "secuirty+" are
        corrected and its "+" kept. Two neighbouring letters swapped ("pyhton") are tried first, by exact lookup: in
        a short word one swap leaves too few trigrams in common for pg_trgm's similarity; otherwise the closest
        word by trigram similarity (at least pg_trgm's 0.3) is taken."""
        lowered = text.lower()
        candidates = list(dict.fromkeys(SPELLABLE.findall(lowered)))
        if not candidates:
            return None
        swaps = [" ".join([word, *_swapped(word)]) for word in candidates]
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT q.word, COALESCE("
                f"(SELECT t.word FROM {table} t WHERE t.word = ANY(string_to_array(q.swaps, ' ')) "
                "ORDER BY t.word <> q.word, t.word LIMIT 1), "
                f"(SELECT t.word FROM {table} t WHERE t.word %% q.word "
                "ORDER BY similarity(t.word, q.word) DESC, t.word LIMIT 1)) "
                "FROM unnest(%s::text[], %s::text[]) AS q(word, swaps)",
                [candidates, swaps],
            )
            closest = {word: better for word, better in cursor.fetchall() if better}
        corrected = SPELLABLE.sub(lambda match: closest.get(match.group(), match.group()), lowered)
        return corrected if corrected != lowered else None


def _swapped(word):
    """The words made by swapping two neighbouring letters of `word`."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1) if word[i] != word[i + 1]]


# Words the spelling correction considers: runs of letters, as the vocabulary holds them.
SPELLABLE = re.compile(r"(?<!\w)[a-z]{3,}(?!\w)")


class SearchTerm(models.Model):
    """One word of the catalog's titles and keywords: the vocabulary that misspelt search words are corrected to."""

    word = models.CharField(max_length=100, unique=True)

    objects = SearchTermQuerySet.as_manager()

    class Meta:
        # No pending list: the vocabulary is rewritten in bulk by `refresh()`, and a GIN index's pending list of
        # fresh entries is read row by row (12 ms a word at 14,000 words, against 0.1 ms from the index itself).
        indexes = [GinIndex(OpClass("word", name="gin_trgm_ops"), name="credential_word_trgm", fastupdate=False)]

    def __str__(self):
        return self.word


class CredentialQuerySet(models.QuerySet):
    def eligible(self, on=None):
        """Credentials reimbursable on the given day (today by default)."""
        day = on or timezone.localdate()
        return self.filter(status=CredentialStatus.ELIGIBLE).filter(
            Q(effective_from__isnull=True) | Q(effective_from__lte=day),
            Q(effective_to__isnull=True) | Q(effective_to__gte=day),
        )

    def visible_to(self, user):
        """The catalog is public."""
        return self

    def words_to_search(self, text):
        """The words the search looks for when `text` is typed, decided over the whole catalog (never over this
        queryset's filters): `text` as typed if a credential matches it, else its spelling correction if one matches
        that, else those of the corrected words that match one (any of them); "" when none does."""
        catalog = self.model._default_manager.all()

        def found(words):
            query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
            return bool(words) and catalog.filter(search_document=query).exists()

        if found(text):
            return text
        corrected = SearchTerm.objects.correct(text)
        if found(corrected):
            return corrected
        return " or ".join(word for word in dict.fromkeys((corrected or text).split()) if found(word))

    def search(self, text):
        """This queryset's credentials that match `text`, best first: full text (stemmed words, any order), ranked by
        `ts_rank` and then by title. When no credential matches the words as typed, each word missing from the
        catalog's vocabulary is replaced by its closest spelling there (`SearchTerm`) and the full-text search runs
        again, with all the corrected words and then with any one of them; only when that finds nothing either does
        a trigram match of the whole text against titles and keywords decide.

        Which words are searched depends on the text and the catalog alone (`words_to_search`), so the search is a
        condition and an order like any other: filtering before it (`.filter(category=c).search(q)`) or after it
        (`.search(q).filter(category=c)`) lists the same credentials in the same order.

        Each step stays on a GIN index: a single `full text OR trigram` condition made PostgreSQL compute the
        similarity of every row, and a trigram match of a common misspelt word ranks thousands of rows; the
        corrected word uses the full-text index instead (docs/performance.md). Nothing is remembered here: the
        search page remembers each search's ranked ids (core.pagination.RememberedSearchPaginator), the API each
        page it answers.
        """
        # PostgreSQL text cannot hold NUL, and no credential's text has one.
        text = (text or "").replace("\x00", "").strip()
        if not text:
            return self.order_by("title")
        words = self.words_to_search(text)
        if words:
            query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
            # Every word searched for in the title ranks above any `ts_rank`: the credential named by the query
            # comes first, however often a broader one's keywords and description repeat one of its words.
            every_word = SearchQuery(words.replace(" or ", " "), search_type="websearch", config=SEARCH_CONFIG)
            named = Case(When(title_document=every_word, then=Value(1)), default=Value(0))
            return (
                self.filter(search_document=query)
                .annotate(named=named, rank=SearchRank(F("search_document"), query))
                .order_by("-named", "-rank", "title")
            )
        return (
            self.filter(search_text__trigram_word_similar=text)
            .annotate(rank=TrigramWordSimilarity(text, "search_text"))
            .order_by("-rank", "title")
        )


@track_changes()
class Credential(models.Model):
    """A technology-focused, industry-recognized credential whose cost the state may reimburse."""

    title = models.CharField(max_length=255)
    issuing_body = models.CharField(max_length=255)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="credentials")
    description = models.TextField(blank=True)
    typical_training_hours = models.PositiveIntegerField(null=True, blank=True)
    typical_cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    example_providers = models.TextField(blank=True, help_text="Training providers that offer it, one per line.")
    status = models.CharField(max_length=20, choices=CredentialStatus.choices, default=CredentialStatus.ELIGIBLE)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    keywords = models.TextField(blank=True, help_text="Other words people search for, separated by commas.")
    search_text = models.GeneratedField(
        expression=Concat("title", Value(" "), "keywords", output_field=models.TextField()),
        output_field=models.TextField(),
        db_persist=True,
    )
    search_document = models.GeneratedField(
        expression=credential_search_document(), output_field=SearchVectorField(), db_persist=True
    )
    # The title's own words, so the search can put the credential whose title holds every word first without
    # parsing each matched title again (CredentialQuerySet.search).
    title_document = models.GeneratedField(
        expression=SearchVector("title", config=SEARCH_CONFIG), output_field=SearchVectorField(), db_persist=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "issuing_body"], name="credential_title_issuer_unique"),
        ]
        indexes = [
            GinIndex(fields=["search_document"], name="credential_search_gin"),
            GinIndex(OpClass("search_text", name="gin_trgm_ops"), name="credential_text_trgm"),
        ]

    def __str__(self):
        return f"{self.title} ({self.issuing_body})"

    def get_absolute_url(self):
        return reverse("credentials:detail", args=[self.pk])

    @property
    def provider_list(self):
        return [line.strip() for line in self.example_providers.splitlines() if line.strip()]

    @property
    def is_reimbursable(self):
        return Credential.objects.filter(pk=self.pk).eligible().exists() if self.pk else False

    def eligibility(self, *, round, today):
        """Plain words for the eligibility check: reimbursable or not, up to how much, what to do next."""
        if not self.reimbursable_on(today):
            ended = self.effective_to and self.effective_to < today
            why = f"retired from the list on {self.effective_to:%B %-d, %Y}" if ended else "not on the eligible list"
            if self.status == CredentialStatus.ELIGIBLE and self.effective_from and self.effective_from > today:
                why = f"eligible from {self.effective_from:%B %-d, %Y}"
            return {
                "reimbursable": False,
                "sentence": f"Not reimbursable today: {why}. If it is still valued in your industry, propose it again.",
            }
        cap = round.per_credential_cap if round else None
        limit = min(cap, self.typical_cost) if cap is not None and self.typical_cost is not None else cap
        if round:
            close = timezone.localtime(round.closes_at)
            next_step = f"Apply in {round.name} before {close:%B %-d, %Y %-I:%M %p} Eastern."
        else:
            next_step = "No round is open now; the next round opens soon: prepare your list of employees."
        amount = (
            f"up to {format_money(limit)} per employee" if limit is not None else "up to the round's per-credential cap"
        )
        return {"reimbursable": True, "limit": limit, "sentence": f"Reimbursable {amount}. {next_step}"}

    def reimbursable_on(self, day):
        if self.status != CredentialStatus.ELIGIBLE:
            return False
        if self.effective_from and self.effective_from > day:
            return False
        return not (self.effective_to and self.effective_to < day)


# ---------------------------------------------------------------------------------------------------------------------
# Proposals


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", "Under review"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class CredentialProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        if _is_staff(user):
            return self
        org = _org_id(user)
        return self.filter(organization_id=org) if org else self.none()


@track_changes()
class CredentialProposal(models.Model):
    """An employer's request to add a credential that is not in the catalog; staff review it and decide."""

    organization = models.ForeignKey("core.Organization", on_delete=models.CASCADE, related_name="credential_proposals")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(max_length=255)
    issuing_body = models.CharField(max_length=255)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    technology_evidence = models.TextField(
        "evidence it is technology-focused", help_text="What technology skills the credential certifies."
    )
    recognition_evidence = models.TextField(
        "evidence of industry recognition",
        help_text="Who else values it: other employers, job postings, industry associations.",
    )
    typical_cost = money_field(validators=[MinValueValidator(0)])
    typical_training_hours = models.PositiveIntegerField()
    training_provider = models.CharField(max_length=255)
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    credential = models.ForeignKey(
        Credential, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CredentialProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Proposal: {self.title} ({self.issuing_body})"

    def get_absolute_url(self):
        return reverse("credentials:proposal_detail", args=[self.pk])

    @property
    def average_score(self):
        scores = [review.score for review in self.reviews.all()]
        return round(sum(scores) / len(scores), 1) if scores else None


# A panel member's score runs from 1 (weak) to 5 (strong); the field's validators and the table's check read these.
REVIEW_SCORE_LOWEST, REVIEW_SCORE_HIGHEST = 1, 5
REVIEW_SCORE_MESSAGE = f"Score from {REVIEW_SCORE_LOWEST} (weak) to {REVIEW_SCORE_HIGHEST} (strong)."


class ProposalReview(models.Model):
    """One staff panel member's score (1 to 5) and comment on a proposal."""

    proposal = models.ForeignKey(CredentialProposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        help_text="1 (weak) to 5 (strong).",
        validators=[
            MinValueValidator(REVIEW_SCORE_LOWEST, REVIEW_SCORE_MESSAGE),
            MaxValueValidator(REVIEW_SCORE_HIGHEST, REVIEW_SCORE_MESSAGE),
        ],
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="proposal_review_once_per_reviewer"),
            models.CheckConstraint(
                condition=Q(score__gte=REVIEW_SCORE_LOWEST, score__lte=REVIEW_SCORE_HIGHEST),
                name="proposal_review_score_1_to_5",
                violation_error_message=REVIEW_SCORE_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} on {self.proposal_id}: {self.score}"


# ---------------------------------------------------------------------------------------------------------------------
# Funding rounds and applications


# The most points an application can score; a round's scoring weights add up to it.
FULL_SCORE = 100


def default_close_at(day, *, hour=15, tz="America/New_York"):
    """3 p.m. local time on the round's last day."""
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(tz))


class FundingRoundQuerySet(models.QuerySet):
    def open_now(self):
        now = timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def open(self):
        """Rounds taking applications now."""
        return self.open_now()

    def upcoming(self):
        """Rounds that have not opened yet."""
        return self.filter(opens_at__gt=timezone.now())

    def closed(self):
        """The archive: rounds whose window has closed."""
        return self.filter(closes_at__lte=timezone.now())

    def current(self):
        """Open and upcoming rounds: what the round list shows unless the archive is asked for."""
        return self.filter(closes_at__gt=timezone.now())

    def visible_to(self, user):
        return self

    def with_totals(self):
        """Each round's `submitted_count` and `awarded_sum`, as two grouped aggregates over the rounds' rows.

        Summing per round in one annotated query would join applications to their lines and awards, so an
        application would be counted once per line; the grouped queries count and sum each row once. Summing every
        award of years of rounds still takes a third of a second, so both figures are remembered
        (core.remembered.remember) until an application or an award is saved or deleted
        (core.remembered.forget_when_changed): the dollars shown are always the sum of the awards on file.
        """
        rounds = list(self)
        ids = tuple(sorted(round.pk for round in rounds))
        submitted = remember(
            Application,
            ("submitted-by-round", ids),
            lambda: Application.objects.filter(round_id__in=ids).submitted().count_by_round(),
        )
        awarded = remember(
            Award,
            ("awarded-by-round", ids),
            lambda: Award.objects.filter(line__application__round_id__in=ids).sum_by_round(),
        )
        for round in rounds:
            round.submitted_count = submitted.get(round.pk, 0)
            round.awarded_sum = awarded.get(round.pk, ZERO)
        return rounds


@track_changes()
class FundingRound(models.Model):
    """An application window with its budget and caps. The caps are the program's rules for this round."""

    name = models.CharField(max_length=100, unique=True)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField(help_text="Usually 3 p.m. Eastern on the round's last day.")
    per_credential_cap = money_field(default=Decimal("2000.00"), help_text="Most paid per employee per credential.")
    per_employer_round_cap = money_field(default=Decimal("30000.00"), help_text="Most one employer gets in the round.")
    per_employer_fiscal_year_cap = money_field(
        default=Decimal("180000.00"), help_text="Most one employer gets in a state fiscal year (July to June)."
    )
    total_budget = money_field(validators=[MinValueValidator(0)])
    training_window_months = models.PositiveSmallIntegerField(
        default=12,
        help_text="Training starts on the 1st of the month after the close and ends within this many months.",
    )
    claim_window_days = models.PositiveSmallIntegerField(
        default=42, help_text="A claim must reach us within this many days of the credential being earned."
    )
    # How the round ranks its applications (credentials.services.application_score_parts): the three parts' most
    # points add up to the 100 of a full score.
    wage_gain_points = models.PositiveSmallIntegerField(
        "points for wage gain",
        default=50,
        help_text="Most points for the yearly wage gain pledged, earned in full when it reaches the training cost.",
    )
    distress_points = models.PositiveSmallIntegerField(
        "points for a distressed county",
        default=20,
        help_text="Points for an employer in an economically distressed county.",
    )
    employer_share_points = models.PositiveSmallIntegerField(
        "points for the employer's share",
        default=30,
        help_text="Most points for the part of the cost the employer pays itself.",
    )
    full_employer_share = models.DecimalField(
        "employer share for all its points",
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(1)],
        help_text="An employer paying this share of the cost or more gets all the share points; 0.50 = half.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FundingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        constraints = [models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="round_closes_after_open")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("credentials:round_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors[NON_FIELD_ERRORS] = ["A round must close after it opens."]
        weights = (self.wage_gain_points, self.distress_points, self.employer_share_points)
        if None not in weights and sum(weights) != FULL_SCORE:
            errors[NON_FIELD_ERRORS] = errors.get(NON_FIELD_ERRORS, []) + [
                f"The points for wage gain, a distressed county and the employer's share add up to {sum(weights)}; "
                f"they must add up to {FULL_SCORE}, a full score."
            ]
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        return self.opens_at <= timezone.now() < self.closes_at

    @property
    def fiscal_year(self):
        return fiscal_year_of(timezone.localdate(self.closes_at))

    @property
    def training_starts_on(self):
        close = timezone.localdate(self.closes_at)
        return datetime.date(close.year + close.month // 12, close.month % 12 + 1, 1)

    @property
    def training_ends_by(self):
        start = self.training_starts_on
        months = start.month - 1 + self.training_window_months
        first_after = datetime.date(start.year + months // 12, months % 12 + 1, 1)
        return first_after - datetime.timedelta(days=1)

    def awarded_total(self):
        return Award.objects.filter(line__application__round=self).aggregate(t=Coalesce(Sum("amount"), ZERO))["t"]


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    AWARDED = "awarded", "Awarded"
    DECLINED = "declined", "Declined"


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        if _is_staff(user):
            return self
        org = _org_id(user)
        return self.filter(organization_id=org) if org else self.none()

    def submitted(self):
        return self.exclude(status=ApplicationStatus.DRAFT)

    def count_by_round(self):
        """{round id: number of these applications}, in one grouped query."""
        return dict(self.order_by().values("round_id").annotate(n=Count("pk")).values_list("round_id", "n"))

    def with_totals(self):
        """Each application's amount requested, summed per row by a subquery so a page sums only its own rows."""
        lines = (
            ApplicationLine.objects.filter(application=OuterRef("pk"))
            .order_by()
            .values("application")
            .annotate(total=Sum("amount_requested"))
            .values("total")
        )
        return self.annotate(
            requested_total=Coalesce(
                Subquery(lines, output_field=models.DecimalField(max_digits=12, decimal_places=2)), ZERO
            ),
        )


@track_changes()
class Application(models.Model):
    """One employer organisation's request for reimbursement in one funding round (one per round)."""

    organization = models.ForeignKey(
        "core.Organization", on_delete=models.PROTECT, related_name="credential_applications"
    )
    round = models.ForeignKey(FundingRound, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score_wage = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    score_distress = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    score_share = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True, help_text="0 to 100.")
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "round"], name="application_one_per_employer_round"),
        ]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["created_at"]),
            models.Index(fields=["submitted_at"]),
        ]

    def __str__(self):
        return f"{self.organization} · {self.round}"

    def get_absolute_url(self):
        return reverse("credentials:application_detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status == ApplicationStatus.DRAFT


@track_changes()
class ApplicationLine(models.Model):
    """One credential an employer asks the round to reimburse, for a number of employees."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="lines")
    credential = models.ForeignKey(Credential, on_delete=models.PROTECT, related_name="application_lines")
    training_provider = models.CharField(max_length=255)
    cost_per_employee = money_field(validators=[MinValueValidator(0)])
    employees = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    amount_requested_per_employee = money_field(validators=[MinValueValidator(0)])
    amount_requested = models.GeneratedField(
        expression=F("amount_requested_per_employee") * F("employees"),
        output_field=models.DecimalField(max_digits=12, decimal_places=2),
        db_persist=True,
    )
    wage_before = money_field("average hourly wage before", validators=[MinValueValidator(0)])
    wage_after = money_field("pledged average hourly wage after", validators=[MinValueValidator(0)])
    training_start = models.DateField()
    training_end = models.DateField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.credential.title} × {self.employees}"

    def clean(self):
        """The rules a line keeps on its own; the round's caps and dates are checked by
        credentials.services.line_problems, which reports these too."""
        errors = {}
        asked, cost = self.amount_requested_per_employee, self.cost_per_employee
        if asked is not None and cost is not None and asked > cost:
            errors["amount_requested_per_employee"] = f"Ask for at most the cost per employee ({format_money(cost)})."
        if self.training_start and self.training_end and self.training_end < self.training_start:
            errors["training_end"] = "Training cannot end before it starts."
        if self.wage_before is not None and self.wage_after is not None and self.wage_after < self.wage_before:
            errors["wage_after"] = "The pledged wage after cannot be lower than the wage before."
        if errors:
            raise ValidationError(errors)

    # How the audit trail names a line (core.history): "Line for CompTIA Security+ removed".
    history_related = ("credential",)

    @property
    def history_label(self):
        return f"line for {self.credential.title}"

    @property
    def total_cost(self):
        return self.cost_per_employee * self.employees

    @property
    def must_finish_by(self):
        """The last day this line's training may finish: its round's training window, the one rule every page and
        message states (the line's own `training_end` is the employer's plan within it)."""
        return self.application.round.training_ends_by

    @property
    def employer_share(self):
        """The part of the cost the employer pays itself, 0 to 1."""
        if not self.cost_per_employee:
            return Decimal(0)
        return (self.cost_per_employee - self.amount_requested_per_employee) / self.cost_per_employee


class AwardQuerySet(models.QuerySet):
    def visible_to(self, user):
        if _is_staff(user):
            return self
        org = _org_id(user)
        return self.filter(line__application__organization_id=org) if org else self.none()

    def sum_by_round(self):
        """{round id: dollars of these awards}, in one grouped query."""
        totals = self.order_by().values("line__application__round_id").annotate(total=Sum("amount"))
        return dict(totals.values_list("line__application__round_id", "total"))


@track_changes()
class Award(models.Model):
    """Money a round commits to one application line (all of the request or part of it)."""

    line = models.OneToOneField(ApplicationLine, on_delete=models.PROTECT, related_name="award")
    amount = money_field(validators=[MinValueValidator(Decimal("0.01"))])
    awarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    awarded_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_at"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="award_amount_positive")]

    def __str__(self):
        return f"${self.amount} for {self.line}"

    history_related = ("line__credential",)

    @property
    def history_label(self):
        return f"award for {self.line.credential.title}"


# ---------------------------------------------------------------------------------------------------------------------
# Reimbursement claims


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"


class ReimbursementClaimQuerySet(models.QuerySet):
    def visible_to(self, user):
        if _is_staff(user):
            return self
        org = _org_id(user)
        return self.filter(application__organization_id=org) if org else self.none()


def claim_proof_path(instance, filename):
    return f"credentials/claims/{instance.application_id}/{timezone.now():%Y%m%d%H%M%S}-proof.pdf"


@track_changes()
class ReimbursementClaim(models.Model):
    """An employer's request to be paid for employees who earned awarded credentials, with one PDF of proof.

    An employer files at most one claim per calendar month (enforced by `claim_month`).
    """

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="claims")
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="credential_claims")
    claim_month = models.DateField(help_text="First day of the month the claim was filed in.")
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    amount = money_field(default=ZERO)
    proof = models.FileField(
        upload_to=claim_proof_path,
        validators=[FileContentValidator(kinds=("pdf",), max_bytes=10 * 1024 * 1024)],
        help_text="One PDF with the credential, the invoice and proof of payment (10 MB at most).",
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    objects = ReimbursementClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "claim_month"], name="claim_once_per_month_per_employer"),
        ]
        indexes = [models.Index(fields=["submitted_at"])]

    def __str__(self):
        return f"Claim {self.pk} · {self.organization} · {self.claim_month:%B %Y}"

    def get_absolute_url(self):
        return reverse("credentials:claim_detail", args=[self.pk])

    @property
    def history_label(self):
        return f"claim for {self.claim_month:%B %Y}"


def new_hire_problems(*, new_hire, date_of_birth) -> dict:
    """A date of birth is asked of new hires only: required for them, never kept for anyone else."""
    if new_hire and not date_of_birth:
        return {"date_of_birth": ["Enter the date of birth: it is required for a new hire."]}
    if not new_hire and date_of_birth:
        return {"date_of_birth": ["Leave the date of birth empty unless the employee is a new hire."]}
    return {}


ssn_last4_validator = RegexValidator(r"^\d{4}$", "Enter exactly the last four digits of the SSN.")


class ClaimLine(models.Model):
    """One employee who earned an awarded credential, within a claim. Only the SSN's last four digits are kept."""

    claim = models.ForeignKey(ReimbursementClaim, on_delete=models.CASCADE, related_name="lines")
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="claim_lines")
    employee_name = models.CharField(max_length=200)
    ssn_last4 = models.CharField("SSN last four digits", max_length=4, validators=[ssn_last4_validator])
    new_hire = models.BooleanField(
        default=False, help_text="Hired for this credential: the program then needs the employee's date of birth."
    )
    date_of_birth = models.DateField(null=True, blank=True, help_text="Only for new hires.")
    date_earned = models.DateField()
    wage_after = money_field("hourly wage after", validators=[MinValueValidator(0)])
    amount = money_field(validators=[MinValueValidator(Decimal("0.01"))])

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ssn_last4__regex=r"^\d{4}$"), name="claim_line_ssn_last4_digits"),
        ]

    def __str__(self):
        return f"{self.employee_name} ({self.masked_ssn})"

    def clean(self):
        errors = new_hire_problems(new_hire=self.new_hire, date_of_birth=self.date_of_birth)
        if errors:
            raise ValidationError(errors)

    @property
    def masked_ssn(self):
        return "•••-••-••••"

    @property
    def personal_data_removed(self):
        """True once the retention task blanked the employee's name, SSN digits and date of birth."""
        return self.employee_name == "" and self.ssn_last4 == REMOVED_SSN_LAST4

    @property
    def masked_date_of_birth(self):
        return "••/••/••••" if self.date_of_birth else "—"
