"""The audit log: what a log line costs when a dossier is opened, and the read side on a large log.

1. On a copy of the 100,000-jeugdigen demo store (benchmarks/bench_store.py): median of 200 of
   `services.dossiers.detail(store, id)` without and with the audit line of the opening
   (interleaved, 200 different dossiers). If `detail` writes the line itself, "without" switches
   the audit write off; if not, "with" adds `audit.log(...)` as `detail` would. Target: <= 20 ms extra.
2. On a store holding N audit lines (default 1,000,000; built once in bulk with correct hashes and
   cached as $JET_BENCH_CACHE (default /tmp/jet-bench)/audit-N.db, worked on as a copy): `audit.verifieer` (streamed in chunks),
   peak RSS, the viewer's count and pages (first, filtered, deep by offset), and a CSV export of all.

    .venv/bin/python benchmarks/bench_audit.py [--jeugdigen 100000] [--regels 1000000] [--fresh]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench_store import CACHE, ROOT, demo_store

sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from jet_desktop.domain.auditketen import GENESIS, regel_hash  # noqa: E402
from jet_desktop.domain.enums import AuditActie, Rol  # noqa: E402
from jet_desktop.services import audit, dossiers  # noqa: E402
from jet_desktop.storage.models import Aanmelding, Auditketen, Auditregel, Dossier  # noqa: E402
from jet_desktop.storage.store import Store  # noqa: E402

R, K = Auditregel.__table__, Auditketen.__table__
DOEL_MS = 20.0
HERHALINGEN = 200


def ms_since(t: float) -> float:
    return (time.perf_counter() - t) * 1000


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------------------ 1. opening a dossier


def bench_openen(jeugdigen: int, fresh: bool) -> None:
    bron = demo_store(jeugdigen, fresh)
    kopie = CACHE / f"audit-openen-{jeugdigen}.db"
    shutil.copyfile(bron, kopie)  # the cached demo store itself is never modified
    for ext in ("-wal", "-shm"):
        Path(str(kopie) + ext).unlink(missing_ok=True)
    t = time.perf_counter()
    store = Store.open_file(kopie, user="Bench Consulent")  # migrates the copy to the newest schema
    print(f"copy of the demo store opened and migrated in {ms_since(t) / 1000:.1f} s")
    D, A = Dossier.__table__, Aanmelding.__table__
    with store.engine.connect() as conn:
        alle = conn.execute(select(D.c.id, A.c.dossiernummer).join(A, A.c.id == D.c.aanmelding_id)).all()
    gekozen = random.Random(7).sample(alle, 2 * HERHALINGEN)

    before = audit.kop(store)[0]
    dossiers.detail(store, gekozen[0].id)
    detail_logt = audit.kop(store)[0] > before
    echte_log, echte_schrijf = audit.log, audit.schrijf

    def zonder(d):
        if detail_logt:  # switch the audit write off for this call
            audit.log, audit.schrijf = (lambda *a, **k: 0), (lambda *a, **k: 0)
            try:
                dossiers.detail(store, d.id)
            finally:
                audit.log, audit.schrijf = echte_log, echte_schrijf
        else:
            dossiers.detail(store, d.id)

    def met(d):
        dossiers.detail(store, d.id)
        if not detail_logt:
            audit.log(store, AuditActie.OPENEN, "dossier", d.id, d.dossiernummer, "Dossier geopend")

    tijden_zonder, tijden_met, tijden_log = [], [], []
    for i in range(HERHALINGEN):  # interleaved, a different dossier each time
        d1, d2 = gekozen[2 * i], gekozen[2 * i + 1]
        t = time.perf_counter()
        zonder(d1)
        tijden_zonder.append(ms_since(t))
        t = time.perf_counter()
        met(d2)
        tijden_met.append(ms_since(t))
        t = time.perf_counter()
        audit.log(store, AuditActie.OPENEN, "dossier", d1.id, d1.dossiernummer, "Dossier geopend")
        tijden_log.append(ms_since(t))
    z, m, log = (statistics.median(x) for x in (tijden_zonder, tijden_met, tijden_log))
    hoe = "detail() writes the line itself" if detail_logt else "detail() + audit.log() (detail does not log yet)"
    print(f"dossier opening, median of {HERHALINGEN} ({hoe}):")
    print(f"  without audit line   {z:7.2f} ms")
    print(f"  with audit line      {m:7.2f} ms")
    print(f"  difference           {m - z:7.2f} ms   (target <= {DOEL_MS:.0f} ms: {'OK' if m - z <= DOEL_MS else 'MISSED'})")
    print(f"  audit.log() alone    {log:7.2f} ms  (p95 {statistics.quantiles(tijden_log, n=20)[-1]:.2f} ms)")
    v = audit.verifieer(store)
    print(f"  chain after the run: {v.melding[:60]}…")
    store.engine.dispose()
    kopie.unlink(missing_ok=True)
    for ext in ("-wal", "-shm"):
        Path(str(kopie) + ext).unlink(missing_ok=True)


# ------------------------------------------------------------------------------ 2. a large log


def bouw_log(pad: Path, n: int) -> None:
    """N lines with a correct chain, inserted in batches (as if written one by one over a year)."""
    store = Store.open_file(pad, user="bench")
    rnd = random.Random(11)
    mensen = [(uuid.UUID(int=rnd.getrandbits(128)), f"Medewerker {i:02d}", r) for i, r in
              enumerate([Rol.CONSULENT] * 30 + [Rol.TEAMLEIDER] * 3 + [Rol.BEHEERDER] * 2)]
    acties = [AuditActie.OPENEN] * 6 + [AuditActie.WIJZIGEN] * 3 + [AuditActie.AANMAKEN, AuditActie.AFDRUKKEN,
                                                                     AuditActie.EXPORT]
    start = datetime(2025, 11, 25, 7, 0, tzinfo=timezone.utc)
    stap = timedelta(days=365) / n
    vorige, batch = GENESIS, []
    t = time.perf_counter()
    with store.engine.begin() as conn:
        # the triggers of migration 0006 want the head advanced line by line: off for the bulk load
        triggers = [conn.exec_driver_sql(f"SELECT sql FROM sqlite_master WHERE name = '{t}'").scalar()
                    for t in ("auditregel_alleen_aan_het_eind", "auditketen_alleen_vooruit")]
        conn.exec_driver_sql("DROP TRIGGER auditregel_alleen_aan_het_eind")
        conn.exec_driver_sql("DROP TRIGGER auditketen_alleen_vooruit")
        for nr in range(1, n + 1):
            mid, naam, rol = mensen[rnd.randrange(len(mensen))]
            actie = acties[rnd.randrange(len(acties))]
            velden = {"volgnummer": nr, "tijdstip": start + stap * nr, "medewerker_id": mid, "medewerker": naam,
                      "rol": rol.value, "namens": "", "actie": actie.value, "objecttype": "dossier",
                      "object_id": str(uuid.UUID(int=rnd.getrandbits(128))),
                      "client": f"{2020 + nr % 6}-{rnd.randrange(1, 20000):05d}",
                      "omschrijving": f"Dossier {actie.label.lower()}"}
            h = regel_hash(vorige, velden)
            batch.append({"id": uuid.UUID(int=rnd.getrandbits(128)), "vorige_hash": vorige, "hash": h, **velden})
            vorige = h
            if len(batch) == 20_000:
                conn.execute(R.insert(), batch)
                batch.clear()
                print(f"\r  {nr:,} lines", end="", file=sys.stderr, flush=True)
        if batch:
            conn.execute(R.insert(), batch)
        conn.execute(K.update().where(K.c.id == 1).values(volgnummer=n, hash=vorige))
        for sql in triggers:
            conn.exec_driver_sql(sql)
    print(file=sys.stderr)
    store.engine.dispose()
    print(f"log of {n:,} lines built in {ms_since(t) / 1000:.1f} s ({pad.stat().st_size / 1e6:.0f} MB)")


def bench_lezen(n: int, fresh: bool) -> None:
    cache = CACHE / f"audit-{n}.db"
    if fresh or not cache.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        cache.unlink(missing_ok=True)
        bouw_log(cache, n)
    pad = CACHE / "audit-werk.db"  # a copy: the export below adds its own line
    shutil.copyfile(cache, pad)
    store = Store.open_file(pad, user="Bench Beheerder")
    store.rol = Rol.BEHEERDER

    rss = peak_rss_mb()
    t = time.perf_counter()
    v = audit.verifieer(store)
    s = ms_since(t) / 1000
    print(f"verifieer over {v.aantal:,} lines: {s:.1f} s ({v.aantal / s:,.0f} lines/s), ok={v.ok}; "
          f"peak RSS {rss:.0f} MB before, {peak_rss_mb():.0f} MB after")

    def mediaan(fn, keer=5) -> float:
        tijden = []
        for _ in range(keer):
            t = time.perf_counter()
            fn()
            tijden.append(ms_since(t))
        return statistics.median(tijden)

    kop = audit.kop(store)[0]
    laatst = audit.regels(store, limit=1)[0].tijdstip.date()
    maand = {"van": laatst - timedelta(days=30), "tot": laatst}
    print("viewer (median of 5): the count and volgnummer range on a worker, then pages of 200 as the view paints")
    for naam, f in (("no filter", {}), ("last 30 days (the default)", maand),
                    ("medewerker 'Medewerker 07'", {"medewerker": "Medewerker 07"}),
                    ("medewerker + last 30 days", {"medewerker": "Medewerker 07", **maand}),
                    ("one dossier", {"client": audit.regels(store, actie=AuditActie.OPENEN, limit=1)[0].client})):
        b = audit.bereik(store, **f, tot_en_met=kop)
        tel = mediaan(lambda: audit.bereik(store, **f, tot_en_met=kop))
        pagina = dict(f, vanaf=b.eerste, tot_en_met=b.laatste)
        eerste = mediaan(lambda: audit.regels(store, **pagina))
        diep = mediaan(lambda: audit.regels(store, **pagina, offset=max(b.aantal - 1000, 0)))
        print(f"  {naam:<28} {b.aantal:>9,} lines: count {tel:7.1f} ms, first page {eerste:6.1f} ms, "
              f"page at offset {max(b.aantal - 1000, 0):,} {diep:6.1f} ms")
    print(f"  a page in the middle by keyset (as when scrolling): "
          f"{mediaan(lambda: audit.regels(store, voor=kop // 2, vanaf=1, tot_en_met=kop)):6.1f} ms")

    uit = CACHE / "audit-export.csv"
    t = time.perf_counter()
    rijen = audit.exporteer_csv(store, uit)
    s = ms_since(t) / 1000
    print(f"CSV export of {rijen:,} lines: {s:.1f} s ({uit.stat().st_size / 1e6:.0f} MB); peak RSS {peak_rss_mb():.0f} MB")
    uit.unlink()
    store.engine.dispose()
    pad.unlink()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--regels", type=int, default=1_000_000)
    ap.add_argument("--fresh", action="store_true", help="rebuild the cached stores")
    ap.add_argument("--alleen", choices=("openen", "lezen"), help="run one part only")
    args = ap.parse_args()
    if args.alleen != "lezen":
        bench_openen(args.jeugdigen, args.fresh)
    if args.alleen != "openen":
        bench_lezen(args.regels, args.fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
