"""Learners' dates of birth are removed once the incentive year they count for is closed and the audit period has
passed (docs/privacy.md).

A placement counts for every calendar year it runs in; the last is the year of its end date. That incentive year
is closed on its program year's `closes_on` (the last day employers may apply), or on the state's default closing
day (1 February after the year) when no program year was set up. `PERSONAL_DATA_RETENTION_YEARS` (3 by default)
after that day the date of birth is cleared. The learner id stays: it is the provider's pseudonym, names nobody
without the provider's own records, and is how incentive lines and certificates refer to the learner.
"""

from django.db import transaction
from django.db.models import Q

from core.retention import retention_cutoff
from workbased_learning.models import ApplicationStatus, IncentiveProgramYear, Placement


def expired_placements(today=None):
    """Placements whose last incentive year closed before the cutoff and that still hold a date of birth.

    A placement on an incentive application still in review keeps it: the decision may need the learner's age.
    """
    cutoff = retention_cutoff(today)
    closing_days = dict(IncentiveProgramYear.objects.values_list("year", "closes_on"))
    closed_years = [year for year, closes_on in closing_days.items() if closes_on < cutoff]
    # The latest year without a program year row whose default closing day is before the cutoff.
    last_default_year = cutoff.year
    while IncentiveProgramYear.default_window(last_default_year)[1] >= cutoff:
        last_default_year -= 1
    expired = Q(end_date__year__in=closed_years) | (
        Q(end_date__year__lte=last_default_year) & ~Q(end_date__year__in=list(closing_days))
    )
    return (
        Placement.objects.filter(expired, learner_birth_date__isnull=False)
        .exclude(incentive_lines__application__status=ApplicationStatus.IN_REVIEW)
        .order_by()
    )


def purge_expired_learner_birth_dates(today=None) -> int:
    """Clear the learner's date of birth on placements past the retention period, in one UPDATE. Returns the
    number of placements cleared (0 on a rerun). The audit trail never held the date, so nothing is left there."""
    with transaction.atomic():
        return expired_placements(today).update(learner_birth_date=None)
