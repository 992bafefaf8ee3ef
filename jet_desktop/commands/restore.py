"""`jet-desktop restore --db PATH --from FILE`: put a backup back, keeping the store it replaces.

For an encrypted store the current wachtwoordzin comes from $JET_PASSPHRASE (or the terminal)."""

from __future__ import annotations

from jet_desktop.commands import fail

NAME = "restore"
HELP = "zet een reservekopie terug (gecontroleerd; de vervangen gegevensset wordt bewaard)"


def configure(p) -> None:
    p.add_argument("--db", metavar="PATH", help="SQLite-bestand (standaard: in de gebruikersmap)")
    p.add_argument("--from", dest="bron", metavar="FILE", required=True, help="de reservekopie")
    p.add_argument("--wachtwoordzin-kopie-env", metavar="VAR",
                   help="omgevingsvariabele met de wachtwoordzin van de reservekopie, als die anders is dan de "
                        "huidige ($JET_PASSPHRASE); de teruggezette gegevensset krijgt de huidige")


def run(args) -> int:
    import os

    from jet_desktop.commands import sqlite_pad, wachtwoordzin_voor
    from jet_desktop.storage.backup import BackupFout, herstel

    pad = sqlite_pad(args)
    # no store yet: it gets the backup's encryption, with $JET_PASSPHRASE when that is set
    huidige = wachtwoordzin_voor(pad) if pad.exists() else os.environ.get("JET_PASSPHRASE")
    kopie = os.environ.get(args.wachtwoordzin_kopie_env) if args.wachtwoordzin_kopie_env else None
    try:
        bewaard = herstel(args.bron, pad, wachtwoordzin=huidige, backup_wachtwoordzin=kopie)
    except BackupFout as exc:
        return fail(f"Niet teruggezet, er is niets veranderd: {exc}")
    waar = f"; de vervangen gegevensset staat in {bewaard}" if bewaard else ""
    print(f"Reservekopie {args.bron} teruggezet in {sqlite_pad(args)}{waar}.")
    return 0
