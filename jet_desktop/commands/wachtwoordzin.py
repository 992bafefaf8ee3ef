"""`jet-desktop wachtwoordzin [--db PATH]`: re-key the store and its reservekopieën.

The current wachtwoordzin comes from $JET_PASSPHRASE (or the terminal), the new one from
$JET_NIEUWE_PASSPHRASE (or asked twice on the terminal). An interrupted change is finished by running
the command again with the same two. Refused while the store is open elsewhere (the message names who)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, fail

NAME = "wachtwoordzin"
HELP = "wijzig de wachtwoordzin van de gegevensset (ook de reservekopieën ernaast worden opnieuw versleuteld)"
OP_DE_TEAMSERVER = "Op de teamserver heeft elke medewerker een eigen wachtwoord: Beheer → Mijn wachtwoord wijzigen."


def configure(p) -> None:
    add_db_arguments(p, url=False)


def run(args) -> int:
    import sys

    from jet_desktop.commands import als_opdrachtregel, sqlite_pad, wachtwoordzin_voor
    from jet_desktop.commands.versleutel import nieuwe_wachtwoordzin
    from jet_desktop.services import reservekopie
    from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld
    from jet_desktop.storage.store import Store

    pad = sqlite_pad(args)
    if is_versleuteld(pad) is None:
        return fail(f"Wachtwoordzin niet gewijzigd: {pad} bestaat niet.", 2)
    if not is_versleuteld(pad):
        return fail(f"{pad} is niet versleuteld: gebruik eerst `jet-desktop versleutel`.", 2)
    oud = wachtwoordzin_voor(pad)
    nieuw = nieuwe_wachtwoordzin()
    if nieuw is None:
        return fail("Geef de nieuwe wachtwoordzin in JET_NIEUWE_PASSPHRASE, of start de opdracht in een terminal.", 2)
    try:
        h = reservekopie.wijzig_wachtwoordzin(als_opdrachtregel(Store(None)), pad, oud, nieuw)
    except reservekopie.AuditNietGeschreven as exc:
        return fail(str(exc))
    except (reservekopie.BackupFout, WachtwoordzinFout) as exc:
        return fail(f"Wachtwoordzin niet gewijzigd, er is niets veranderd: {exc}")
    extra = f" ({len(h.al_gedaan)} hadden hem al: een onderbroken wijziging is afgemaakt)" if h.al_gedaan else ""
    print(f"Wachtwoordzin van {pad} gewijzigd; {len(h.reservekopieen)} reservekopie(ën) opnieuw versleuteld{extra}.")
    for p in h.onbekend:
        print(f"Let op: {p.name} opent met geen van beide wachtwoordzinnen en is niet gewijzigd.", file=sys.stderr)
    reservekopie.waarschuw(pad, nieuw)
    return 0
