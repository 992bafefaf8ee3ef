"""Sign-in on a shared store: does the answer time tell whether a gebruikersnaam exists?

On a throwaway PostgreSQL cluster (tests/pg.py) and on an unencrypted SQLite file: median of N failed
sign-ins (`services.inloggen.inloggen`) for a known user with a wrong password, an unknown user, a
switched-off user and a user without a password, interleaved; and a successful one for comparison.
Before issue 9 the unknown user was answered without any scrypt verification (15 ms against 46 ms).

    .venv/bin/python benchmarks/bench_inloggen.py [--keer 41]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from jet_desktop.domain.enums import Rol  # noqa: E402
from jet_desktop.services import medewerkers  # noqa: E402
from jet_desktop.services.inloggen import InlogFout, inloggen  # noqa: E402
from jet_desktop.storage.store import Store  # noqa: E402

WW = "een goed wachtwoord"


def meet(store, keer: int) -> dict[str, float]:
    medewerkers.voeg_toe(store, "Bram Jansen", Rol.CONSULENT, gebruikersnaam="bram", wachtwoord=WW)
    uit = medewerkers.voeg_toe(store, "Uit Geschakeld", Rol.CONSULENT, gebruikersnaam="uit", wachtwoord=WW)
    medewerkers.voeg_toe(store, "Zonder Wachtwoord", Rol.CONSULENT, gebruikersnaam="zonder")
    beheer = replace(store, rol=Rol.BEHEERDER)
    g = next(g for g in medewerkers.gebruikers(beheer) if g.id == uit)
    medewerkers.wijzig(beheer, uit, g.version, g.naam, g.gebruikersnaam, g.rol, g.fte, False)
    gevallen = {"bekend, fout wachtwoord": ("bram", "fout fout fout"), "onbekende gebruiker": ("niemand", WW),
                "uitgeschakeld, fout wachtwoord": ("uit", "fout fout fout"),
                "zonder wachtwoord": ("zonder", "fout fout fout"), "geslaagd": ("bram", WW)}
    tijden: dict[str, list[float]] = {k: [] for k in gevallen}
    for ronde in range(keer + 1):
        for naam, (wie, ww) in gevallen.items():
            t = time.perf_counter()
            try:
                inloggen(store, wie, ww, sleutel_bewezen=False)
            except InlogFout:
                pass
            if ronde:  # the first round warms the connection pool and caches
                tijden[naam].append((time.perf_counter() - t) * 1000)
    return {k: statistics.median(v) for k, v in tijden.items()}


def druk_af(titel: str, uitkomst: dict[str, float]) -> None:
    print(titel)
    for naam, ms in uitkomst.items():
        print(f"  {naam:32s} {ms:7.1f} ms")
    fout = [v for k, v in uitkomst.items() if k != "geslaagd"]
    print(f"  spread of the failures           {max(fout) - min(fout):7.1f} ms")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--keer", type=int, default=41)
    args = p.parse_args()
    from pg import PgUnavailable, start_cluster

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open_file(Path(tmp) / "jet.db", user="bench")
        druk_af(f"SQLite (unencrypted file), median of {args.keer}:", meet(store, args.keer))
        store.engine.dispose()
    try:
        cluster = start_cluster()
    except PgUnavailable as exc:
        print(f"PostgreSQL not available: {exc}")
        return 0
    try:
        store = Store.open(cluster.url(cluster.create_database()), user="bench")
        druk_af(f"PostgreSQL, median of {args.keer}:", meet(store, args.keer))
        store.engine.dispose()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
