"""`jet-desktop backup --db PATH --out FILE`: a checked copy of the store, also while it is open.

An encrypted store (wachtwoordzin in $JET_PASSPHRASE) gives a copy encrypted the same way. The audit
line and the output name the audit chain's head in the copy ("Ankerhash van het auditlog"): note it
outside the system (`jet-desktop audit verify --anker`)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, fail

NAME = "backup"
HELP = "maak een gecontroleerde reservekopie van de gegevensset (ook terwijl de applicatie open is)"
OP_DE_TEAMSERVER = "Een reservekopie van de teamserver maakt IT met pg_dump (docs/teamserver.md)."


def configure(p) -> None:
    add_db_arguments(p, url=False)
    p.add_argument("--out", metavar="FILE", required=True, help="het reservebestand")


def run(args) -> int:
    from pathlib import Path

    from jet_desktop.commands import (
        OpdrachtFout,
        als_opdrachtregel,
        sqlite_pad,
        wachtwoordzin_voor,
        weiger_vreemde_gegevensset,
    )
    from jet_desktop.paths import sqlite_url
    from jet_desktop.services import reservekopie
    from jet_desktop.storage.backup import geen_apparaat
    from jet_desktop.storage.bestand import WachtwoordzinFout
    from jet_desktop.storage.store import Store

    pad = sqlite_pad(args)
    doel = Path(args.out)
    try:  # /dev/null, a FIFO: refused before anything is read (the check of storage/backup, exit 2 here)
        if not doel.is_dir():
            geen_apparaat(doel)
    except reservekopie.BackupFout as exc:
        return fail(f"Geen reservekopie gemaakt: {exc}", 2)
    if not pad.is_file():
        return fail(f"Geen reservekopie gemaakt: {pad} bestaat niet.")
    sleutel = wachtwoordzin_voor(pad)
    reservekopie.waarschuw(pad, sleutel)
    try:
        with reservekopie.schijffouten(pad):
            weiger_vreemde_gegevensset(sqlite_url(pad, sleutel))  # another program's file: never migrated
            store = als_opdrachtregel(Store.open(sqlite_url(pad, sleutel)))
    except OpdrachtFout as exc:
        return fail(f"Geen reservekopie gemaakt: {exc}", exc.code)
    except reservekopie.BackupFout as exc:
        return fail(f"Geen reservekopie gemaakt: {exc}")
    except WachtwoordzinFout as exc:
        return fail(f"Geen reservekopie gemaakt: {exc}", 2)
    try:
        kopie = reservekopie.maak(store, args.out)
    except (reservekopie.BackupFout, WachtwoordzinFout) as exc:
        return fail(f"Geen reservekopie gemaakt: {exc}")
    finally:
        store.engine.dispose()
    print(f"Reservekopie gemaakt en gecontroleerd: {kopie.pad} ({kopie.megabytes:.1f} MB).")
    if kopie.anker:
        print(f"Ankerhash van het auditlog: {kopie.anker[1]} (regel {kopie.anker[0]})")
    return 0
