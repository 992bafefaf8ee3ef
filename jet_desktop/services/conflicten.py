"""The conflicts of offline edits (docs/sync.md, *Conflicten*): a field changed on the team server and on a
laptop since the laptop's copy. The server kept its value; the consulent whose laptop it was, or a
teamleider, resolves it: keep the server's value, take the laptop's, or a merged text. Each resolution is an
audited change of the record and of the conflict row, in one transaction.

This works on the team server and on the laptop store alike: on the laptop both writes are captured by its
triggers and reach the server at the next sync, as any other edit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.samenvoegen import VeldVersies
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import mag, vereis, vereis_dossier
from jet_desktop.services.correcties import veld_label
from jet_desktop.services.syncsubset import T
from jet_desktop.storage.models import SyncConflict
from jet_desktop.storage.store import StaleEditError, Store, versioned_update
from jet_desktop.storage.syncwaarden import naar_json, uit_json

C = SyncConflict.__table__
KEUZES = ("server", "laptop", "samengevoegd")


@dataclass(frozen=True)
class Conflict:
    id: uuid.UUID
    version: int
    tabel: str
    record_id: uuid.UUID
    dossier_id: uuid.UUID | None
    veld: str
    soort: str
    basis: str
    server: str
    laptop: str
    server_door: str
    server_at: datetime | None
    laptop_door: str
    laptop_at: datetime | None
    dossiernummer: str = ""

    @property
    def veldnaam(self) -> str:
        """The field's Dutch label as a correction names it (services/correcties.py), else from its name."""
        return veld_label(self.tabel, self.veld)


def _conflict(r) -> Conflict:
    return Conflict(r.id, r.version, r.tabel, r.record_id, r.dossier_id, r.veld, r.soort, r.basis, r.server, r.laptop,
                    r.server_door, r.server_at, r.laptop_door, r.laptop_at, r.dossiernummer or "")


def _waar(store: Store) -> list:
    waar = [C.c.opgelost_at.is_(None)]
    if not mag(store, Recht.TEAM_DOSSIERS):
        waar.append(C.c.medewerker_id == store.user_id)
    return waar


def aantal_open(store: Store) -> int:
    """How many conflicts `open_conflicten` would show (a count: no values, no audit line); 0 for a role
    without casework."""
    if not mag(store, Recht.EIGEN_DOSSIERS):
        return 0
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(C).where(*_waar(store))).scalar_one()


def open_conflicten(store: Store) -> list[Conflict]:
    """The unresolved conflicts this medewerker may resolve: their own laptop's, or (teamleider) the team's,
    oldest first, with the dossiernummer where the dossier is visible."""
    vereis(store, Recht.EIGEN_DOSSIERS)
    D, A = T["dossier"], T["aanmelding"]
    q = (select(C, A.c.dossiernummer).select_from(C.outerjoin(D, D.c.id == C.c.dossier_id)
                                                  .outerjoin(A, A.c.id == D.c.aanmelding_id))
         .where(*_waar(store)).order_by(C.c.created_at))
    with store.engine.begin() as conn:
        rijen = [_conflict(r) for r in conn.execute(q)]
        if rijen:  # the values are personal data: showing them is a look
            audit.schrijf(conn, store, AuditActie.OPENEN, "conflict", None, "",
                          f"{len(rijen)} open conflict(en) bekeken")
    return rijen


VERWIJDERD_OP_SERVER = "\x00verwijderd"  # the server side of a `verwijderd` conflict in the merge


def versies(c: Conflict) -> VeldVersies:
    """The conflict as one field of the merge widget (ui/samenvoegen.py): the colleague's side is the team
    server's, the user's side the laptop's. A record removed on the server offers only the two choices
    (leave it removed, or take it back with the laptop's value), no merged text."""
    kolom = T[c.tabel].c[c.veld]
    basis, server, laptop = (uit_json(kolom, w) for w in (c.basis, c.server, c.laptop))
    if c.soort == "verwijderd":
        return VeldVersies(c.veld, c.veldnaam, basis, VERWIJDERD_OP_SERVER, laptop,
                           weergave=((VERWIJDERD_OP_SERVER, "(het record is op de teamserver verwijderd)"),
                                     (laptop, "" if laptop is None else str(laptop))))
    lang = isinstance(laptop, str) and getattr(kolom.type, "length", None) is None
    return VeldVersies(c.veld, c.veldnaam, basis, server, laptop, lang=lang)


def keuze_voor(c: Conflict, waarde: object) -> tuple[str, str | None]:
    """The merge widget's outcome for the field -> (keuze, tekst) for `los_op`."""
    v = versies(c)
    if waarde == v.van_ander:
        return "server", None
    if waarde == v.van_mij:
        return "laptop", None
    return "samengevoegd", "" if waarde is None else str(waarde)


def los_op(store: Store, conflict_id: uuid.UUID, expected_version: int, keuze: str, tekst: str | None = None) -> None:
    """Resolve a conflict: `keuze` server (keep the server's value), laptop (take the laptop's) or
    samengevoegd (`tekst`, a merged text). A record removed on the server comes back only by taking the
    laptop's value, explicitly."""
    if keuze not in KEUZES:
        raise ValidationError([FieldError("keuze", "Kies de waarde van de server, van de laptop of een samengevoegde tekst.")])
    with store.engine.begin() as conn:
        c = conn.execute(select(C).where(C.c.id == conflict_id)).first()
        if c is None or c.opgelost_at is not None:
            raise StaleEditError("Het conflict", None, None)
        if c.medewerker_id != store.user_id:
            vereis(store, Recht.TEAM_DOSSIERS)
        if c.dossier_id is not None:
            vereis_dossier(conn, store, c.dossier_id)
        t = T[c.tabel]
        kolom = t.c[c.veld]
        if keuze == "samengevoegd":
            if tekst is None or not tekst.strip():
                raise ValidationError([FieldError("tekst", "Samengevoegde tekst: vul de tekst in die blijft.")])
            waarde = tekst.strip()
        else:
            waarde = uit_json(kolom, c.server if keuze == "server" else c.laptop)
        rij = conn.execute(select(t).where(t.c.id == c.record_id)).first()
        if rij is None:
            raise StaleEditError(f"Het record van het conflict ({c.tabel})", None, None)
        wijzig = {} if keuze == "server" else {c.veld: waarde}
        if keuze == "laptop" and c.soort == "verwijderd" and "deleted_at" in t.c:
            wijzig["deleted_at"] = None  # taken back explicitly: the record returns with the laptop's value
        if wijzig and "updated_at" in t.c:
            versioned_update(conn, store, t, c.record_id, rij.version, f"Het record ({c.tabel})", **wijzig)
        gehouden = rij._mapping[c.veld] if keuze == "server" else waarde
        versioned_update(conn, store, C, conflict_id, expected_version, "Het conflict",
                         opgelost_at=store.stamp()["updated_at"], opgelost_door=store.user, oplossing=keuze,
                         uitkomst=naar_json(gehouden))
        audit.schrijf(conn, store, AuditActie.WIJZIGEN, c.tabel, c.record_id, "",
                      f"conflict opgelost ({c.veld}): {keuze_tekst(keuze)}")


def keuze_tekst(keuze: str) -> str:
    return {"server": "waarde van de teamserver behouden", "laptop": "waarde van de laptop overgenomen",
            "samengevoegd": "samengevoegde tekst"}[keuze]
