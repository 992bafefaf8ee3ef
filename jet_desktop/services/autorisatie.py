"""Applies the role rules of domain/rollen.py to a Store: every service checks here, so a
consulent calling the services directly cannot read what the screens would not show."""

from __future__ import annotations

import uuid

from sqlalchemy import false, or_, select
from sqlalchemy.engine import Connection

from jet_desktop.domain.rollen import Recht, heeft_recht, ziet_dossier
from jet_desktop.storage.models import Aanmelding, Dossier
from jet_desktop.storage.store import Store

D, A = Dossier.__table__, Aanmelding.__table__


class GeenToegang(PermissionError):
    """The signed-in medewerker may not do this; nothing was read or written."""


def mag(store: Store, recht: Recht) -> bool:
    return heeft_recht(store.rol, recht)


def vereis(store: Store, recht: Recht) -> None:
    if not mag(store, recht):
        rol = store.rol.label.lower() if store.rol else "systeem"
        raise GeenToegang(f"Geen toegang: als {rol} mag u niet {recht.value}.")


def dossier_zichtbaar(store: Store, dossier_table=D):
    """A WHERE clause for lists of dossiers: the team's for a teamleider, one's own for a consulent."""
    if mag(store, Recht.TEAM_DOSSIERS):
        return True
    if not mag(store, Recht.EIGEN_DOSSIERS) or store.user_id is None:
        return false()
    return or_(dossier_table.c.consulent_id == store.user_id, dossier_table.c.tweede_consulent_id == store.user_id)


def vereis_dossier(conn: Connection, store: Store, dossier_id: uuid.UUID) -> None:
    """Refuse a dossier the medewerker may not see (not own, not second person)."""
    if mag(store, Recht.TEAM_DOSSIERS):
        return
    r = conn.execute(select(D.c.consulent_id, D.c.tweede_consulent_id, A.c.dossiernummer)
                     .join(A, A.c.id == D.c.aanmelding_id).where(D.c.id == dossier_id)).first()
    if r is None or not ziet_dossier(store.rol, store.user_id, r.consulent_id, r.tweede_consulent_id):
        nummer = r.dossiernummer if r else "?"
        raise GeenToegang(f"Geen toegang tot dossier {nummer}: het staat niet op uw caseload "
                          "en u bent er geen tweede persoon bij.")
