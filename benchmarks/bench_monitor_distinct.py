"""The monitor's distinct-youth counts over the imported trajects: seven COUNT(DISTINCT) against
a two-level aggregate (per client flags, then SUM per toegangsvorm), on SQLite.

    .venv/bin/python benchmarks/bench_monitor_distinct.py DB [--van 2025-01-01] [--tot 2025-12-31] [--repeat 3]

DB is a prepared bench_monitor store (e.g. $JET_BENCH_CACHE/monitor-300000-3000000.db), a COPY
of your own: the script creates the candidate covering index ix_toegangtraject_client
(toegangsvorm, client_id, einddatum, startdatum, gesprekken, uitkomst) on it if it is missing
(and ANALYZEs), then only reads. Only the imported trajects (toegangtraject) are aggregated,
i.e. the part of bereken() that dominates at 3,000,000 trajects. Variants, interleaved, medians of
CPU (time.process_time) and wall, every result asserted equal to the first:
- distinct_ranges: bereken()'s shape before the two-level aggregate: the two ranges of ix_toegangtraject_periode, COUNT(DISTINCT ...);
- twolevel_scan:   inner GROUP BY toegangsvorm, client_id streamed from ix_toegangtraject_client
                   (no sort: the whole index is read), outer GROUP BY toegangsvorm (a small sort):
                   what bereken() does for periods of monitor.LANGE_PERIODE days or more;
- twolevel_ranges: the same two-level aggregate fed by the two period ranges (sorted): bereken()
                   for shorter periods;
- pervorm:         twolevel_scan split into one index range per toegangsvorm (no sort at all);
- inner_only:      the streamed inner aggregate alone (the floor of the scan variants).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time

VORMEN = ("amaryllis", "jeugdondersteuner", "poh_jeugd", "jeugdexpertteam")
INDEX = ("CREATE INDEX IF NOT EXISTS ix_toegangtraject_client ON toegangtraject "
         "(toegangsvorm, client_id, einddatum, startdatum, gesprekken, uitkomst)")


def queries(van: str, tot: str) -> dict[str, str]:
    afg = f"einddatum <= '{tot}'"

    def flags(src: str) -> str:
        def vlag(uitkomst: str) -> str:
            return f"MAX(CASE WHEN {afg} AND uitkomst = '{uitkomst}' THEN 1 ELSE 0 END)"
        return f"""SELECT toegangsvorm, client_id, {vlag('zelf_geholpen')} f_zelf, {vlag('voorliggend_veld')} f_vv,
          {vlag('specialistische_jeugdhulp')} f_spec, {vlag('via_jeugdexpertteam')} f_via, {vlag('gestopt')} f_gestopt,
          MAX(CASE WHEN einddatum IS NULL OR einddatum > '{tot}' THEN 1 ELSE 0 END) f_lopend,
          COUNT(CASE WHEN {afg} THEN 1 END) afg, SUM(CASE WHEN {afg} THEN gesprekken ELSE 0 END) gespr
          FROM {src} GROUP BY toegangsvorm, client_id"""

    out = ("SELECT toegangsvorm, SUM(afg), COUNT(*), SUM(f_zelf), SUM(f_vv), SUM(f_spec), SUM(f_via), "
           "SUM(f_gestopt), SUM(f_lopend), SUM(gespr) FROM ({}) GROUP BY toegangsvorm")
    periode = f"(einddatum >= '{van}' OR einddatum IS NULL) AND startdatum <= '{tot}'"
    scan = f"(SELECT * FROM toegangtraject INDEXED BY ix_toegangtraject_client WHERE {periode})"
    kol = "toegangsvorm, client_id, einddatum, startdatum, gesprekken, uitkomst"
    ranges = (f"(SELECT {kol} FROM toegangtraject WHERE einddatum >= '{van}' AND startdatum <= '{tot}' UNION ALL "
              f"SELECT {kol} FROM toegangtraject WHERE einddatum IS NULL AND startdatum <= '{tot}')")

    def distinct(src: str) -> str:
        def j(cond: str) -> str:
            return f"COUNT(DISTINCT CASE WHEN {cond} THEN client_id END)"
        return (f"SELECT toegangsvorm, COUNT(CASE WHEN {afg} THEN 1 END), COUNT(DISTINCT client_id), "
                f"{j(afg + ' AND uitkomst = ' + repr('zelf_geholpen'))}, {j(afg + ' AND uitkomst = ' + repr('voorliggend_veld'))}, "
                f"{j(afg + ' AND uitkomst = ' + repr('specialistische_jeugdhulp'))}, "
                f"{j(afg + ' AND uitkomst = ' + repr('via_jeugdexpertteam'))}, {j(afg + ' AND uitkomst = ' + repr('gestopt'))}, "
                f"{j('einddatum IS NULL OR einddatum > ' + repr(tot))}, SUM(CASE WHEN {afg} THEN gesprekken ELSE 0 END) "
                f"FROM {src} t GROUP BY toegangsvorm")

    def per_vorm(v: str) -> str:
        src = f"(SELECT * FROM toegangtraject INDEXED BY ix_toegangtraject_client WHERE toegangsvorm = '{v}' AND {periode})"
        return out.replace(" GROUP BY toegangsvorm", " HAVING COUNT(*) > 0").format(flags(src))

    return {
        "distinct_ranges": distinct(ranges),
        "twolevel_scan": out.format(flags(scan)),
        "twolevel_ranges": out.format(flags(ranges)),
        "pervorm": " UNION ALL ".join(per_vorm(v) for v in VORMEN),
        "inner_only": f"SELECT COUNT(*), SUM(f_zelf) FROM ({flags(scan)})",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--van", default="2025-01-01")
    ap.add_argument("--tot", default="2025-12-31")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    con = sqlite3.connect(a.db)
    if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'ix_toegangtraject_client'").fetchone():
        print("creating ix_toegangtraject_client on", a.db)
        con.execute(INDEX)
        con.execute("ANALYZE toegangtraject")
        con.commit()
    n = con.execute("SELECT COUNT(*) FROM toegangtraject").fetchone()[0]
    with open("/proc/loadavg") as f:
        print(f"{n:,} imported trajects; period {a.van} .. {a.tot}; SQLite {sqlite3.sqlite_version}; load {f.read().split()[:3]}")
    qs = queries(a.van, a.tot)
    for k, q in qs.items():
        plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + q)]
        print(f"  {k}: {sum('TEMP B-TREE' in p for p in plan)} temp b-trees; {'; '.join(p for p in plan if 'INDEX' in p)}")
    res: dict[str, list] = {}
    tijden: dict[str, list] = {k: [] for k in qs}
    for _ in range(a.repeat):
        for k, q in qs.items():
            c0, w0 = time.process_time(), time.perf_counter()
            res[k] = sorted(con.execute(q).fetchall())
            tijden[k].append((time.process_time() - c0, time.perf_counter() - w0))
    basis = res["distinct_ranges"]
    cpu0 = statistics.median(t[0] for t in tijden["distinct_ranges"])
    for k in qs:
        cpu = statistics.median(t[0] for t in tijden[k])
        wall = statistics.median(t[1] for t in tijden[k])
        if k != "inner_only":
            assert res[k] == basis, (k, res[k], basis)
        print(f"{k:16} CPU {cpu * 1000:7.0f} ms  wall {wall * 1000:7.0f} ms  CPU ratio to distinct_ranges {cpu / cpu0:.2f}")


if __name__ == "__main__":
    main()
