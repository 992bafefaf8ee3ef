"""`jet-desktop plan --dossier NR --pdf FILE`: the ondersteuningsplan for the family (A4, plain Dutch);
with `--volledig` the whole dossier with its histories instead (overdracht, inzageverzoek AVG art. 15).

One audit line per PDF (reports/ondersteuningsplan.py, reports/dossierafdruk.py). An unknown
dossiernummer or a dossier without a plan: a Dutch message, exit code 1; a --pdf in a folder that does
not exist, or a folder itself: exit code 2; nothing is written."""

from __future__ import annotations

from pathlib import Path

from jet_desktop.commands import OpdrachtFout, add_db_arguments, open_store, uitvoerbestand

NAME = "plan"
HELP = "ondersteuningsplan voor het gezin als PDF (A4); met --volledig het hele dossier"


def configure(p) -> None:
    add_db_arguments(p)
    p.add_argument("--dossier", required=True, metavar="NR", help="dossiernummer, bijv. 2026-00012")
    p.add_argument("--pdf", required=True, metavar="BESTAND")
    p.add_argument("--volledig", action="store_true",
                   help="het hele dossier met alle geschiedenis (overdracht, inzageverzoek) in plaats van het plan")


def _controleer_pad(pdf: str) -> None:
    pad = Path(pdf)
    if pad.is_dir():
        raise OpdrachtFout(f"{pad} is een map: geef bij --pdf een bestandsnaam op (bijv. {pad / 'plan.pdf'}). "
                           "Er is niets afgedrukt.", 2)
    map_ = pad.parent if str(pad.parent) else Path(".")
    if not map_.is_dir():
        raise OpdrachtFout(f"De map {map_} bestaat niet: kies bij --pdf een bestaande map. Er is niets afgedrukt.", 2)


def run(args) -> int:
    from jet_desktop.reports import dossierafdruk, ondersteuningsplan

    _controleer_pad(args.pdf)  # before the store is opened: a wrong path reads nothing and logs nothing
    store = open_store(args)
    try:
        dossier_id = dossierafdruk.dossier_id_van(store, args.dossier)
        maak = dossierafdruk.maak_pdf if args.volledig else ondersteuningsplan.maak_pdf
        with uitvoerbestand(args.pdf) as pad:  # whole or not at all (a full disk: a Dutch message)
            d = maak(store, dossier_id, str(pad))
    finally:
        store.engine.dispose()
    wat = "Dossier (volledig)" if args.volledig else "Ondersteuningsplan"
    print(f"{wat} van dossier {d.dossiernummer} geschreven naar {args.pdf}.")
    return 0
