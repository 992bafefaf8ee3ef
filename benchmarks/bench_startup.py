"""Cold start of `jet-desktop --db STORE`, signed in, against a bare PySide6 QMainWindow, same run.

    JET_BENCH_CACHE=/tmp/jet-bench .venv/bin/python benchmarks/bench_startup.py [--runs 11]
        [--versleuteld STORE.db --passphrase ZIN] [--vergelijk /path/to/other/checkout]

Every run is a fresh process (offscreen). A round runs, one after the other: the bare window (bare_qt.py),
JET Desktop until the main window is shown ("shown": it quits as soon as the window is on screen, exactly as
the bare program does), and JET Desktop until the store is open, the medewerker signed in and the wachtlijst
painted ("ready"); with --versleuteld the same two on an encrypted store, with --vergelijk the same on another
checkout (e.g. main, for a before/after from one run). Rounds alternate the programs so machine noise hits all
of them alike. Reported: medians of wall time, the paired ratio (median over rounds of shown ÷ bare of the same
round) and the ratio of the medians, CPU time (user + sys of the child; less sensitive to a busy machine), peak
RSS, and the phases of the start (JET_STARTTIJDEN, jet_desktop/starttijden.py).

Signed in as a user is, minus typing: JET_GEBRUIKER names the demo team's teamleider, so Starter.start skips
only the dialog and calls services.inloggen.open_sessie as the dialog's OK does — on the plain store that
includes the one scrypt verification every sign-in costs; on the encrypted store (--versleuteld, the
wachtwoordzin in JET_PASSPHRASE) the wachtwoordzin is proved by opening the file (SQLCipher's PBKDF2). Both run
on a worker after the window shows. How long the sign-in dialog takes to appear (without JET_GEBRUIKER) is
measured too.

Before measuring, the package's bytecode is compiled (python -m compileall), as installing it does: the
project's environment sets PYTHONDONTWRITEBYTECODE, so a fresh checkout would otherwise compile every module
from source at every start (~60 ms more).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_store import ROOT, demo_store

BARE = Path(__file__).with_name("bare_qt.py")
FASEN = ("python", "qapplication", "venster", "aangemeld", "klaar")
FASE_UITLEG = {"python": "interpreter up (__main__)", "qapplication": "QApplication made",
               "venster": "main window shown", "aangemeld": "store open, signed in", "klaar": "wachtlijst painted"}


def run(cmd: list[str], env: dict, cwd: Path = ROOT) -> dict:
    """One fresh process: wall time, CPU time (s), peak RSS (MB) and the phases it wrote (s since spawn)."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt", delete=False) as f:
        fasen_pad = f.name
    t0 = time.time()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**env, "JET_STARTTIJDEN": fasen_pad}, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    fasen = {}
    for regel in Path(fasen_pad).read_text().splitlines():
        naam, stempel = regel.split()
        fasen[naam] = float(stempel) - t0
    os.unlink(fasen_pad)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss // 1024, "fasen": fasen}


def teamleider(store: Path) -> str:
    """The sign-in name of the demo team's teamleider (JET_GEBRUIKER: signed in without typing)."""
    from jet_desktop.paths import sqlite_url
    from jet_desktop.services.medewerkers import demo_aanmeldnamen
    from jet_desktop.storage.store import Store

    s = Store.open(sqlite_url(store))
    naam = next(n.split()[0] for n in demo_aanmeldnamen(s) if "teamleider" in n)
    s.engine.dispose()
    return naam


def importtijden(cmd: list[str], env: dict, cwd: Path, n: int = 15) -> list[str]:
    """`python -X importtime`: the modules with the most time of their own, and our own modules' totals."""
    out = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], env={**env, "JET_QUIT_AFTER": "shown"}, cwd=cwd,
                         capture_output=True, text=True).stderr
    rijen = []
    for regel in out.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", regel)
        if m:
            rijen.append((int(m[1]) / 1000, int(m[2]) / 1000, len(m[3]) // 2, m[4]))
    eigen = sorted(rijen, key=lambda r: -r[0])[:n]
    regels = [f"    self {s:6.1f} ms  cumulative {c:6.1f} ms  {naam}" for s, c, _d, naam in eigen]
    top = sorted((r for r in rijen if r[3].startswith("jet_desktop")), key=lambda r: -r[1])[:n]
    regels.append("  jet_desktop modules by cumulative import time:")
    regels += [f"    cumulative {c:6.1f} ms  {naam}" for _s, c, _d, naam in top]
    return regels


def sleutelkosten(plain: Path, versleuteld: Path | None, zin: str, keer: int = 7) -> list[str]:
    """What the security settings cost, measured apart (in this process; both run on a worker at a start, after
    the window shows): one scrypt verification (services/inloggen.py: every sign-in where a password is checked,
    and the dummy one on a local plain store) and opening a raw connection with the key (SQLCipher's PBKDF2)
    against the same on the plain file. Neither setting is lowered for speed."""
    from jet_desktop.domain import wachtwoord as ww
    from jet_desktop.services.inloggen import _GEEN_HASH
    from jet_desktop.storage.bestand import open_bestand

    def tijd(fn) -> float:
        tijden = []
        for _ in range(keer):
            t = time.perf_counter()
            fn()
            tijden.append((time.perf_counter() - t) * 1000)
        return med(tijden)

    regels = [f"  scrypt verification (domain/wachtwoord.klopt, {_GEEN_HASH.split('$')[1]} N): "
              f"{tijd(lambda: ww.klopt('een wachtwoord', _GEEN_HASH)):.0f} ms"]
    regels.append(f"  open the plain store (raw connection, first query): {tijd(lambda: open_bestand(plain, None).close()):.1f} ms")
    if versleuteld:
        regels.append(f"  open the encrypted store with its wachtwoordzin (PBKDF2 key derivation, first query): "
                      f"{tijd(lambda: open_bestand(versleuteld, zin).close()):.0f} ms")
    return regels


def med(waarden: list[float]) -> float:
    return statistics.median(waarden)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=11, help="rounds (at least 9 for the paired ratio)")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--versleuteld", type=Path, help="an encrypted copy of the demo store (jet-desktop versleutel)")
    ap.add_argument("--passphrase", default=os.environ.get("JET_PASSPHRASE", ""), help="its wachtwoordzin")
    ap.add_argument("--vergelijk", type=Path, help="another checkout (e.g. main) measured in the same rounds")
    args = ap.parse_args()
    store = demo_store(args.jeugdigen, args.fresh)
    naam = teamleider(store)
    env = {k: v for k, v in os.environ.items() if k not in ("JET_GEBRUIKER", "JET_PASSPHRASE", "JET_QUIT_AFTER")}
    env.update(QT_QPA_PLATFORM="offscreen", JET_GEBRUIKER=naam)
    # the runs remember the gebruikersnaam (QSettings): in a folder of their own, never the developer's settings
    thuis = Path(tempfile.mkdtemp(prefix="jet-bench-start-"))
    env.update(HOME=str(thuis), XDG_CONFIG_HOME=str(thuis / ".config"), XDG_DATA_HOME=str(thuis / ".local/share"),
               XDG_CACHE_HOME=str(thuis / ".cache"), JET_DATA_DIR=str(thuis / "data"))
    bronnen = {"": ROOT}
    if args.vergelijk:
        bronnen["vergelijk "] = args.vergelijk.resolve()
    for bron in bronnen.values():
        compileall.compile_dir(bron / "jet_desktop", quiet=1)  # as `pip install` does

    programmas: dict[str, tuple[list[str], dict, Path]] = {"bare": ([sys.executable, str(BARE)], env, ROOT)}
    for label, bron in bronnen.items():
        jet_env = {**env, "PYTHONPATH": str(bron)}
        app = [sys.executable, "-m", "jet_desktop", "--db", str(store)]
        programmas[f"{label}shown"] = (app, {**jet_env, "JET_QUIT_AFTER": "shown"}, bron)
        programmas[f"{label}ready"] = (app, {**jet_env, "JET_QUIT_AFTER": "ready"}, bron)
        if args.versleuteld:
            enc = [sys.executable, "-m", "jet_desktop", "--db", str(args.versleuteld)]
            enc_env = {**jet_env, "JET_PASSPHRASE": args.passphrase}
            programmas[f"{label}shown versleuteld"] = (enc, {**enc_env, "JET_QUIT_AFTER": "shown"}, bron)
            programmas[f"{label}ready versleuteld"] = (enc, {**enc_env, "JET_QUIT_AFTER": "ready"}, bron)
    # the sign-in dialog as a user sees it (no JET_GEBRUIKER): only where the checkout knows "inlogvenster"
    if (ROOT / "jet_desktop" / "starttijden.py").exists():
        dialoog_env = {k: v for k, v in env.items() if k != "JET_GEBRUIKER"}
        programmas["inlogvenster"] = ([sys.executable, "-m", "jet_desktop", "--db", str(store)],
                                      {**dialoog_env, "PYTHONPATH": str(ROOT), "JET_QUIT_AFTER": "inlogvenster"}, ROOT)

    for cmd, e, cwd in programmas.values():  # warm the OS file cache for every program
        run(cmd, e, cwd)
    uitkomst: dict[str, list[dict]] = {k: [] for k in programmas}
    for _ in range(args.runs):
        for k, (cmd, e, cwd) in programmas.items():
            uitkomst[k].append(run(cmd, e, cwd))

    load = Path("/proc/loadavg").read_text().split()[:3]
    bare = [r["wall"] for r in uitkomst["bare"]]
    bare_cpu = [r["cpu"] for r in uitkomst["bare"]]
    print(f"store: {store} ({store.stat().st_size / 1e6:.0f} MB), signed in as the teamleider (JET_GEBRUIKER), "
          f"{args.runs} rounds, fresh process per run, load average {' '.join(load)}")
    print(f"{'':34s} {'wall median':>11s} {'paired ratio':>12s} {'ratio of medians':>16s} {'CPU median':>10s} "
          f"{'CPU ratio':>9s} {'peak RSS':>8s}")
    print(f"{'bare PySide6 QMainWindow shown':34s} {med(bare) * 1000:8.0f} ms {'':12s} {'':16s} "
          f"{med(bare_cpu) * 1000:7.0f} ms {'':9s} {max(r['rss'] for r in uitkomst['bare']):5d} MB")
    for k, rs in uitkomst.items():
        if k == "bare":
            continue
        wall = [r["wall"] for r in rs]
        cpu = [r["cpu"] for r in rs]
        paar = med([w / b for w, b in zip(wall, bare)])
        paar_cpu = med([c / b for c, b in zip(cpu, bare_cpu)])
        print(f"{'jet-desktop ' + k:34s} {med(wall) * 1000:8.0f} ms {paar:12.2f} {med(wall) / med(bare):16.2f} "
              f"{med(cpu) * 1000:7.0f} ms {paar_cpu:9.2f} {max(r['rss'] for r in rs):5d} MB")
    print("(paired ratio: median over rounds of the run ÷ the bare window of the same round)")
    print("\nphases, median seconds since the process was started:")
    for k, rs in uitkomst.items():
        fasen = [f for f in FASEN + ("inlogvenster",) if all(f in r["fasen"] for r in rs)]
        if fasen:
            print(f"  {k}: " + ", ".join(f"{FASE_UITLEG.get(f, 'sign-in dialog shown')} {med([r['fasen'][f] for r in rs]) * 1000:.0f} ms"
                                         for f in fasen))
    print("\nthe security settings' cost, apart (median of 7, this process):")
    print("\n".join(sleutelkosten(store, args.versleuteld, args.passphrase)))
    print("\npython -X importtime, main window shown (one run):")
    for label, bron in bronnen.items():
        print(f"  {label or 'this checkout'} ({bron}):")
        print("\n".join(importtijden(programmas[f"{label}shown"][0], programmas[f"{label}shown"][1], bron)))


if __name__ == "__main__":
    main()
