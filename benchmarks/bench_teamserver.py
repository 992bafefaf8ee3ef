"""The team server at scale (issue 12): what row-level security costs, 30 workstations at once, the monitor.

    JET_BENCH_CACHE=/tmp/jet-bench python benchmarks/bench_teamserver.py [--jeugdigen 100000] [--seconden 60]
        [--werkplekken 30] [--keer 7]

The project's demo store (benchmarks/bench_store.py, seed 7) is copied into a throwaway PostgreSQL cluster
(tests/pg.py) set up by `teamserver init`; every demo medewerker gets a login.

1. RLS: each action as the busiest consulent's own login (row-level security on) against the same
   session on IT's superuser connection (RLS bypassed), same run, median of --keer warm runs:
   the wachtlijst's count and first page, opening a dossier, saving a contactmoment, the own caseload.
2. --werkplekken workstations, each a thread with its own login and engine, a realistic mix for --seconden:
   p50/p95 per action, throughput, errors (the client threads share this machine's cores with the server).
3. The monitor for a year as a teamleider's login on the server, against the same on the SQLite file.
4. A year's monitor and matched care as a consulent's login (the server's count functions), against the
   teamleider's (who reads the rows) and SQLite.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # tests/pg.py: the throwaway PostgreSQL cluster
sys.path.insert(0, str(ROOT / "benchmarks"))

WW = "Bench-Teamserver-2026"
VANDAAG = date.today()  # the demo store is generated up to today


def kopieer(path: Path, admin_url: str) -> None:
    """Every table of the SQLite demo file into the team server (COPY, triggers and foreign keys off)."""
    import psycopg

    t = time.perf_counter()
    bron = sqlite3.connect(path)
    dsn = admin_url.replace("postgresql+psycopg://", "postgresql://")
    tabellen = [r[0] for r in bron.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                            "'sqlite_%' AND name <> 'alembic_version'")]
    with psycopg.connect(dsn, autocommit=True) as pg:
        pg.execute("SET session_replication_role = replica")
        pg.execute("SET timezone = 'UTC'")
        pg_kolommen = {}
        for tabel in tabellen:
            pg_kolommen[tabel] = {r[0]: r[1] for r in pg.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s", (tabel,))}
        for tabel in tabellen:
            pg.execute(f"TRUNCATE {tabel} CASCADE")
        for tabel in tabellen:
            kolommen = [r[1] for r in bron.execute(f"PRAGMA table_info({tabel})")]
            soort = pg_kolommen[tabel]
            booleans = [i for i, k in enumerate(kolommen) if soort.get(k) == "boolean"]
            with pg.cursor().copy(f"COPY {tabel} ({', '.join(kolommen)}) FROM STDIN") as copy:
                for row in bron.execute(f"SELECT {', '.join(kolommen)} FROM {tabel}"):
                    if booleans:
                        row = list(row)
                        for i in booleans:
                            row[i] = None if row[i] is None else bool(row[i])
                    copy.write_row(row)
        pg.execute("VACUUM ANALYZE")
    bron.close()
    print(f"copied {len(tabellen)} tables into PostgreSQL in {time.perf_counter() - t:.0f} s")


def mediaan_ms(f, keer: int) -> float:
    f()  # warm
    tijden = []
    for _ in range(keer):
        t = time.perf_counter()
        f()
        tijden.append((time.perf_counter() - t) * 1000)
    return statistics.median(tijden)


def acties(s, eigen_dossier):
    from jet_desktop.services import caseload, dossiers, wachtlijst

    def lijst():
        v = wachtlijst.bekijk(s)
        v.pagina(0, 200)

    return {
        "wachtlijst: count + first page": lijst,
        "open a dossier": lambda: dossiers.detail(s, eigen_dossier),
        "save a contactmoment": lambda: dossiers.voeg_contactmoment_toe(
            s, eigen_dossier, VANDAAG, "telefonisch", 10, "Gebeld met moeder over de afspraak.", VANDAAG),
        "own caseload": lambda: caseload.dossiers_van(s, s.user_id),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--keer", type=int, default=7)
    ap.add_argument("--seconden", type=int, default=60)
    ap.add_argument("--werkplekken", type=int, default=30)
    args = ap.parse_args()

    from dataclasses import replace

    from bench_store import demo_store
    from pg import start_cluster
    from sqlalchemy import func, select
    from sqlalchemy.engine import make_url

    from jet_desktop.domain.enums import Rol
    from jet_desktop.reports import matched_care, monitor, teamserverfuncties
    from jet_desktop.services import inloggen, teamserver
    from jet_desktop.storage.models import Dossier, Medewerker
    from jet_desktop.storage.store import Store

    path = demo_store(args.jeugdigen)
    cluster = start_cluster()
    try:
        admin_url = cluster.url(cluster.create_database())
        teamserver.init(admin_url, "bench.beheer", "Bench Beheer", WW, extra=teamserverfuncties.installeer)
        kopieer(path, admin_url)
        system = Store.open(admin_url, user="bench", migrate=False)
        teamserver.demo_logins(system, WW)
        werk_url = make_url(admin_url)._replace(username=None).render_as_string(hide_password=False)
        D, M = Dossier.__table__, Medewerker.__table__
        with system.engine.connect() as conn:
            ranglijst = conn.execute(select(M.c.gebruikersnaam, func.count(D.c.id)).join(D, D.c.consulent_id == M.c.id)
                                     .where(D.c.afgesloten_op.is_(None), M.c.rol == Rol.CONSULENT.value,
                                            M.c.actief.is_(True)).group_by(M.c.gebruikersnaam)
                                     .order_by(func.count(D.c.id).desc())).all()
            teamleider = conn.execute(select(M.c.gebruikersnaam).where(M.c.rol == Rol.TEAMLEIDER.value,
                                                                       M.c.actief.is_(True))).scalars().first()
            aantallen = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                         for t in ("jeugdige", "aanmelding", "dossier", "contactmoment", "auditregel")}
        print(f"team server: {aantallen}; {len(ranglijst)} consulenten with dossiers; "
              f"load {open('/proc/loadavg').read().split()[:3]}")

        # 1. RLS against the owner ------------------------------------------------------------------------
        naam, n = ranglijst[0]
        consulent = inloggen.open_sessie(naam, WW, url=werk_url)
        eigenaar = replace(system, user=consulent.user, user_id=consulent.user_id, rol=consulent.rol)
        with system.engine.connect() as conn:
            eigen = conn.execute(select(D.c.id).where(D.c.consulent_id == consulent.user_id,
                                                      D.c.afgesloten_op.is_(None))).scalars().first()
        print(f"\n1. {naam} ({n} active dossiers): consulent's login (RLS) vs superuser (RLS bypassed), "
              f"median of {args.keer}, ms")
        print(f"{'action':34} {'owner':>8} {'login':>8} {'ratio':>7}")
        met, zonder = acties(consulent, eigen), acties(eigenaar, eigen)
        for actie in met:
            a = mediaan_ms(zonder[actie], args.keer)
            b = mediaan_ms(met[actie], args.keer)
            print(f"{actie:34} {a:8.1f} {b:8.1f} {b / a:7.2f}")
        consulent.engine.dispose()

        # 2. workstations at once --------------------------------------------------------------------------
        logins = [g for g, _ in ranglijst][: args.werkplekken]
        while len(logins) < args.werkplekken:  # more workstations than consulenten: some sign in twice
            logins += logins[: args.werkplekken - len(logins)]
        tijden: dict[str, list[float]] = {}
        fouten: list[str] = []
        slot = threading.Lock()
        stop = time.perf_counter() + args.seconden
        start = threading.Barrier(len(logins) + 1)
        MIX = [("wachtlijst: count + first page", 3), ("open a dossier", 4), ("save a contactmoment", 2),
               ("own caseload", 1)]

        def werkplek(i: int, gebruikersnaam: str) -> None:
            rnd = random.Random(i)
            try:
                s = inloggen.open_sessie(gebruikersnaam, WW, url=werk_url)
                with s.engine.connect() as conn:
                    mijn = conn.execute(select(D.c.id).where(D.c.consulent_id == s.user_id,
                                                             D.c.afgesloten_op.is_(None))).scalars().all()
            except Exception as exc:  # noqa: BLE001 - counted and printed
                with slot:
                    fouten.append(f"sign-in {gebruikersnaam}: {type(exc).__name__}: {exc}")
                start.wait()
                return
            start.wait()
            keuzes = [a for a, w in MIX for _ in range(w)]
            while time.perf_counter() < stop:
                actie = rnd.choice(keuzes)
                f = acties(s, rnd.choice(mijn))[actie]
                t = time.perf_counter()
                try:
                    f()
                except Exception as exc:  # noqa: BLE001 - counted and printed
                    with slot:
                        fouten.append(f"{actie}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
                    continue
                with slot:
                    tijden.setdefault(actie, []).append((time.perf_counter() - t) * 1000)
                time.sleep(rnd.uniform(0.2, 1.0))  # a person reads, types, clicks
            s.engine.dispose()

        draden = [threading.Thread(target=werkplek, args=(i, g)) for i, g in enumerate(logins)]
        for d in draden:
            d.start()
        start.wait()
        t0 = time.perf_counter()
        for d in draden:
            d.join()
        duur = time.perf_counter() - t0
        totaal = sum(len(v) for v in tijden.values())
        print(f"\n2. {len(logins)} workstations ({len(set(logins))} logins), {duur:.0f} s: {totaal} actions, "
              f"{totaal / duur:.1f}/s, {len(fouten)} errors")
        print(f"{'action':34} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for actie, xs in sorted(tijden.items()):
            xs.sort()
            print(f"{actie:34} {len(xs):6} {xs[len(xs) // 2]:8.1f} {xs[int(len(xs) * 0.95)]:8.1f} {xs[-1]:8.1f}")
        for f in fouten[:10]:
            print("   error:", f)

        # 3. the monitor: the server against the SQLite file ----------------------------------------------
        tl = inloggen.open_sessie(teamleider, WW, url=werk_url)
        lokaal = Store.open_file(path, user="bench")
        lokaal_tl = replace(lokaal, user=tl.user, user_id=None, rol=Rol.TEAMLEIDER)
        van, tot = VANDAAG - timedelta(days=365), VANDAAG
        a = mediaan_ms(lambda: monitor.bereken(lokaal_tl, van, tot), 3)
        b = mediaan_ms(lambda: monitor.bereken(tl, van, tot), 3)
        print(f"\n3. monitor for a year (teamleider): SQLite {a:.0f} ms, team server {b:.0f} ms, ratio {b / a:.2f}")

        # 4. the anonymous figures for a consulent: the server's count functions (reports/teamcijfers.py) -----
        cons = inloggen.open_sessie(naam, WW, url=werk_url)
        print("\n4. a year's figures: consulent's login (count functions) vs teamleider's and SQLite, ms")
        print(f"{'report':34} {'SQLite':>8} {'leider':>8} {'consulent':>9} {'cons/leider':>11} {'cons/SQLite':>11}")
        for rapport, f in (("monitor", monitor.bereken), ("matched care", matched_care.bereken)):
            a = mediaan_ms(lambda: f(lokaal_tl, van, tot), 3)
            b = mediaan_ms(lambda: f(tl, van, tot), 3)
            c = mediaan_ms(lambda: f(cons, van, tot), 3)
            print(f"{rapport:34} {a:8.0f} {b:8.0f} {c:9.0f} {c / b:11.2f} {c / a:11.2f}")
        cons.engine.dispose()
        tl.engine.dispose()
        lokaal.engine.dispose()
        system.engine.dispose()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
