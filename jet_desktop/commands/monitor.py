"""`jet-desktop monitor`: the monitor toegang over a period."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, datum_arg, fail, uitvoerbestand

NAME = "monitor"
HELP = "monitor toegang over een periode (tabel, json, csv, xlsx of pdf)"


def configure(p) -> None:
    add_db_arguments(p)
    p.add_argument("--van", type=datum_arg, required=True, metavar="JJJJ-MM-DD")
    p.add_argument("--tot", type=datum_arg, required=True, metavar="JJJJ-MM-DD")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx", "pdf"), default="table")
    p.add_argument("--out", metavar="BESTAND", help="bestand (standaard: standaarduitvoer; verplicht voor xlsx en pdf)")
    p.add_argument("--publicatie", action="store_true",
                   help="voor publicatie: kleine aantallen onderdrukken (drempel uit de instelling publicatie_drempel)")


def run(args) -> int:
    import sys

    if args.van > args.tot:
        return fail(f"De periode klopt niet: --van ({args.van:%d-%m-%Y}) ligt na --tot ({args.tot:%d-%m-%Y}).")
    if args.format in ("xlsx", "pdf") and not args.out:
        return fail(f"Voor --format {args.format} is --out BESTAND verplicht.")

    from jet_desktop.commands import open_store
    from jet_desktop.reports.monitor import bereken, write_monitor
    from jet_desktop.services import settings

    store = open_store(args)
    try:
        drempel = settings.instellingen(store).publicatie_drempel if args.publicatie else None
        uitkomst = bereken(store, args.van, args.tot)
        reeksen = None
        if args.format == "pdf":  # the screen's charts: the same series, the caseload of today
            from datetime import date

            from jet_desktop.reports.grafieken import bereken_reeksen

            reeksen = bereken_reeksen(store, args.van, args.tot, date.today())
    finally:
        store.engine.dispose()
    if args.out:
        with uitvoerbestand(args.out) as pad:  # whole or not at all (a full disk: a Dutch message)
            write_monitor(uitkomst, args.format, pad, drempel=drempel, reeksen=reeksen)
    else:
        write_monitor(uitkomst, args.format, sys.stdout, drempel=drempel)
    if args.out:
        print(f"Monitor toegang {args.van:%d-%m-%Y} t/m {args.tot:%d-%m-%Y} geschreven naar {args.out}.",
              file=sys.stderr)
    return 0
