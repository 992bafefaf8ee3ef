"""Import of a registration file of the toegangsvormen (target: 100,000 rows in <= 10 s on SQLite).

1. writes a CSV of N trajecten with the demo generator (`jet_desktop.demo.toegang`);
2. imports it into a fresh SQLite store: seconds, split into reading+checking and saving;
3. re-imports a later export of the same register in which every traject changed (one more
   gesprek): all N rows are updates;
4. imports the first file again: recognised by its sha256, nothing written.

    .venv/bin/python benchmarks/bench_import.py [--rijen 100000] [--url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import CACHE  # noqa: E402

from jet_desktop.demo.toegang import schrijf_toegang_bestand  # noqa: E402
from jet_desktop.paths import sqlite_url  # noqa: E402
from jet_desktop.services.toegang_import import importeer  # noqa: E402
from jet_desktop.storage.store import Store  # noqa: E402

WORK = CACHE / "import"
DOEL_SECONDEN = 10.0


def later_export(bron: Path, doel: Path) -> None:
    """The same trajecten, each with one gesprek more (so every row is an update)."""
    with bron.open(encoding="utf-8-sig", newline="") as f, doel.open("w", encoding="utf-8-sig", newline="") as g:
        r, w = csv.reader(f, delimiter=";"), csv.writer(g, delimiter=";")
        w.writerow(next(r))
        w.writerows([*row[:4], int(row[4]) + 1, row[5]] for row in r)


def timed_import(store: Store, path: Path) -> tuple[float, float, object]:
    """(total seconds, seconds until saving started, result)."""
    marks = {}

    def progress(done: int, total: int) -> None:
        marks.setdefault("opslaan", time.perf_counter())

    t = time.perf_counter()
    result = importeer(store, path, progress=progress)
    end = time.perf_counter()
    return end - t, marks.get("opslaan", end) - t, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rijen", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--url", help="a (fresh, empty) database instead of a new SQLite file")
    args = ap.parse_args()

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    eerste, tweede = WORK / "toegang.csv", WORK / "toegang-later.csv"
    t = time.perf_counter()
    schrijf_toegang_bestand(eerste, args.rijen, seed=args.seed, van=date(2023, 1, 1), tot=date(2025, 12, 31))
    print(f"demo file of {args.rijen:,} rows written in {time.perf_counter() - t:.1f} s "
          f"({eerste.stat().st_size / 1e6:.1f} MB)")
    later_export(eerste, tweede)

    url = args.url or sqlite_url(WORK / "jet.db")
    store = Store.open(url, user="bench")
    try:
        total, lezen, r = timed_import(store, eerste)
        print(f"import (new):       {total:6.2f} s  (reading+checking {lezen:.2f} s, saving {total - lezen:.2f} s)"
              f"  {r.samenvatting}")
        ok = total <= DOEL_SECONDEN
        total2, lezen2, r2 = timed_import(store, tweede)
        print(f"re-import (update): {total2:6.2f} s  (reading+checking {lezen2:.2f} s, saving {total2 - lezen2:.2f} s)"
              f"  {r2.samenvatting}")
        t = time.perf_counter()
        r3 = importeer(store, eerste)
        print(f"same file again:    {time.perf_counter() - t:6.2f} s  {r3.samenvatting}")
    finally:
        store.engine.dispose()
    print(f"target <= {DOEL_SECONDEN:.0f} s for the new import: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
