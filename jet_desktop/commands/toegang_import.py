"""`jet-desktop import toegang FILE`: registrations of the other toegangsvormen (CSV or XLSX)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, fail

NAME = "import"
HELP = "lees gegevens in (toegang: registraties van de andere toegangsvormen)"


def configure(p) -> None:
    sub = p.add_subparsers(dest="soort", required=True)
    t = sub.add_parser("toegang", help="trajecten van POH Jeugd, Jeugdondersteuner, Amaryllis, ... (CSV of XLSX)")
    t.add_argument("bestand", metavar="FILE")
    add_db_arguments(t)


def run(args) -> int:
    return fail("Nog niet beschikbaar.", 2)
