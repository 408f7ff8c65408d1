"""Money: the one zero and the one way an amount is written for people ("$1,234.50").

Amounts are `Decimal` everywhere (model fields are `core`'s money fields with two places). `format_money` is what
every page, e-mail, message, table cell and report cell shows; templates use the `money` filter
(`{% load money %}{{ amount|money }}`, `{{ wage|money:0 }}` for whole dollars), which calls it.
"""

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")


def format_money(value, places=2):
    """`Decimal("1234.5")` -> "$1,234.50"; `places=0` -> "$1,235". Halves round up, as amounts are rounded for people.

    A negative amount keeps its sign after the dollar sign ("$-5.00"), as the portal has always shown it.
    """
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"${amount:,.{places}f}"
