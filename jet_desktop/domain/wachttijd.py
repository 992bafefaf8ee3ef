"""Wachttijd, wachtlijst order and norm breaches (clock rules: docs/wachttijd.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from jet_desktop.domain.dates import working_days_between
from jet_desktop.domain.enums import Urgentie


@dataclass(frozen=True)
class WachttijdNormen:
    """Norms are settings; these are the defaults (Treeknorm: 4 weeks to intake)."""

    triage_werkdagen: int = 5
    start_dagen: dict[Urgentie, int] = field(
        default_factory=lambda: {Urgentie.SPOED: 3, Urgentie.HOOG: 14, Urgentie.NORMAAL: 28}
    )
    # share of the norm after which a waiting aanmelding is shown as "let op"
    waarschuwing_fractie: float = 0.75


class Signaal(str, Enum):
    GEEN = "geen"
    LET_OP = "let_op"
    OVERSCHREDEN = "overschreden"


def wachttijd_dagen(aanmelddatum: date, peildatum: date) -> int:
    """Wachttijd = peildatum - aanmelddatum, in days (never negative)."""
    return max((peildatum - aanmelddatum).days, 0)


def in_weken(dagen: int) -> float:
    """Days shown as weeks, one decimal."""
    return round(dagen / 7, 1)


def start_signaal(urgentie: Urgentie, aanmelddatum: date, peildatum: date, normen: WachttijdNormen) -> Signaal:
    """Signal for an aanmelding waiting for a consulent.

    Spoed never waits silently: a waiting spoed aanmelding is at least "let op".
    """
    dagen = wachttijd_dagen(aanmelddatum, peildatum)
    norm = normen.start_dagen[urgentie]
    if dagen > norm:
        return Signaal.OVERSCHREDEN
    if urgentie is Urgentie.SPOED or dagen >= norm * normen.waarschuwing_fractie:
        return Signaal.LET_OP
    return Signaal.GEEN


def triage_signaal(aanmelddatum: date, peildatum: date, normen: WachttijdNormen) -> Signaal:
    """Signal for an aanmelding still waiting for its triagebesluit (working days)."""
    werkdagen = working_days_between(aanmelddatum, peildatum)
    if werkdagen > normen.triage_werkdagen:
        return Signaal.OVERSCHREDEN
    if werkdagen >= normen.triage_werkdagen * normen.waarschuwing_fractie:
        return Signaal.LET_OP
    return Signaal.GEEN


def wachtlijst_sleutel(urgentie: Urgentie, aanmelddatum: date, dossiernummer: str = "") -> tuple:
    """Wachtlijst order: urgentie (spoed first), then aanmelddatum (oldest first)."""
    return (urgentie.rank, aanmelddatum, dossiernummer)
