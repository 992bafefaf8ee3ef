"""Who is a jeugdige: from -9 months (unborn, uitgerekende datum) up to 27 years."""

from __future__ import annotations

from datetime import date

from jet_desktop.domain.dates import add_months, full_years
from jet_desktop.domain.errors import FieldError

MAX_LEEFTIJD_JAREN = 27
MAX_ZWANGERSCHAP_MAANDEN = 9


def leeftijd_fouten(
    geboortedatum: date | None, uitgerekende_datum: date | None, peildatum: date
) -> list[FieldError]:
    """Check birth date / due date against the Jeugdwet target group on `peildatum`
    (the aanmelddatum).

    Exactly one of the two dates is given. A born child is at most 27 (completed
    years) on the peildatum; an unborn child's due date lies after the peildatum and
    at most nine months ahead.
    """
    if geboortedatum and uitgerekende_datum:
        return [
            FieldError(
                "uitgerekende_datum",
                "Uitgerekende datum: vul óf een geboortedatum óf een uitgerekende datum in, niet beide.",
            )
        ]
    if geboortedatum is None and uitgerekende_datum is None:
        return [
            FieldError(
                "geboortedatum",
                "Geboortedatum: verplicht (of een uitgerekende datum voor een ongeboren kind).",
            )
        ]
    if geboortedatum is not None:
        if geboortedatum > peildatum:
            return [
                FieldError(
                    "geboortedatum",
                    "Geboortedatum: ligt na de aanmelddatum; gebruik de uitgerekende datum voor een ongeboren kind.",
                )
            ]
        if full_years(geboortedatum, peildatum) > MAX_LEEFTIJD_JAREN:
            return [
                FieldError(
                    "geboortedatum",
                    f"Geboortedatum: de jeugdige is ouder dan {MAX_LEEFTIJD_JAREN} jaar en valt buiten de doelgroep.",
                )
            ]
        return []
    assert uitgerekende_datum is not None
    if uitgerekende_datum <= peildatum:
        return [
            FieldError(
                "uitgerekende_datum",
                "Uitgerekende datum: ligt niet na de aanmelddatum; is het kind geboren, vul dan de geboortedatum in.",
            )
        ]
    if uitgerekende_datum > add_months(peildatum, MAX_ZWANGERSCHAP_MAANDEN):
        return [
            FieldError(
                "uitgerekende_datum",
                "Uitgerekende datum: ligt meer dan 9 maanden na de aanmelddatum.",
            )
        ]
    return []


def leeftijd_tekst(geboortedatum: date | None, uitgerekende_datum: date | None, peildatum: date) -> str:
    """Short age for lists: '7 jr', '5 mnd', 'ongeboren'."""
    if geboortedatum is None:
        return "ongeboren" if uitgerekende_datum and uitgerekende_datum > peildatum else ""
    years = full_years(geboortedatum, peildatum)
    if years >= 2:
        return f"{years} jr"
    months = (peildatum.year - geboortedatum.year) * 12 + peildatum.month - geboortedatum.month
    if peildatum.day < geboortedatum.day:
        months -= 1
    return f"{max(months, 0)} mnd"
