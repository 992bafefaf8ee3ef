"""`jet-desktop import toegang FILE`: registrations of the other toegangsvormen (CSV or XLSX)."""

from __future__ import annotations

import sys

from jet_desktop.commands import add_db_arguments, fail

NAME = "import"
MAX_REGELS = 1000  # bad rows printed; a file with more gets the count of the rest
HELP = "lees gegevens in (toegang: registraties van de andere toegangsvormen)"


def configure(p) -> None:
    sub = p.add_subparsers(dest="soort", metavar="{toegang}", required=True)
    t = sub.add_parser("toegang", help="trajecten van POH Jeugd, Jeugdondersteuner, Amaryllis, ... (CSV of XLSX)",
                       description="Leest een CSV- of XLSX-bestand met trajecten in (indeling: zie docs/import.md). "
                                   "Alles of niets: bij één foute rij wordt niets opgeslagen.")
    t.add_argument("bestand", metavar="BESTAND")
    add_db_arguments(t)


def run(args) -> int:
    from jet_desktop.commands import open_store
    from jet_desktop.services.toegang_import import ImportFout, importeer

    toon_voortgang = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if toon_voortgang:
            print(f"\rOpslaan: {done}/{total}      ", end="", file=sys.stderr, flush=True)

    from pathlib import Path

    bestand = Path(args.bestand)
    if not bestand.exists():  # before the store is opened (or created)
        return fail(f"Het bestand {bestand} bestaat niet; er is niets ingelezen.", 1)
    store = open_store(args)
    try:
        resultaat = importeer(store, bestand, progress=progress)
    except ImportFout as exc:
        if toon_voortgang:
            print(file=sys.stderr)
        regels = exc.regels()
        if len(regels) > MAX_REGELS + 1:  # the message and the first bad rows; the rest counted
            regels = [*regels[:MAX_REGELS + 1], f"... en nog {len(regels) - MAX_REGELS - 1} fouten."]
        return fail("\n".join(regels), 1)
    finally:
        store.engine.dispose()
    if toon_voortgang:
        print(file=sys.stderr)
    print(resultaat.samenvatting)
    return 0
