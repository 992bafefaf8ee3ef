"""`jet-desktop monitor`: the monitor toegang over a period."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, datum_arg, fail

NAME = "monitor"
HELP = "monitor toegang over een periode (tabel, json, csv, xlsx of pdf)"


def configure(p) -> None:
    add_db_arguments(p)
    p.add_argument("--van", type=datum_arg, required=True, metavar="JJJJ-MM-DD")
    p.add_argument("--tot", type=datum_arg, required=True, metavar="JJJJ-MM-DD")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx", "pdf"), default="table")
    p.add_argument("--out", metavar="FILE", help="bestand (standaard: standaarduitvoer; verplicht voor xlsx en pdf)")


def run(args) -> int:
    return fail("Nog niet beschikbaar.", 2)
