"""What a search text in the toolbar means (services/zoeken.py turns it into SQL). Pure rules.

- a birth date typed the Dutch way: dd-mm-jjjj, also d-m-jjjj, with '-', '/' or '.';
- digits: a dossiernummer from its start ("2026", "2026-00", "2026-00012", also "202600012"), and
  nine digits (or eight, as the BSN check reads them) also an exact BSN. Never part of a BSN: a
  partial BSN identifies no one, and a prefix search would let anyone list BSNs digit by digit;
- anything else: words of a name. Every word must begin a part of the name (voornaam, tussenvoegsel,
  achternaam, or a part of a double name), case-insensitive: "de Vries", "Vries", "jan de v" all find
  Jan de Vries.

Shorter than MIN_TEKENS characters: no search at all (`te_kort`). Control and format characters (a NUL,
a zero-width space pasted along) are left out; a text longer than MAX_TEKENS characters or of more than
MAX_WOORDEN words matches nothing (no name is that long, and the database would refuse the query).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from jet_desktop.domain.bsn import normalize_bsn

MIN_TEKENS = 2
MAX_TEKENS = 200
MAX_WOORDEN = 12

_DATUM = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_CIJFERS = re.compile(r"^\d{2,}$")
_DOSSIERNUMMER = re.compile(r"^\d{4}-\d*$")
_SCHEIDING = re.compile(r"[\s,;-]+")


@dataclass(frozen=True)
class Zoekterm:
    soort: str  # "naam", "dossiernummer", "nummer" (dossiernummer or BSN), "geboortedatum"; "": nothing
    woorden: tuple[str, ...] = ()  # lower case, for "naam"
    dossiernummer: str = ""  # the start of a dossiernummer
    bsn: str = ""  # an exact BSN (nine digits), with a dossiernummer
    geboortedatum: date | None = None
    te_kort: bool = False

    @property
    def leeg(self) -> bool:
        """Nothing can match (too short, or a date that does not exist: 31-02-2015)."""
        return not self.soort


def lees(tekst: str) -> Zoekterm:
    t = "".join(c for c in (tekst or "") if c.isspace() or not unicodedata.category(c).startswith("C")).strip()
    if len(t) < MIN_TEKENS:
        return Zoekterm("", te_kort=True)
    if len(t) > MAX_TEKENS:
        return Zoekterm("")
    if m := _DATUM.match(t):
        dag, maand, jaar = (int(g) for g in m.groups())
        try:
            return Zoekterm("geboortedatum", geboortedatum=date(jaar, maand, dag))
        except ValueError:
            return Zoekterm("")
    compact = re.sub(r"[\s.]", "", t)
    if _DOSSIERNUMMER.match(compact):
        return Zoekterm("dossiernummer", dossiernummer=compact)
    if _CIJFERS.match(compact):
        nummer = compact if len(compact) <= 4 else f"{compact[:4]}-{compact[4:]}"
        bsn = normalize_bsn(compact) if len(compact) in (8, 9) else ""
        return Zoekterm("nummer" if bsn else "dossiernummer", dossiernummer=nummer, bsn=bsn)
    woorden = tuple(w for w in _SCHEIDING.split(t.lower()) if w)
    return Zoekterm("naam", woorden=woorden) if woorden and len(woorden) <= MAX_WOORDEN else Zoekterm("")
