"""Monitor toegang over N imported trajects plus the M-jeugdigen demo store, on SQLite and PostgreSQL.

    JET_BENCH_CACHE=/tmp/jet-bench .venv/bin/python benchmarks/bench_monitor.py \
        [--jeugdigen 100000] [--trajecten 1000000] [--postgres] [--voor-de-index]

Times, for one year (median of --repeat, interleaved, on the same file / database):
- `reports.monitor.bereken(store, van, tot)`;
- the plan's SQL text: the very query bereken() generates (compiled by SQLAlchemy for the
  dialect), run as a string: bereken ÷ plan measures only SQLAlchemy and building the result;
- an INDEPENDENT baseline (INDEPENDENT_SQL): the straightforward query a database person would
  write from domain.md's definitions (JET's trajects from aanmelding LEFT JOIN triagebesluit,
  dossier, the contactmomenten counted per dossier in one GROUP BY; every figure with its own
  condition over the trajects overlapping the period; no index-shaped branches);
- the 0.7.0 plan (PLAN_070_SQL: the JET part reading every aanmelding up to `tot`), on today's
  schema, for the before/after in the same run;
- the COUNT(DISTINCT) plan (count_distinct_query): bereken()'s query before the two-level
  aggregate (issue 11), the before/after of that change;
and asserts that all five give the same numbers. Then the chart series (wachtlijst per week,
doorverwijzingen per vorm, median of 3). With --postgres the same on a throwaway PostgreSQL
cluster (tests/pg.py) into which the prepared SQLite store is copied (COPY). With
--voor-de-index (SQLite) once each: the 0.7.0 plan with the obvious `einddatum IS NULL OR
einddatum >= van` filter instead of its two index ranges, and the same with the imported
trajects read NOT INDEXED, i.e. as before migration 0004's covering index.

The demo store is copied from the cache (benchmarks/bench_store.py, never modified); the
trajects come from jet_desktop/demo/toegang.py (seeded), inserted with executemany. The
prepared file is cached as $JET_BENCH_CACHE (default /tmp/jet-bench)/monitor-<jeugdigen>-<trajecten>.db;
indexes the models declare and a cached file lacks are created on it (and ANALYZEd) first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import time
import uuid
from datetime import date, datetime
from pathlib import Path

from bench_store import CACHE, ROOT, demo_store

HANDOVERS = "('voorliggend_veld', 'veiligheid', 'ander_domein', 'geen_hulp')"

# Straight from domain.md "Monitor toegang" (and docs/monitor.md for JET's own trajects). {dagen}
# is the dialect's day difference, {tekst} its text type.
INDEPENDENT_SQL = f"""
WITH gesprekken AS (
  SELECT dossier_id, COUNT(*) AS n FROM contactmoment WHERE deleted_at IS NULL GROUP BY dossier_id
), toegewezen AS (
  SELECT DISTINCT dossier_id FROM toewijzing WHERE deleted_at IS NULL
), jet AS (
  SELECT 'jeugdexpertteam' AS toegangsvorm, CAST(a.jeugdige_id AS {{tekst}}) AS client_id,
    a.aanmelddatum AS startdatum,
    CASE WHEN d.id IS NOT NULL THEN d.afgesloten_op
         WHEN t.uitkomst IN {HANDOVERS} THEN t.besloten_op END AS einddatum,
    COALESCE(g.n, 0) AS gesprekken,
    CASE WHEN d.id IS NOT NULL AND d.afgesloten_op IS NULL THEN NULL
         WHEN d.id IS NULL AND (t.uitkomst IS NULL OR t.uitkomst NOT IN {HANDOVERS}) THEN NULL
         WHEN w.dossier_id IS NOT NULL THEN 'specialistische_jeugdhulp'
         WHEN t.uitkomst = 'voorliggend_veld' THEN 'voorliggend_veld'
         WHEN t.uitkomst = 'veiligheid' THEN 'specialistische_jeugdhulp'
         WHEN t.uitkomst IN ('ander_domein', 'geen_hulp') THEN 'gestopt'
         WHEN d.afsluitreden = 'voorliggend_veld' THEN 'voorliggend_veld'
         WHEN d.afsluitreden = 'overgedragen' THEN 'specialistische_jeugdhulp'
         WHEN d.afsluitreden IN ('gestopt', 'verhuisd') THEN 'gestopt'
         ELSE 'zelf_geholpen' END AS uitkomst
  FROM aanmelding a
  LEFT JOIN triagebesluit t ON t.id = a.huidig_besluit_id
  LEFT JOIN dossier d ON d.aanmelding_id = a.id
  LEFT JOIN gesprekken g ON g.dossier_id = d.id
  LEFT JOIN toegewezen w ON w.dossier_id = d.id
  WHERE a.deleted_at IS NULL
), traject AS (
  SELECT toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst FROM toegangtraject
  UNION ALL
  SELECT toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst FROM jet
)
SELECT toegangsvorm,
  COUNT(CASE WHEN einddatum BETWEEN :van AND :tot THEN 1 END) AS afgesloten_trajecten,
  COUNT(DISTINCT client_id) AS jeugdigen_gezien,
  COUNT(DISTINCT CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'zelf_geholpen' THEN client_id END)
    AS zelf_geholpen,
  COUNT(DISTINCT CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'voorliggend_veld' THEN client_id END)
    AS voorliggend_veld,
  COUNT(DISTINCT CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'specialistische_jeugdhulp'
    THEN client_id END) AS specialistische_jeugdhulp,
  COUNT(DISTINCT CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'via_jeugdexpertteam' THEN client_id END)
    AS via_jeugdexpertteam,
  COUNT(DISTINCT CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'gestopt' THEN client_id END) AS gestopt,
  COUNT(DISTINCT CASE WHEN einddatum IS NULL OR einddatum > :tot THEN client_id END) AS lopend,
  COALESCE(SUM(CASE WHEN einddatum BETWEEN :van AND :tot THEN gesprekken END), 0) AS gesprekken,
  COUNT(CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'zelf_geholpen' THEN 1 END)
    AS trajecten_zelf_geholpen,
  COUNT(CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'voorliggend_veld' THEN 1 END)
    AS trajecten_voorliggend_veld,
  COUNT(CASE WHEN einddatum BETWEEN :van AND :tot
    AND uitkomst IN ('specialistische_jeugdhulp', 'via_jeugdexpertteam') THEN 1 END) AS trajecten_doorverwezen,
  COUNT(CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'zelf_geholpen' AND gesprekken <= 2 THEN 1 END)
    AS eigen_binnen_2_gesprekken,
  COUNT(CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'zelf_geholpen' AND gesprekken <= 5 THEN 1 END)
    AS eigen_binnen_5_gesprekken,
  COUNT(CASE WHEN einddatum BETWEEN :van AND :tot AND uitkomst = 'zelf_geholpen' AND {{dagen}} <= 70 THEN 1 END)
    AS eigen_binnen_10_weken
FROM traject
WHERE startdatum <= :tot AND (einddatum IS NULL OR einddatum >= :van)  -- the trajects overlapping the period
GROUP BY toegangsvorm
"""
DIALECT = {"sqlite": {"tekst": "TEXT", "dagen": "julianday(einddatum) - julianday(startdatum)"},
           "postgresql": {"tekst": "VARCHAR", "dagen": "(einddatum - startdatum)"}}

PLAN_070_SQL = """
SELECT toegangsvorm,
  COUNT(CASE WHEN einddatum <= :tot THEN 1 END) AS afgesloten_trajecten,
  COUNT(DISTINCT client_id) AS jeugdigen_gezien,
  COUNT(DISTINCT CASE WHEN einddatum <= :tot AND uitkomst = 'zelf_geholpen' THEN client_id END) AS zelf_geholpen,
  COUNT(DISTINCT CASE WHEN einddatum <= :tot AND uitkomst = 'voorliggend_veld' THEN client_id END)
    AS voorliggend_veld,
  COUNT(DISTINCT CASE WHEN einddatum <= :tot AND uitkomst = 'specialistische_jeugdhulp' THEN client_id END)
    AS specialistische_jeugdhulp,
  COUNT(DISTINCT CASE WHEN einddatum <= :tot AND uitkomst = 'via_jeugdexpertteam' THEN client_id END)
    AS via_jeugdexpertteam,
  COUNT(DISTINCT CASE WHEN einddatum <= :tot AND uitkomst = 'gestopt' THEN client_id END) AS gestopt,
  COUNT(DISTINCT CASE WHEN einddatum IS NULL OR einddatum > :tot THEN client_id END) AS lopend,
  COALESCE(SUM(CASE WHEN einddatum <= :tot THEN gesprekken ELSE 0 END), 0) AS gesprekken,
  COUNT(CASE WHEN einddatum <= :tot AND uitkomst = 'zelf_geholpen' THEN 1 END) AS trajecten_zelf_geholpen,
  COUNT(CASE WHEN einddatum <= :tot AND uitkomst = 'voorliggend_veld' THEN 1 END) AS trajecten_voorliggend_veld,
  COUNT(CASE WHEN einddatum <= :tot AND uitkomst IN ('specialistische_jeugdhulp', 'via_jeugdexpertteam')
    THEN 1 END) AS trajecten_doorverwezen,
  COUNT(CASE WHEN einddatum <= :tot AND uitkomst = 'zelf_geholpen' AND gesprekken <= 2 THEN 1 END)
    AS eigen_binnen_2_gesprekken,
  COUNT(CASE WHEN einddatum <= :tot AND uitkomst = 'zelf_geholpen' AND gesprekken <= 5 THEN 1 END)
    AS eigen_binnen_5_gesprekken,
  COUNT(CASE WHEN einddatum <= :tot AND uitkomst = 'zelf_geholpen'
    AND julianday(einddatum) - julianday(startdatum) <= 70 THEN 1 END) AS eigen_binnen_10_weken
FROM (
  SELECT toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst
  FROM toegangtraject WHERE einddatum >= :van AND startdatum <= :tot
  UNION ALL
  SELECT toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst
  FROM toegangtraject WHERE einddatum IS NULL AND startdatum <= :tot
  UNION ALL
  SELECT 'jeugdexpertteam', j.jeugdige_id, j.aanmelddatum, j.einde,
    CASE WHEN j.did IS NULL THEN 0
         ELSE (SELECT COUNT(*) FROM contactmoment c WHERE c.dossier_id = j.did AND c.deleted_at IS NULL) END,
    CASE WHEN j.einde IS NULL THEN NULL
         WHEN j.did IS NOT NULL AND EXISTS (SELECT 1 FROM toewijzing w WHERE w.dossier_id = j.did
                                            AND w.deleted_at IS NULL) THEN 'specialistische_jeugdhulp'
         WHEN j.besluit = 'voorliggend_veld' THEN 'voorliggend_veld'
         WHEN j.besluit = 'veiligheid' THEN 'specialistische_jeugdhulp'
         WHEN j.besluit IN ('ander_domein', 'geen_hulp') THEN 'gestopt'
         WHEN j.afsluitreden = 'voorliggend_veld' THEN 'voorliggend_veld'
         WHEN j.afsluitreden = 'overgedragen' THEN 'specialistische_jeugdhulp'
         WHEN j.afsluitreden IN ('gestopt', 'verhuisd') THEN 'gestopt'
         ELSE 'zelf_geholpen' END
  FROM (SELECT a.jeugdige_id, a.aanmelddatum, d.id AS did, d.afsluitreden, t.uitkomst AS besluit,
          CASE WHEN d.id IS NOT NULL THEN d.afgesloten_op
               WHEN t.uitkomst IN ('voorliggend_veld', 'veiligheid', 'ander_domein', 'geen_hulp') THEN t.besloten_op
          END AS einde
        FROM aanmelding a
        LEFT JOIN triagebesluit t ON t.id = a.huidig_besluit_id
        LEFT JOIN dossier d ON d.aanmelding_id = a.id
        WHERE a.deleted_at IS NULL) AS j
  WHERE j.aanmelddatum <= :tot AND COALESCE(j.einde, '9999-12-31') >= :van
) AS traject
GROUP BY toegangsvorm
"""

# --voor-de-index: the 0.7.0 plan's two index ranges over the imported trajects as one OR filter,
# and that OR filter over the table itself (NOT INDEXED: as before migration 0004's covering index)
_TWEE_BEREIKEN = """  SELECT toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst
  FROM toegangtraject WHERE einddatum >= :van AND startdatum <= :tot
  UNION ALL
  SELECT toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst
  FROM toegangtraject WHERE einddatum IS NULL AND startdatum <= :tot"""
_EEN_OR = """  SELECT toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst
  FROM toegangtraject{hint} WHERE (einddatum IS NULL OR einddatum >= :van) AND startdatum <= :tot"""
assert _TWEE_BEREIKEN in PLAN_070_SQL  # the text replaced below is really in the query
HAND_SQL_OR = PLAN_070_SQL.replace(_TWEE_BEREIKEN, _EEN_OR.format(hint=""))
HAND_SQL_NOT_INDEXED = PLAN_070_SQL.replace(_TWEE_BEREIKEN, _EEN_OR.format(hint=" NOT INDEXED"))
assert HAND_SQL_OR != PLAN_070_SQL and HAND_SQL_NOT_INDEXED != HAND_SQL_OR


def prepare(jeugdigen: int, trajecten: int, seed: int = 11) -> Path:
    target = CACHE / f"monitor-{jeugdigen}-{trajecten}.db"
    if target.exists():
        return target
    source = demo_store(jeugdigen)
    tmp = target.with_suffix(".tmp")
    shutil.copyfile(source, tmp)
    for suffix in ("-wal", "-shm"):
        if Path(str(source) + suffix).exists():
            shutil.copyfile(str(source) + suffix, str(tmp) + suffix)
    from jet_desktop.demo.toegang import trajecten as genereer
    from jet_desktop.storage.store import Store

    Store.open_file(tmp).engine.dispose()  # a cache built before the monitor tables: migrate the copy
    t = time.perf_counter()
    conn = sqlite3.connect(tmp)
    nu = datetime(2026, 11, 25, 10, 0).strftime("%Y-%m-%d %H:%M:%S.%f")
    import_id = uuid.uuid4().hex
    conn.execute("INSERT INTO toegangimport (id, version, created_at, updated_at, updated_by, bestandsnaam, sha256, "
                 "rijen, nieuw, bijgewerkt) VALUES (?, 1, ?, ?, 'bench', 'bench.csv', ?, ?, ?, 0)",
                 (import_id, nu, nu, uuid.uuid4().hex * 2, trajecten, trajecten))

    def rows():
        for vorm, client, start, einde, gesprekken, uitkomst in genereer(trajecten, seed, date(2021, 1, 1),
                                                                          date(2026, 11, 25)):
            yield (uuid.uuid4().hex, nu, nu, getattr(vorm, "value", vorm), client, start.isoformat(),
                   einde.isoformat() if einde else None, gesprekken, getattr(uitkomst, "value", uitkomst) or "",
                   import_id)

    conn.executemany("INSERT OR IGNORE INTO toegangtraject (id, version, created_at, updated_at, updated_by, "
                     "toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst, import_id) "
                     "VALUES (?, 1, ?, ?, 'bench', ?, ?, ?, ?, ?, ?, ?)", rows())
    conn.commit()
    n = conn.execute("SELECT COUNT(*) FROM toegangtraject").fetchone()[0]
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        if Path(str(tmp) + suffix).exists():
            Path(str(tmp) + suffix).rename(str(target) + suffix)
    print(f"{n:,} trajecten inserted in {time.perf_counter() - t:.1f} s: {target}")
    return target


def indexen_bijwerken(path: Path) -> None:
    """Create the indexes the models declare and a cached file lacks or has with other columns (a file
    prepared before a migration filled in its placeholder is stamped without them), then ANALYZE."""
    from sqlalchemy import create_engine, inspect

    from jet_desktop.storage.models import TABLES

    engine = create_engine(f"sqlite:///{path}")
    nieuw = []
    with engine.begin() as conn:
        bestaand = {t: {i["name"]: i["column_names"] for i in inspect(conn).get_indexes(t)}
                    for t in inspect(conn).get_table_names()}
        for table in TABLES:
            for index in table.indexes:
                kolommen = bestaand.get(table.name, {}).get(index.name)
                if kolommen != [c.name for c in index.columns]:
                    if kolommen is not None:  # declared since with other columns
                        conn.exec_driver_sql(f"DROP INDEX {index.name}")
                    index.create(conn)
                    nieuw.append(index.name)
        if nieuw:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    if nieuw:
        print(f"indexes added to the cached file: {', '.join(nieuw)}")


# the tables the monitor and its chart series read, copied into PostgreSQL
PG_TABELLEN = ("medewerker", "instelling", "aanmelding", "triagebesluit", "dossier", "contactmoment", "toewijzing",
               "toegangimport", "toegangtraject")


def naar_postgres(path: Path, url: str) -> None:
    """Copy the monitor's tables of the SQLite file into the migrated PostgreSQL database at `url`."""
    import psycopg

    from jet_desktop.storage.store import Store

    Store.open(url, user="bench").engine.dispose()  # migrated, with every index
    t = time.perf_counter()
    bron = sqlite3.connect(path)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as pg:
        pg.execute("SET session_replication_role = replica")  # no foreign-key checks (jeugdige is not copied)
        for tabel in PG_TABELLEN:
            kolommen = [r[1] for r in bron.execute(f"PRAGMA table_info({tabel})")]
            pg.execute(f"TRUNCATE {tabel} CASCADE")
            with pg.cursor().copy(f"COPY {tabel} ({', '.join(kolommen)}) FROM STDIN") as copy:
                for row in bron.execute(f"SELECT {', '.join(kolommen)} FROM {tabel}"):
                    copy.write_row(row)
        pg.execute("VACUUM ANALYZE")
    bron.close()
    print(f"copied into PostgreSQL in {time.perf_counter() - t:.0f} s")


PLAN = "plan's SQL text"
DISTINCT_PLAN = "COUNT(DISTINCT) plan"  # bereken() before the two-level aggregate


def runs(xs) -> str:
    return ", ".join(f"{x * 1000:.0f}" for x in xs)


def count_distinct_query(van: date, tot: date):
    """bereken()'s query before the two-level aggregate: one GROUP BY toegangsvorm over
    monitor.alle_trajecten with seven COUNT(DISTINCT CASE ... client_id) (for the before/after)."""
    from sqlalchemy import and_, case, distinct, func, or_, select

    from jet_desktop.domain import monitor as defs
    from jet_desktop.reports import monitor as m
    from jet_desktop.storage.dagen import dagen_tussen

    t = m.alle_trajecten(van, tot)
    afg = t.c.einddatum <= tot
    eigen = and_(afg, t.c.uitkomst == m.ZELF)

    def aantal(cond):
        return func.count(case((cond, 1)))

    def jeugdigen(cond):
        return func.count(distinct(case((cond, t.c.client_id))))

    def met(u):
        return and_(afg, t.c.uitkomst == u)

    return select(
        t.c.toegangsvorm, aantal(afg).label("afgesloten_trajecten"),
        func.count(distinct(t.c.client_id)).label("jeugdigen_gezien"),
        *[jeugdigen(met(u)).label(k) for k, u in (("zelf_geholpen", m.ZELF), ("voorliggend_veld", m.VV),
                                                   ("specialistische_jeugdhulp", m.SPEC),
                                                   ("via_jeugdexpertteam", m.VIA), ("gestopt", m.GESTOPT))],
        jeugdigen(or_(t.c.einddatum.is_(None), t.c.einddatum > tot)).label("lopend"),
        func.coalesce(func.sum(case((afg, t.c.gesprekken), else_=0)), 0).label("gesprekken"),
        aantal(eigen).label("trajecten_zelf_geholpen"), aantal(met(m.VV)).label("trajecten_voorliggend_veld"),
        aantal(and_(afg, t.c.uitkomst.in_((m.SPEC, m.VIA)))).label("trajecten_doorverwezen"),
        aantal(and_(eigen, t.c.gesprekken <= 2)).label("eigen_binnen_2_gesprekken"),
        aantal(and_(eigen, t.c.gesprekken <= 5)).label("eigen_binnen_5_gesprekken"),
        aantal(and_(eigen, dagen_tussen(t.c.einddatum, t.c.startdatum) <= defs.DAGEN_10_WEKEN))
        .label("eigen_binnen_10_weken"),
    ).group_by(t.c.toegangsvorm)


def meet(store, van: date, tot: date, repeat: int, voor_de_index: bool) -> None:
    """Time and compare bereken(), the plan's SQL text, the independent baseline and the 0.7.0 plan."""
    from sqlalchemy import text

    from jet_desktop.domain.enums import Toegangsvorm
    from jet_desktop.reports import monitor_reeksen
    from jet_desktop.reports.monitor import bereken, monitor_query

    dialect = store.engine.dialect
    naam = dialect.name
    with store.engine.connect() as conn:
        n = conn.execute(text("SELECT COUNT(*) FROM toegangtraject")).scalar_one()
        a = conn.execute(text("SELECT COUNT(*) FROM aanmelding")).scalar_one()
    print(f"\n== {naam}: {a:,} aanmeldingen, {n:,} imported trajecten; period {van} .. {tot}")
    compiled = monitor_query(van, tot).compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    plan_sql = str(compiled)
    if compiled.positiontup is not None:  # qmark (SQLite): positional
        plan_params = tuple(params[k] for k in compiled.positiontup)
    else:
        plan_params = params
    binds = {"van": van.isoformat(), "tot": tot.isoformat()} if naam == "sqlite" else {"van": van, "tot": tot}
    onafhankelijk = INDEPENDENT_SQL.format(**DIALECT[naam])
    plan_070 = PLAN_070_SQL
    if naam == "postgresql":
        plan_070 = (plan_070.replace("julianday(einddatum) - julianday(startdatum)", "(einddatum - startdatum)")
                    .replace("SELECT 'jeugdexpertteam', j.jeugdige_id,",
                             "SELECT 'jeugdexpertteam', CAST(j.jeugdige_id AS VARCHAR),"))

    def sql(query, args=binds):
        def run():
            with store.engine.connect() as conn:
                if isinstance(args, tuple) or query in (plan_sql, distinct_sql):
                    rows = conn.exec_driver_sql(query, args).mappings()
                else:
                    rows = conn.execute(text(query), args).mappings()
                return {r["toegangsvorm"]: {k: int(v or 0) for k, v in dict(r).items() if k != "toegangsvorm"}
                        for r in rows}
        return run

    def ours():
        u = bereken(store, van, tot)
        return u, {r.toegangsvorm: {k: v for k, v in vars(r).items() if k != "toegangsvorm"} for r in u.rijen}

    def timed(fn, times, cpu):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        return result

    def gecompileerd(query):
        c = query.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        p = c.construct_params()
        return str(c), (tuple(p[k] for k in c.positiontup) if c.positiontup is not None else p)

    distinct_sql, distinct_params = gecompileerd(count_distinct_query(van, tot))
    kandidaten = {PLAN: sql(plan_sql, plan_params), "independent baseline": sql(onafhankelijk),
                  "0.7.0 plan": sql(plan_070), DISTINCT_PLAN: sql(distinct_sql, distinct_params)}
    ours()  # warm the caches
    for fn in kandidaten.values():
        fn()
    wall = {k: [] for k in ["bereken()", *kandidaten]}
    cpu = {k: [] for k in wall}
    uitkomsten = {}
    for _ in range(repeat):
        uitkomst, uitkomsten["bereken()"] = timed(ours, wall["bereken()"], cpu["bereken()"])
        for k, fn in kandidaten.items():
            uitkomsten[k] = timed(fn, wall[k], cpu[k])
    leeg = dict.fromkeys(uitkomsten["bereken()"][Toegangsvorm.POH_JEUGD.value], 0)
    for k, r in uitkomsten.items():
        for vorm in Toegangsvorm:
            assert r.get(vorm.value, leeg) == uitkomsten["bereken()"][vorm.value], (k, vorm)
    jet = uitkomst.rij(Toegangsvorm.JET)
    poh = uitkomst.rij(Toegangsvorm.POH_JEUGD).as_dict()
    print(f"figures equal (bereken, plan's SQL, independent baseline, 0.7.0 plan, {DISTINCT_PLAN}); POH Jeugd: "
          f"{poh['afgesloten_trajecten']:,} afgesloten, {poh['pct_zelf_geholpen']} % zelf; Jeugdexpertteam: "
          f"{jet.afgesloten_trajecten:,} afgesloten, {jet.lopend:,} lopend, {jet.jeugdigen_gezien:,} gezien")
    m = {k: statistics.median(v) for k, v in wall.items()}
    for k in wall:
        print(f"  {k:22s} median {m[k] * 1000:6.0f} ms wall, {statistics.median(cpu[k]) * 1000:6.0f} ms cpu"
              f"  (wall runs: {runs(wall[k])})")
    print(f"  ratio bereken ÷ independent baseline {m['bereken()'] / m['independent baseline']:.2f}; "
          f"bereken ÷ plan's SQL text {m['bereken()'] / m[PLAN]:.2f}; "
          f"bereken ÷ 0.7.0 plan {m['bereken()'] / m['0.7.0 plan']:.2f}; "
          f"bereken ÷ {DISTINCT_PLAN} {m['bereken()'] / m[DISTINCT_PLAN]:.2f} wall, "
          f"{statistics.median(cpu['bereken()']) / statistics.median(cpu[DISTINCT_PLAN]):.2f} cpu; "
          f"bereken {'<' if m['bereken()'] < 2 else '>='} 2 s (aim 1 s)")
    if voor_de_index and naam == "sqlite":
        for label, q in (("0.7.0 plan, 'einddatum IS NULL OR einddatum >= van'", HAND_SQL_OR),
                         ("the same, imported trajecten NOT INDEXED (before 0004)", HAND_SQL_NOT_INDEXED)):
            t_x, c_x = [], []
            r = timed(sql(q), t_x, c_x)
            assert r == uitkomsten["0.7.0 plan"], label
            print(f"  {label}: {t_x[0] * 1000:.0f} ms wall, {c_x[0] * 1000:.0f} ms cpu (one run, same figures)")
    t_reeks, c_reeks, t_door, c_door = [], [], [], []
    for _ in range(3):
        timed(lambda: monitor_reeksen.wachtlijst_per_week(store, van, tot), t_reeks, c_reeks)
        timed(lambda: monitor_reeksen.doorverwijzingen_per_vorm(store, van, tot), t_door, c_door)
    print(f"  chart series: wachtlijst_per_week {statistics.median(t_reeks) * 1000:.0f} ms "
          f"({statistics.median(c_reeks) * 1000:.0f} cpu), doorverwijzingen_per_vorm "
          f"{statistics.median(t_door) * 1000:.0f} ms ({statistics.median(c_door) * 1000:.0f} cpu) (median of 3)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--trajecten", type=int, default=1_000_000)
    ap.add_argument("--van", default="2025-01-01")
    ap.add_argument("--tot", default="2025-12-31")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL cluster (tests/pg.py)")
    ap.add_argument("--alleen-postgres", action="store_true", help="PostgreSQL only")
    ap.add_argument("--voor-de-index", action="store_true",
                    help="also the 0.7.0 plan with the OR filter and NOT INDEXED (SQLite, one run each)")
    args = ap.parse_args()
    path = prepare(args.jeugdigen, args.trajecten)
    indexen_bijwerken(path)
    van, tot = date.fromisoformat(args.van), date.fromisoformat(args.tot)

    from jet_desktop.storage.store import Store

    if not args.alleen_postgres:
        store = Store.open_file(path, user="bench")
        meet(store, van, tot, args.repeat, args.voor_de_index)
        store.engine.dispose()
    if args.postgres or args.alleen_postgres:
        sys.path.insert(0, str(ROOT / "tests"))
        from pg import start_cluster

        cluster = start_cluster()
        try:
            url = cluster.url(cluster.create_database())
            naar_postgres(path, url)
            store = Store.open(url, user="bench")
            meet(store, van, tot, args.repeat, False)
            store.engine.dispose()
        finally:
            cluster.stop()
    print(f"\nload average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
