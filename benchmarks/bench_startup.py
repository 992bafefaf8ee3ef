"""Cold start of `jet-desktop --db STORE` against a bare PySide6 QMainWindow, same run.

Each run is a fresh process (offscreen). "shown" quits as soon as the main window is
on screen; "ready" quits once the store is open and the wachtlijst is painted. Runs
alternate between the programs so machine noise hits all of them alike; medians are
reported, and peak RSS (ru_maxrss of the child) for the ready run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_store import ROOT, demo_store


def run(cmd: list[str], env: dict) -> tuple[float, int]:
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    if status != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    return elapsed, usage.ru_maxrss // 1024  # MB


def teamleider(store: Path) -> str:
    """Sign in without the dialog (JET_GEBRUIKER) as the demo team's teamleider."""
    from jet_desktop.paths import sqlite_url
    from jet_desktop.services.medewerkers import demo_aanmeldnamen
    from jet_desktop.storage.store import Store

    s = Store.open(sqlite_url(store))
    naam = next(n.split()[0] for n in demo_aanmeldnamen(s) if "teamleider" in n)
    s.engine.dispose()
    return naam


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--fresh", action="store_true")
    args = ap.parse_args()
    store = demo_store(args.jeugdigen, args.fresh)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JET_GEBRUIKER": teamleider(store)}
    bare = [sys.executable, str(Path(__file__).with_name("bare_qt.py"))]
    app = [sys.executable, "-m", "jet_desktop", "--db", str(store)]
    results: dict[str, list[float]] = {"bare": [], "shown": [], "ready": []}
    rss = []
    run(bare, env)  # warm the OS file cache for all programs
    run(app, {**env, "JET_QUIT_AFTER": "ready"})
    for _ in range(args.runs):
        results["bare"].append(run(bare, env)[0])
        results["shown"].append(run(app, {**env, "JET_QUIT_AFTER": "shown"})[0])
        t, mb = run(app, {**env, "JET_QUIT_AFTER": "ready"})
        results["ready"].append(t)
        rss.append(mb)
    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"store: {store} ({store.stat().st_size / 1e6:.0f} MB), {args.runs} runs each, medians")
    print(f"bare PySide6 QMainWindow shown : {med['bare'] * 1000:7.0f} ms")
    print(f"jet-desktop main window shown  : {med['shown'] * 1000:7.0f} ms   ratio {med['shown'] / med['bare']:.2f}")
    print(f"jet-desktop wachtlijst painted : {med['ready'] * 1000:7.0f} ms   ratio {med['ready'] / med['bare']:.2f}")
    print(f"peak RSS with the wachtlijst open: {max(rss)} MB")


if __name__ == "__main__":
    main()
