"""Offline home visits at scale (issue 13, docs/sync.md), on the team server with the demo store.

    JET_BENCH_CACHE=/tmp/jet-bench python benchmarks/bench_sync.py [--jeugdigen 100000] [--laptops 30]

The demo store (benchmarks/bench_store.py, seed 7) is copied into a throwaway PostgreSQL cluster set up by
`teamserver init` (as benchmarks/bench_teamserver.py); every demo medewerker gets a login.

1. Caseload meenemen for the consulent whose caseload (own + second person) is nearest 40 dossiers: time and
   laptop store size; baseline in the same run: reading the same part of the server alone (one snapshot).
2. A day's offline work (20 contactmomenten, 5 plan edits, 2 new aanmeldingen, 1 conflict), synced; baseline:
   a sync with nothing to send, same laptop, same run.
3. --laptops laptops syncing at once (each its own login, engine and store, 5 notes each): all complete? p50,
   p95, errors.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

WW = "Bench-Teamserver-2026"
WZ = "bench-laptop-wachtwoordzin"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--laptops", type=int, default=30)
    args = ap.parse_args()

    from bench_store import demo_store
    from bench_teamserver import kopieer
    from pg import start_cluster
    from sqlalchemy import func, or_, select
    from sqlalchemy.engine import make_url

    from jet_desktop.domain.enums import Rol
    from jet_desktop.reports import teamserverfuncties
    from jet_desktop.services import dossiers, inloggen, synchroniseren, teamserver, zorg
    from jet_desktop.services.aanmeldingen import AanmeldingInvoer, registreer
    from jet_desktop.storage.models import Dossier, Medewerker
    from jet_desktop.storage.store import Store

    D, M = Dossier.__table__, Medewerker.__table__
    vandaag = date.today()
    path = demo_store(args.jeugdigen)
    cluster = start_cluster()
    map_ = Path(tempfile.mkdtemp(prefix="jet-bench-sync-"))
    try:
        admin_url = cluster.url(cluster.create_database())
        teamserver.init(admin_url, "bench.beheer", "Bench Beheer", WW, extra=teamserverfuncties.installeer)
        kopieer(path, admin_url)
        system = Store.open(admin_url, user="bench", migrate=False)
        teamserver.demo_logins(system, WW)
        werk_url = make_url(admin_url)._replace(username=None).render_as_string(hide_password=False)
        with system.engine.connect() as conn:
            rijen = conn.execute(select(M.c.gebruikersnaam, func.count(D.c.id)).join(
                D, or_(D.c.consulent_id == M.c.id, D.c.tweede_consulent_id == M.c.id))
                .where(M.c.rol == Rol.CONSULENT.value, M.c.actief.is_(True)).group_by(M.c.gebruikersnaam)).all()
            teamleider = conn.execute(select(M.c.gebruikersnaam).where(M.c.rol == Rol.TEAMLEIDER.value,
                                                                       M.c.actief.is_(True))).scalars().first()
        naam, n = min(rijen, key=lambda r: abs(r[1] - 40))

        # 1. meenemen ---------------------------------------------------------------------------------------
        sessie = inloggen.open_sessie(naam, WW, url=werk_url)
        t = time.perf_counter()
        synchroniseren._lees_subset(sessie, uuid.uuid4())
        lezen = time.perf_counter() - t
        pad = map_ / "laptop.db"
        t = time.perf_counter()
        m = synchroniseren.meenemen(sessie, pad, WZ)
        mee = time.perf_counter() - t
        grootte = sum(p.stat().st_size for p in map_.glob("laptop.db*"))
        print(f"\n1. meenemen for {naam}: {m.dossiers} dossiers (all-time, own + second person; {n} on the server), "
              f"{m.rijen} rows")
        print(f"   meenemen {mee * 1000:.0f} ms (aim <= 5000); reading the same part alone {lezen * 1000:.0f} ms "
              f"(ratio {mee / lezen:.2f}); laptop store {grootte / 1e6:.1f} MB")

        # 2. a day's work ------------------------------------------------------------------------------------
        laptop = inloggen.open_sessie(naam, WZ, pad=pad)
        with laptop.engine.connect() as conn:
            open_ = conn.execute(select(D.c.id).where(D.c.afgesloten_op.is_(None), D.c.consulent_id == laptop.user_id)
                                 ).scalars().all()
        t = time.perf_counter()
        synchroniseren.synchroniseer(laptop, sessie)
        leeg = time.perf_counter() - t
        tl = inloggen.open_sessie(teamleider, WW, url=werk_url)
        plan0 = zorg.ondersteuningsplan(tl, open_[0])
        zorg.sla_plan_op(tl, open_[0], plan0.version if plan0 else None, zorg.PlanInvoer(doelen="Teamleider"))
        tl.engine.dispose()
        for i in range(20):
            dossiers.voeg_contactmoment_toe(laptop, open_[i % len(open_)], vandaag, "huisbezoek", 45,
                                            f"Huisbezoek {i}: gesprek met ouders.", vandaag)
        for i in range(5):  # the first on the plan the teamleider just changed on the server: the conflict
            did = open_[i % len(open_)]
            huidig = zorg.ondersteuningsplan(laptop, did)
            zorg.sla_plan_op(laptop, did, huidig.version if huidig else None, zorg.PlanInvoer(doelen=f"Doel {i}"))
        for i in range(2):
            registreer(laptop, AanmeldingInvoer(voornaam=f"Bench{i}", achternaam=f"Huisbezoek{uuid.uuid4().hex[:6]}",
                                                geboortedatum=date(2016, 3, 1), verwijzer_route="huisarts",
                                                aanmelddatum=vandaag, hulpvraag="Zorgen thuis."), vandaag)
        wachtend = synchroniseren.status(laptop).wachtend
        t = time.perf_counter()
        v = synchroniseren.synchroniseer(laptop, sessie)
        dag = time.perf_counter() - t
        print(f"\n2. a day's work: {wachtend} captured changes -> {v.toegepast} applied, {v.samengevoegd} merged, "
              f"{v.conflicten} conflict(s), {v.geweigerd} refused")
        print(f"   sync {dag * 1000:.0f} ms (aim <= 2000); a sync with nothing to send {leeg * 1000:.0f} ms "
              f"(ratio {dag / leeg:.2f})")
        laptop.engine.dispose()
        sessie.engine.dispose()

        # 3. laptops at once --------------------------------------------------------------------------------
        namen = [r[0] for r in sorted(rijen, key=lambda r: -r[1])][: args.laptops]
        while len(namen) < args.laptops:
            namen += namen[: args.laptops - len(namen)]
        laptops = []
        for i, g in enumerate(namen):
            s = inloggen.open_sessie(g, WW, url=werk_url)
            p = map_ / f"l{i}.db"
            synchroniseren.meenemen(s, p, WZ)
            s.engine.dispose()
            lp = inloggen.open_sessie(g, WZ, pad=p)
            with lp.engine.connect() as conn:
                did = conn.execute(select(D.c.id).where(D.c.afgesloten_op.is_(None))).scalars().first()
            if did is not None:
                for j in range(5):
                    dossiers.voeg_contactmoment_toe(lp, did, vandaag, "huisbezoek", 30, f"Samen {i}.{j}", vandaag)
            laptops.append((g, lp))
        tijden, fouten = [], []
        slot = threading.Lock()
        start = threading.Barrier(len(laptops) + 1)

        def sync(g, lp):
            start.wait()
            try:
                t0 = time.perf_counter()
                s = inloggen.open_sessie(g, WW, url=werk_url)
                synchroniseren.synchroniseer(lp, s)
                s.engine.dispose()
                with slot:
                    tijden.append(time.perf_counter() - t0)
            except Exception as exc:  # noqa: BLE001  (counted and shown)
                with slot:
                    fouten.append(type(exc).__name__ + ": " + str(exc).splitlines()[0])

        draden = [threading.Thread(target=sync, args=lp) for lp in laptops]
        for d in draden:
            d.start()
        t = time.perf_counter()
        start.wait()
        for d in draden:
            d.join()
        geheel = time.perf_counter() - t
        klaar = sum(synchroniseren.status(lp).alles_verzonden for _g, lp in laptops)
        tijden.sort()
        print(f"\n3. {len(laptops)} laptops syncing at once (sign-in included): {len(tijden)} completed, "
              f"{klaar} report 'Alles verzonden', {len(fouten)} errors, all done in {geheel:.1f} s")
        if tijden:
            p95 = tijden[min(len(tijden) - 1, int(0.95 * len(tijden)))]
            print(f"   p50 {statistics.median(tijden) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
        for f in fouten[:5]:
            print("   error:", f)
        for _g, lp in laptops:
            lp.engine.dispose()
        system.engine.dispose()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
