"""`jet-desktop backup --db PATH --out FILE`: a checked copy of the store, also while it is open.

An encrypted store (wachtwoordzin in $JET_PASSPHRASE) gives a copy encrypted the same way."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, fail

NAME = "backup"
HELP = "maak een gecontroleerde reservekopie van de gegevensset (ook terwijl de applicatie open is)"


def configure(p) -> None:
    add_db_arguments(p, url=False)
    p.add_argument("--out", metavar="FILE", required=True, help="het reservebestand")


def run(args) -> int:
    from jet_desktop.commands import sqlite_pad, wachtwoordzin_voor
    from jet_desktop.storage.backup import BackupFout, maak_backup

    pad = sqlite_pad(args)
    try:
        doel = maak_backup(pad, args.out, wachtwoordzin_voor(pad) if pad.exists() else None)
    except BackupFout as exc:
        return fail(f"Geen reservekopie gemaakt: {exc}")
    except OSError as exc:
        return fail(f"Geen reservekopie gemaakt: {args.out} kan niet worden geschreven ({exc.strerror or exc}).")
    print(f"Reservekopie gemaakt en gecontroleerd: {doel} ({doel.stat().st_size / 1e6:.1f} MB).")
    return 0
