"""The anonymous figures (monitor, matched care, costs) on the team server: counts through functions.

A jeugdconsulent's login sees only their own dossiers and a functioneel beheerder's none (row-level
security, storage/teamserver.py), yet both may see the team's anonymous figures (domain.md). On the team
server every such query therefore runs inside a SECURITY DEFINER function owned by the schema owner,
which returns the query's rows (counts per group, never a row of a dossier) and nothing else.

The functions are not written by hand: each is the report's own SQLAlchemy query (a `Telling`),
built with sentinel values for its arguments, whose bound sentinels become the function's parameters
and whose other constants are inlined. So the server counts exactly what a local store counts, and a
change to a report's query changes its function: the name carries a hash of the SQL, so a workstation
whose queries differ from what `teamserver init` installed gets a Dutch message (TeamserverVersieFout),
not a wrong figure. reports/teamserverfuncties.py installs them (`teamserver init`).

Locally (SQLite, or a shared PostgreSQL login without the team server) `rijen` runs the query itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Callable

from sqlalchemy import literal_column, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.visitors import replacement_traverse

from jet_desktop.storage.store import Store, TeamserverVersieFout

PREFIX = "jet_tel_"
ROLLEN = "jet_consulent, jet_teamleider, jet_beheerder"  # Recht.ANONIEME_CIJFERS: every role
_SENTINEL_JAREN = (1000, 1001)  # the sentinel dates' years: no real constant of a report falls in them


@dataclass(frozen=True)
class Telling:
    """A report query over the whole team that returns only counts (rows of an aggregate).

    `maak(**argumenten)` builds it; `argumenten` name the parameters with their sentinel values, in the
    function's order (dates only: what the reports take)."""

    naam: str
    maak: Callable[..., Any]
    argumenten: tuple[tuple[str, date], ...]

    def query(self, **waarden):
        sub = self.maak(**waarden).subquery("telling")
        return select(*[c.label(f"k{i}") for i, c in enumerate(sub.c)])  # unique names for to_jsonb



def _sql(telling: Telling) -> str:
    """The query's PostgreSQL text with its sentinel arguments as $1, $2, ... and every other value inlined."""
    posities = {waarde: i for i, (_, waarde) in enumerate(telling.argumenten, start=1)}

    def vervang(element):
        if isinstance(element, BindParameter) and type(element.value) is date and element.value in posities:
            return literal_column(f"${posities[element.value]}", type_=element.type)
        return None

    query = replacement_traverse(telling.query(**dict(telling.argumenten)), {}, vervang)
    tekst = str(query.compile(dialect=postgresql.psycopg.dialect(paramstyle="named"),
                              compile_kwargs={"literal_binds": True}))
    for jaar in _SENTINEL_JAREN:  # a date computed from an argument in Python would be inlined: wrong on the server
        if f"'{jaar}-" in tekst:
            raise AssertionError(f"telling {telling.naam}: een datum uit de argumenten is in Python berekend")
    return tekst


@cache
def _typen(telling: Telling) -> list:
    """The column types of the query, to turn its jsonb rows back into Python values."""
    return [c.type for c in telling.maak(**dict(telling.argumenten)).subquery().c]


@cache
def _definitie(telling: Telling) -> tuple[str, str]:
    """(function name with its argument types, CREATE FUNCTION statement)."""
    tekst = _sql(telling)
    naam = f"{PREFIX}{telling.naam}_{hashlib.sha1(tekst.encode()).hexdigest()[:10]}"
    params = ", ".join(f"p_{n} date" for n, _ in telling.argumenten)
    using = ", ".join(f"p_{n}" for n, _ in telling.argumenten)
    handtekening = f"{naam}({', '.join('date' for _ in telling.argumenten)})"
    # EXECUTE ... USING plans with the values known (as the local query is), like the report's own query
    create = (f"CREATE OR REPLACE FUNCTION {naam}({params}) RETURNS SETOF jsonb LANGUAGE plpgsql STABLE "
              f"SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $jet$\n"
              f"BEGIN\n"
              f"  IF jet_ik() IS NULL THEN\n"
              f"    RAISE EXCEPTION 'geen medewerker van JET Desktop' USING ERRCODE = '42501';\n"
              f"  END IF;\n"
              f"  RETURN QUERY EXECUTE $q$ SELECT to_jsonb(t) FROM ({tekst}) AS t $q$"
              + (f" USING {using}" if using else "") + ";\n"
              "END $jet$")
    return handtekening, create


_TELLINGEN: dict[str, Telling] = {}


def telling(naam: str, *argumenten: str, sentinels: tuple[date, ...] | None = None):
    """Register a report's query builder as a Telling (a decorator). `sentinels` default to
    1000-01-01, 1000-01-02, ...; a query whose shape depends on its arguments gives its own."""
    def registreer(maak):
        waarden = sentinels or tuple(date(1000, 1, 1 + i) for i in range(len(argumenten)))
        _TELLINGEN[naam] = Telling(naam, maak, tuple(zip(argumenten, waarden, strict=True)))
        return maak
    return registreer


def tellingen() -> list[Telling]:
    """Every registered Telling (reports/teamserverfuncties.py imports the modules that hold them)."""
    return list(_TELLINGEN.values())


def installeer(conn: Connection, alle: list[Telling]) -> list[str]:
    """Create each Telling's function (as the schema owner, inside `teamserver init`), grant it to the
    three roles, and drop the functions of earlier versions. Returns the names."""
    from jet_desktop.services.teamserver import voer_uit

    namen = []
    for t in alle:
        handtekening, create = _definitie(t)
        voer_uit(conn, create)
        voer_uit(conn, f"REVOKE ALL ON FUNCTION {handtekening} FROM PUBLIC")
        voer_uit(conn, f"GRANT EXECUTE ON FUNCTION {handtekening} TO {ROLLEN}")
        namen.append(handtekening.split("(")[0])
    oud = conn.exec_driver_sql(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        f"WHERE n.nspname = 'public' AND p.proname LIKE '{PREFIX}%%' AND NOT p.proname = ANY(%(namen)s)",
        {"namen": namen}).scalars().all()
    for f in oud:
        voer_uit(conn, f"DROP FUNCTION {f}")
    return namen


NIET_BIJGEWERKT = ("De teamserver telt {wat} nog met een andere versie van JET Desktop: laat IT "
                   "`jet-desktop teamserver init` draaien met deze versie. Er is niets gewijzigd.")


def _terug(typen: list, rij: dict) -> tuple:
    uit = []
    for i, t in enumerate(typen):
        waarde = rij.get(f"k{i}")
        try:
            soort = t.python_type
        except NotImplementedError:
            soort = None
        if waarde is not None and soort is date:
            waarde = date.fromisoformat(waarde)
        uit.append(waarde)
    return tuple(uit)


def rijen(conn: Connection, store: Store, naam: str, wat: str, **waarden: date) -> list[tuple]:
    """The rows of the Telling `naam` for `waarden`: on the team server through its function, else the query."""
    t = _TELLINGEN[naam]
    if not store.teamserver:
        return [tuple(r) for r in conn.execute(t.query(**waarden)).all()]
    functie = _definitie(t)[0].split("(")[0]
    args = ", ".join(f"%({n})s::date" for n, _ in t.argumenten)
    try:
        uit = conn.exec_driver_sql(f"SELECT r::text FROM {functie}({args}) AS r",
                                   {n: waarden[n] for n, _ in t.argumenten}).scalars().all()
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42883":  # undefined_function: init ran with other queries
            raise TeamserverVersieFout(NIET_BIJGEWERKT.format(wat=wat)) from None
        raise
    typen = _typen(t)
    return [_terug(typen, json.loads(r)) for r in uit]
