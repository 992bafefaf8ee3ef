"""Numbers and periods written the Dutch way (1.234; 41,1; 41,1 %; € 1.234; 01-01-2025 t/m 31-12-2025),
for screens, reports and messages.

No dependencies: the UI, the reports, the services and the commands all use these.
"""

from __future__ import annotations


def getal(n: float) -> str:
    """A whole number with a dot per thousand: 1234.4 -> "1.234"."""
    return f"{round(n):,}".replace(",", ".")


def decimaal(x: float, cijfers: int = 1) -> str:
    """A decimal comma and a dot per thousand: 1234.56 -> "1.234,6"."""
    return f"{x:,.{cijfers}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def procent(x: float) -> str:
    """One decimal and a percent sign: 41.1 -> "41,1 %"."""
    return decimaal(x, 1) + " %"


def euro(n: float) -> str:
    """Whole euros: 4735860 -> "€ 4.735.860"."""
    return "€ " + getal(n)


def periode(van, tot) -> str:
    """Both days inclusive: "01-01-2025 t/m 31-12-2025"."""
    return f"{van:%d-%m-%Y} t/m {tot:%d-%m-%Y}"
