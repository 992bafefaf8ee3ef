"""Is this database a JET store? Checked before anything opens it through the engine.

A database with tables but without JET's `alembic_version` (another program's SQLite file, another
application's PostgreSQL database) is never migrated or filled: `vreemde_tabellen` tells. A SQLite
file is looked at read-only through a raw connection first, because the engine's connection sets
WAL mode, which rewrites the file's header: refusing must leave the file byte for byte as it was.
"""

from __future__ import annotations

from pathlib import Path


def vreemd_bestand(pad: Path, wachtwoordzin: str | None = None) -> bool:
    """As vreemde_tabellen for a SQLite file (without SQLAlchemy: the GUI checks before it loads it)."""
    if not pad.is_file() or pad.stat().st_size == 0:
        return False
    from jet_desktop.storage.bestand import is_versleuteld, open_bestand

    if wachtwoordzin is None and is_versleuteld(pad) is False:  # plain: a damaged file says "malformed"
        import sqlite3
        from urllib.parse import quote

        conn = sqlite3.connect(f"file:{quote(str(pad.absolute()), safe='/')}?mode=ro", uri=True)
    else:
        from jet_desktop.storage.bestand import WachtwoordzinFout

        try:
            conn = open_bestand(pad, wachtwoordzin, alleen_lezen=True)
        except WachtwoordzinFout:  # cannot tell: Store.open says why it does not open, in its own words
            return False
    try:
        tabellen = {naam for (naam,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    finally:
        conn.close()
    return bool(tabellen) and "alembic_version" not in tabellen


def vreemde_tabellen(url: str) -> bool:
    """True when the database of `url` holds tables but no JET schema version (False when it cannot
    tell: an encrypted file that does not open with the URL's wachtwoordzin, left to Store.open)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.drivername.startswith("sqlite"):
        return bool(u.database) and vreemd_bestand(Path(u.database), u.password)
    else:
        from sqlalchemy import create_engine, inspect

        engine = create_engine(u, pool_pre_ping=True, hide_parameters=True)
        try:
            with engine.connect() as conn:
                tabellen = set(inspect(conn).get_table_names())
        finally:
            engine.dispose()
    return bool(tabellen) and "alembic_version" not in tabellen
