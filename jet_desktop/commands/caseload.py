"""`jet-desktop caseload`: the caseloadoverzicht per consulent (PDF or XLSX)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, datum_arg, fail

NAME = "caseload"
HELP = "caseloadoverzicht per consulent (pdf of xlsx)"


def configure(p) -> None:
    add_db_arguments(p)
    p.add_argument("--peildatum", type=datum_arg, default=None, metavar="JJJJ-MM-DD", help="standaard: vandaag")
    p.add_argument("--format", choices=("pdf", "xlsx"), default="pdf")
    p.add_argument("--out", required=True, metavar="FILE")


def run(args) -> int:
    return fail("Nog niet beschikbaar.", 2)
