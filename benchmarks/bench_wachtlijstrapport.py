"""Wachtlijstrapport of 2,000 / 10,000 / 50,000 rows: seconds to a finished PDF and peak RSS.

Store: a copy of the cached 100,000-jeugdigen demo store with ~50,000 waiting (bench_store.demo_store
(100000, wachtlijst=50000); an interim copy in /tmp/jet-bench-shared works too: copy it into
JET_BENCH_CACHE). Each size runs in its own child process (peak RSS = the child's ru_maxrss), which
times `wachtlijstrapport.maak_pdf` end to end (query, figures, audit line, layout, file) on the first
N rows of the wachtlijst (`services.wachtlijst.lees_rijen` cut to N in the child; the totals per
urgentie stay those of the whole list). `--voor DIR` runs the same children on another code tree
(the code before this change: `git archive <commit> jet_desktop resources | tar -x -C DIR`) for the
sizes up to `--voor-max` (the old layout is quadratic: 345 s at 50,000), and prints the ratios.

    JET_BENCH_CACHE=/tmp/jet-bench .venv/bin/python benchmarks/bench_wachtlijstrapport.py \\
        --rijen 2000,10000,50000 --voor /tmp/jet-voor --voor-max 10000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(db: str, rijen: int, out: str) -> None:
    import resource
    from datetime import date
    from itertools import islice

    from jet_desktop.reports import wachtlijstrapport
    from jet_desktop.services import wachtlijst
    from jet_desktop.storage.store import Store

    lees = wachtlijst.lees_rijen
    wachtlijst.lees_rijen = lambda conn, *a, **k: list(islice(lees(conn, *a, **k), rijen))
    store = Store.open_file(Path(db), user="Benchmark")
    ru = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = ru.ru_utime + ru.ru_stime
    t = time.perf_counter()
    r = wachtlijstrapport.maak_pdf(store, out, date.today())
    sec = time.perf_counter() - t
    ru = resource.getrusage(resource.RUSAGE_SELF)
    store.engine.dispose()
    from pypdf import PdfReader

    print(json.dumps({"sec": sec, "cpu": ru.ru_utime + ru.ru_stime - cpu0, "rss_mb": ru.ru_maxrss / 1024,
                      "rows": len(r.rijen), "pages": len(PdfReader(out).pages),
                      "mb": os.path.getsize(out) / 1e6}))


def run_child(code: Path, db: Path, rijen: int, out: Path) -> dict:
    extra = os.environ.get("PYTHONPATH")  # e.g. a folder with the optional rl_accel (reportlab's C helpers)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join([str(code), str(ROOT / "benchmarks"), *([extra] if extra else [])])}
    p = subprocess.run([sys.executable, __file__, "--kind", str(rijen), "--db", str(db), "--out", str(out)],
                       env=env, capture_output=True, text=True, check=True, cwd=code)
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--wachtlijst", type=int, default=50_000)
    ap.add_argument("--rijen", default="2000,10000,50000")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size (median); sizes >= 50,000 run once")
    ap.add_argument("--voor", type=Path, help="code tree of the version before, for a before/after in one run")
    ap.add_argument("--voor-max", type=int, default=10_000)
    ap.add_argument("--kind", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.kind is not None:
        child(args.db, args.kind, args.out)
        return
    from bench_store import demo_store

    source = demo_store(args.jeugdigen, wachtlijst=args.wachtlijst)
    work = Path(tempfile.mkdtemp(prefix="jet-bench-wlr-"))
    try:
        db = work / "store.db"
        shutil.copyfile(source, db)
        os.chmod(db, 0o600)
        try:
            import reportlab.lib.rl_accel as accel  # noqa: F401
            versneld = "with rl_accel (C)" if "built-in" in repr(accel.fp_str) else "pure-Python reportlab helpers"
        except ImportError:  # pragma: no cover
            versneld = "?"
        print(f"store: copy of {source}; {versneld}; load average {open('/proc/loadavg').read().split()[:3]}")
        print(f"{'rows':>7} {'code':>6} {'median s':>9} {'min s':>7} {'CPU s':>6} {'peak RSS MB':>12} {'pages':>6} {'MB':>5}")
        for n in [int(x) for x in args.rijen.split(",")]:
            runs = 1 if n >= 50_000 else args.repeat
            results = {}
            for naam, code in (("voor", args.voor), ("na", ROOT)):
                if code is None or (naam == "voor" and n > args.voor_max):
                    continue
                res = [run_child(code, db, n, work / f"r-{naam}.pdf") for _ in range(runs)]
                sec = statistics.median(r["sec"] for r in res)
                results[naam] = sec
                print(f"{res[0]['rows']:>7} {naam:>6} {sec:>9.2f} {min(r['sec'] for r in res):>7.2f} "
                      f"{statistics.median(r['cpu'] for r in res):>6.2f} "
                      f"{max(r['rss_mb'] for r in res):>12.0f} {res[0]['pages']:>6} {res[0]['mb']:>5.1f}", flush=True)
            if len(results) == 2:
                print(f"{'':>7} ratio voor/na {results['voor'] / results['na']:.1f}x", flush=True)
        print(f"targets: 10,000 rows <= 5 s; 50,000 rows <= 30 s (aim 15) and peak RSS < 300 MB; "
              f"load average {open('/proc/loadavg').read().split()[:3]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
