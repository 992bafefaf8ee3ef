"""Caseloadoverzicht and matched-care team lists with 2,000 / 10,000 / 50,000 rows: seconds and peak RSS.

The layout and writing only (the part that grew with the rows), each size in its own child process
(peak RSS = the child's ru_maxrss): `caseloadoverzicht.schrijf_pdf` / `schrijf_xlsx` of a made-up
overview of 30 consulenten sharing N dossier rows, and the matched-care team version's two lists
per jeugdige (opschaling, stapeling: N/2 rows each; `matched_care_export._pdf` / `_xlsx`, the writers
of `write_matched_care`). `--voor DIR`: the same on another code tree (see bench_wachtlijstrapport.py)
up to `--voor-max` rows.

    .venv/bin/python benchmarks/bench_teamrapporten.py --rijen 2000,10000,50000 --voor /tmp/jet-voor
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _caseload(n: int):
    from datetime import date

    from jet_desktop.reports.caseloadoverzicht import Caseloadoverzicht, ConsulentRegel, DossierRegel

    per = -(-n // 30)
    consulenten = []
    for c in range(30):
        dossiers = [DossierRegel(f"2026-{c * per + i:05d}", f"Voornaam{i} van Achternaam{c}", "Normaal",
                                 date(2026, 1, 1 + i % 28), "Tweede persoon" if i % 9 == 0 else "Vaste consulent",
                                 i % 3) for i in range(min(per, n - c * per))]
        consulenten.append(ConsulentRegel(f"Consulent {c}", 0.8, 13, len(dossiers), 0, None, dossiers))
    return Caseloadoverzicht(date(2026, 11, 25), "Gemeente", "Team", "namen", consulenten)


def _team_secties(n: int):
    from jet_desktop.reports.columns import Column
    from jet_desktop.reports.matched_care_export import Section

    half = n // 2
    ops = Section("Opschaling per jeugdige (vertrouwelijk)",
                  [Column("Dossiernummer"), Column("Initialen"), Column("Eerste toewijzing", width=40),
                   Column("Latere, zwaardere toewijzing", width=40), Column("Dagen", "int")],
                  [[f"2026-{i:05d}", "A. B.", "Ambulante jeugdhulp, licht (01-02-2026)",
                    "Verblijf, zwaar (03-04-2026)", 61] for i in range(half)])
    stap = Section("Stapeling per jeugdige (vertrouwelijk)",
                   [Column("Dossiernummer"), Column("Initialen"), Column("Soort"), Column("Eerste toewijzing", width=34),
                    Column("Tweede toewijzing", width=34), Column("Dagen ertussen", "int"), Column("Regel", width=30)],
                   [[f"2026-{i:05d}", "C. D.", "verticaal", "Ambulant (01-02-2026)", "Dagbehandeling (01-03-2026)",
                     28, "R12 (ambulant + dagbehandeling)"] for i in range(n - half)])
    return [ops, stap]


def child(soort: str, n: int, out: str) -> None:
    import resource
    from datetime import datetime

    op = datetime(2026, 11, 25, 9, 5)
    if soort.startswith("caseload"):
        from jet_desktop.reports import caseloadoverzicht

        o = _caseload(n)
        t = time.perf_counter()
        (caseloadoverzicht.schrijf_pdf if soort.endswith("pdf") else caseloadoverzicht.schrijf_xlsx)(out, o, "Bench", op)
    else:
        from jet_desktop.reports import matched_care_export as mce

        secs = _team_secties(n)
        t = time.perf_counter()
        if soort.endswith("pdf"):
            mce._pdf(out, mce.TITEL, "Periode 2026 · teamversie, vertrouwelijk", secs, [mce.VERTROUWELIJK], True,
                     {"organisatie": "Gemeente", "team": "Team", "afgedrukt_door": "Bench", "afgedrukt_op": op})
        else:
            mce._xlsx(out, mce.TITEL, [mce.VERTROUWELIJK], secs)
    sec = time.perf_counter() - t
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"sec": sec, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024,
                      "mb": os.path.getsize(out) / 1e6}))


def run_child(code: Path, soort: str, n: int, out: Path) -> dict:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": f"{code}{os.pathsep}{ROOT / 'benchmarks'}"}
    p = subprocess.run([sys.executable, __file__, "--kind", soort, "--n", str(n), "--out", str(out)],
                       env=env, capture_output=True, text=True, check=True, cwd=code)
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rijen", default="2000,10000,50000")
    ap.add_argument("--soorten", default="caseload-pdf,caseload-xlsx,team-pdf,team-xlsx")
    ap.add_argument("--voor", type=Path)
    ap.add_argument("--voor-max", type=int, default=10_000)
    ap.add_argument("--kind", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.kind:
        child(args.kind, args.n, args.out)
        return
    work = Path(tempfile.mkdtemp(prefix="jet-bench-team-"))
    print(f"load average {open('/proc/loadavg').read().split()[:3]}")
    print(f"{'report':>14} {'rows':>7} {'code':>5} {'s':>8} {'CPU s':>7} {'peak RSS MB':>12} {'MB':>5}")
    try:
        for soort in args.soorten.split(","):
            for n in [int(x) for x in args.rijen.split(",")]:
                for naam, code in (("voor", args.voor), ("na", ROOT)):
                    if code is None or (naam == "voor" and n > args.voor_max):
                        continue
                    out = work / f"r.{soort.split('-')[1]}"
                    r = run_child(code, soort, n, out)
                    print(f"{soort:>14} {n:>7} {naam:>5} {r['sec']:>8.2f} {r['cpu']:>7.2f} {r['rss_mb']:>12.0f} "
                          f"{r['mb']:>5.1f}", flush=True)
                    out.unlink(missing_ok=True)
        print(f"targets: 10,000 rows <= 5 s; 50,000 rows <= 30 s and peak RSS < 300 MB; "
              f"load average {open('/proc/loadavg').read().split()[:3]}")
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
