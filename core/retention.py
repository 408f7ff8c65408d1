"""How long the portal keeps personal data: `PERSONAL_DATA_RETENTION_YEARS` (3 by default) after a record is settled.

Each app decides what "settled" means for its records and what it removes (credentials/retention.py,
workbased_learning/retention.py, docs/privacy.md); the period and the date arithmetic are the same for all.
"""

import datetime

from django.conf import settings
from django.utils import timezone


def retention_cutoff(today=None) -> datetime.date:
    """The day `PERSONAL_DATA_RETENTION_YEARS` years before `today`: what was settled before it has expired.

    29 February falls back to 28 February in years without it.
    """
    today = today or timezone.localdate()
    year = today.year - settings.PERSONAL_DATA_RETENTION_YEARS
    try:
        return today.replace(year=year)
    except ValueError:
        return today.replace(year=year, day=28)
