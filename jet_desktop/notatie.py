"""Numbers and periods written the Dutch way (1.234; 41,1; 41,1 %; € 1.234; 01-01-2025 t/m 31-12-2025),
for screens, reports and messages — the one formatter: nothing else writes a number for people.

Rounding is half away from zero on the number as written (2,5 -> 3; 0,25 -> 0,3; -2,5 -> -3), not Python's
round-half-to-even nor the binary float's accident (f"{0.25:.1f}" is "0.2"); a result that rounds to zero
has no minus sign. No dependencies: the UI, the reports, the services and the commands all use these.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from numbers import Integral

GEEN = "–"  # NaN or infinity: no number to write


def _afgerond(x: float, cijfers: int) -> Decimal | None:
    """`x` rounded to `cijfers` decimals; None for NaN or infinity."""
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, Integral):  # also numpy's integers and bool
        d = Decimal(int(x))
    else:
        f = float(x)
        if not math.isfinite(f):
            return None
        d = Decimal(repr(f))  # the shortest text of the float: 0.25 is "0.25", not 0.2499999…
    d = d.quantize(Decimal(1).scaleb(-cijfers), rounding=ROUND_HALF_UP)
    return d.copy_abs() if d.is_zero() else d  # never "-0" or "-0,0"


def getal(n: float) -> str:
    """A whole number with a dot per thousand: 1234.4 -> "1.234", 954284.5 -> "954.285", -1234 -> "-1.234"."""
    d = _afgerond(n, 0)
    return GEEN if d is None else f"{d:,}".replace(",", ".")


def decimaal(x: float, cijfers: int = 1) -> str:
    """A decimal comma and a dot per thousand: 1234.56 -> "1.234,6", 16 -> "16,0"."""
    d = _afgerond(x, cijfers)
    return GEEN if d is None else f"{d:,.{cijfers}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def procent(x: float) -> str:
    """One decimal and a percent sign: 41.1 -> "41,1 %"."""
    return decimaal(x, 1) + " %"


def euro(n: float) -> str:
    """Whole euros: 4735860 -> "€ 4.735.860" (negative: "€ -1.234")."""
    return "€ " + getal(n)


def periode(van, tot) -> str:
    """Both days inclusive: "01-01-2025 t/m 31-12-2025"."""
    return f"{van:%d-%m-%Y} t/m {tot:%d-%m-%Y}"
