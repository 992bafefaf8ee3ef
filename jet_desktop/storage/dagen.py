"""A date difference in days in SQL that works on SQLite and PostgreSQL (queries of the reports)."""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class dagen_tussen(FunctionElement):
    """dagen_tussen(eind, start): eind − start in days (julianday on SQLite, date − date elsewhere)."""

    type = Integer()
    name = "dagen_tussen"
    inherit_cache = True


@compiles(dagen_tussen)
def _dagen_tussen_default(element, compiler, **kw):
    eind, start = list(element.clauses)
    return f"({compiler.process(eind, **kw)} - {compiler.process(start, **kw)})"


@compiles(dagen_tussen, "sqlite")
def _dagen_tussen_sqlite(element, compiler, **kw):
    eind, start = list(element.clauses)
    return f"(julianday({compiler.process(eind, **kw)}) - julianday({compiler.process(start, **kw)}))"
