"""The wachtlijst's service calls on a long list (issue 11), SQLite and PostgreSQL, before and after.

On the 100,000 demo store with ~50,000 waiting (bench_store.demo_store(100000, wachtlijst=50000)): per call,
the median of --keer warm runs, in ms, for
  - opening a view (`bekijk`: its count + its audit line) + the first page of 200,
  - a filter keystroke (a new bekijk with "a", "jan", "jansen", "qqq") + its first page,
  - every header sort (SORT_KEYS, both directions): bekijk + first page,
  - a page in the middle and at the end (OFFSET; after the view has its ordered ids, a page by primary key),
    the ids once (Weergave.voorbereiden, on a worker after the first page), and the page after a row in
    the middle (keyset, `na`).
"before" runs the queries as they were (count + OFFSET over all four tables, frozen below) with the
indexes as they were (migration 0007); "old + 0008" the same queries with migration 0008's indexes;
"after" the services (wachtlijst.bekijk / Weergave.pagina) with the indexes. The before columns
measure the queries only (no audit line): the audit line is timed on its own.

PostgreSQL: a throwaway cluster (tests/pg.py), the store's wachtlijst tables copied into it.
    JET_BENCH_CACHE=/tmp/jet-bench-NAME python benchmarks/bench_wachtlijst_queries.py [--keer 5] [--geen-pg]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench_store import CACHE, ROOT, demo_store
from sqlalchemy import and_, func, or_, select, text

sys.path.insert(0, str(ROOT / "tests"))  # tests/pg.py: the throwaway PostgreSQL cluster

from jet_desktop.services import inzage, wachtlijst  # noqa: E402
from jet_desktop.services.wachtlijst import _BEOOGD, COLUMNS, DEFAULT_ORDER, SORT_KEYS, A, J, T  # noqa: E402
from jet_desktop.storage.store import Store  # noqa: E402

FILTERS = ["a", "jan", "jansen", "qqq"]
LIMIT = 200
NIEUW = {  # migration 0008 (db/versions/0008_wachtlijst_indexen.py)
    "sqlite": [
        "CREATE INDEX ix_aanmelding_wachtlijst ON aanmelding (aanmelddatum, dossiernummer, huidig_besluit_id, "
        "jeugdige_id, id) WHERE op_wachtlijst IS 1 AND deleted_at IS NULL",
        "CREATE INDEX ix_aanmelding_wachtlijst_dossiernummer ON aanmelding (dossiernummer, huidig_besluit_id, id) "
        "WHERE op_wachtlijst IS 1 AND deleted_at IS NULL",
        "CREATE INDEX ix_aanmelding_wachtlijst_verwijzer ON aanmelding (verwijzer_route, aanmelddatum, "
        "dossiernummer, huidig_besluit_id, id) WHERE op_wachtlijst IS 1 AND deleted_at IS NULL"],
    "common": [
        "CREATE UNIQUE INDEX ix_triagebesluit_wachtlijst ON triagebesluit (id, urgentie, uitkomst, beoogd_consulent_id)",
        "CREATE UNIQUE INDEX ix_jeugdige_wachtlijst ON jeugdige (id, achternaam, voornaam, geboortedatum, wijk, school)",
        "CREATE INDEX ix_jeugdige_naam ON jeugdige (achternaam, voornaam, id)",
        "CREATE INDEX ix_jeugdige_wijk ON jeugdige (wijk, id)"],
}
NIEUW["postgresql"] = [s.replace("IS 1", "IS true") for s in NIEUW["sqlite"]]
NAMEN = ["ix_aanmelding_wachtlijst", "ix_aanmelding_wachtlijst_dossiernummer", "ix_aanmelding_wachtlijst_verwijzer",
         "ix_triagebesluit_wachtlijst", "ix_jeugdige_wachtlijst", "ix_jeugdige_naam", "ix_jeugdige_wijk"]
OUD_INDEX = "CREATE INDEX ix_aanmelding_op_wachtlijst ON aanmelding (op_wachtlijst)"


# -- the queries before issue 11 ---------------------------------------------------------------------

def _oud_where(f):
    conds = [A.c.op_wachtlijst.is_(True), A.c.deleted_at.is_(None)]
    for word in f.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(or_(*(c.ilike(pattern, escape="\\") for c in (
            A.c.dossiernummer, J.c.voornaam, J.c.achternaam, A.c.verwijzer_organisatie, J.c.wijk, J.c.school,
            _BEOOGD.c.naam))))
    return and_(*conds)


def _oud_from(q):
    return (q.select_from(A).join(T, T.c.id == A.c.huidig_besluit_id).join(J, J.c.id == A.c.jeugdige_id)
            .outerjoin(_BEOOGD, _BEOOGD.c.id == T.c.beoogd_consulent_id))


def oud_bekijk(conn, f=""):
    """The old `bekijk` without its audit line: the dossiernummers (LIMIT 51), then the count."""
    n = list(conn.execute(_oud_from(select(A.c.dossiernummer)).where(_oud_where(f)).limit(51)).scalars())
    return len(n) if len(n) <= 50 else conn.execute(_oud_from(select(func.count())).where(_oud_where(f))).scalar_one()


def oud_pagina(conn, f="", sort_key=None, desc=False, offset=0):
    order = []
    if sort_key in SORT_KEYS:
        columns, inverted = SORT_KEYS[sort_key]
        order = [c.desc() if desc != inverted else c for c in columns]
    q = _oud_from(select(*COLUMNS)).where(_oud_where(f)).order_by(*order, *DEFAULT_ORDER)
    return conn.execute(q.offset(offset).limit(LIMIT)).all()


# -- timing -------------------------------------------------------------------------------------------

def ms(fn, keer):
    fn()  # warm
    times = []
    for _ in range(keer):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def meet_oud(store, keer, n):
    r = {}
    with store.engine.connect() as conn:
        r["open + first page"] = ms(lambda: (oud_bekijk(conn), oud_pagina(conn)), keer)
        for f in FILTERS:
            r[f"filter {f!r} + first page"] = ms(lambda f=f: (oud_bekijk(conn, f), oud_pagina(conn, f)), keer)
        for k in SORT_KEYS:
            for d in (False, True):
                r[f"sort {k}{' desc' if d else ''}"] = ms(
                    lambda k=k, d=d: (oud_bekijk(conn), oud_pagina(conn, "", k, d)), keer)
        r["page in the middle (offset)"] = ms(lambda: oud_pagina(conn, offset=n // 2), keer)
        r["page at the end (offset)"] = ms(lambda: oud_pagina(conn, offset=n - LIMIT), keer)
    return r


def meet_nieuw(store, keer, n):
    r = {}
    r["open + first page"] = ms(lambda: wachtlijst.bekijk(store).pagina(0, LIMIT), keer)
    for f in FILTERS:
        r[f"filter {f!r} + first page"] = ms(lambda f=f: wachtlijst.bekijk(store, f).pagina(0, LIMIT), keer)
    for k in SORT_KEYS:
        for d in (False, True):
            r[f"sort {k}{' desc' if d else ''}"] = ms(lambda k=k, d=d: wachtlijst.bekijk(store, "", k, d).pagina(0, LIMIT),
                                                     keer)
    view = wachtlijst.bekijk(store)
    r["page in the middle (offset)"] = ms(lambda: view.pagina(n // 2, LIMIT), keer)
    r["page at the end (offset)"] = ms(lambda: view.pagina(n - LIMIT, LIMIT), keer)
    r["  of which: the view's ids once (voorbereiden)"] = ms(lambda: wachtlijst.bekijk(store).voorbereiden(), keer)
    for k in ("naam", "urgentie"):
        r[f"  of which: the view's ids once, sort {k}"] = ms(lambda k=k: wachtlijst.bekijk(store, "", k).voorbereiden(),
                                                            keer)
    midden = view.pagina(n // 2, 1)[0]
    r["page after a row in the middle (na)"] = ms(lambda: view.pagina(0, LIMIT, na=midden), keer)
    r["  of which: bekijk alone (count + line)"] = ms(lambda: wachtlijst.bekijk(store), keer)
    r["  of which: the audit line alone"] = ms(
        lambda: inzage.bekeken(store, "wachtlijst", None, "wachtlijst bekeken", [], n), keer)
    return r


def indexes(store, nieuw: bool):
    dialect = store.engine.dialect.name
    with store.engine.begin() as conn:
        for naam in NAMEN + ["ix_aanmelding_op_wachtlijst"]:
            conn.execute(text(f"DROP INDEX IF EXISTS {naam}"))
        for sql in (NIEUW[dialect] + NIEUW["common"] if nieuw else [OUD_INDEX]):
            conn.execute(text(sql))
        conn.execute(text("ANALYZE") if dialect == "postgresql" else text("SELECT 1"))


def meet(store, keer, naam):
    n = wachtlijst.tel(store)
    indexes(store, nieuw=False)
    voor = meet_oud(store, keer, n)
    indexes(store, nieuw=True)
    oud_nieuw = meet_oud(store, keer, n)
    na = meet_nieuw(store, keer, n)
    print(f"\n{naam}: {n} waiting; median of {keer} warm runs, ms; load {open('/proc/loadavg').read().split()[:3]}")
    print(f"{'call':44} {'before':>8} {'old+0008':>9} {'after':>8} {'after/before':>13}")
    for k in na:
        b, m = voor.get(k), oud_nieuw.get(k)
        ratio = f"{na[k] / b:13.2f}" if b else ""
        print(f"{k:44} {b if b is not None else float('nan'):8.1f} {m if m is not None else float('nan'):9.1f} "
              f"{na[k]:8.1f} {ratio}")
    return voor, oud_nieuw, na


TABELLEN = ["medewerker", "gezin", "jeugdige", "aanmelding", "triagebesluit"]


def kopieer_naar_pg(bron: Store, doel: Store) -> None:
    from jet_desktop.storage.models import SQLModel

    t0 = time.perf_counter()
    with bron.engine.connect() as src, doel.engine.begin() as dst:
        dst.execute(text("SET session_replication_role = replica"))  # no foreign-key checks while copying
        for naam in TABELLEN:
            tabel = SQLModel.metadata.tables[naam]
            dst.execute(tabel.delete())
            result = src.execution_options(yield_per=20_000).execute(select(tabel))
            for part in result.mappings().partitions():
                dst.execute(tabel.insert(), [dict(r) for r in part])
    with doel.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    print(f"copied {', '.join(TABELLEN)} to PostgreSQL in {time.perf_counter() - t0:.0f} s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keer", type=int, default=5)
    ap.add_argument("--geen-pg", action="store_true", help="SQLite only")
    args = ap.parse_args()
    bron = demo_store(100_000, wachtlijst=50_000)
    kopie = CACHE / "wachtlijst-queries.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{kopie}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(bron, kopie)
    kopie.chmod(0o644)
    store = Store.open_file(kopie)
    print(f"SQLite {store.engine.dialect.dbapi.sqlite_version}; store {bron}")
    meet(store, args.keer, "SQLite (plain file)")
    if args.geen_pg:
        return 0
    from pg import PgUnavailable, start_cluster

    try:
        cluster = start_cluster()
    except PgUnavailable as exc:
        print(f"PostgreSQL not available: {exc}")
        return 0
    try:
        pg = Store.open(cluster.url(cluster.create_database()), user="bench")
        kopieer_naar_pg(store, pg)
        meet(pg, args.keer, "PostgreSQL")
        pg.engine.dispose()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
