"""Monitor toegang over 1,000,000 imported trajects plus the 100,000-jeugdigen demo store.

Times `reports.monitor.bereken(store, van, tot)` for one year against ONE hand-written SQL
query producing the same numbers, in the same run on the same file (median of 5 each,
interleaved), asserts the numbers are equal, and prints both times and the ratio
(target: ratio <= 1.5 and bereken < 2 s).

The demo store is copied from the cache (benchmarks/bench_store.py, never modified); the
trajects come from jet_desktop/demo/toegang.py (seeded), inserted with executemany. The
prepared file is cached as $JET_BENCH_CACHE (default /tmp/jet-bench)/monitor-<jeugdigen>-<trajecten>.db.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import time
import uuid
from datetime import date, datetime
from pathlib import Path

from bench_store import CACHE, demo_store

HAND_SQL = """
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

# The inner selection holds exactly the trajects overlapping [van, tot], so "afgesloten in the
# period" is einddatum <= :tot and every row is "gezien" (as in reports/monitor.py).
# For information, the same query with the obvious `einddatum IS NULL OR einddatum >= :van`:
# SQLite then picks a MULTI-INDEX OR plan with a random table lookup per row.
HAND_SQL_OR = HAND_SQL.replace("COALESCE(einddatum, '9999-12-31') >= :van", "(einddatum IS NULL OR einddatum >= :van)")


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--trajecten", type=int, default=1_000_000)
    ap.add_argument("--van", default="2025-01-01")
    ap.add_argument("--tot", default="2025-12-31")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    path = prepare(args.jeugdigen, args.trajecten)
    van, tot = date.fromisoformat(args.van), date.fromisoformat(args.tot)

    from sqlalchemy import text

    from jet_desktop.domain.enums import Toegangsvorm
    from jet_desktop.reports.monitor import bereken
    from jet_desktop.storage.store import Store

    store = Store.open_file(path, user="bench")
    with store.engine.connect() as conn:
        n = conn.execute(text("SELECT COUNT(*) FROM toegangtraject")).scalar_one()
        a = conn.execute(text("SELECT COUNT(*) FROM aanmelding")).scalar_one()
    print(f"store: {a:,} aanmeldingen, {n:,} imported trajecten; period {van} .. {tot}")

    def hand(sql=HAND_SQL):
        with store.engine.connect() as conn:
            return {r["toegangsvorm"]: dict(r) for r in
                    conn.execute(text(sql), {"van": van.isoformat(), "tot": tot.isoformat()}).mappings()}

    def timed(fn, times, cpu):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        return result

    bereken(store, van, tot), hand()  # warm the page cache for both
    t_ours, t_hand, c_ours, c_hand = [], [], [], []
    for _ in range(args.repeat):
        ours = timed(lambda: bereken(store, van, tot), t_ours, c_ours)
        theirs = timed(hand, t_hand, c_hand)
    t_or, c_or = [], []
    timed(lambda: hand(HAND_SQL_OR), t_or, c_or)

    for rij in ours.rijen:
        expected = theirs.get(rij.toegangsvorm)
        got = {k: v for k, v in vars(rij).items() if k != "toegangsvorm"}
        if expected is None:
            assert all(v == 0 for v in got.values()), rij
        else:
            assert got == {k: int(expected[k] or 0) for k in got}, (rij, expected)
    jet = ours.rij(Toegangsvorm.JET)
    poh = ours.rij(Toegangsvorm.POH_JEUGD).as_dict()
    print(f"figures equal; POH Jeugd: {poh['afgesloten_trajecten']:,} afgesloten, {poh['pct_zelf_geholpen']} % zelf, "
          f"{poh['pct_doorverwezen_jeugdhulp']} % doorverwezen; "
          f"Jeugdexpertteam: {jet.afgesloten_trajecten:,} afgesloten")
    m_ours, m_hand = statistics.median(t_ours), statistics.median(t_hand)
    ratio = m_ours / m_hand

    def runs(xs):
        return ", ".join(f"{x * 1000:.0f}" for x in xs)

    print(f"bereken():        median {m_ours * 1000:6.0f} ms wall, {statistics.median(c_ours) * 1000:6.0f} ms cpu"
          f"  (wall runs: {runs(t_ours)})")
    print(f"hand-written SQL: median {m_hand * 1000:6.0f} ms wall, {statistics.median(c_hand) * 1000:6.0f} ms cpu"
          f"  (wall runs: {runs(t_hand)})")
    print(f"hand-written SQL with 'einddatum IS NULL OR einddatum >= van': {t_or[0] * 1000:.0f} ms wall, "
          f"{c_or[0] * 1000:.0f} ms cpu (one run)")
    from jet_desktop.reports import monitor_reeksen

    t_reeks: list[float] = []
    for _ in range(3):
        timed(lambda: monitor_reeksen.wachtlijst_per_week(store, van, tot), t_reeks, [])
    t_door: list[float] = []
    for _ in range(3):
        timed(lambda: monitor_reeksen.doorverwijzingen_per_vorm(store, van, tot), t_door, [])
    print(f"chart series: wachtlijst_per_week {statistics.median(t_reeks) * 1000:.0f} ms, "
          f"doorverwijzingen_per_vorm {statistics.median(t_door) * 1000:.0f} ms (median of 3)")
    print(f"ratio {ratio:.2f} (target <= 1.5), bereken {'<' if m_ours < 2 else '>='} 2 s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
