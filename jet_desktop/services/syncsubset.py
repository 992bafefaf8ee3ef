"""The part of the team server a laptop holds (docs/sync.md): the medewerker's own dossiers and those where
they are second person, with everything hanging off them, the aanmeldingen this laptop registered while they
wait, the conflicts of their edits, and the team's lists (medewerkers without any password field, settings,
code lists). Read at one point of the server (`lees`, in a REPEATABLE READ transaction the caller opens), and
written into the laptop store in one transaction with the capture switched off (`schrijf`).

Nothing is read here that the medewerker's own login may not read: the server's row-level security is the
second lock on every query.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from jet_desktop.storage.models import SyncLaptop, SyncOutbox, SyncToegepast
from jet_desktop.storage.synctriggers import ALLEEN_LEZEN, SYNC_TABELLEN
from jet_desktop.storage.teamserver import ALLEEN_TOEVOEGEN

T = SQLModel.metadata.tables
L, O, ST = SyncLaptop.__table__, SyncOutbox.__table__, SyncToegepast.__table__
# of the team's lists: the afwezigheden are not the laptop's business
LIJSTEN = tuple(t for t in ALLEEN_LEZEN if t != "afwezigheid")


@dataclass
class Subset:
    rijen: dict[str, list[dict]] = field(default_factory=dict)

    def ids(self, tabel: str) -> set[uuid.UUID]:
        return {r["id"] for r in self.rijen.get(tabel, [])}

    def aantal(self, tabel: str) -> int:
        return len(self.rijen.get(tabel, []))


def _alle(conn: Connection, tabel: str, *waar) -> list[dict]:
    t = T[tabel]
    return [dict(r._mapping) for r in conn.execute(select(t).where(*waar))]


def lees(conn: Connection, medewerker_id: uuid.UUID, apparaat_id: uuid.UUID) -> Subset:
    """The laptop's part of the server, as the medewerker's login sees it, in the caller's transaction."""
    s = Subset()
    d = T["dossier"]
    s.rijen["dossier"] = _alle(conn, "dossier", or_(d.c.consulent_id == medewerker_id,
                                                     d.c.tweede_consulent_id == medewerker_id))
    dossiers = s.ids("dossier")
    a = T["aanmelding"]
    # the aanmeldingen this laptop registered, by id first: an OR of the dossiers' ids with a sub-select
    # would scan every aanmelding through its policy (0.5 s of the 0.8 s of reading at 100,000 jeugdigen)
    eigen_nieuw = conn.execute(select(ST.c.record_id).where(
        ST.c.apparaat_id == apparaat_id, ST.c.tabel == "aanmelding", ST.c.resultaat == "toegepast")).scalars()
    s.rijen["aanmelding"] = _alle(conn, "aanmelding", a.c.id.in_(
        {r["aanmelding_id"] for r in s.rijen["dossier"]} | set(eigen_nieuw)))
    aanmeldingen = s.ids("aanmelding")
    s.rijen["jeugdige"] = _alle(conn, "jeugdige", T["jeugdige"].c.id.in_(
        {r["jeugdige_id"] for r in s.rijen["aanmelding"]}))
    gezinnen = {r["gezin_id"] for r in s.rijen["jeugdige"]}
    s.rijen["gezin"] = _alle(conn, "gezin", T["gezin"].c.id.in_(gezinnen))
    s.rijen["gezinslid"] = _alle(conn, "gezinslid", T["gezinslid"].c.gezin_id.in_(gezinnen))
    s.rijen["triagebesluit"] = _alle(conn, "triagebesluit", T["triagebesluit"].c.aanmelding_id.in_(aanmeldingen))
    for tabel in ("consulentwijziging", "klikgesprek", "contactmoment", "ondersteuningsplan", "toewijzing"):
        s.rijen[tabel] = _alle(conn, tabel, T[tabel].c.dossier_id.in_(dossiers))
    rw = T["recordwijziging"]
    records = aanmeldingen | s.ids("jeugdige") | gezinnen | s.ids("gezinslid")
    s.rijen["recordwijziging"] = _alle(conn, "recordwijziging", or_(rw.c.dossier_id.in_(dossiers),
                                                                     rw.c.record_id.in_(records)))
    c = T["sync_conflict"]
    s.rijen["sync_conflict"] = _alle(conn, "sync_conflict", or_(c.c.medewerker_id == medewerker_id,
                                                                 c.c.dossier_id.in_(dossiers)))
    for tabel in LIJSTEN:
        s.rijen[tabel] = _alle(conn, tabel)
    for r in s.rijen["medewerker"]:
        r["wachtwoord_hash"] = ""  # the server's logins need none; a laptop never holds one
    return s


def wachtende_records(conn: Connection) -> set[str]:
    """The records (hex ids) with a change on the laptop the server has not acknowledged."""
    return set(conn.execute(select(O.c.record_id).distinct()).scalars())


def _kolommen(tabel: str) -> list[str]:
    return ["id", *(c.name for c in T[tabel].c if c.name != "id")]


def _opslag(conn: Connection, tabel: str, kolommen: list[str]) -> list:
    """Per column, how SQLAlchemy turns a value into what SQLite stores (None: as it is)."""
    return [T[tabel].c[k].type._cached_bind_processor(conn.dialect) for k in kolommen]


def _zoals_opgeslagen(rij: dict, kolommen: list[str], opslag: list) -> tuple:
    return tuple(v if f is None or v is None else f(v)
                 for v, f in zip((rij[k] for k in kolommen), opslag, strict=True))


def schrijf(conn: Connection, subset: Subset, behoud: set[str]) -> None:
    """Make the laptop's copy the server's, in the caller's transaction, leaving alone the records in
    `behoud` (changes not yet acknowledged: they are sent first, at the next sync). A synced record the
    server no longer gives (a dossier reassigned to a colleague) leaves the laptop, and so does a list's
    row the server no longer has.

    Only what differs is written: each server row is turned into what SQLite would store for it and compared
    with the laptop's stored row, every column (not the version alone: the laptop numbers its own edit
    base + 1, which a colleague's edit may have given the server's row too, with other values, and a
    destruction blanks a recordwijziging's toelichting without a version). New and changed rows go in with
    one executemany per table."""
    conn.execute(update(L).where(L.c.id == 1).values(vastleggen=False))  # the capture is off for this transaction
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # checked at the commit: rows come in any order
    tabellen = (*LIJSTEN, *SYNC_TABELLEN)
    schrijven: dict[str, list[tuple]] = {}
    vervangen: dict[str, list[str]] = {}  # rows only ever added (ALLEEN_TOEVOEGEN) that differ: out, then in
    weg: dict[str, list[str]] = {}
    kolommen_van = {tabel: _kolommen(tabel) for tabel in tabellen}
    for tabel in tabellen:
        kolommen = kolommen_van[tabel]
        opslag = _opslag(conn, tabel, kolommen)
        hier = {r[0]: tuple(r) for r in conn.exec_driver_sql(f"SELECT {', '.join(kolommen)} FROM {tabel}")}
        gesynct = tabel in SYNC_TABELLEN  # the lists cannot be written on the laptop: nothing of theirs waits
        daar: set[str] = set()
        schrijven[tabel], vervangen[tabel] = [], []
        for r in subset.rijen.get(tabel, []):
            rij = _zoals_opgeslagen(r, kolommen, opslag)
            daar.add(rij[0])
            if gesynct and rij[0] in behoud or hier.get(rij[0]) == rij:
                continue
            schrijven[tabel].append(rij)
            if rij[0] in hier and tabel in ALLEEN_TOEVOEGEN:
                vervangen[tabel].append(rij[0])
        weg[tabel] = [i for i in hier if i not in daar and not (gesynct and i in behoud)]
    for tabel in (*reversed(SYNC_TABELLEN), *LIJSTEN):
        for ids in (weg[tabel], vervangen[tabel]):
            for deel in range(0, len(ids), 500):
                stuk = ids[deel:deel + 500]
                conn.exec_driver_sql(f"DELETE FROM {tabel} WHERE id IN ({', '.join('?' * len(stuk))})", tuple(stuk))
    for tabel in tabellen:
        if not schrijven[tabel]:
            continue
        kolommen = kolommen_van[tabel]
        sql = f"INSERT INTO {tabel} ({', '.join(kolommen)}) VALUES ({', '.join('?' * len(kolommen))})"
        if tabel not in ALLEEN_TOEVOEGEN:  # a versioned row is updated in place (its triggers see an UPDATE)
            sql += " ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{k} = excluded.{k}" for k in kolommen[1:])
        conn.exec_driver_sql(sql, schrijven[tabel])
    conn.execute(update(L).where(L.c.id == 1).values(vastleggen=True))
