"""Today's date, read when it is used (not when a window was made): a session that runs past midnight
computes wachttijden and proposes dates for the new day.

`vandaag()` is the one clock of the UI (tests move it with monkeypatch.setattr(klok, "vandaag", ...)).
`Vandaag` is an attribute for widgets that used to keep a fixed date: assign a date (fixed, as tests do)
or a callable such as `KLOK`; reading the attribute gives the date of that moment.
"""

from __future__ import annotations

from datetime import date


def vandaag() -> date:
    return date.today()


def KLOK() -> date:  # noqa: N802 - a constant that is called
    """`vandaag()` looked up at each call, so a test that replaces `vandaag` moves every window."""
    return vandaag()


class Vandaag:
    """A data descriptor: `self.vandaag = KLOK` (or a date); `self.vandaag` is then always a date."""

    def __set_name__(self, owner, name: str) -> None:
        self.attr = f"_{name}_bron"

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        bron = obj.__dict__.get(self.attr, KLOK)
        return bron() if callable(bron) else bron

    def __set__(self, obj, waarde) -> None:
        obj.__dict__[self.attr] = waarde


def bron(obj, name: str = "vandaag"):
    """What was assigned to `obj.<name>` (the clock itself or a fixed date), to hand on to a child widget."""
    return obj.__dict__.get(f"_{name}_bron", KLOK)
