"""The append-only audit log (NEN 7513): who opened, changed, exported or printed what, when.

`schrijf` appends a line inside the caller's transaction, so a change and its audit line are
saved together or not at all. It starts by updating the chain head (table auditketen), which
serializes appends across processes. Lines never hold names or other personal data: the client
is named by dossiernummer. The hash chain is in domain/auditketen.py.

Reading it back (`regels`/`aantal` for the viewer, `verifieer`, `exporteer_csv`) needs
Recht.AUDITLOG: the functioneel beheerder, or the system itself (headless commands).
"""

from __future__ import annotations

import csv
import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import IO, Callable, Iterator

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from jet_desktop import notatie
from jet_desktop.domain.auditketen import Anker, Breuk, anker_fout, eerste_breuk, regel_hash
from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.domain.rollen import Recht
from jet_desktop.services.autorisatie import GeenToegang, vereis
from jet_desktop.storage.models import Auditketen, Auditregel, Medewerker, utcnow
from jet_desktop.storage.store import Store

R, K, M = Auditregel.__table__, Auditketen.__table__, Medewerker.__table__


def schrijf(conn: Connection, store: Store, actie: AuditActie, objecttype: str, object_id: uuid.UUID | str | None = None,
            client: str = "", omschrijving: str = "") -> int:
    """Append one line in the open transaction `conn`; returns its volgnummer."""
    return _schrijf(conn, store, actie, objecttype, object_id, client, omschrijving)[0]


def _schrijf(conn: Connection, store: Store, actie: AuditActie, objecttype: str, object_id=None, client: str = "",
             omschrijving: str = "", sessie_controle: bool = True) -> tuple[int, str]:
    """Append one line; (volgnummer, hash). The head is first updated without changing it: that takes
    the write lock (SQLite) or the row lock (PostgreSQL), so appends are serialized, and the triggers of
    migration 0006 allow no other change of the head than an advance by one to the line just inserted."""
    if store.teamserver:  # the server appends: its clock, the medewerker of the login, the chain in the server
        try:
            r = conn.execute(text("SELECT volgnummer, hash FROM jet_audit_schrijf(:actie, :objecttype, :object_id, "
                                  ":client, :omschrijving, :namens, :rol, :controle)"),
                             {"actie": actie.value, "objecttype": objecttype,
                              "object_id": "" if object_id is None else str(object_id), "client": client or "",
                              "omschrijving": omschrijving, "namens": store.namens,
                              "rol": store.rol.value if store.rol else "systeem", "controle": sessie_controle}).one()
        except DBAPIError as exc:  # the server's session check (switched off, another role): its Dutch text
            if getattr(exc.orig, "sqlstate", None) == "42501":
                raise GeenToegang(str(exc.orig).splitlines()[0]) from None
            raise
        return r.volgnummer, r.hash
    kop = conn.execute(update(K).where(K.c.id == 1).values(volgnummer=K.c.volgnummer)
                       .returning(K.c.volgnummer, K.c.hash)).one()
    if sessie_controle:
        _vereis_actief(conn, store)
    nummer = kop.volgnummer + 1
    velden = {
        "volgnummer": nummer,
        "tijdstip": utcnow(),
        "medewerker_id": store.user_id,
        "medewerker": store.user,
        "rol": store.rol.value if store.rol else "systeem",
        "namens": store.namens,
        "actie": actie.value,
        "objecttype": objecttype,
        "object_id": "" if object_id is None else str(object_id),
        "client": client or "",
        "omschrijving": omschrijving,
    }
    nieuw = regel_hash(kop.hash, velden)
    conn.execute(R.insert().values(id=uuid.uuid4(), vorige_hash=kop.hash, hash=nieuw, **velden))
    conn.execute(update(K).where(K.c.id == 1).values(volgnummer=nummer, hash=nieuw))
    return nummer, nieuw


def _vereis_actief(conn: Connection, store: Store) -> None:
    """A session whose medewerker was switched off, removed or given another role since signing in
    does nothing more that writes an audit line (every change and every read of personal data):
    the caller's transaction is rolled back. The system (no role: headless commands) passes."""
    if store.user_id is None or store.rol is None:
        return
    r = conn.execute(select(M.c.actief, M.c.rol, M.c.deleted_at).where(M.c.id == store.user_id)).first()
    if r is None:  # not a medewerker of this store (a Store built in code, not by signing in)
        return
    if not r.actief or r.deleted_at is not None or r.rol != store.rol.value:
        raise GeenToegang("Geen toegang: uw account is intussen uitgeschakeld of uw rol is gewijzigd; "
                          "meld u opnieuw aan.")


def log(store: Store, actie: AuditActie, objecttype: str, object_id=None, client: str = "", omschrijving: str = "") -> int:
    """Append one line in its own transaction (reads, exports, prints)."""
    with store.engine.begin() as conn:
        return schrijf(conn, store, actie, objecttype, object_id, client, omschrijving)


def log_weigering(store: Store, objecttype: str, object_id=None, client: str = "", omschrijving: str = "") -> int:
    """The GEWEIGERD line of a refused attempt, in its own transaction: written for a session whose
    account was switched off or changed role too (that attempt is what the log must show)."""
    with store.engine.begin() as conn:
        return _schrijf(conn, store, AuditActie.GEWEIGERD, objecttype, object_id, client, omschrijving,
                        sessie_controle=False)[0]


# ------------------------------------------------------------------------------ reading (functioneel beheerder)

CHUNK = 5_000  # lines per fetch when streaming the whole log (verify, export)


@dataclass(frozen=True)
class Verificatie:
    ok: bool
    aantal: int  # lines checked (up to the chain head read at the start)
    breuk: Breuk | None
    laatste_hash: str  # the chain head's hash: note it outside the system as an anchor
    onbeschermd: tuple[str, ...] = ()  # append-only triggers missing or switched off
    anker: Anker | None = None
    anker_fout: str | None = None  # why the chain no longer holds the anchor (None: it does, or no anchor)
    laatste: int = 0  # the chain head's volgnummer

    @property
    def melding(self) -> str:
        if self.breuk is not None:
            tekst = f"Auditlog GEBROKEN bij regel {self.breuk.volgnummer}: {self.breuk.reden}"
        elif self.anker_fout is not None:
            tekst = f"Auditlog GEBROKEN ten opzichte van het anker {_kort(self.anker)}: {self.anker_fout}"
        elif self.onbeschermd:
            tekst = (f"Auditlog NIET BESCHERMD: de keten klopt ({regels_tekst(self.aantal)}; laatste hash "
                     f"{self.laatste_hash}), maar de triggers die wijzigen weigeren ontbreken of staan uit: "
                     f"{', '.join(self.onbeschermd)}")
        else:
            tekst = f"Auditlog in orde: {regels_tekst(self.aantal)}; laatste hash {self.laatste_hash}"
            if self.anker is not None:
                tekst += f"; anker {_kort(self.anker)} gevonden"
        if self.onbeschermd and (self.breuk is not None or self.anker_fout is not None):
            tekst += f"\nDe triggers die wijzigen weigeren ontbreken of staan uit: {', '.join(self.onbeschermd)}"
        return tekst


def _kort(anker: Anker) -> str:
    h = f"{anker.hash[:16]}…"
    return h if anker.volgnummer is None else f"{anker.volgnummer}:{h}"


@dataclass(frozen=True)
class Regel:
    """One audit line as read back; `tijdstip` in local time."""

    volgnummer: int
    tijdstip: datetime
    medewerker_id: uuid.UUID | None
    medewerker: str
    rol: str
    namens: str
    actie: str
    objecttype: str
    object_id: str
    client: str
    omschrijving: str
    vorige_hash: str
    hash: str

    @property
    def actie_label(self) -> str:
        return _label(AuditActie, self.actie)

    @property
    def rol_label(self) -> str:
        return "Systeem" if self.rol == "systeem" else _label(Rol, self.rol)


def regels_tekst(n: int) -> str:
    """'1 regel', '1.234 regels'."""
    return f"{getal(n)} regel" + ("" if n == 1 else "s")


getal = notatie.getal  # 1234567 -> '1.234.567' (screens and commands call it as audit.getal)


def _label(enum, value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def lokale_tijd(t: datetime) -> datetime:
    """A stored tijdstip (UTC; naive from SQLite) in the local time zone of this computer."""
    return (t if t.tzinfo else t.replace(tzinfo=timezone.utc)).astimezone()


def _utc_grens(d: date) -> datetime:
    """Local midnight at the start of `d`, in UTC (the stored time zone)."""
    return datetime.combine(d, time.min).astimezone().astimezone(timezone.utc)


def _filter(van: date | None = None, tot: date | None = None, medewerker: str | None = None,
            actie: AuditActie | str | None = None, client: str | None = None, tot_en_met: int | None = None,
            voor: int | None = None, vanaf: int | None = None) -> list:
    """WHERE conditions; `van`/`tot` are local dates, both inclusive."""
    conds = []
    if van is not None:
        conds.append(R.c.tijdstip >= _utc_grens(van))
    if tot is not None:
        conds.append(R.c.tijdstip < _utc_grens(tot + timedelta(days=1)))
    if medewerker and medewerker.strip():
        tekst = medewerker.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append(R.c.medewerker.ilike(f"%{tekst}%", escape="\\"))
    if actie:
        conds.append(R.c.actie == (actie.value if isinstance(actie, AuditActie) else actie))
    if client and client.strip():
        conds.append(R.c.client == client.strip())
    # one upper bound, not two: SQLite would walk the index from whichever it picks
    bovengrenzen = [n for n in (tot_en_met, None if voor is None else voor - 1) if n is not None]
    if bovengrenzen:
        conds.append(R.c.volgnummer <= min(bovengrenzen))
    if vanaf is not None:
        conds.append(R.c.volgnummer >= vanaf)
    return conds


_KOLOMMEN = (R.c.volgnummer, R.c.tijdstip, R.c.medewerker_id, R.c.medewerker, R.c.rol, R.c.namens, R.c.actie,
             R.c.objecttype, R.c.object_id, R.c.client, R.c.omschrijving, R.c.vorige_hash, R.c.hash)


def _regel(r) -> Regel:
    return Regel(r.volgnummer, lokale_tijd(r.tijdstip), r.medewerker_id, r.medewerker, r.rol, r.namens, r.actie,
                 r.objecttype, r.object_id, r.client, r.omschrijving, r.vorige_hash, r.hash)


def kop(store: Store) -> tuple[int, str]:
    """The chain head: (last volgnummer written, its hash)."""
    with store.engine.connect() as conn:
        k = conn.execute(select(K.c.volgnummer, K.c.hash).where(K.c.id == 1)).one()
    return k.volgnummer, k.hash


def regels(store: Store, van: date | None = None, tot: date | None = None, medewerker: str | None = None,
           actie: AuditActie | str | None = None, client: str | None = None, *, limit: int | None = 200,
           offset: int = 0, voor: int | None = None, tot_en_met: int | None = None,
           vanaf: int | None = None) -> list[Regel]:
    """Lines matching the filters, newest first (filtered and paged in SQL).

    Paging: `offset`/`limit`, or keyset with `voor` (only lines with a lower volgnummer: the next page
    after a page ending at `voor`). `tot_en_met` pins the list to the lines up to that volgnummer, so
    that lines written meanwhile do not shift the pages of an open viewer; `vanaf`/`tot_en_met` from
    `bereik` also let the database walk the volgnummer index instead of sorting a whole period."""
    vereis(store, Recht.AUDITLOG)
    q = (select(*_KOLOMMEN).where(*_filter(van, tot, medewerker, actie, client, tot_en_met, voor, vanaf))
         .order_by(R.c.volgnummer.desc()).offset(offset).limit(limit))
    with store.engine.connect() as conn:
        return [_regel(r) for r in conn.execute(q)]


def aantal(store: Store, van: date | None = None, tot: date | None = None, medewerker: str | None = None,
           actie: AuditActie | str | None = None, client: str | None = None, *, tot_en_met: int | None = None) -> int:
    vereis(store, Recht.AUDITLOG)
    q = select(func.count()).select_from(R).where(*_filter(van, tot, medewerker, actie, client, tot_en_met))
    with store.engine.connect() as conn:
        return conn.execute(q).scalar_one()


@dataclass(frozen=True)
class Bereik:
    aantal: int
    eerste: int | None  # lowest and highest volgnummer among the matching lines (None: no line)
    laatste: int | None


def bereik(store: Store, van: date | None = None, tot: date | None = None, medewerker: str | None = None,
           actie: AuditActie | str | None = None, client: str | None = None, *,
           tot_en_met: int | None = None) -> Bereik:
    """How many lines match, and their volgnummer range (one query): what a viewer needs to page."""
    vereis(store, Recht.AUDITLOG)
    q = (select(func.count(), func.min(R.c.volgnummer), func.max(R.c.volgnummer))
         .where(*_filter(van, tot, medewerker, actie, client, tot_en_met)))
    with store.engine.connect() as conn:
        return Bereik(*conn.execute(q).one())


def _stroom(conn: Connection, van: date | None, tot: date | None, eerste: int | None, laatste: int) -> Iterator:
    """The lines of a period with volgnummer eerste..laatste (eerste None: from the very start) in
    volgnummer order, CHUNK at a time: never the whole log in memory, no long-open cursor. Each
    chunk has one lower and one upper bound on volgnummer, so the database walks that index
    instead of sorting the period again for every chunk."""
    vanaf = eerste
    while True:
        rows = conn.execute(select(*_KOLOMMEN).where(*_filter(van, tot, tot_en_met=laatste, vanaf=vanaf))
                            .order_by(R.c.volgnummer).limit(CHUNK)).all()
        yield from rows
        if len(rows) < CHUNK:
            return
        vanaf = rows[-1].volgnummer + 1


# the append-only triggers (migrations 0005 and 0006), each with the fingerprint of its definition
# (`_vingerafdruk`): `verifieer` reports any that is missing, switched off, or not the migration's own
# (dropped and created again under its own name with another body, table, event or WHEN clause; on
# PostgreSQL also its function replaced by CREATE OR REPLACE FUNCTION), and any other trigger on the
# two tables. A migration that changes one of these triggers updates its fingerprint here.
TRIGGERS = {
    "sqlite": {
        "auditregel_geen_update": "124bf63049ad542f",
        "auditregel_geen_delete": "b487f0c013f685c5",
        "auditregel_alleen_aan_het_eind": "b088f2d09d8f122e",
        "auditketen_geen_insert": "27b33c0239e3dac1",
        "auditketen_geen_delete": "1c9c283e1dbe383a",
        "auditketen_alleen_vooruit": "2794cb4877eddd79",
    },
    "postgresql": {
        "auditregel_alleen_toevoegen": "d711e993ce9d556d",
        "auditregel_alleen_aan_het_eind": "9b2fe959d074acec",
        "auditketen_alleen_vooruit": "33f3957f195671b6",
        "auditketen_geen_truncate": "12ef255e0af29281",
    },
}


def _vingerafdruk(*delen) -> str:
    """SHA-256 (first 16 hex digits) over the parts of a trigger's definition, whitespace normalised."""
    tekst = "\x1f".join(" ".join(str(d).split()) for d in delen)
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()[:16]


def trigger_definities(conn: Connection) -> dict[str, str]:
    """Name -> fingerprint of every trigger on auditregel and auditketen that is switched on
    (PostgreSQL: tgenabled O or A; a trigger ENABLE REPLICA or DISABLE'd does not count)."""
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                                    "AND tbl_name IN ('auditregel', 'auditketen')").all()
        return {naam: _vingerafdruk(tabel, sql) for naam, tabel, sql in rows}
    rows = conn.exec_driver_sql(
        "SELECT t.tgname, c.relname, t.tgtype, t.tgqual IS NULL, t.tgattr::text, encode(t.tgargs, 'hex'), "
        "p.proname, l.lanname, p.prosrc, p.prosecdef, coalesce(array_to_string(p.proconfig, ' '), '') "
        "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_language l ON l.oid = p.prolang "
        "WHERE NOT t.tgisinternal AND t.tgenabled IN ('O', 'A') "
        "AND t.tgrelid IN ('auditregel'::regclass, 'auditketen'::regclass)").all()
    return {r[0]: _vingerafdruk(*r[1:]) for r in rows}


def ontbrekende_triggers(conn: Connection) -> tuple[str, ...]:
    """Names of the append-only triggers that are missing, disabled (PostgreSQL: ALTER TABLE … DISABLE)
    or not as the migrations made them, then of any other trigger on the two tables ('… (onbekend)') and,
    on PostgreSQL, of any rule on them ('… (regel, onbekend)'): a rule can make the INSERT of a line and
    the UPDATE of the head do nothing, so that changes go through without their line."""
    verwacht = TRIGGERS.get(conn.dialect.name, TRIGGERS["postgresql"])
    aan = trigger_definities(conn)
    uit = [n for n, v in verwacht.items() if aan.get(n) != v]
    uit += [f"{n} (onbekend)" for n in sorted(aan) if n not in verwacht]
    if conn.dialect.name != "sqlite":  # a rule (ON INSERT … DO INSTEAD NOTHING) swallows lines without a trigger
        uit += [f"{n} (regel, onbekend)" for n in conn.exec_driver_sql(
            "SELECT rulename FROM pg_rewrite WHERE rulename <> '_RETURN' "
            "AND ev_class IN ('auditregel'::regclass, 'auditketen'::regclass) ORDER BY rulename").scalars()]
    return tuple(uit)


def verifieer(store: Store, voortgang: Callable[[int, int], None] | None = None,
              anker: Anker | None = None) -> Verificatie:
    """Walk the whole chain in volgnummer order up to the head read at the start (lines appended
    meanwhile are left for the next check) and report the first broken link; also whether the
    append-only triggers are in place, and (with `anker`, noted outside the store earlier) whether
    the chain still holds that line with that hash.

    `voortgang(gecontroleerd, totaal)` is called every CHUNK lines (for a progress bar)."""
    vereis(store, Recht.AUDITLOG)
    with store.engine.connect() as conn:  # one statement, one snapshot: a line and the head commit together
        koppen = conn.execute(
            select(K.c.volgnummer, K.c.hash, select(func.max(R.c.volgnummer)).scalar_subquery(),
                   select(func.count()).select_from(R).scalar_subquery())
            .where(K.c.id == 1)).all()
        onbeschermd = ontbrekende_triggers(conn)
    if len(koppen) != 1:
        breuk = Breuk(1, "de ketenkop (tabel auditketen) ontbreekt: de keten is buiten de applicatie om gewijzigd")
        return Verificatie(False, 0, breuk, "", onbeschermd, anker, None, 0)
    kop_nummer, kop_hash, hoogste, totaal = koppen[0]
    geteld = 0
    hash_op_nummer, nummer_met_hash = None, None

    namen = [c.name for c in _KOLOMMEN]

    def lijnen():
        nonlocal geteld, hash_op_nummer, nummer_met_hash
        with store.engine.connect() as conn:
            for r in _stroom(conn, None, None, None, kop_nummer):
                geteld += 1
                if voortgang and geteld % CHUNK == 0:
                    voortgang(geteld, kop_nummer)
                regel = dict(zip(namen, r))  # a plain dict: quicker to read than a RowMapping
                if anker is not None:
                    if regel["volgnummer"] == anker.volgnummer:
                        hash_op_nummer = regel["hash"]
                    if anker.volgnummer is None and nummer_met_hash is None and regel["hash"] == anker.hash:
                        nummer_met_hash = regel["volgnummer"]
                yield regel

    breuk = eerste_breuk(lijnen(), kop_nummer, kop_hash)
    if breuk is None and hoogste is not None and hoogste > kop_nummer:
        # a line added past the head, outside the application (the triggers allow only head + 1)
        breuk = Breuk(kop_nummer + 1, f"regel {kop_nummer + 1} staat na de ketenkop (die eindigt bij regel "
                                      f"{kop_nummer}): buiten de applicatie om toegevoegd")
    if breuk is None and totaal != kop_nummer:
        breuk = Breuk(kop_nummer, f"het log telt {getal(totaal)} regels, de ketenkop {getal(kop_nummer)}: "
                                  "regels buiten de applicatie om toegevoegd of verwijderd")
    fout = anker_fout(anker, kop_nummer, hash_op_nummer, nummer_met_hash) if anker is not None and breuk is None \
        else None
    ok = breuk is None and fout is None and not onbeschermd
    return Verificatie(ok, geteld, breuk, kop_hash, onbeschermd, anker, fout, kop_nummer)


def anker(store: Store) -> tuple[int, str]:
    """Note the chain head as an anchor: writes a BEHEER line and returns (its volgnummer, its hash),
    the head right after it. Keep the pair outside the store; `verifieer(..., anker=…)` checks it later."""
    vereis(store, Recht.AUDITLOG)
    with store.engine.begin() as conn:
        return _schrijf(conn, store, AuditActie.BEHEER, "auditlog",
                        omschrijving="ketenkop als anker opgevraagd (buiten de gegevensset te bewaren)")


CSV_KOPPEN = ("Volgnummer", "Tijdstip", "Medewerker-id", "Medewerker", "Rol", "Namens", "Actie", "Objecttype",
              "Object-id", "Dossiernummer", "Omschrijving", "Vorige hash", "Hash")


def exporteer_csv(store: Store, doel: str | Path | IO[str], van: date | None = None, tot: date | None = None) -> int:
    """The lines of the period (local dates, inclusive) in volgnummer order as CSV for Dutch Excel
    (UTF-8 with BOM, ';'), every column including the hashes, tijdstip as local ISO time with its
    UTC offset. `doel` is a file path or an open text stream. Writes an EXPORT line afterwards;
    returns the number of lines exported."""
    vereis(store, Recht.AUDITLOG)
    b = bereik(store, van, tot, tot_en_met=kop(store)[0])
    if isinstance(doel, (str, Path)):
        with open(doel, "w", encoding="utf-8-sig", newline="") as f:
            n = _schrijf_csv(store, f, van, tot, b)
    else:
        doel.write("\ufeff")
        n = _schrijf_csv(store, doel, van, tot, b)
        doel.flush()
    periode = (f"{van:%d-%m-%Y}" if van else "begin") + " t/m " + (f"{tot:%d-%m-%Y}" if tot else "heden")
    log(store, AuditActie.EXPORT, "auditlog",
        omschrijving=f"Auditlog geëxporteerd (CSV), periode {periode}: {getal(n)} regels")
    return n


def _schrijf_csv(store: Store, f: IO[str], van: date | None, tot: date | None, b: Bereik) -> int:
    from jet_desktop.domain.celtekst import csv_rij

    w = csv.writer(f, delimiter=";", lineterminator="\r\n")
    w.writerow(CSV_KOPPEN)
    n = 0
    if not b.aantal:
        return 0
    with store.engine.connect() as conn:
        for nr, tijdstip, medewerker_id, *midden, vorige_hash, hash_ in _stroom(conn, van, tot, b.eerste, b.laatste):
            w.writerow(csv_rij((nr, lokale_tijd(tijdstip).isoformat(), medewerker_id or "", *midden, vorige_hash,
                                hash_)))  # text never read as a formula: domain/celtekst.py
            n += 1
    return n


def log_in_bestand(db, wachtwoordzin: str | None, wie: Store, omschrijving: str) -> None:
    """A BEHEER line in the SQLite store file `db`, written as `wie` (whose own engine may be closed):
    after a restore, a new wachtwoordzin or an encryption replaced the file."""
    from dataclasses import replace

    from jet_desktop.paths import sqlite_url

    nieuw = Store.open(sqlite_url(db, wachtwoordzin))
    try:  # the medewerker may not exist, or have another role, in a restored older copy: no session check
        with nieuw.engine.begin() as conn:
            _schrijf(conn, replace(wie, engine=nieuw.engine), AuditActie.BEHEER, "gegevensset",
                     omschrijving=omschrijving, sessie_controle=False)
    finally:
        nieuw.engine.dispose()


def terugzet_omschrijving(bron, bewaard, wachtwoordzin: str | None = None) -> str:
    """The audit line after a restore: the restored log ends where the backup's did, so name the copy
    of the replaced store and how far its log went (its lines are in that copy, not lost)."""
    from pathlib import Path

    from jet_desktop.storage.bestand import DatabaseError, WachtwoordzinFout, open_bestand

    tekst = f"reservekopie {Path(bron).name} teruggezet"
    if bewaard is None:
        return tekst
    try:
        conn = open_bestand(bewaard, wachtwoordzin, alleen_lezen=True)
        try:
            n, h = conn.execute("SELECT volgnummer, hash FROM auditketen WHERE id = 1").fetchone()
        finally:
            conn.close()
        return f"{tekst}; de vervangen gegevensset staat in {Path(bewaard).name}, zijn auditlog liep tot regel {n} " \
               f"(hash {h[:16]}…)"
    except (WachtwoordzinFout, DatabaseError, TypeError):
        return f"{tekst}; de vervangen gegevensset staat in {Path(bewaard).name}"
