"""Wachtlijstrapport of 2,000 waiting aanmeldingen: seconds to a finished PDF (target <= 3 s).

Takes a copy of the cached 100,000-jeugdigen demo store (about 1,840 waiting; see bench_store.py)
and tops the wachtlijst up to --wachtend through the services (registreer + triagebesluit), as
a user would. Then times `wachtlijstrapport.maak_pdf` (query, figures, layout, file) end to end.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench_store import demo_store


def top_up(store, wanted: int, vandaag: date) -> int:
    from sqlalchemy import select

    from jet_desktop.services import triage, wachtlijst
    from jet_desktop.services.aanmeldingen import AanmeldingInvoer, registreer
    from jet_desktop.storage.models import Aanmelding

    have = wachtlijst.tel(store)
    for i in range(max(wanted - have, 0)):
        invoer = AanmeldingInvoer(voornaam=f"Bench{i}", achternaam=f"Wachtend{i}", geboortedatum=date(2014, 1, 1 + i % 28),
                                  verwijzer_route="huisarts", aanmelddatum=vandaag - timedelta(days=i % 90),
                                  hulpvraag="Zorgen over gedrag thuis en op school.")
        aid = registreer(store, invoer, vandaag).aanmelding_id
        with store.engine.connect() as conn:
            version = conn.execute(select(Aanmelding.__table__.c.version)
                                   .where(Aanmelding.__table__.c.id == aid)).scalar_one()
        triage.neem_besluit(store, aid, version, triage.BesluitInvoer(
            "zelf_oppakken", ("spoed", "hoog", "normaal")[i % 3], "JET pakt dit zelf op met het gezin.", vandaag), vandaag)
    return wachtlijst.tel(store)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--wachtend", type=int, default=2_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--fresh", action="store_true")
    args = ap.parse_args()
    source = demo_store(args.jeugdigen, args.fresh)

    from jet_desktop.reports import wachtlijstrapport
    from jet_desktop.storage.store import Store

    work = Path(tempfile.mkdtemp(prefix="jet-bench-wlr-"))
    try:
        db = work / "store.db"
        shutil.copyfile(source, db)
        store = Store.open_file(db, user="Benchmark")
        vandaag = date.today()
        waiting = top_up(store, args.wachtend, vandaag)
        times, pages = [], 0
        for _ in range(args.repeat):
            out = work / "wachtlijstrapport.pdf"
            t = time.perf_counter()
            r = wachtlijstrapport.maak_pdf(store, out, vandaag)
            times.append(time.perf_counter() - t)
        from pypdf import PdfReader

        pages = len(PdfReader(out).pages)
        print(f"store: copy of {source}; waiting aanmeldingen: {waiting} (report rows: {r.totaal}, "
              f"{r.overschreden} over the norm)")
        print(f"wachtlijstrapport to a finished PDF: {statistics.median(times):.2f} s "
              f"(median of {args.repeat}; min {min(times):.2f} s); {pages} pages, "
              f"{out.stat().st_size / 1e6:.1f} MB; target <= 3 s")
        store.engine.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
