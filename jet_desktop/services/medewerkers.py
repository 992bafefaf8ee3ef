"""Medewerkers (staff) of the team."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from jet_desktop.domain.enums import Rol
from jet_desktop.storage.models import Medewerker
from jet_desktop.storage.store import Store

M = Medewerker.__table__


@dataclass(frozen=True)
class MedewerkerRij:
    id: uuid.UUID
    naam: str
    rol: Rol
    fte: float


def alle(store: Store) -> list[MedewerkerRij]:
    q = select(M.c.id, M.c.naam, M.c.rol, M.c.fte).where(M.c.actief.is_(True), M.c.deleted_at.is_(None)).order_by(M.c.naam)
    with store.engine.connect() as conn:
        return [MedewerkerRij(r.id, r.naam, Rol(r.rol), r.fte) for r in conn.execute(q)]


def voeg_toe(store: Store, naam: str, rol: Rol, fte: float = 1.0) -> uuid.UUID:
    row = store.new_row(naam=naam.strip(), rol=rol.value, fte=fte, actief=True)
    with store.engine.begin() as conn:
        conn.execute(M.insert().values(row))
    return row["id"]


def is_leeg(store: Store) -> bool:
    """True for a new store without staff or aanmeldingen (offer demo data)."""
    with store.engine.connect() as conn:
        return conn.execute(select(M.c.id).limit(1)).first() is None
