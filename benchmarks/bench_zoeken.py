"""The search box (services/zoeken.py) on a demo store: ms per keystroke, against the wachtlijst page fetch
in the same run.

One keystroke is what the search box asks once typing pauses: the count (with its audit line) and the
first page (ui/models/zoek_model.eerste_pagina). Measured for the demo teamleider (sees every
aanmelding: the widest search) and a jeugdconsulent (the visibility filter in the WHERE clause), for
typing a name letter by letter, a BSN, a dossiernummer and a birth date. The baseline is the wachtlijst
as its page opens it: `wachtlijst.bekijk` (count + audit line) and the first page of 200 rows.

    .venv/bin/python benchmarks/bench_zoeken.py --jeugdigen 10000
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench_store import demo_store  # the one cached demo store of the benchmarks (benchmarks/ is on sys.path)


def ms(fn, repeat: int) -> tuple[float, float]:
    """(median, max) in ms of `repeat` runs after one warm-up."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--fresh", action="store_true")
    args = ap.parse_args()
    path = demo_store(args.jeugdigen, args.fresh)

    from dataclasses import replace

    from sqlalchemy import func, select

    from jet_desktop.domain.enums import Rol
    from jet_desktop.services import wachtlijst
    from jet_desktop.storage.models import Aanmelding, Dossier, Jeugdige, Medewerker
    from jet_desktop.storage.store import Store
    from jet_desktop.ui.models.zoek_model import eerste_pagina

    A, D, J, M = Aanmelding.__table__, Dossier.__table__, Jeugdige.__table__, Medewerker.__table__
    systeem = Store.open_file(path)
    with systeem.engine.connect() as conn:
        tl = conn.execute(select(M.c.id, M.c.naam).where(M.c.rol == Rol.TEAMLEIDER.value).limit(1)).one()
        cons = conn.execute(select(M.c.id, M.c.naam).join(D, D.c.consulent_id == M.c.id)
                            .group_by(M.c.id, M.c.naam).order_by(func.count().desc()).limit(1)).one()
        bsn = conn.execute(select(J.c.bsn).where(J.c.bsn.is_not(None)).limit(1)).scalar_one()
        geboren = conn.execute(select(J.c.geboortedatum).where(J.c.geboortedatum.is_not(None))
                               .order_by(J.c.id).limit(1)).scalar_one()
        nummer = conn.execute(select(func.max(A.c.dossiernummer))).scalar_one()
        n_aanmeldingen = conn.execute(select(func.count()).select_from(A)).scalar_one()
    rollen = {"teamleider": replace(systeem, user=tl.naam, user_id=tl.id, rol=Rol.TEAMLEIDER),
              "consulent": replace(systeem, user=cons.naam, user_id=cons.id, rol=Rol.CONSULENT)}
    print(f"{args.jeugdigen} jeugdigen, {n_aanmeldingen} aanmeldingen; median (max) of {args.repeat} runs, ms")

    store = rollen["teamleider"]

    def wachtlijst_pagina(filter_text: str = ""):
        wachtlijst.bekijk(store, filter_text).pagina(0, 200)

    base, base_max = ms(wachtlijst_pagina, args.repeat)
    filt, filt_max = ms(lambda: wachtlijst_pagina("a"), args.repeat)
    print(f"  baseline: wachtlijst count + first page of 200          {base:7.1f} ({base_max:.1f})")
    print(f"  baseline: wachtlijst filter keystroke 'a' + first page   {filt:7.1f} ({filt_max:.1f})")

    naam = "de vries"
    teksten = [naam[:i] for i in range(2, len(naam) + 1) if not naam[:i].endswith(" ")]
    teksten += [bsn, nummer, nummer[:7], f"{geboren:%d-%m-%Y}", f"{geboren.day}-{geboren.month}-{geboren.year}"]
    for rol, store in rollen.items():
        print(f"  {rol} ({store.user}):")
        worst = 0.0
        for tekst in teksten:
            aantal = eerste_pagina(store, tekst)[0]
            med, mx = ms(lambda t=tekst: eerste_pagina(store, t), args.repeat)
            worst = max(worst, med)
            toon = "<BSN>" if tekst == bsn else tekst  # never print a BSN, even a demo one
            print(f"    {toon!r:16} {aantal:6d} results   {med:7.1f} ({mx:.1f})   {med / base:4.1f}x baseline")
        print(f"    slowest keystroke: {worst:.1f} ms ({worst / base:.1f}x the wachtlijst page fetch)")


if __name__ == "__main__":
    main()
