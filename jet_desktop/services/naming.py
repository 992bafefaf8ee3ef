"""How a person's name is shown."""

from __future__ import annotations


def volledige_naam(voornaam: str, tussenvoegsel: str, achternaam: str) -> str:
    return " ".join(p for p in (voornaam, tussenvoegsel, achternaam) if p)


def initialen(voornaam: str, tussenvoegsel: str, achternaam: str) -> str:
    first = f"{voornaam[:1]}." if voornaam else ""
    return " ".join(p for p in (first, tussenvoegsel, achternaam[:1] + "." if achternaam else "") if p)
