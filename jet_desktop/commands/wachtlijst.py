"""`jet-desktop wachtlijst --pdf FILE`: the wachtlijstrapport (A4)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, datum_arg, open_store, uitvoerbestand

NAME = "wachtlijst"
HELP = "wachtlijstrapport als PDF (A4)"


def configure(p) -> None:
    add_db_arguments(p)
    p.add_argument("--peildatum", type=datum_arg, default=None, metavar="JJJJ-MM-DD", help="standaard: vandaag")
    p.add_argument("--pdf", required=True, metavar="BESTAND")


def run(args) -> int:
    from datetime import date

    from jet_desktop.reports import wachtlijstrapport

    store = open_store(args)
    try:
        peildatum = args.peildatum or date.today()
        with uitvoerbestand(args.pdf) as pad:  # whole or not at all (a full disk: a Dutch message)
            r = wachtlijstrapport.maak_pdf(store, str(pad), peildatum)
    finally:
        store.engine.dispose()
    print(f"Wachtlijstrapport (peildatum {peildatum:%d-%m-%Y}) geschreven naar {args.pdf}: {r.totaal} wachtend, "
          f"{r.overschreden} boven de norm.")
    return 0
