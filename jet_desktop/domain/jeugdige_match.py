"""Recognising a jeugdige who is already known: same BSN, or same name + birth date."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from jet_desktop.domain.bsn import normalize_bsn


@dataclass(frozen=True)
class Persoonskenmerken:
    voornaam: str
    achternaam: str
    geboortedatum: date | None
    bsn: str | None = None
    tussenvoegsel: str = ""


def naam_sleutel(voornaam: str, tussenvoegsel: str, achternaam: str) -> str:
    """Name folded for comparison: case, accents, spaces, apostrophes and hyphens ignored."""
    text = f"{voornaam} {tussenvoegsel} {achternaam}"
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text.casefold() if c.isalnum())


def is_zelfde_jeugdige(nieuw: Persoonskenmerken, bekend: Persoonskenmerken) -> bool:
    if nieuw.bsn and bekend.bsn and normalize_bsn(nieuw.bsn) == normalize_bsn(bekend.bsn):
        return True
    if nieuw.geboortedatum is None or nieuw.geboortedatum != bekend.geboortedatum:
        return False
    return naam_sleutel(nieuw.voornaam, nieuw.tussenvoegsel, nieuw.achternaam) == naam_sleutel(
        bekend.voornaam, bekend.tussenvoegsel, bekend.achternaam
    )
