"""Values between the laptop's outbox, the server and a conflict row (docs/sync.md).

The outbox holds what SQLite stored (a UUID as 32 hex digits, a date as text, a boolean as 0/1); `uit_opslag`
turns it into the Python value of the column, as SQLAlchemy reads it. A conflict row keeps values as JSON text
(`naar_json`/`uit_json`), and two values are the same when their JSON is (`gelijk`), whichever store they came
from (a naive SQLite timestamp is UTC).
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timezone
from functools import lru_cache

from sqlalchemy import Column
from sqlalchemy.dialects import sqlite

_SQLITE = sqlite.dialect()


@lru_cache(maxsize=None)
def _lezer(column: Column):
    return column.type.dialect_impl(_SQLITE).result_processor(_SQLITE, None)


def uit_opslag(column: Column, waarde):
    """A value as SQLite stored it (from the outbox's JSON) -> the column's Python value."""
    if waarde is None:
        return None
    lezer = _lezer(column)
    return lezer(waarde) if lezer is not None else waarde


def utc(t: datetime | None) -> datetime | None:
    """A timestamp as UTC: SQLite hands back the stored UTC as naive."""
    return t.replace(tzinfo=timezone.utc) if t is not None and t.tzinfo is None else t


def _jsonbaar(waarde):
    if isinstance(waarde, datetime):
        return utc(waarde).astimezone(timezone.utc).isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, uuid.UUID):
        return str(waarde)
    return waarde


def naar_json(waarde) -> str:
    return json.dumps(_jsonbaar(waarde), ensure_ascii=False)


def gelijk(a, b) -> bool:
    return _jsonbaar(a) == _jsonbaar(b)


def uit_json(column: Column, tekst: str):
    """A conflict row's JSON value -> the column's Python value (to write it back)."""
    waarde = json.loads(tekst) if tekst else None
    if waarde is None:
        return None
    soort = column.type.python_type if hasattr(column.type, "python_type") else str
    if soort is datetime:
        return datetime.fromisoformat(waarde)
    if soort is date:
        return date.fromisoformat(waarde)
    if soort is uuid.UUID:
        return uuid.UUID(waarde)
    return waarde
