"""The cost of encryption at rest: the 100,000-jeugdigen demo store opened, the wachtlijst
(count + first page, as the screen asks) and the monitor for one year computed — the same
store encrypted (SQLCipher) against unencrypted, in the same run. The unencrypted store is
measured twice: through the system's SQLite (what an unencrypted store uses) and through
SQLCipher's own SQLite build without a key, which separates the cost of encrypting from the
difference between the two SQLite builds.

Each measurement is a fresh process (a cold start of the store: SQLCipher derives the key
from the wachtwoordzin at every new connection); runs alternate between the two files so
machine noise hits both alike. Medians are reported, and their ratio (aim: <= 1.3).
The OS file cache is warm for both (the first run of each is thrown away).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from bench_store import CACHE, ROOT, demo_store

ZIN = "benchmark wachtwoordzin"

KIND = r"""
import json, sys, time
t0 = time.perf_counter()
from datetime import date
from jet_desktop.paths import sqlite_url
from jet_desktop.reports.monitor import bereken
from jet_desktop.services import wachtlijst
from jet_desktop.storage.store import Store
t1 = time.perf_counter()
if sys.argv[3] == "sqlcipher-lib":  # the plain file through SQLCipher's own SQLite build, no key
    import sqlcipher3
    from sqlalchemy import create_engine, event
    engine = create_engine("sqlite://", creator=lambda: sqlcipher3.connect(sys.argv[1], check_same_thread=False))
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # as storage/engine.make_engine
        for p in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL", "cache_size=-65536"):
            dbapi_conn.execute("PRAGMA " + p)
    store = Store(engine)
else:
    store = Store.open(sqlite_url(sys.argv[1], sys.argv[2] or None))
t2 = time.perf_counter()
n = wachtlijst.tel(store); rows = wachtlijst.pagina(store)
t3 = time.perf_counter()
m = bereken(store, date(2025, 1, 1), date(2025, 12, 31))
t4 = time.perf_counter()
print(json.dumps({"open": t2 - t1, "wachtlijst": t3 - t2, "monitor": t4 - t3, "totaal": t4 - t1, "n": n}))
"""


def meet(pad, zin, soort="") -> dict:
    r = subprocess.run([sys.executable, "-c", KIND, str(pad), zin or "", soort or "-"], capture_output=True, text=True,
                       cwd=ROOT, check=True)
    return json.loads(r.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    plain = demo_store(args.jeugdigen)
    meet(plain, None)  # migrates the cached store to the current schema, once
    enc = CACHE / f"demo-{args.jeugdigen}-versleuteld.db"
    if not enc.exists():
        from jet_desktop.storage.backup import exporteer

        t = time.perf_counter()
        exporteer(plain, None, enc, ZIN)
        print(f"encrypted copy written in {time.perf_counter() - t:.1f} s (sqlcipher_export): {enc}")
    meet(enc, ZIN)
    uit: dict[str, list[dict]] = {"plain": [], "lib": [], "enc": []}
    for _ in range(args.runs):
        uit["plain"].append(meet(plain, None))
        uit["lib"].append(meet(plain, None, "sqlcipher-lib"))
        uit["enc"].append(meet(enc, ZIN))
    print(f"store: {plain.stat().st_size / 1e6:.0f} MB, {uit['plain'][0]['n']:,} on the wachtlijst; "
          f"{args.runs} cold runs each, medians")
    print("A = unencrypted, the system's SQLite (what a plain store uses); B = unencrypted, SQLCipher's own SQLite "
          "build; C = encrypted")
    print(f"{'':12}{'A':>9}{'B':>9}{'C':>9}{'C/A':>7}{'C/B':>7}")
    for k in ("open", "wachtlijst", "monitor", "totaal"):
        a, b, c = (statistics.median(r[k] for r in uit[v]) * 1000 for v in ("plain", "lib", "enc"))
        print(f"{k:12}{a:6.0f} ms{b:6.0f} ms{c:6.0f} ms{c / a:7.2f}{c / b:7.2f}")


if __name__ == "__main__":
    main()
