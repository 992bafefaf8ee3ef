"""`jet-desktop versleutel [--db PATH]`: encrypt a store of an earlier version (a backup is taken first).

The new wachtwoordzin comes from $JET_NIEUWE_PASSPHRASE, or is asked twice on a terminal."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, fail

NAME = "versleutel"
HELP = "versleutel een onversleutelde gegevensset (eerst wordt een versleutelde reservekopie gemaakt)"


def configure(p) -> None:
    add_db_arguments(p, url=False)


def nieuwe_wachtwoordzin() -> str | None:
    """$JET_NIEUWE_PASSPHRASE, or asked twice on a terminal; None when neither is possible."""
    import getpass
    import os
    import sys

    if env := os.environ.get("JET_NIEUWE_PASSPHRASE"):
        return env
    if not sys.stdin.isatty():
        return None
    eerste = getpass.getpass("Nieuwe wachtwoordzin: ")
    if getpass.getpass("Herhaal: ") != eerste:
        raise SystemExit(fail("De twee wachtwoordzinnen verschillen; er is niets veranderd.", 2))
    return eerste


def run(args) -> int:
    from jet_desktop.commands import sqlite_pad
    from jet_desktop.storage.backup import BackupFout
    from jet_desktop.storage.versleuteling import versleutel

    nieuw = nieuwe_wachtwoordzin()
    if nieuw is None:
        return fail("Geef de nieuwe wachtwoordzin in JET_NIEUWE_PASSPHRASE, of start de opdracht in een terminal.", 2)
    try:
        kopie = versleutel(sqlite_pad(args), nieuw)
    except BackupFout as exc:
        return fail(f"Niet versleuteld, er is niets veranderd: {exc}")
    print(f"{sqlite_pad(args)} is versleuteld. Reservekopie vooraf (ook versleuteld): {kopie}")
    return 0
