"""`jet-desktop caseload`: the caseloadoverzicht per consulent (PDF or XLSX)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, datum_arg, open_store, uitvoerbestand

NAME = "caseload"
HELP = "caseloadoverzicht per consulent (pdf of xlsx)"


def configure(p) -> None:
    add_db_arguments(p)
    p.add_argument("--peildatum", type=datum_arg, default=None, metavar="JJJJ-MM-DD", help="standaard: vandaag")
    p.add_argument("--format", choices=("pdf", "xlsx"), default="pdf")
    p.add_argument("--out", required=True, metavar="BESTAND")


def run(args) -> int:
    from datetime import date

    from jet_desktop.reports import caseloadoverzicht

    store = open_store(args)
    try:
        peildatum = args.peildatum or date.today()
        with uitvoerbestand(args.out) as pad:  # whole or not at all (a full disk: a Dutch message)
            o = caseloadoverzicht.maak(store, str(pad), args.format, peildatum)
    finally:
        store.engine.dispose()
    dossiers = sum(c.actief for c in o.consulenten)
    print(f"Caseloadoverzicht ({args.format.upper()}, peildatum {peildatum:%d-%m-%Y}) geschreven naar {args.out}: "
          f"{len(o.consulenten)} consulenten, {dossiers} actieve dossiers.")
    return 0
