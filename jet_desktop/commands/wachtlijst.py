"""`jet-desktop wachtlijst --pdf FILE`: the wachtlijstrapport (A4)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, datum_arg, fail

NAME = "wachtlijst"
HELP = "wachtlijstrapport als PDF (A4)"


def configure(p) -> None:
    add_db_arguments(p)
    p.add_argument("--peildatum", type=datum_arg, default=None, metavar="JJJJ-MM-DD", help="standaard: vandaag")
    p.add_argument("--pdf", required=True, metavar="FILE")


def run(args) -> int:
    return fail("Nog niet beschikbaar.", 2)
