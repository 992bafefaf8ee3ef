"""A cached demo store for the benchmarks, built with the project's demo generator."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

CACHE = Path(os.environ.get("JET_BENCH_CACHE", "/tmp/jet-bench"))  # plain stores (--onversleuteld): the encryption benchmark makes its own
ROOT = Path(__file__).resolve().parents[1]


def demo_store(jeugdigen: int, fresh: bool = False, wachtlijst: int | None = None) -> Path:
    """The demo store of `jeugdigen` (seed 7, plain), with `wachtlijst` waiting when given (`demo --wachtlijst`)."""
    path = CACHE / (f"demo-{jeugdigen}.db" if wachtlijst is None else f"demo-{jeugdigen}-w{wachtlijst}.db")
    if fresh and path.exists():
        shutil.rmtree(CACHE, ignore_errors=True)
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "jet_desktop", "demo", "--db", str(path), "--jeugdigen", str(jeugdigen),
                        "--seed", "7", "--onversleuteld",
                        *(["--wachtlijst", str(wachtlijst)] if wachtlijst is not None else [])],
                       check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
        print(f"demo store of {jeugdigen} jeugdigen built in {time.perf_counter() - t:.1f} s: {path}")
    return path
