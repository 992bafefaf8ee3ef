"""How values are shown in the UI and in reports (Dutch conventions)."""

from __future__ import annotations

from datetime import date, datetime

from jet_desktop.notatie import decimaal


def datum(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else ""


def weken(w: float) -> str:
    return decimaal(w, 1)


def parse_datum(text: str) -> date:
    """Accepts dd-mm-jjjj (also with / or .) and ISO jjjj-mm-dd; raises ValueError."""
    t = text.strip().replace("/", "-").replace(".", "-")
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d-%m-%y"):
        try:
            return datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)
