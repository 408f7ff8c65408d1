"""Personal data of reimbursement claims is removed once the program's audit period has passed (docs/privacy.md).

A claim line names an employee (name, last four SSN digits, date of birth for new hires). The program needs them
until the claim is settled and for the audit period after it (`PERSONAL_DATA_RETENTION_YEARS`, 3 by default).
After that the line stays, because the round reports, the award's remaining balance and the claim's total are
summed from the lines' amounts, wages and dates; only the personal fields are blanked.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from core.retention import retention_cutoff
from credentials.models import REMOVED_SSN_LAST4, ClaimLine, ClaimStatus


def expired_claim_lines(today=None):
    """Lines of claims paid before the cutoff day (state time) whose personal fields are still filled.

    Claims end as paid; a claim returned for changes is still waiting for its employer and is kept.
    """
    cutoff = retention_cutoff(today)
    start_of_cutoff_day = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return ClaimLine.objects.filter(claim__status=ClaimStatus.PAID, claim__paid_at__lt=start_of_cutoff_day).exclude(
        employee_name="", ssn_last4=REMOVED_SSN_LAST4, date_of_birth__isnull=True
    )


def purge_expired_claim_lines(today=None) -> int:
    """Blank the employee's name, SSN digits and date of birth on the lines of claims paid more than the retention
    period ago, in one UPDATE; amounts, wages and dates stay. Returns the number of lines blanked (0 on a rerun)."""
    with transaction.atomic():
        return expired_claim_lines(today).update(employee_name="", ssn_last4=REMOVED_SSN_LAST4, date_of_birth=None)
