"""Applies the role rules of domain/rollen.py to a Store: every service checks here, so a
consulent calling the services directly cannot read what the screens would not show.

A refusal is an event of its own (NEN 7513): `vereis`, `vereis_dossier` and `weiger` write a
GEWEIGERD line to the audit log in a transaction of their own — committed although the refused
operation is not — naming the right or the dossier (by dossiernummer) and the service that refused,
never personal data; then GeenToegang is raised. Call them before the caller's transaction writes
anything (every service does): the line is written on a connection of its own."""

from __future__ import annotations

import logging
import sys
import uuid

from sqlalchemy import false, or_, select
from sqlalchemy.engine import Connection

from jet_desktop.domain.errors import JetFout
from jet_desktop.domain.rollen import Recht, heeft_recht, ziet_dossier
from jet_desktop.storage.models import Aanmelding, Dossier
from jet_desktop.storage.store import Store

D, A = Dossier.__table__, Aanmelding.__table__
_log = logging.getLogger(__name__)


class GeenToegang(JetFout):
    """The signed-in medewerker may not do this; nothing was read or written (but the refusal is logged).

    Not a PermissionError (an OSError): `except OSError` around a file must not report a missing right
    as a file error (domain/errors.py)."""


def mag(store: Store, recht: Recht) -> bool:
    """A question, not an attempt: writes nothing (the screens use it to hide what a role may not do)."""
    return heeft_recht(store.rol, recht)


def _aanroeper() -> str:
    """'wachtlijst.bekijk': the service function outside this module that asked (for the audit line)."""
    f = sys._getframe(1)
    while f is not None and f.f_globals.get("__name__") == __name__:
        f = f.f_back
    if f is None:
        return "onbekend"
    module = f.f_globals.get("__name__", "").rsplit(".", 1)[-1]
    return f"{module}.{f.f_code.co_name}"


def weiger(store: Store, melding: str, reden: str, objecttype: str = "recht", object_id=None,
           client: str = "") -> GeenToegang:
    """Write the GEWEIGERD line for a refused attempt and return the GeenToegang to raise.

    `melding` is the Dutch message for the user; `reden` the line's description (no personal data);
    `client` a dossiernummer or empty. The line is committed in its own transaction; if even that
    fails (the store is gone), the refusal still stands."""
    from jet_desktop.services import audit

    if objecttype != "recht":
        object_id = _id_of_niets(object_id)
    try:
        audit.log_weigering(store, objecttype, object_id, client, f"toegang geweigerd: {reden} ({_aanroeper()})")
    except Exception as exc:  # noqa: BLE001 - the refusal matters more than its line
        _log.warning("Weigering niet in het auditlog geschreven: %s", type(exc).__name__)
    return GeenToegang(melding)


def _id_of_niets(object_id):
    """The id of a refused attempt as the caller gave it, when it is one; anything else (a name typed where
    an id belongs) is left out of the line: a line never carries what a caller chose to put in it."""
    if object_id is None or isinstance(object_id, uuid.UUID):
        return object_id
    try:
        return uuid.UUID(str(object_id))
    except ValueError:
        return None


def vereis(store: Store, recht: Recht) -> None:
    if not mag(store, recht):
        rol = store.rol.label.lower() if store.rol else "systeem"
        raise weiger(store, f"Geen toegang: als {rol} mag u niet {recht.value}.", recht.value, "recht", recht.name)


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
    if store.teamserver and not mag(store, Recht.EIGEN_DOSSIERS):
        r = None  # the functioneel beheerder's login has no grant on casework: the query itself is refused
    else:
        r = conn.execute(select(D.c.consulent_id, D.c.tweede_consulent_id, A.c.dossiernummer)
                         .join(A, A.c.id == D.c.aanmelding_id).where(D.c.id == dossier_id)).first()
    if r is None and store.teamserver and (verborgen := verborgen_dossier(conn, "dossier", dossier_id)):
        raise weiger(store, f"Geen toegang tot dossier {verborgen[1]}: het staat niet op uw caseload "
                            "en u bent er geen tweede persoon bij.",
                     "dossier niet op de eigen caseload en geen tweede persoon", "dossier", dossier_id, verborgen[1])
    if r is None or not ziet_dossier(store.rol, store.user_id, r.consulent_id, r.tweede_consulent_id):
        nummer = r.dossiernummer if r else "?"
        raise weiger(store, f"Geen toegang tot dossier {nummer}: het staat niet op uw caseload "
                            "en u bent er geen tweede persoon bij.",
                     "dossier niet op de eigen caseload en geen tweede persoon" if r else "dossier bestaat niet",
                     "dossier", dossier_id, r.dossiernummer if r else "")


def verborgen_dossier(conn: Connection, soort: str, row_id: uuid.UUID) -> tuple[uuid.UUID, str] | None:
    """On the team server: (id, dossiernummer) of the dossier of a row (`soort`: dossier, aanmelding,
    toewijzing) that row-level security hides from this login, so that a refused attempt is refused and
    logged naming that dossier, as on a local store; None when there is no such dossier. Only the number
    comes back (storage/teamserver.py: jet_dossier_van)."""
    from sqlalchemy import text

    r = conn.execute(text("SELECT dossier_id, dossiernummer FROM jet_dossier_van(:soort, :id)"),
                     {"soort": soort, "id": row_id}).first()
    return (r.dossier_id, r.dossiernummer) if r is not None and r.dossier_id is not None else None
