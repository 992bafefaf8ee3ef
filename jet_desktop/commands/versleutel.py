"""`jet-desktop versleutel [--db PATH]`: encrypt a store of an earlier version (a backup is taken first).

The new wachtwoordzin comes from $JET_NIEUWE_PASSPHRASE, or is asked twice on a terminal. On a store
that is already encrypted it finishes an interrupted encryption: the plain reservekopieën left beside
it are encrypted with the store's wachtwoordzin ($JET_PASSPHRASE, else $JET_NIEUWE_PASSPHRASE, else asked).
Refused while the store is open elsewhere (the message names who)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, fail

NAME = "versleutel"
HELP = ("versleutel een onversleutelde gegevensset (eerst wordt een versleutelde reservekopie gemaakt); "
        "op een versleutelde: versleutel de reservekopieën die nog onversleuteld zijn")
OP_DE_TEAMSERVER = "Op de teamserver beveiligt IT de verbinding (TLS) en de schijf (docs/teamserver.md)."


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
    import os

    from jet_desktop.commands import als_opdrachtregel, sqlite_pad, wachtwoordzin_voor
    from jet_desktop.services import reservekopie
    from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld
    from jet_desktop.storage.store import Store

    pad = sqlite_pad(args)
    staat = is_versleuteld(pad)
    if staat is None:
        return fail(f"Niet versleuteld: {pad} bestaat niet.", 2)
    if staat:  # finish an interrupted run: the store's own wachtwoordzin
        if os.environ.get("JET_PASSPHRASE") or not os.environ.get("JET_NIEUWE_PASSPHRASE"):
            sleutel = wachtwoordzin_voor(pad)
        else:
            sleutel = os.environ["JET_NIEUWE_PASSPHRASE"]
    else:
        sleutel = nieuwe_wachtwoordzin()
        if sleutel is None:
            return fail("Geef de nieuwe wachtwoordzin in JET_NIEUWE_PASSPHRASE, of start de opdracht in een terminal.", 2)
    try:
        u = reservekopie.versleutel(als_opdrachtregel(Store(None)), pad, sleutel)
    except reservekopie.AuditNietGeschreven as exc:
        return fail(str(exc))
    except (reservekopie.BackupFout, WachtwoordzinFout) as exc:
        return fail(f"Niet versleuteld, er is niets veranderd: {exc}")
    if u.kopie is not None:
        print(f"{pad} is versleuteld. Reservekopie vooraf (ook versleuteld): {u.kopie}")
    else:
        print(f"{pad} was al versleuteld; de onderbroken versleuteling is afgemaakt.")
    if u.reservekopieen:
        print(f"{len(u.reservekopieen)} onversleutelde reservekopie(ën) versleuteld.")
    for oud, nieuw in u.beschadigd:
        print(f"Let op: {oud.name} was beschadigd en kon niet worden omgezet; de inhoud staat nu versleuteld in "
              f"{nieuw.name} en het onversleutelde bestand is verwijderd.", file=__import__("sys").stderr)
    reservekopie.waarschuw(pad, sleutel)
    return 0
