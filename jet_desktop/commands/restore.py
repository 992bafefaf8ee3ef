"""`jet-desktop restore --db PATH --from FILE`: put a backup back, keeping the store it replaces.

For an encrypted store the current wachtwoordzin comes from $JET_PASSPHRASE (or the terminal).
Refused while the store is open elsewhere (the message names who)."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, fail

NAME = "restore"
HELP = "zet een reservekopie terug (gecontroleerd; de vervangen gegevensset wordt bewaard)"
OP_DE_TEAMSERVER = "Terugzetten op de teamserver doet IT met pg_restore (docs/teamserver.md)."


def configure(p) -> None:
    add_db_arguments(p, url=False)
    p.add_argument("--from", dest="bron", metavar="FILE", required=True, help="de reservekopie")
    p.add_argument("--wachtwoordzin-kopie-env", metavar="VAR",
                   help="omgevingsvariabele met de wachtwoordzin van de reservekopie, als die anders is dan de "
                        "huidige ($JET_PASSPHRASE); de teruggezette gegevensset krijgt de huidige")


def run(args) -> int:
    import os

    from jet_desktop.commands import als_opdrachtregel, sqlite_pad, wachtwoordzin_voor
    from jet_desktop.services import reservekopie
    from jet_desktop.storage.bestand import WachtwoordzinFout
    from jet_desktop.storage.store import Store

    pad = sqlite_pad(args)
    kopie = os.environ.get(args.wachtwoordzin_kopie_env) if args.wachtwoordzin_kopie_env else None
    # no store yet: it gets $JET_PASSPHRASE, or else the backup's own wachtwoordzin (never none at all)
    huidige = wachtwoordzin_voor(pad) if pad.exists() else (os.environ.get("JET_PASSPHRASE") or kopie)
    reservekopie.waarschuw(pad, huidige)
    try:
        bewaard = reservekopie.zet_terug(als_opdrachtregel(Store(None)), pad, args.bron, huidige, kopie)
    except reservekopie.AuditNietGeschreven as exc:
        return fail(str(exc))
    except (reservekopie.BackupFout, WachtwoordzinFout) as exc:
        return fail(f"Niet teruggezet, er is niets veranderd: {exc}")
    waar = f"; de vervangen gegevensset staat in {bewaard}" if bewaard else ""
    print(f"Reservekopie {args.bron} teruggezet in {pad}{waar}.")
    return 0
