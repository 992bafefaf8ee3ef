"""Finding a child: the search box in the toolbar (docs/zoeken.md).

One search text (domain/zoekterm.py says what it means: a name, a dossiernummer, a BSN or a birth
date) finds every aanmelding of a jeugdige the medewerker may see, one row per aanmelding (a child
registered twice shows twice, each with its own dossiernummer and status). Counted and paged in SQL,
like the wachtlijst: a search over any number of children costs one page of Python objects.

Who sees what is decided in the WHERE clause, with the rules the screens use (services/autorisatie.py):

- a teamleider: every aanmelding and dossier of the team;
- a jeugdconsulent: the aanmeldingen at triage (Recht.TRIAGE) and on the wachtlijst (Recht.WACHTLIJST),
  which their screens show anyway, and the dossiers they are vaste consulent or tweede persoon of —
  never a colleague's dossier, open or closed, and never an aanmelding handled at triage (the same as
  services/aanmeldingen.gezin_van);
- the functioneel beheerder (no casework): refused, with a GEWEIGERD line;
- a destroyed dossier (services/bewaring.py) is never found: its names are gone.

The list is not a read of a dossier (the issue says so: opening a result is, through the screen that
opens it). `tel` is the search itself and writes ONE line per search, "zoekopdracht (naam): N
resultaten" — what kind of text, never the text (it may be a name or a BSN), nor the dossiers found;
`zoek` fetches a page of that search and writes none (it does make the line's session check: a
medewerker switched off or given another role since signing in pages no further); `zoek_eerste` is both at once (the count and the
first page in one query, one line). Nothing here logs the text either.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import date
from enum import Enum

from sqlalchemy import and_, case, false, func, literal, or_, select
from sqlalchemy.orm import aliased

from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.zoekterm import Zoekterm, lees
from jet_desktop.services import audit, inzage
from jet_desktop.services.autorisatie import dossier_zichtbaar, mag, weiger
from jet_desktop.services.naming import volledige_naam
from jet_desktop.storage.kleine_letters import lijkt_op
from jet_desktop.storage.models import Aanmelding, Dossier, Jeugdige, Medewerker, Triagebesluit
from jet_desktop.storage.store import Store

A, J, T, D, M = (Aanmelding.__table__, Jeugdige.__table__, Triagebesluit.__table__, Dossier.__table__,
                 Medewerker.__table__)
_PRIM, _BEOOGD = aliased(M, name="prim"), aliased(M, name="beoogd")
_log = logging.getLogger(__name__)

PAGINA = 50


class Status(str, Enum):
    """Where the aanmelding stands; the label is what the list shows."""

    IN_TRIAGE = "in triage"
    WACHTEND = "wachtend"
    OPEN = "open dossier"
    GESLOTEN = "gesloten"
    AFGEHANDELD = "afgehandeld"  # decided at triage without a JET dossier (verwezen, geen hulp)


@dataclass(frozen=True, slots=True)
class Resultaat:
    aanmelding_id: uuid.UUID
    version: int  # the aanmelding's, for the triage screen
    dossiernummer: str
    jeugdige_id: uuid.UUID
    voornaam: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: date | None
    uitgerekende_datum: date | None
    status: Status
    dossier_id: uuid.UUID | None
    consulent: str  # the vaste consulent of a dossier; the beoogd consulent of a waiting aanmelding

    @property
    def naam(self) -> str:
        return volledige_naam(self.voornaam, self.tussenvoegsel, self.achternaam)


_STATUS = case(
    (and_(D.c.id.is_not(None), D.c.afgesloten_op.is_not(None)), Status.GESLOTEN.value),
    (D.c.id.is_not(None), Status.OPEN.value),
    (A.c.huidig_besluit_id.is_(None), Status.IN_TRIAGE.value),
    (A.c.op_wachtlijst.is_(True), Status.WACHTEND.value),
    else_=Status.AFGEHANDELD.value,
)
COLUMNS = (A.c.id, A.c.version, A.c.dossiernummer, J.c.id, J.c.voornaam, J.c.tussenvoegsel, J.c.achternaam,
           J.c.geboortedatum, J.c.uitgerekende_datum, _STATUS, D.c.id,
           func.coalesce(_PRIM.c.naam, _BEOOGD.c.naam, ""))
ORDER = (J.c.achternaam, J.c.voornaam, J.c.geboortedatum, A.c.dossiernummer.desc())


def _from(q):
    return (q.select_from(A).join(J, J.c.id == A.c.jeugdige_id)
            .outerjoin(D, D.c.aanmelding_id == A.c.id)
            .outerjoin(T, T.c.id == A.c.huidig_besluit_id)
            .outerjoin(_PRIM, _PRIM.c.id == D.c.consulent_id)
            .outerjoin(_BEOOGD, _BEOOGD.c.id == T.c.beoogd_consulent_id))


def zichtbaar(store: Store):
    """The WHERE clause of what this medewerker may find (the module docstring has the rules)."""
    basis = and_(A.c.deleted_at.is_(None), D.c.vernietigd_op.is_(None))
    if mag(store, Recht.TEAM_DOSSIERS):
        return basis
    mag_zien = []
    if mag(store, Recht.TRIAGE):
        mag_zien.append(A.c.huidig_besluit_id.is_(None))
    if mag(store, Recht.WACHTLIJST):
        mag_zien.append(A.c.op_wachtlijst.is_(True))
    if mag(store, Recht.EIGEN_DOSSIERS):
        mag_zien.append(and_(D.c.id.is_not(None), dossier_zichtbaar(store)))
    return and_(basis, or_(*mag_zien) if mag_zien else false())


def _escape(tekst: str) -> str:
    return tekst.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _naam():
    """' voornaam tussenvoegsel achternaam' with a hyphen as a space: a word of the name follows a space."""
    return func.replace(literal(" ") + J.c.voornaam + " " + J.c.tussenvoegsel + " " + J.c.achternaam, "-", " ")


def _jeugdigen(*conds):
    """Aanmeldingen of the jeugdigen that match: the jeugdige table is searched once (by an index for a BSN
    or a birth date), before any join."""
    return A.c.jeugdige_id.in_(select(J.c.id).where(*conds))


def _past(store: Store, term: Zoekterm):
    """The WHERE clause of the search text, on the aanmelding."""
    if term.soort == "geboortedatum":
        return _jeugdigen(J.c.geboortedatum == term.geboortedatum)
    if term.soort in ("dossiernummer", "nummer"):
        conds = [A.c.dossiernummer.like(_escape(term.dossiernummer) + "%", escape="\\")]
        if term.bsn:
            conds.append(_jeugdigen(J.c.bsn == term.bsn))
        return or_(*conds)
    if term.soort == "naam":
        # every word begins a word of the name: one LIKE per word over the whole name. SQLite's LIKE is
        # case-insensitive itself (for ASCII letters, as its lower() is); PostgreSQL needs ILIKE; a word with
        # a letter beyond ASCII ("émile") compares lowered by storage/kleine_letters.py on both
        naam, ilike = _naam(), store.engine.dialect.name != "sqlite"
        return _jeugdigen(*(lijkt_op(naam, "% " + _escape(w) + "%", ascii_ilike=ilike) for w in term.woorden))
    return false()


def _vereis_zoeken(store: Store) -> None:
    if not (mag(store, Recht.WACHTLIJST) or mag(store, Recht.EIGEN_DOSSIERS)):
        rol = store.rol.label.lower() if store.rol else "systeem"
        raise weiger(store, f"Geen toegang: als {rol} mag u niet zoeken naar jeugdigen en dossiers.",
                     "zoeken naar jeugdigen en dossiers", "recht", "ZOEKEN")


def _where(store: Store, term: Zoekterm):
    return and_(zichtbaar(store), _past(store, term)) if not term.leeg else false()


def _regel(store: Store, term: Zoekterm, aantal: int, begin: float) -> None:
    """The search's one audit line: the kind of text and the count, never the text nor who was found."""
    soort = term.soort or "ongeldig"
    audit.log(store, AuditActie.OPENEN, "zoekopdracht", None, "",
              f"zoekopdracht ({soort}): {inzage.rijen_tekst(aantal, 'resultaat', 'resultaten')}")
    _log.debug("zoekopdracht (%s): %d resultaten in %.1f ms", soort, aantal, (time.perf_counter() - begin) * 1000)


def tel(store: Store, tekst: str) -> int:
    """The search itself: how many results `tekst` has for this medewerker, and its one audit line
    ("zoekopdracht (naam): N resultaten", never the text). Too short a text is no search: 0, no line."""
    _vereis_zoeken(store)
    term = lees(tekst)
    if term.te_kort:
        return 0
    begin = time.perf_counter()
    with store.engine.connect() as conn:
        aantal = 0 if term.leeg else conn.execute(
            select(func.count()).select_from(A).outerjoin(D, D.c.aanmelding_id == A.c.id)
            .where(_where(store, term))).scalar_one()
    _regel(store, term, aantal, begin)
    return aantal


def _pagina(store: Store, term: Zoekterm, *extra):
    return (_from(select(*COLUMNS, *extra)).where(_where(store, term)).order_by(*ORDER, A.c.id))


def _resultaat(r) -> Resultaat:
    return Resultaat(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], Status(r[9]), r[10], r[11])


def zoek(store: Store, tekst: str, offset: int = 0, limit: int | None = PAGINA) -> list[Resultaat]:
    """A page of the results of `tekst`, in name order (achternaam, voornaam, birth date; the newest
    aanmelding first). No audit line: the search is `tel`'s, and a result's data is read when it is opened."""
    _vereis_zoeken(store)
    term = lees(tekst)
    if term.leeg:
        return []
    with store.engine.connect() as conn:
        # no line of its own, so the session check of the audit log (a medewerker switched off or given
        # another role since signing in reads nothing more) is made here
        audit._vereis_actief(conn, store)
        rijen = conn.execute(_pagina(store, term).offset(offset).limit(limit)).all()
    return [_resultaat(r) for r in rijen]


def zoek_eerste(store: Store, tekst: str, limit: int = PAGINA) -> tuple[int, list[Resultaat]]:
    """`tel` and the first page of `zoek` in one query (the count as a window over the matches: one scan
    instead of two): what the search box shows first. The same one audit line as `tel`."""
    _vereis_zoeken(store)
    term = lees(tekst)
    if term.te_kort:
        return 0, []
    begin = time.perf_counter()
    rijen = []
    if not term.leeg:
        with store.engine.connect() as conn:
            audit._vereis_actief(conn, store)  # before the work (the line below would refuse it too)
            rijen = conn.execute(_pagina(store, term, func.count().over()).limit(limit)).all()
    aantal = rijen[0][-1] if rijen else 0
    _regel(store, term, aantal, begin)
    return aantal, [_resultaat(r) for r in rijen]
