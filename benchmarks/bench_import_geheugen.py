"""Peak memory of `jet-desktop import toegang` at and past the limits (services/toegang_bestand.py).

Runs each import as its own process (`python -m jet_desktop import toegang FILE`) on a fresh SQLite
store and reads that child's peak resident set size (ru_maxrss of os.wait4; Linux/macOS):

1. the largest accepted file: MAX_RIJEN rows from `demo-toegang` (a realistic register);
2. the largest accepted bytes: a CSV of MAX_RIJEN rows padded to just under MAX_BESTAND;
3. a refused file: 3,000,000 rows (~190 MB, the size of the file in issue 9);
4. a refused file under the byte limit: MAX_RIJEN + 1 rows, refused while reading.

    .venv/bin/python benchmarks/bench_import_geheugen.py [--groot 3000000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import CACHE  # noqa: E402

from jet_desktop.services.toegang_bestand import MAX_BESTAND, MAX_RIJEN  # noqa: E402

WORK = CACHE / "import-geheugen"


def jet(*args: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run jet-desktop in a child process; (result, seconds, peak MB of that child: os.wait4's ru_maxrss)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JET_DATA_DIR": str(WORK / "data")}
    env.pop("JET_PASSPHRASE", None)
    t = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        p = subprocess.Popen([sys.executable, "-m", "jet_desktop", *args], stdout=out, stderr=err, env=env,
                             stdin=subprocess.DEVNULL, text=True)
        _, status, gebruik = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        sec = time.perf_counter() - t
        out.seek(0), err.seek(0)
        r = subprocess.CompletedProcess(p.args, p.returncode, out.read(), err.read())
    return r, sec, gebruik.ru_maxrss / 1024  # kilobytes on Linux


def demo_bestand(pad: Path, rijen: int) -> None:
    if not pad.exists():
        r, _, _ = jet("demo-toegang", "--out", str(pad), "--rijen", str(rijen), "--van", "2015-01-01",
                      "--tot", "2025-12-31")
        assert r.returncode == 0, r.stderr


def opgevuld(bron: Path, doel: Path) -> None:
    """The rows of `bron` with their client_id padded with trailing spaces, to just under MAX_BESTAND."""
    regels = bron.read_bytes().split(b"\n")
    extra = max(0, (MAX_BESTAND - 4096 - len(b"\n".join(regels))) // max(len(regels) - 1, 1))
    with doel.open("wb") as f:
        f.write(regels[0] + b"\n")
        for r in regels[1:]:
            if r.strip():
                d = r.split(b";")
                d[1] = d[1] + b" " * extra  # client_id stripped when read: the same trajecten
                f.write(b";".join(d) + b"\n")


def meet(naam: str, bestand: Path) -> None:
    db = WORK / f"{bestand.stem}.db"
    for p in WORK.glob(f"{bestand.stem}.db*"):
        p.unlink()
    r, sec, mb = jet("import", "toegang", str(bestand), "--db", str(db), "--onversleuteld")
    uitkomst = "ingelezen" if r.returncode == 0 else f"geweigerd (exit {r.returncode})"
    tekst = (r.stdout or r.stderr).strip().splitlines()[-1][:110]  # the outcome (after the "Let op" line)
    print(f"{naam:44} {bestand.stat().st_size / 1e6:7.1f} MB  {uitkomst:22} {sec:6.1f} s  piek {mb:6.0f} MB\n"
          f"{'':44} {tekst}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--groot", type=int, default=3_000_000, help="rows of the refused large file")
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    grens = WORK / f"grens-{MAX_RIJEN}.csv"
    demo_bestand(grens, MAX_RIJEN)
    vol = WORK / f"grens-vol-{MAX_RIJEN}.csv"
    if not vol.exists():
        opgevuld(grens, vol)
    eentje_te_veel = WORK / f"te-veel-{MAX_RIJEN + 1}.csv"
    demo_bestand(eentje_te_veel, MAX_RIJEN + 1)
    groot = WORK / f"groot-{args.groot}.csv"
    demo_bestand(groot, args.groot)
    meet(f"geweigerd: {args.groot:,} rijen", groot)
    meet(f"geweigerd: {MAX_RIJEN + 1:,} rijen", eentje_te_veel)
    meet(f"grootste aanvaarde: {MAX_RIJEN:,} rijen", grens)
    meet("aanvaard, opgevuld tot de bytegrens", vol)


if __name__ == "__main__":
    main()
