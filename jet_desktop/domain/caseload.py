"""Caseload capacity and the reassignment proposal for an absent consulent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jet_desktop.domain.enums import Urgentie


def capaciteit(fte: float, norm_per_fte: float) -> int:
    """Number of active dossiers a consulent can hold: FTE x norm, rounded down."""
    return int(fte * norm_per_fte + 1e-9)


@dataclass(frozen=True)
class Collega:
    id: str
    naam: str
    capaciteit: int
    belasting: int  # current active dossiers


@dataclass(frozen=True)
class TeVerdelenDossier:
    id: str
    dossiernummer: str
    urgentie: Urgentie
    tweede_consulent_id: str | None = None


@dataclass(frozen=True)
class Voorstel:
    dossier_id: str
    naar_id: str
    boven_capaciteit: bool


def herverdeling_voorstel(dossiers: list[TeVerdelenDossier], collegas: list[Collega]) -> list[Voorstel]:
    """Spread dossiers over available colleagues; deterministic for the same input.

    - most urgent dossiers are placed first (spoed, hoog, normaal; then dossiernummer);
    - the dossier's second person takes it when they have room (the family knows them);
    - otherwise the colleague with the most free room, ties by name then id;
    - nobody goes above capacity while anyone has room; only when the whole team is
      full is a dossier placed with the lowest relative load, marked boven_capaciteit.
    """
    if not collegas:
        return []
    load = {c.id: c.belasting for c in collegas}
    by_id = {c.id: c for c in collegas}
    order = sorted(collegas, key=lambda c: (c.naam, c.id))
    voorstel: list[Voorstel] = []
    for d in sorted(dossiers, key=lambda d: (d.urgentie.rank, d.dossiernummer, d.id)):
        tweede = by_id.get(d.tweede_consulent_id or "")
        if tweede is not None and load[tweede.id] < tweede.capaciteit:
            target, over = tweede, False
        else:
            with_room = [c for c in order if load[c.id] < c.capaciteit]
            if with_room:
                target = max(with_room, key=lambda c: c.capaciteit - load[c.id])
                over = False
            else:
                target = min(order, key=lambda c: (load[c.id] + 1) / max(c.capaciteit, 1))
                over = True
        load[target.id] += 1
        voorstel.append(Voorstel(d.id, target.id, over))
    return voorstel


def waarneming_voorbij(afwezigheden: list[tuple[date, date]], vandaag: date) -> bool:
    """Whether a waarneming ends on `vandaag`: it is made only while the vaste consulent is absent
    (services/waarneming.py), so it lasts as long as they are absent — an absence extended, or followed at
    once by another, keeps it; one shortened or removed ends it; a later, separate absence does not count."""
    return not any(van <= vandaag <= tot for van, tot in afwezigheden)
