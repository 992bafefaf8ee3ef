"""`jet-desktop restore --db PATH --from FILE`: put a backup back, keeping the store it replaces."""

from __future__ import annotations

from jet_desktop.commands import fail

NAME = "restore"
HELP = "zet een reservekopie terug (gecontroleerd; de vervangen gegevensset wordt bewaard)"


def configure(p) -> None:
    p.add_argument("--db", metavar="PATH", help="SQLite-bestand (standaard: in de gebruikersmap)")
    p.add_argument("--from", dest="bron", metavar="FILE", required=True, help="de reservekopie")


def run(args) -> int:
    from jet_desktop.commands import sqlite_pad
    from jet_desktop.storage.backup import BackupFout, herstel

    try:
        bewaard = herstel(args.bron, sqlite_pad(args))
    except BackupFout as exc:
        return fail(f"Niet teruggezet, er is niets veranderd: {exc}")
    waar = f"; de vervangen gegevensset staat in {bewaard}" if bewaard else ""
    print(f"Reservekopie {args.bron} teruggezet in {sqlite_pad(args)}{waar}.")
    return 0
