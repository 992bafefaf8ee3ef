"""`kleine_letters(x)`: lower() that folds every letter, on SQLite too.

SQLite's own lower() and LIKE fold only A–Z, so "émile" did not find "Émile" and "ĳzerman" not
"Ĳzerman". Every SQLite connection gets `jet_lower` (Python's str.lower, registered in
storage/engine.py); on PostgreSQL this is its own lower(), which folds by the database's locale (a
cluster made with `--locale=C` folds only A–Z: make a team server's with a UTF-8 locale).

A Python call per value is slow next to SQLite's C: the services use it only for a search word that
holds a letter beyond ASCII, and SQLite's own case-insensitive LIKE for the rest.
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

SQLITE_FUNCTIE = "jet_lower"


class kleine_letters(GenericFunction):  # noqa: N801 - used as a SQL function, like func.lower
    type = String()
    inherit_cache = True


@compiles(kleine_letters)
def _overal(element, compiler, **kw):
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(kleine_letters, "sqlite")
def _sqlite(element, compiler, **kw):
    return f"{SQLITE_FUNCTIE}({compiler.process(element.clauses, **kw)})"


def jet_lower(waarde):
    return waarde.lower() if isinstance(waarde, str) else waarde


def registreer(dbapi_conn) -> None:
    """On a new SQLite connection (storage/engine.py)."""
    dbapi_conn.create_function(SQLITE_FUNCTIE, 1, jet_lower, deterministic=True)


def lijkt_op(kolom, patroon: str, ascii_ilike: bool = True):
    """`kolom` LIKE `patroon` (escaped with a backslash) regardless of case: a pattern with a letter
    beyond ASCII through `kleine_letters` on both sides, else ILIKE (`ascii_ilike`) or plain LIKE (which
    SQLite already folds for A–Z)."""
    if not patroon.isascii():
        return kleine_letters(kolom).like(patroon.lower(), escape="\\")
    return (kolom.ilike if ascii_ilike else kolom.like)(patroon, escape="\\")
