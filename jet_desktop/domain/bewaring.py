"""Retention of closed dossiers (domain.md "Privacy and safety", "National codes and norms"; docs/bewaring.md).

The rule: a closed dossier is kept `jaren` years (setting `bewaartermijn_jaren`, default 20: Jeugdwet
art. 7.3.9) after its **last change**, and may be destroyed from the anniversary of that day on.

The last change of a closed dossier is the latest of
- its closing date (`afgesloten_op`), and
- the day of `updated_at` of the dossier itself and of every row that belongs to it: its
  contactmomenten, toewijzingen, ondersteuningsplan, klikgesprekken, consulentwijzigingen, the
  triagebesluiten and the aanmelding it came from, and the jeugdige.
Removed (tombstoned) rows count too: removing is a change. The gezin and its gezinsleden do not
count: they are shared with brothers and sisters, whose work would otherwise keep this dossier alive.
This start is never earlier than the end of the help (the closing date) nor than the making of any
record in the dossier, so the term is at least as long under each reading of the law (docs/bewaring.md).

A term of years that starts on 29 February ends on 28 February of a non-leap year; the dossier may
then be destroyed from 1 March (never a day early).
"""

from __future__ import annotations

import calendar
from datetime import date


def vernietigbaar_vanaf(laatste_wijziging: date, jaren: int) -> date:
    """The first day on which a dossier last changed on `laatste_wijziging` may be destroyed:
    the same day `jaren` years later; 1 March when that day would be 29 February of a common year."""
    if jaren < 0:
        raise ValueError("De bewaartermijn kan niet negatief zijn.")
    jaar = laatste_wijziging.year + jaren
    if laatste_wijziging.month == 2 and laatste_wijziging.day == 29 and not calendar.isleap(jaar):
        return date(jaar, 3, 1)
    return laatste_wijziging.replace(year=jaar)


def laatste_wijziging(afgesloten_op: date, wijzigingen: list[date | None] | tuple) -> date:
    """The latest of the closing date and the days the dossier's rows were changed (None ignored)."""
    return max([afgesloten_op, *(d for d in wijzigingen if d is not None)])


def is_vernietigbaar(afgesloten_op: date | None, laatste: date, jaren: int, vandaag: date) -> bool:
    """Closed, and the term has passed on `vandaag`."""
    return afgesloten_op is not None and vandaag >= vernietigbaar_vanaf(laatste, jaren)
