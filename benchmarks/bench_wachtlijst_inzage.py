"""The cost of the wachtlijst's audit line (NEN 7513: one line per view): a page fetch while scrolling,
opening a view, a filtered view, before and after; figures in docs/performance.md and docs/audit.md.

    .venv/bin/python benchmarks/bench_wachtlijst_inzage.py [--jeugdigen 50000]

Works on a copy of the cached demo store (the lines it writes do not stay)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench_store import demo_store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=50_000)
    ap.add_argument("--keer", type=int, default=200)
    args = ap.parse_args()

    from jet_desktop.domain.enums import Rol
    from jet_desktop.services import medewerkers, wachtlijst
    from jet_desktop.storage.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        kopie = Path(tmp) / "kopie.db"
        shutil.copy(demo_store(args.jeugdigen), kopie)
        store = Store.open_file(kopie)
        leider = next(m for m in medewerkers.alle(store) if m.rol is Rol.TEAMLEIDER)
        store = replace(store, user=leider.naam, user_id=leider.id, rol=Rol.TEAMLEIDER)
        totaal = wachtlijst.tel(store)
        pages = max(totaal // 200, 1)
        view = wachtlijst.bekijk(store)

        def oude_pagina(offset):  # what wachtlijst.pagina did before the audit line: the same query
            with store.engine.connect() as conn:
                return wachtlijst.lees_rijen(conn, "", None, False, offset, 200)

        fns = {"page fetch, no audit line (as before)": lambda i: oude_pagina((i % pages) * 200),
               "page fetch while scrolling a view (now)": lambda i: view.pagina((i % pages) * 200),
               "model refresh before: tel": lambda i: wachtlijst.tel(store),
               "model refresh now: bekijk (+ 1 audit line)": lambda i: wachtlijst.bekijk(store),
               "filtered before: tel 'jan'": lambda i: wachtlijst.tel(store, "jan"),
               "filtered now: bekijk 'jan' (rows named)": lambda i: wachtlijst.bekijk(store, "jan")}
        t: dict[str, list[float]] = {k: [] for k in fns}
        for i in range(args.keer):  # interleaved, so that a busy machine slows all alike
            for k, f in fns.items():
                s = time.perf_counter()
                f(i)
                t[k].append((time.perf_counter() - s) * 1000)
        print(f"wachtlijst rows: {totaal}; filtered 'jan': {wachtlijst.tel(store, 'jan')}")
        for k, v in t.items():
            print(f"{k:45s} median {statistics.median(v):6.2f} ms  p90 {statistics.quantiles(v, n=10)[-1]:6.2f} ms")
        store.engine.dispose()


if __name__ == "__main__":
    main()
