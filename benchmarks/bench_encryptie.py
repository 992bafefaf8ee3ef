"""The cost of encryption at rest, like with like: the 100,000-jeugdigen demo store opened, the
wachtlijst (count + first page, as the screen asks) and the monitor for one year computed.

Every file compared is written the same way from the cached demo store: `sqlcipher_export` into a
new file (what `storage/backup.exporteer` does to encrypt a store), so all have the same
compaction and layout; only the page size and the key differ.

    P16  unencrypted, 16 KB pages        P4   unencrypted, 4 KB pages
    E16  encrypted, 16 KB pages (what `paths.CIPHER_PAGE_SIZE` gives every encrypted store)
    E4   encrypted, 4 KB pages (SQLCipher's default; the page-size effect)

Measured through:
    A    the system's SQLite (stdlib sqlite3: what an unencrypted store uses)
    B    the SQLCipher driver's own SQLite build without a key (separates the two builds)
    C    the SQLCipher driver with the key

The target (issue 11): C/E16 ÷ A/P16 <= 1.15 on the total. The page-size effect is reported
separately (C/E4 ÷ C/E16). `--driver LABEL=PYTHON[:PYTHONPATH]` measures another driver in the same
run (e.g. the old `sqlcipher3-binary` in an older venv) on the same files; the default driver is the
one installed beside this interpreter. The bulk-inserted demo store itself (4 KB pages, not compacted:
what the old benchmark compared against) is measured too, as a reference.

Each measurement is a fresh process (a cold start of the store: SQLCipher derives the key from the
wachtwoordzin at every new connection); runs alternate between all variants so machine noise hits
each alike. Medians are reported. The OS file cache is warm for all (a first run of each is thrown away).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

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
t1 = time.perf_counter(); c1 = time.process_time()
pad, zin, soort, paginagrootte = sys.argv[1], sys.argv[2] or None, sys.argv[3], int(sys.argv[4])
if soort == "lib":  # the plain file through the SQLCipher driver's own SQLite build, no key
    import sqlcipher3
    from sqlalchemy import create_engine, event
    engine = create_engine("sqlite://", creator=lambda: sqlcipher3.connect(pad, check_same_thread=False))
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # as storage/engine.make_engine
        for p in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL", "cache_size=-65536"):
            dbapi_conn.execute("PRAGMA " + p)
    store = Store(engine)
elif zin and paginagrootte != 16384:  # an encrypted file with another page size than paths.CIPHER_PAGE_SIZE
    url = sqlite_url(pad, zin).replace("cipher_page_size=16384", f"cipher_page_size={paginagrootte}")
    store = Store.open(url)
else:
    store = Store.open(sqlite_url(pad, zin))
t2 = time.perf_counter()
n = wachtlijst.tel(store); rows = wachtlijst.pagina(store)
t3 = time.perf_counter()
m = bereken(store, date(2025, 1, 1), date(2025, 12, 31))
t4 = time.perf_counter(); c4 = time.process_time()
with store.engine.connect() as conn:
    ps = conn.exec_driver_sql("PRAGMA page_size").scalar()
mod = sys.modules.get("sqlcipher3")
versie = None
if mod is not None:
    c = mod.connect(":memory:"); versie = c.execute("PRAGMA cipher_version").fetchone()[0] + " / SQLite " + \
        c.execute("SELECT sqlite_version()").fetchone()[0]; c.close()
print(json.dumps({"open": t2 - t1, "wachtlijst": t3 - t2, "monitor": t4 - t3, "totaal": t4 - t1, "cpu": c4 - c1, "n": n,
                  "page_size": ps, "driver": versie}))
"""


def meet(python: str, pythonpath: str | None, pad: Path, zin: str | None, soort: str, paginagrootte: int) -> dict:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    else:
        env.pop("PYTHONPATH", None)
    r = subprocess.run([python, "-c", KIND, str(pad), zin or "", soort, str(paginagrootte)], capture_output=True,
                       text=True, cwd=ROOT, env=env)
    if r.returncode:
        raise SystemExit(f"{python} {soort} {pad.name}: {r.stderr[-2000:]}")
    return json.loads(r.stdout)


def kopie(bron: Path, doel: Path, zin: str | None, paginagrootte: int) -> Path:
    """`bron` written into the new file `doel` by sqlcipher_export (plain with `zin` None), page size given."""
    import sqlcipher3

    def versie(pad: Path, sleutel: str | None) -> str | None:
        c = sqlcipher3.connect(str(pad))
        try:
            if sleutel:
                c.execute(f"PRAGMA key = '{sleutel}'")
                c.execute(f"PRAGMA cipher_page_size = {paginagrootte}")
            return c.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            c.close()

    if doel.exists() and versie(doel, zin) == versie(bron, None):  # else: the schema moved on, write it again
        return doel
    t = time.perf_counter()
    tijdelijk = doel.with_name(doel.name + ".bezig")
    tijdelijk.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(bron))
    try:
        naam = str(tijdelijk).replace("'", "''")
        conn.execute(f"ATTACH DATABASE '{naam}' AS doel KEY '{(zin or '').replace(chr(39), chr(39) * 2)}'")
        conn.execute(f"PRAGMA doel.{'cipher_page_size' if zin else 'page_size'} = {paginagrootte}")
        conn.execute("SELECT sqlcipher_export('doel')").fetchall()
        conn.execute("DETACH DATABASE doel")
    finally:
        conn.close()
    os.replace(tijdelijk, doel)
    print(f"  {doel.name}: written in {time.perf_counter() - t:.1f} s (sqlcipher_export), "
          f"{doel.stat().st_size / 1e6:.0f} MB", flush=True)
    return doel


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--driver", action="append", default=[], metavar="LABEL=PYTHON[:PYTHONPATH]",
                    help="another SQLCipher driver measured on the same encrypted files (e.g. "
                         "oud=/work/main/.venv/bin/python for sqlcipher3-binary)")
    args = ap.parse_args()
    bron = demo_store(args.jeugdigen)
    meet(sys.executable, None, bron, None, "-", 4096)  # migrates the cached store to the current schema, once
    print(f"load average at the start: {Path('/proc/loadavg').read_text().strip()}")
    n = args.jeugdigen
    p16 = kopie(bron, CACHE / f"demo-{n}-export-p16.db", None, 16384)
    p4 = kopie(bron, CACHE / f"demo-{n}-export-p4.db", None, 4096)
    e16 = kopie(bron, CACHE / f"demo-{n}-export-e16.db", ZIN, 16384)
    e4 = kopie(bron, CACHE / f"demo-{n}-export-e4.db", ZIN, 4096)

    drivers = [("nieuw", sys.executable, None)]
    for d in args.driver:
        label, _, rest = d.partition("=")
        python, _, pad = rest.partition(":")
        drivers.append((label, python, pad or None))
    # (name, python, pythonpath, file, key, kind, page size)
    varianten = [
        ("A P16", sys.executable, None, p16, None, "-", 16384),
        ("A P4", sys.executable, None, p4, None, "-", 4096),
        ("A demo", sys.executable, None, bron, None, "-", 4096),
    ]
    for label, python, pad in drivers:
        varianten += [
            (f"B P16 {label}", python, pad, p16, None, "lib", 16384),
            (f"C E16 {label}", python, pad, e16, ZIN, "-", 16384),
            (f"C E4 {label}", python, pad, e4, ZIN, "-", 4096),
        ]
    info = {}
    for v in varianten:  # warm the file cache; the first run is thrown away
        info[v[0]] = meet(*v[1:])
    uit: dict[str, list[dict]] = {v[0]: [] for v in varianten}
    for _ in range(args.runs):
        for v in varianten:
            uit[v[0]].append(meet(*v[1:]))

    print(f"\nstore: {n:,} jeugdigen, {info['A P16']['n']:,} on the wachtlijst; {args.runs} cold runs each "
          f"(fresh process), medians; load average now: {Path('/proc/loadavg').read_text().strip()}")
    for label, python, pad in drivers:
        print(f"  driver {label}: {info[f'C E16 {label}']['driver']} ({python}{' PYTHONPATH=' + pad if pad else ''})")
    for naam, pad_ in (("P16", p16), ("P4", p4), ("E16", e16), ("E4", e4), ("demo", bron)):
        print(f"  {naam:5} {pad_.name}: {pad_.stat().st_size / 1e6:.0f} MB")
    med = {k: {m: statistics.median(r[m] for r in rs) * 1000 for m in ("open", "wachtlijst", "monitor", "totaal", "cpu")}
           for k, rs in uit.items()}
    print(f"\n{'variant':16}{'page':>7}{'open':>9}{'wachtl.':>9}{'monitor':>9}{'totaal':>9}{'cpu':>9}   ms (medians; "
          "cpu: the process's CPU time over the same span, less sensitive to a busy machine)")
    for v in varianten:
        m = med[v[0]]
        print(f"{v[0]:16}{info[v[0]]['page_size']:>7}{m['open']:9.0f}{m['wachtlijst']:9.0f}{m['monitor']:9.0f}"
              f"{m['totaal']:9.0f}{m['cpu']:9.0f}")

    def ratio(a: str, b: str) -> str:
        return "  ".join(f"{k} {med[a][k] / med[b][k]:.2f}" for k in ("open", "wachtlijst", "monitor", "totaal", "cpu"))

    print("\nratios (totaal is the target's figure)")
    for label, _, _ in drivers:
        print(f"  [{label}] encrypted ÷ plain, system SQLite, same page size (C E16 ÷ A P16; target <= 1.15): "
              f"{ratio(f'C E16 {label}', 'A P16')}")
        print(f"  [{label}] encryption alone, same build (C E16 ÷ B P16):                    "
              f"{ratio(f'C E16 {label}', f'B P16 {label}')}")
        print(f"  [{label}] the driver's SQLite build unencrypted ÷ system (B P16 ÷ A P16):    "
              f"{ratio(f'B P16 {label}', 'A P16')}")
        print(f"  [{label}] page size, encrypted: 4 KB ÷ 16 KB (C E4 ÷ C E16):                  "
              f"{ratio(f'C E4 {label}', f'C E16 {label}')}")
        print(f"  [{label}] as the old benchmark compared: E16 ÷ the bulk-inserted demo (A demo): "
              f"{ratio(f'C E16 {label}', 'A demo')}")
    print(f"  page size, plain: 4 KB ÷ 16 KB, system SQLite (A P4 ÷ A P16):                  {ratio('A P4', 'A P16')}")
    print(f"  compaction, plain 4 KB: bulk-inserted demo ÷ exported (A demo ÷ A P4):        {ratio('A demo', 'A P4')}")
    if len(drivers) > 1:
        for label, _, _ in drivers[1:]:
            print(f"  driver nieuw ÷ {label}, encrypted E16:                                      "
                  f"{ratio('C E16 nieuw', f'C E16 {label}')}")


if __name__ == "__main__":
    main()
