"""`jet-desktop wachtwoordzin [--db PATH]`: re-key the store and its reservekopieën.

The current wachtwoordzin comes from $JET_PASSPHRASE (or the terminal), the new one from
$JET_NIEUWE_PASSPHRASE (or asked twice on the terminal)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, fail

NAME = "wachtwoordzin"
HELP = "wijzig de wachtwoordzin van de gegevensset (ook de reservekopieën ernaast worden opnieuw versleuteld)"


def configure(p) -> None:
    add_db_arguments(p, url=False)


def run(args) -> int:
    from jet_desktop.commands import sqlite_pad, wachtwoordzin_voor
    from jet_desktop.commands.versleutel import nieuwe_wachtwoordzin
    from jet_desktop.storage.backup import BackupFout
    from jet_desktop.storage.bestand import is_versleuteld
    from jet_desktop.storage.versleuteling import wijzig_wachtwoordzin

    pad = sqlite_pad(args)
    if not is_versleuteld(pad):
        return fail(f"{pad} is niet versleuteld: gebruik eerst `jet-desktop versleutel`.", 2)
    oud = wachtwoordzin_voor(pad)
    nieuw = nieuwe_wachtwoordzin()
    if nieuw is None:
        return fail("Geef de nieuwe wachtwoordzin in JET_NIEUWE_PASSPHRASE, of start de opdracht in een terminal.", 2)
    try:
        kopieen = wijzig_wachtwoordzin(pad, oud, nieuw)
    except BackupFout as exc:
        return fail(f"Wachtwoordzin niet gewijzigd, er is niets veranderd: {exc}")
    print(f"Wachtwoordzin van {pad} gewijzigd; {len(kopieen)} reservekopie(ën) opnieuw versleuteld.")
    return 0
