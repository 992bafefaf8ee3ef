"""Engine setup from a SQLAlchemy URL: the same code runs on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from jet_desktop.paths import sqlite_url  # noqa: F401  (re-exported)
from jet_desktop.storage import kleine_letters


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys, a busy timeout and a larger page cache.

    `sqlite+pysqlcipher://:<wachtwoordzin>@/<path>` opens an encrypted file (driver `sqlcipher3`;
    SQLCipher 4 defaults: AES-256, PBKDF2-HMAC-SHA512 with 256,000 iterations at every new
    connection; see storage/versleuteling.py). Pooled connections are kept, so the key is derived once per thread.

    A SQLite engine holds the presence lock of its file while it has connections (storage/slot.py):
    a restore, re-key or encryption elsewhere refuses meanwhile, and waits for it to be disposed."""
    if url.startswith("sqlite"):
        cipher = url.startswith("sqlite+pysqlcipher")
        # hide_parameters: a database error's text never carries the row's values (names, BSN)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, hide_parameters=True,
                               **({"poolclass": QueuePool} if cipher else {}))

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            if cipher:  # a wrong key is reported as an exception; SQLCipher need not also log it to stderr
                cur.execute("PRAGMA cipher_log_level=NONE")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            try:  # a laptop store (docs/sync.md): a power cut after "opgeslagen" may not undo a save
                if cur.execute("SELECT 1 FROM sync_laptop WHERE id = 1").fetchone() is not None:
                    cur.execute("PRAGMA synchronous=FULL")
            except Exception:  # noqa: BLE001  (no such table yet: a store before migration 0011)
                pass
            # 64 MB page cache per connection (default 2 MB): random UUID keys spread index lookups
            # over the file, and the wachtlijst filter re-reads the same pages at every keystroke
            cur.execute("PRAGMA cache_size=-65536")
            cur.close()
            kleine_letters.registreer(dbapi_conn)  # lower() beyond A–Z, for searches (storage/kleine_letters.py)

        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            from jet_desktop.storage.slot import bewaak

            bewaak(engine, database)  # the presence lock: a store is not replaced under an open engine
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)
