"""Offline home visits at scale (issue 13, docs/sync.md), on the team server with the demo store.

    JET_BENCH_CACHE=/tmp/jet-bench python benchmarks/bench_sync.py [--jeugdigen 100000] [--laptops 30]

The demo store (benchmarks/bench_store.py, seed 7) is copied into a throwaway PostgreSQL cluster set up by
`teamserver init` (as benchmarks/bench_teamserver.py); every demo medewerker gets a login.

1. Caseload meenemen for the consulent whose caseload (own + second person) is nearest 40 dossiers: time and
   laptop store size; baseline in the same run: reading the same part of the server alone (one snapshot).
2. A day's offline work (20 contactmomenten, 5 plan edits, 2 new aanmeldingen, 1 conflict), synced; baseline:
   a sync with nothing to send, same laptop, same run.
3. --laptops laptops syncing at once (each its own login, engine and store, 5 notes each): all complete? p50,
   p95, errors. They are the busiest consulents' laptops (own + second person, all-time), so first one of them
   syncs alone (the baseline), then all at once, with where the time goes: per phase (sign-in, push, reading
   the server, writing the laptop), this process's CPU time against the wall clock (the threads share one
   GIL), the server's CPU time, and pg_stat_activity sampled every 0.2 s (what the server's sessions wait for).

--delen 1,2,3 picks the parts (2 needs 1). Run from an older checkout (`git archive`), this file measures the
code of before under the same conditions.
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
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


def _server_cpu(pid_postmaster: int | None) -> float:
    """CPU seconds (user + system) of every PostgreSQL process of the cluster, from /proc."""
    if pid_postmaster is None:
        return float("nan")
    tik = os.sysconf("SC_CLK_TCK")
    totaal = 0.0
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            velden = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(velden[1]) == pid_postmaster or int(d.name) == pid_postmaster:  # velden[1]: the parent's pid
            totaal += (int(velden[11]) + int(velden[12]) + int(velden[13]) + int(velden[14])) / tik
    return totaal


def _postmaster(cluster) -> int | None:
    try:
        return int((Path(cluster.base) / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, AttributeError):
        return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--laptops", type=int, default=30)
    ap.add_argument("--delen", default="1,2,3", help="the parts to run, e.g. 3 or 1,2 (2 needs 1)")
    ap.add_argument("--processen", action="store_true",
                    help="part 3 with each laptop in a process of its own (as real laptops), not a thread")
    ap.add_argument("--een-sync", nargs=3, metavar=("GEBRUIKER", "PAD", "URL"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.een_sync:
        return _een_sync_proces(*args.een_sync)
    delen = {int(d) for d in args.delen.split(",")}

    from bench_store import demo_store
    from bench_teamserver import kopieer
    from pg import start_cluster
    from sqlalchemy import func, or_, select
    from sqlalchemy.engine import make_url

    from jet_desktop.domain.enums import Rol
    from jet_desktop.reports import teamserverfuncties
    from jet_desktop.services import teamserver
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

        if 1 in delen:
            _meenemen_en_dag(args, delen, naam, n, teamleider, werk_url, map_, vandaag)
        if 3 in delen:
            _tegelijk(args, rijen, werk_url, map_, vandaag, system, _postmaster(cluster))
        system.engine.dispose()
    finally:
        cluster.stop()
    return 0


def _meenemen_en_dag(args, delen, naam, n, teamleider, werk_url, map_, vandaag) -> None:
    from sqlalchemy import select

    from jet_desktop.services import dossiers, inloggen, synchroniseren, zorg
    from jet_desktop.services.aanmeldingen import AanmeldingInvoer, registreer
    from jet_desktop.storage.models import Dossier

    D = Dossier.__table__
    # 1. meenemen -------------------------------------------------------------------------------------------
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
    if 2 not in delen:
        sessie.engine.dispose()
        return

    # 2. a day's work ------------------------------------------------------------------------------------------
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


class _Fasen:
    """Seconds per phase and thread: the service's own steps wrapped (the benchmark's, not the code's)."""

    def __init__(self):
        self.lokaal = threading.local()
        self.per_sync: list[dict[str, float]] = []

    def wikkel(self, module, naam: str, fase: str) -> None:
        echt = getattr(module, naam)

        def gewikkeld(*a, **k):
            t = time.perf_counter()
            try:
                return echt(*a, **k)
            finally:
                f = getattr(self.lokaal, "fasen", None)
                if f is not None:
                    f[fase] = f.get(fase, 0.0) + time.perf_counter() - t
        setattr(module, naam, gewikkeld)


def _een_sync_proces(g: str, pad: str, werk_url: str) -> int:
    """One laptop of part 3 --processen: open the store, say so, wait for the start line, sync, report JSON."""
    import json

    from jet_desktop.services import inloggen, synchroniseren, syncsubset

    fasen = _Fasen()
    fasen.wikkel(synchroniseren, "_verzend_batch", "push")
    fasen.wikkel(synchroniseren, "_lees_subset", "reading the server")
    fasen.wikkel(syncsubset, "schrijf", "writing the laptop")
    fasen.wikkel(inloggen, "open_sessie", "sign-in")
    lp = inloggen.open_sessie(g, WZ, pad=Path(pad))
    print("klaar", flush=True)
    sys.stdin.readline()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    uit: dict = {}
    try:
        fasen.lokaal.fasen = f = {}
        t0 = time.perf_counter()
        s = inloggen.open_sessie(g, WW, url=werk_url)
        synchroniseren.synchroniseer(lp, s)
        s.engine.dispose()
        f["total"] = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        uit = {"fasen": f, "cpu": cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime}
    except Exception as exc:  # noqa: BLE001  (reported to the parent)
        uit = {"fout": type(exc).__name__ + ": " + str(exc).splitlines()[0]}
    lp.engine.dispose()
    print(json.dumps(uit), flush=True)
    return 0


def _tegelijk(args, rijen, werk_url, map_, vandaag, system, postmaster) -> None:
    from sqlalchemy import select, text

    from jet_desktop.services import dossiers, inloggen, synchroniseren, syncsubset
    from jet_desktop.storage.models import Dossier

    D = Dossier.__table__
    # 3. laptops at once ------------------------------------------------------------------------------------
    namen = [r[0] for r in sorted(rijen, key=lambda r: -r[1])][: args.laptops]
    while len(namen) < args.laptops:
        namen += namen[: args.laptops - len(namen)]
    t = time.perf_counter()
    laptops, aantallen = [], []
    for i, g in enumerate(namen):
        s = inloggen.open_sessie(g, WW, url=werk_url)
        p = map_ / f"l{i}.db"
        aantallen.append(synchroniseren.meenemen(s, p, WZ).rijen)
        s.engine.dispose()
        lp = inloggen.open_sessie(g, WZ, pad=p)
        with lp.engine.connect() as conn:
            did = conn.execute(select(D.c.id).where(D.c.afgesloten_op.is_(None))).scalars().first()
        if did is not None:
            for j in range(5):
                dossiers.voeg_contactmoment_toe(lp, did, vandaag, "huisbezoek", 30, f"Samen {i}.{j}", vandaag)
        laptops.append((g, lp))
    print(f"\n3. {len(laptops)} laptops taken along (the busiest caseloads: {min(r[1] for r in rijen if r[0] in namen)}"
          f"-{max(r[1] for r in rijen if r[0] in namen)} dossiers on the server, {min(aantallen)}-{max(aantallen)} rows "
          f"each) in {time.perf_counter() - t:.0f} s")

    fasen = _Fasen()
    fasen.wikkel(synchroniseren, "_verzend_batch", "push")
    fasen.wikkel(synchroniseren, "_lees_subset", "reading the server")
    fasen.wikkel(syncsubset, "schrijf", "writing the laptop")
    fasen.wikkel(inloggen, "open_sessie", "sign-in")

    def een_sync(g, lp) -> dict[str, float]:
        fasen.lokaal.fasen = f = {}
        t0 = time.perf_counter()
        s = inloggen.open_sessie(g, WW, url=werk_url)
        synchroniseren.synchroniseer(lp, s)
        s.engine.dispose()
        f["total"] = time.perf_counter() - t0
        fasen.lokaal.fasen = None
        return f

    # baseline: the first of them alone, with 5 fresh notes like the others'
    g0, lp0 = laptops[0]
    with lp0.engine.connect() as conn:
        did = conn.execute(select(D.c.id).where(D.c.afgesloten_op.is_(None))).scalars().first()
    for j in range(5):
        dossiers.voeg_contactmoment_toe(lp0, did, vandaag, "huisbezoek", 30, f"Alleen {j}", vandaag)
    alleen = een_sync(g0, lp0)
    for j in range(5):  # and 5 more for the run together
        dossiers.voeg_contactmoment_toe(lp0, did, vandaag, "huisbezoek", 30, f"Weer {j}", vandaag)
    print(f"   one of them alone: {alleen['total'] * 1000:.0f} ms ("
          + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in alleen.items() if k != "total") + ")")

    tijden, fouten = [], []
    slot = threading.Lock()
    start = threading.Barrier(len(laptops) + 1)
    monsters: collections.Counter = collections.Counter()
    stop = threading.Event()

    def bemonster():
        with system.engine.connect() as conn:
            while not stop.is_set():
                for staat, wacht, n in conn.execute(text(
                        "SELECT state, coalesce(wait_event_type || ':' || wait_event, 'cpu'), count(*) "
                        "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() "
                        "AND usename <> 'postgres' GROUP BY 1, 2")):
                    monsters[(staat, wacht if staat == "active" else "-")] += n
                monsters["(samples)"] += 1
                conn.commit()
                stop.wait(0.2)

    def sync(g, lp):
        start.wait()
        try:
            f = een_sync(g, lp)
            with slot:
                tijden.append(f["total"])
                fasen.per_sync.append(f)
        except Exception as exc:  # noqa: BLE001  (counted and shown)
            with slot:
                fouten.append(type(exc).__name__ + ": " + str(exc).splitlines()[0])

    monster = threading.Thread(target=bemonster)
    if args.processen:  # each laptop a process of its own: no GIL shared between them
        import json
        import subprocess

        kinderen = []
        for i, (g, lp) in enumerate(laptops):
            lp.engine.dispose()
            kinderen.append(subprocess.Popen(
                [sys.executable, __file__, "--een-sync", g, str(map_ / f"l{i}.db"), werk_url],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        for k in kinderen:
            assert k.stdout.readline().strip() == "klaar"
        monster.start()
        cpu0, pg0 = resource.getrusage(resource.RUSAGE_SELF), _server_cpu(postmaster)
        t = time.perf_counter()
        for k in kinderen:
            k.stdin.write("start\n")
            k.stdin.flush()
        kind_cpu = 0.0
        for k in kinderen:
            uit = json.loads(k.stdout.readline())
            k.wait()
            if "fout" in uit:
                fouten.append(uit["fout"])
            else:
                tijden.append(uit["fasen"]["total"])
                fasen.per_sync.append(uit["fasen"])
                kind_cpu += uit["cpu"]
        geheel = time.perf_counter() - t
        cpu1, pg1 = resource.getrusage(resource.RUSAGE_SELF), _server_cpu(postmaster)
    else:
        draden = [threading.Thread(target=sync, args=lp) for lp in laptops]
        for d in draden:
            d.start()
        monster.start()
        cpu0, pg0 = resource.getrusage(resource.RUSAGE_SELF), _server_cpu(postmaster)
        t = time.perf_counter()
        start.wait()
        for d in draden:
            d.join()
        geheel = time.perf_counter() - t
        cpu1, pg1 = resource.getrusage(resource.RUSAGE_SELF), _server_cpu(postmaster)
        kind_cpu = 0.0
    stop.set()
    monster.join()
    klaar = sum(synchroniseren.status(lp).alles_verzonden for _g, lp in laptops)
    tijden.sort()
    print(f"   {len(laptops)} laptops syncing at once, {'each a process' if args.processen else 'threads of one process'} "
          f"(sign-in included): {len(tijden)} completed, "
          f"{klaar} report 'Alles verzonden', {len(fouten)} errors, all done in {geheel:.1f} s")
    if tijden:
        p95 = tijden[min(len(tijden) - 1, int(0.95 * len(tijden)))]
        print(f"   p50 {statistics.median(tijden) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
              f"{len(laptops)} x the one alone = {len(laptops) * alleen['total']:.1f} s")
    som = collections.Counter()
    for f in fasen.per_sync:
        som.update(f)
    print("   per phase, summed over the syncs: " + ", ".join(f"{k} {v:.1f} s" for k, v in som.items()))
    eigen = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime) + kind_cpu
    print(f"   CPU: the laptops' {'processes' if args.processen else 'process'} {eigen:.1f} s "
          f"({eigen / geheel:.2f} cores of the wall clock), "
          f"the server {pg1 - pg0:.1f} s ({(pg1 - pg0) / geheel:.2f} cores)")
    n = monsters.pop("(samples)", 0) or 1
    print(f"   server sessions per sample ({n} samples): " + ", ".join(
        f"{staat} {wacht} {v / n:.1f}" for (staat, wacht), v in monsters.most_common(8)))
    for f in fouten[:5]:
        print("   error:", f)
    for _g, lp in laptops:
        lp.engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
