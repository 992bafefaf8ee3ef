"""How the everyday operations grow with the store: 10,000 → 100,000 → 300,000 jeugdigen (the growth table
of docs/performance.md).

For each size the demo store (bench_store.demo_store: seed 7, plain, cached) is measured in a fresh process
of its own, signed in as the demo team's teamleider through the services (the same calls the screens
make): medians of `--repeat` runs, in ms unless the row says s. The last columns are the growth factors
(×) from the smallest to each size, against the growth of the data (aanmeldingen).

    .venv/bin/python benchmarks/groei.py                      # 10000 100000 300000
    .venv/bin/python benchmarks/groei.py --sizes 2000 10000   # a quick look
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from bench_store import ROOT, demo_store

ROWS = [
    ("aanmeldingen", "aanmeldingen", "{:,.0f}"),
    ("wachtend", "op de wachtlijst", "{:,.0f}"),
    ("actief", "dossiers actief", "{:,.0f}"),
    ("consulenten", "jeugdconsulenten", "{:,.0f}"),
    ("mb", "store file (MB)", "{:,.0f}"),
    ("bouw_s", "demo generated (s)", "{:,.1f}"),
    ("openen", "store opened", "{:,.1f}"),
    ("wl_eerste", "wachtlijst: view + first page", "{:,.1f}"),
    ("wl_filter", "wachtlijst: filter 'jan' + first page", "{:,.1f}"),
    ("wl_sort", "wachtlijst: sorted on naam + first page", "{:,.1f}"),
    ("wl_midden", "wachtlijst: a page in the middle", "{:,.1f}"),
    ("zoeken", "search 'de vries' (count + first page)", "{:,.1f}"),
    ("caseload", "caseload overview collected", "{:,.1f}"),
    ("monitor", "monitor toegang, last year", "{:,.1f}"),
    ("reeks", "chart: wachtlijst per week, last year", "{:,.1f}"),
    ("matched", "matched care, last year", "{:,.1f}"),
    ("wlr_s", "wachtlijstrapport PDF (s)", "{:,.2f}"),
    ("rss", "peak RSS of the process (MB)", "{:,.0f}"),
]


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def measure(path: Path, repeat: int) -> dict:
    """One size, in this process: the figures of ROWS (but bouw_s)."""
    sys.path.insert(0, str(ROOT))
    from dataclasses import replace

    from sqlalchemy import func, select

    from jet_desktop.domain.enums import Rol
    from jet_desktop.reports import caseloadoverzicht, matched_care, monitor, monitor_reeksen, wachtlijstrapport
    from jet_desktop.services import wachtlijst, zoeken
    from jet_desktop.storage.models import Aanmelding, Dossier, Medewerker
    from jet_desktop.storage.store import Store

    A, D, M = Aanmelding.__table__, Dossier.__table__, Medewerker.__table__
    t = time.perf_counter()
    systeem = Store.open_file(path)
    with systeem.engine.connect() as conn:
        conn.exec_driver_sql("SELECT count(*) FROM aanmelding").scalar_one()
    openen = (time.perf_counter() - t) * 1000
    with systeem.engine.connect() as conn:
        tl = conn.execute(select(M.c.id, M.c.naam).where(M.c.rol == Rol.TEAMLEIDER.value).limit(1)).one()
        aanmeldingen = conn.execute(select(func.count()).select_from(A)).scalar_one()
        actief = conn.execute(select(func.count()).select_from(D).where(D.c.afgesloten_op.is_(None))).scalar_one()
        consulenten = conn.execute(select(func.count()).select_from(M)
                                   .where(M.c.rol == Rol.CONSULENT.value, M.c.actief.is_(True))).scalar_one()
    store = replace(systeem, user=tl.naam, user_id=tl.id, rol=Rol.TEAMLEIDER)
    vandaag = date.today()
    van, tot = date(vandaag.year - 1, 1, 1), date(vandaag.year - 1, 12, 31)
    f = {"aanmeldingen": aanmeldingen, "actief": actief, "consulenten": consulenten,
         "mb": path.stat().st_size / 2**20, "openen": openen, "wachtend": wachtlijst.tel(store)}

    def midden():
        v = wachtlijst.bekijk(store)
        v.pagina(v.aantal // 2, 200)

    f["wl_eerste"] = median_ms(lambda: wachtlijst.bekijk(store).pagina(0, 200), repeat)
    f["wl_filter"] = median_ms(lambda: wachtlijst.bekijk(store, "jan").pagina(0, 200), repeat)
    f["wl_sort"] = median_ms(lambda: wachtlijst.bekijk(store, "", "naam").pagina(0, 200), repeat)
    f["wl_midden"] = median_ms(midden, repeat)
    f["zoeken"] = median_ms(lambda: zoeken.zoek_eerste(store, "de vries"), repeat)
    f["caseload"] = median_ms(lambda: caseloadoverzicht.verzamel(store, vandaag), repeat)
    f["monitor"] = median_ms(lambda: monitor.bereken(store, van, tot), repeat)
    f["reeks"] = median_ms(lambda: monitor_reeksen.wachtlijst_per_week(store, van, tot), repeat)
    f["matched"] = median_ms(lambda: matched_care.bereken(store, van, tot), repeat)
    f["wlr_s"] = median_ms(lambda: wachtlijstrapport.maak_pdf(store, io.BytesIO(), vandaag), max(1, repeat // 2)) / 1000
    f["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 300_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--een", type=Path, help=argparse.SUPPRESS)  # internal: measure one store, print JSON
    args = ap.parse_args()
    if args.een:
        print(json.dumps(measure(args.een, args.repeat)))
        return
    results = {}
    for n in args.sizes:
        t = time.perf_counter()
        path = demo_store(n)
        bouw = time.perf_counter() - t
        out = subprocess.run([sys.executable, __file__, "--een", str(path), "--repeat", str(args.repeat)],
                             check=True, capture_output=True, text=True, env=os.environ.copy()).stdout
        results[n] = json.loads(out.strip().splitlines()[-1])
        results[n]["bouw_s"] = bouw if bouw > 1 else float("nan")  # nan: the store was cached, not built now
        print(f"{n:,} jeugdigen measured", file=sys.stderr)
    eerste = args.sizes[0]
    kop = " | ".join(f"{n:,} jeugdigen" for n in args.sizes)
    groei = " | ".join(f"× {eerste:,}→{n:,}" for n in args.sizes[1:])
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(f"| what | {kop} | {groei} |")
    print("|---|" + "---|" * (2 * len(args.sizes) - 1))
    for key, label, fmt in ROWS:
        cells = [fmt.format(results[n][key]) for n in args.sizes]
        factors = [f"{results[n][key] / results[eerste][key]:.1f}" if results[eerste][key] else "—"
                   for n in args.sizes[1:]]
        print(f"| {label} | {' | '.join(cells)} | {' | '.join(factors)} |")


if __name__ == "__main__":
    main()
