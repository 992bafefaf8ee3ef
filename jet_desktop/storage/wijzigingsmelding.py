"""Telling an open window that a colleague changed something its lists show (docs/samenwerken.md).

Two mechanisms, one interface (`luisteraar(engine, melding)`: a thread of its own that calls
`melding(tabellen)` with a frozenset of table names, never on the GUI thread):

- **PostgreSQL (the team server): LISTEN/NOTIFY.** Statement-level AFTER INSERT/UPDATE/DELETE
  triggers on the tables the wachtlijst, the triage queue and the caseload show call
  `pg_notify('jet_wijziging', <table name>)`. The payload is ONLY the table name: on the team server
  every login may LISTEN on any channel, so an id or a name in it would pass row-level security by.
  A notification is delivered at COMMIT (not at all after a rollback), equal ones of one transaction
  once. `installeer(conn)` puts function and triggers in place, idempotently (the team server's
  `jet-desktop teamserver init` calls it as the schema owner); the listener only LISTENs, with the
  credentials of the store's own engine (the signed-in medewerker's login).
- **SQLite (a second window or process on the same file): a cheap poll.** `PRAGMA data_version` on one
  dedicated connection, every `INTERVAL` seconds: it changes when any other connection committed.
  Every view of a list also commits (its audit line), so a change of the number alone would make two
  windows refresh each other for ever; only when it changed does the poll look at the audit lines
  added since (by volgnummer, off its unique index) and report a change when one of them records one
  (aanmaken, wijzigen, vernietigen, beheer), not a look.

Lost connections are retried with a backoff (1 s doubling to 30 s), and after a reconnect every table
counts as changed (what happened meanwhile was not heard). Nothing here logs a payload or a value.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from sqlalchemy.engine import Connection, Engine

_log = logging.getLogger(__name__)

KANAAL = "jet_wijziging"
FUNCTIE = "jet_meld_wijziging"
TRIGGER = "jet_meld_wijziging"
# what the wachtlijst (aanmelding, triagebesluit, jeugdige, the beoogd consulent's name), the triage queue
# (aanmelding, triagebesluit, jeugdige) and the caseload (dossier, consulentwijziging, medewerker,
# afwezigheid, jeugdige) show; ui pages name theirs in TABELLEN
TABELLEN: tuple[str, ...] = ("aanmelding", "triagebesluit", "dossier", "consulentwijziging", "jeugdige",
                             "medewerker", "afwezigheid")
ALLE = frozenset(TABELLEN)

INTERVAL = 2.0  # seconds between two polls of PRAGMA data_version (SQLite)
WACHT_LUISTEREN = 0.5  # seconds one wait for notifications lasts (PostgreSQL): the longest a stop waits
BACKOFF_EERST, BACKOFF_MAX = 1.0, 30.0
# audit actions that record a change (domain.enums.AuditActie); openen/export/afdrukken/aanmelden/geweigerd do not
WIJZIGENDE_ACTIES = ("aanmaken", "wijzigen", "vernietigen", "beheer")


def installatie_sql() -> list[str]:
    """The statements `installeer` runs, in order; each may run again (CREATE OR REPLACE, DROP IF EXISTS)."""
    stmts = [
        f"""CREATE OR REPLACE FUNCTION {FUNCTIE}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    -- only the table's name: every login may LISTEN, so no id or value ever goes in the payload
    PERFORM pg_catalog.pg_notify('{KANAAL}', TG_TABLE_NAME);
    RETURN NULL;
END
$$""",
    ]
    for tabel in TABELLEN:
        stmts.append(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {tabel}")
        stmts.append(f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {tabel} "
                     f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTIE}()")
    return stmts


def installeer(conn: Connection) -> None:
    """Install (or renew) the notify function and its triggers, in the caller's transaction; PostgreSQL
    only, as the owner of the tables. Safe to run again and again: the result is the same."""
    if conn.dialect.name != "postgresql":
        raise ValueError("wijzigingsmeldingen via LISTEN/NOTIFY bestaan alleen op PostgreSQL")
    for stmt in installatie_sql():
        conn.exec_driver_sql(stmt)


def geinstalleerd(conn: Connection) -> frozenset[str]:
    """The tables (of TABELLEN) that carry the trigger now (PostgreSQL)."""
    rows = conn.exec_driver_sql(
        "SELECT c.relname FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname = %(naam)s AND c.relnamespace = "
        "(SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = current_schema())",
        {"naam": TRIGGER}).all()
    return frozenset(r[0] for r in rows) & ALLE


class Luisteraar:
    """A daemon thread that hears changes and calls `melding(frozenset of table names)` from that thread.
    `start()`, `stop()` (returns within about a second); `verbonden` is set while it listens."""

    def __init__(self, engine: Engine, melding: Callable[[frozenset[str]], None]):
        self.engine = engine
        self.melding = melding
        self.verbonden = threading.Event()
        self.herverbindingen = 0  # how often it connected again after losing its connection
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._proxy = None  # the detached pool connection this listener owns

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=f"jet-{type(self).__name__}", daemon=True)
            self._thread.start()

    def stop(self, wacht: float = 5.0) -> None:
        """Stop listening and close the connection (before the engine is disposed: sign-out, closing)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(wacht)
        self._thread = None

    @property
    def actief(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- the thread ---------------------------------------------------------------------------
    def _loop(self) -> None:
        wacht, eerder = BACKOFF_EERST, False
        while not self._stop.is_set():
            try:
                self._verbind()
                if eerder:  # what changed while the connection was gone was not heard
                    self.herverbindingen += 1
                    self._meld(ALLE)
                eerder, wacht = True, BACKOFF_EERST
                self.verbonden.set()
                self._luister()
            except Exception as exc:  # never out of the thread: a lost server is retried
                from jet_desktop import logboek

                if not self._stop.is_set():
                    _log.warning("Wijzigingsmeldingen: verbinding weg (%s); opnieuw over %.0f s",
                                 logboek.beschrijving(exc), wacht)
            finally:
                self.verbonden.clear()
                self._sluit()
            if self._stop.wait(wacht):
                break
            wacht = min(wacht * 2, BACKOFF_MAX)

    def _meld(self, tabellen: frozenset[str]) -> None:
        if tabellen and not self._stop.is_set():
            try:
                self.melding(tabellen)
            except Exception:  # the receiver's failure is its own; the listener goes on
                _log.exception("Wijzigingsmeldingen: doorgeven mislukt")

    def _open(self):
        """A connection of its own, made as the engine makes them (same URL, credentials, settings),
        detached from the pool so that it neither takes a pooled one for good nor returns to it."""
        proxy = self.engine.raw_connection()
        proxy.detach()
        self._proxy = proxy
        return proxy.dbapi_connection

    def _sluit(self) -> None:
        proxy, self._proxy = self._proxy, None
        if proxy is not None:
            try:
                proxy.close()
            except Exception:  # a connection already broken
                pass

    def _verbind(self) -> None:
        raise NotImplementedError

    def _luister(self) -> None:
        raise NotImplementedError


class PostgresLuisteraar(Luisteraar):
    """LISTEN jet_wijziging; the notifications of each half second reported together."""

    backend_pid: int | None = None  # of the listening connection (tests stop it with pg_terminate_backend)

    def _verbind(self) -> None:
        conn = self._open()
        conn.rollback()  # a pre-ping may have left a transaction open
        conn.autocommit = True
        conn.execute(f"LISTEN {KANAAL}")
        self.backend_pid = conn.info.backend_pid
        self._conn = conn

    def _luister(self) -> None:
        while not self._stop.is_set():
            tabellen = set()
            for n in self._conn.notifies(timeout=WACHT_LUISTEREN):
                if n.payload in ALLE:  # anything else on the channel is not ours: not passed on
                    tabellen.add(n.payload)
            self._meld(frozenset(tabellen))


class SqliteLuisteraar(Luisteraar):
    """PRAGMA data_version every INTERVAL seconds; a change reported when the audit lines since record one."""

    interval = INTERVAL

    def _verbind(self) -> None:
        self._conn = self._open()
        self._versie = self._data_version()
        self._volgnummer = self._laatste_regel()

    def _data_version(self) -> int:
        cur = self._conn.cursor()
        try:
            return cur.execute("PRAGMA data_version").fetchone()[0]
        finally:
            cur.close()

    def _laatste_regel(self) -> int:
        cur = self._conn.cursor()
        try:
            return cur.execute("SELECT coalesce(max(volgnummer), 0) FROM auditregel").fetchone()[0]
        finally:
            cur.close()

    def _gewijzigd_sinds(self, volgnummer: int) -> tuple[int, bool]:
        acties = ", ".join("?" * len(WIJZIGENDE_ACTIES))
        cur = self._conn.cursor()
        try:
            laatste, wijziging = cur.execute(
                f"SELECT coalesce(max(volgnummer), ?), max(actie IN ({acties})) FROM auditregel "
                "WHERE volgnummer > ?", (volgnummer, *WIJZIGENDE_ACTIES, volgnummer)).fetchone()
        finally:
            cur.close()
        return laatste, bool(wijziging)

    def kijk(self) -> frozenset[str]:
        """One poll: the tables changed since the one before (ALLE: an audit line does not say exactly
        which), or none."""
        versie = self._data_version()
        if versie == self._versie:
            return frozenset()
        self._versie = versie
        self._volgnummer, wijziging = self._gewijzigd_sinds(self._volgnummer)
        return ALLE if wijziging else frozenset()

    def _luister(self) -> None:
        while not self._stop.wait(self.interval):
            self._meld(self.kijk())


def luisteraar(engine: Engine, melding: Callable[[frozenset[str]], None]) -> Luisteraar:
    """The listener for this engine's database (not started)."""
    if engine.dialect.name == "postgresql":
        return PostgresLuisteraar(engine, melding)
    return SqliteLuisteraar(engine, melding)
