"""Time the demo generator: `python benchmarks/bench_demo.py [--jeugdigen N] [--seed S] [--wachtlijst W] [--keep PATH]`.

Generates into a fresh temporary SQLite file (or PATH with --keep, which must not exist yet)
and prints the seconds taken, the rows per table and rows per second, the wachtlijst size, and the
realism figures read back from the store (mean length of the closed dossiers, active caseload per
consulent against the norm, waiting count) next to the plan's (demo/plan.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from jet_desktop.demo.generator import maak  # noqa: E402
from jet_desktop.paths import sqlite_url  # noqa: E402
from jet_desktop.services import caseload, triage, wachtlijst  # noqa: E402
from jet_desktop.storage.models import TABLES, Dossier  # noqa: E402
from jet_desktop.storage.store import Store  # noqa: E402

D = Dossier.__table__


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jeugdigen", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--vandaag", type=date.fromisoformat, default=None, help="peildatum (jjjj-mm-dd)")
    parser.add_argument("--keep", type=Path, default=None, help="write to this file and keep it")
    parser.add_argument("--wachtlijst", type=int, default=None, help="a team in a crisis with this many waiting")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    args = parser.parse_args()
    vandaag = args.vandaag or date.today()

    with tempfile.TemporaryDirectory(prefix="jet-bench-demo-") as tmp:
        path = args.keep or Path(tmp) / "demo.db"
        if path.exists():
            parser.error(f"{path} bestaat al")

        def progress(done: int, total: int, label: str) -> None:
            if not args.quiet:
                print(f"\r{label:<20} {done:>9}/{total:<9}", end="", file=sys.stderr, flush=True)

        t0 = time.perf_counter()
        demo = maak(sqlite_url(path), jeugdigen=args.jeugdigen, seed=args.seed, progress=progress,
                    vandaag=vandaag, wachtlijst=args.wachtlijst)
        summary = demo.samenvatting
        seconds = time.perf_counter() - t0
        if not args.quiet:
            print(file=sys.stderr)

        store = Store.open_file(path)
        extra = f", wachtlijst {args.wachtlijst}" if args.wachtlijst is not None else ""
        print(f"{args.jeugdigen} jeugdigen (seed {args.seed}, vandaag {vandaag}{extra}): {seconds:.1f} s "
              f"(load {open('/proc/loadavg').read().split()[0]})")
        total = 0
        with store.engine.connect() as conn:
            for table in TABLES:
                n = conn.execute(select(func.count()).select_from(table)).scalar_one()
                total += n
                print(f"  {table.name:<20} {n:>10,}")
        print(f"  {'totaal':<20} {total:>10,}  ({total / seconds:,.0f} rijen/s)")
        per = wachtlijst.per_urgentie(store)
        print(f"wachtlijst: {wachtlijst.tel(store)} ({', '.join(f'{u.value} {n}' for u, n in per.items())}); "
              f"wacht op triage: {len(triage.triage_wachtrij(store, vandaag))}")
        team = caseload.consulenten(store, vandaag)
        print(f"caseload: {sum(c.belasting for c in team)} actieve dossiers, capaciteit "
              f"{sum(c.capaciteit for c in team)}, {len(team)} consulenten, "
              f"{sum(1 for c in team if c.afwezig_tot)} afwezig")
        with store.engine.connect() as conn:
            duur = conn.execute(select(func.avg(func.julianday(D.c.afgesloten_op) - func.julianday(D.c.geopend_op)))
                                .where(D.c.afgesloten_op.is_not(None))).scalar_one()
        ratios = [c.belasting / c.capaciteit for c in team if c.capaciteit]
        belasting, cap = sum(c.belasting for c in team), sum(c.capaciteit for c in team)
        plan = demo.plan
        print(f"realisme: afgesloten dossier gemiddeld {duur:.0f} dagen (plan {plan.duur_afgesloten:.0f}); caseload "
              f"per consulent gemiddeld {belasting / len(team):.1f} bij norm {cap / len(team):.1f} "
              f"({100 * belasting / cap:.0f}%; min {100 * min(ratios):.0f}%, max {100 * max(ratios):.0f}%); "
              f"wachtend {wachtlijst.tel(store)} (plan {plan.wachtend:.0f}); {len(team)} consulenten "
              f"(plan {plan.consulenten}), lengteschaal {demo.stats['duur_schaal']:.3f}")
        print(f"database: {path.stat().st_size / 1e6:.1f} MB")
        print(summary)
        store.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
