"""Timestamps of the start's phases, for benchmarks/bench_startup.py; nothing happens without JET_STARTTIJDEN.

With JET_STARTTIJDEN=FILE each `merk(fase)` appends a line "fase wall-clock-seconds" to FILE; the benchmark
subtracts the moment it started the process. Standard library only (os, time): it is imported first.
"""

from __future__ import annotations

import os
import time

_PAD = os.environ.get("JET_STARTTIJDEN", "")


def merk(fase: str) -> None:
    if _PAD:
        with open(_PAD, "a", encoding="utf-8") as f:
            f.write(f"{fase} {time.time():.6f}\n")
