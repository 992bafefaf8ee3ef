"""The frozen build (build_installer.py) against the venv: size, and the start to the window shown.

    .venv/bin/python build_installer.py --uitvoer /tmp/jb/dist --werkmap /tmp/jb/werk
    .venv/bin/python build_installer.py --ongetrimd --uitvoer /tmp/jb-ongetrimd/dist --werkmap /tmp/jb-ongetrimd/werk
    JET_BENCH_CACHE=/tmp/jet-bench .venv/bin/python benchmarks/bench_frozen.py --dist /tmp/jb/dist \
        [--ongetrimd /tmp/jb-ongetrimd/dist] [--runs 11] [--jeugdigen 10000] [--koude-cache]

Sizes: the one folder (dist/jet-desktop), the .tar.gz and the .deb beside it; with --ongetrimd the same of a
build without the spec's trimming. Start: every run a fresh process (offscreen), in rounds that alternate the
bare PySide6 window (bare_qt.py), the venv's `python -m jet_desktop` and the frozen `jet-desktop`, both signed
in as the demo team's teamleider (JET_GEBRUIKER, as bench_startup.py), until the window is shown and until
the wachtlijst is painted. Reported: medians and the paired ratio frozen ÷ venv of the same round.
--koude-cache empties the OS page cache before every run (root; `echo 3 > /proc/sys/vm/drop_caches`): the
first start after a reboot, when the program's files come from the disk.
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
import tempfile
from pathlib import Path

from bench_startup import BARE, med, run, teamleider
from bench_store import ROOT, demo_store


def grootte(pad: Path) -> int:
    if pad.is_file():
        return pad.stat().st_size
    return sum(f.stat().st_size for f in pad.rglob("*") if f.is_file() and not f.is_symlink())


def maten(dist: Path) -> dict[str, int]:
    uit = {"folder": grootte(dist / "jet-desktop")}
    for p in sorted(dist.glob("jet-desktop*.tar.gz")) + sorted(dist.glob("jet-desktop*.deb")):
        uit[p.suffix.lstrip(".") if p.suffix == ".deb" else "tar.gz"] = grootte(p)
    return uit


def leeg_cache() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dist", type=Path, required=True, help="build_installer.py's --uitvoer")
    ap.add_argument("--ongetrimd", type=Path, help="the --uitvoer of a build with --ongetrimd")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--jeugdigen", type=int, default=10_000)
    ap.add_argument("--koude-cache", action="store_true")
    args = ap.parse_args()

    print("size (MB)")
    getrimd = maten(args.dist)
    ongetrimd = maten(args.ongetrimd) if args.ongetrimd else {}
    for soort, n in getrimd.items():
        voor = ongetrimd.get(soort)
        print(f"  {soort:8s} trimmed {n / 1e6:6.0f}" + (f"   untrimmed {voor / 1e6:6.0f}   ratio {n / voor:.2f}"
                                                        if voor else ""))

    store = demo_store(args.jeugdigen)
    naam = teamleider(store)
    thuis = Path(tempfile.mkdtemp(prefix="jet-bench-frozen-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("JET_") and k != "PYTHONPATH"}
    env.update(QT_QPA_PLATFORM="offscreen", JET_GEBRUIKER=naam, HOME=str(thuis), XDG_CONFIG_HOME=str(thuis / ".config"),
               XDG_DATA_HOME=str(thuis / ".local/share"), XDG_CACHE_HOME=str(thuis / ".cache"),
               JET_DATA_DIR=str(thuis / "data"))
    compileall.compile_dir(ROOT / "jet_desktop", quiet=1)  # as an install has it
    bevroren = args.dist / "jet-desktop" / "jet-desktop"
    programmas = {"bare": [sys.executable, str(BARE)]}
    for wat in ("shown", "ready"):
        programmas[f"venv {wat}"] = [sys.executable, "-m", "jet_desktop", "--db", str(store)]
        programmas[f"frozen {wat}"] = [str(bevroren), "--db", str(store)]

    def eenmaal(k: str) -> dict:
        if args.koude_cache:
            leeg_cache()
        extra = {"JET_QUIT_AFTER": k.split()[-1]} if k != "bare" else {}
        return run(programmas[k], {**env, **extra}, thuis)

    for k in programmas:  # warm (unless every run empties the cache anyway)
        eenmaal(k)
    uit: dict[str, list[dict]] = {k: [] for k in programmas}
    for _ in range(args.runs):
        for k in programmas:
            uit[k].append(eenmaal(k))
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"\nstart, {args.runs} rounds, {'page cache emptied before every run' if args.koude_cache else 'warm page cache'}"
          f", store {store.name}, load {' '.join(load)}")
    bare = [r["wall"] for r in uit["bare"]]
    print(f"  {'bare PySide6 window shown':28s} {med(bare) * 1000:7.0f} ms")
    for wat in ("shown", "ready"):
        venv = [r["wall"] for r in uit[f"venv {wat}"]]
        frozen = [r["wall"] for r in uit[f"frozen {wat}"]]
        paar = med([f / v for f, v in zip(frozen, venv)])
        print(f"  {'venv ' + wat:28s} {med(venv) * 1000:7.0f} ms   ÷ bare {med([v / b for v, b in zip(venv, bare)]):.2f}")
        print(f"  {'frozen ' + wat:28s} {med(frozen) * 1000:7.0f} ms   ÷ bare {med([f / b for f, b in zip(frozen, bare)]):.2f}"
              f"   frozen ÷ venv (paired) {paar:.2f}   peak RSS {max(r['rss'] for r in uit[f'frozen {wat}'])} MB"
              f" (venv {max(r['rss'] for r in uit[f'venv {wat}'])} MB)")


if __name__ == "__main__":
    main()
