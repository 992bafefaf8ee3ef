"""`jet-desktop audit verify|anker|export`: check the audit log's hash chain (against an anchor noted
outside the store), print the chain head as such an anchor, or export a period as CSV."""

from __future__ import annotations

from jet_desktop.commands import add_db_arguments, datum_arg, fail

NAME = "audit"
HELP = "auditlog: de hashketen controleren (verify), een anker noteren (anker) of een periode exporteren (export)"


def configure(p) -> None:
    sub = p.add_subparsers(dest="audit_opdracht", metavar="{verify,anker,export}", required=True)
    verify = sub.add_parser("verify", help="controleer de hashketen; meldt de eerste gebroken regel (exitcode 1)",
                            description="Controleert elke regel van het auditlog tegen de hash van de vorige "
                                        "en de ketenkop, en of de triggers die wijzigen weigeren er zijn. Met "
                                        "--anker ook of de keten die regel met die hash nog bevat. "
                                        "Exitcode 0: in orde; 1: gebroken of onbeschermd.")
    add_db_arguments(verify)
    verify.add_argument("--anker", type=_anker_arg, metavar="N:HASH",
                        help="een eerder genoteerd anker (volgnummer:hash, of de hash alleen)")
    anker = sub.add_parser("anker", help="druk de ketenkop af als anker (volgnummer:hash) om buiten de "
                                         "gegevensset te bewaren",
                           description="Schrijft een auditregel en drukt het volgnummer en de hash daarvan af "
                                       "(VOLGNUMMER:HASH). Bewaar dat buiten de gegevensset (beheerlogboek, mail "
                                       "aan de FG); `audit verify --anker` toont later of het log sindsdien is "
                                       "herschreven.")
    add_db_arguments(anker)
    export = sub.add_parser("export", help="exporteer de regels van een periode (CSV voor Excel)",
                            description="Schrijft de auditregels van --van t/m --tot (lokale datums) als CSV: "
                                        "UTF-8 met BOM, scheidingsteken ';', alle kolommen inclusief de hashes.")
    add_db_arguments(export)
    export.add_argument("--van", type=datum_arg, required=True, metavar="JJJJ-MM-DD")
    export.add_argument("--tot", type=datum_arg, required=True, metavar="JJJJ-MM-DD")
    export.add_argument("--format", choices=("csv",), default="csv")
    export.add_argument("--out", metavar="BESTAND", help="bestand (standaard: standaarduitvoer)")


def _anker_arg(tekst: str):
    import argparse

    from jet_desktop.domain.auditketen import lees_anker

    try:
        return lees_anker(tekst)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args) -> int:
    from pathlib import Path

    if args.audit_opdracht == "export" and args.van > args.tot:
        return fail(f"De periode klopt niet: --van ({args.van:%d-%m-%Y}) ligt na --tot ({args.tot:%d-%m-%Y}).")
    if getattr(args, "db", None) and not getattr(args, "url", None) and not Path(args.db).exists():
        return fail(f"De gegevensset {args.db} bestaat niet.")

    from jet_desktop.commands import open_store
    from jet_desktop.services.autorisatie import GeenToegang

    store = open_store(args)
    try:
        if args.audit_opdracht == "verify":
            return _verify(store, args.anker)
        if args.audit_opdracht == "anker":
            return _anker(store)
        return _export(store, args)
    except GeenToegang as exc:
        return fail(str(exc))
    finally:
        store.engine.dispose()


def _verify(store, anker=None) -> int:
    from jet_desktop.services import audit

    uitkomst = audit.verifieer(store, anker=anker)
    print(uitkomst.melding)
    return 0 if uitkomst.ok else 1


def _anker(store) -> int:
    import sys

    from jet_desktop.services import audit

    nummer, h = audit.anker(store)
    print(f"{nummer}:{h}")
    print(f"Anker van het auditlog: regel {nummer}. Bewaar deze regel buiten de gegevensset; controleer later met "
          f"`jet-desktop audit verify --anker {nummer}:{h}`.", file=sys.stderr)
    return 0


def _export(store, args) -> int:
    import io
    import sys

    from jet_desktop.services import audit

    periode = f"{args.van:%d-%m-%Y} t/m {args.tot:%d-%m-%Y}"
    if args.out:
        from jet_desktop.commands import uitvoerbestand

        with uitvoerbestand(args.out) as pad:  # whole or not at all (a full disk: a Dutch message)
            n = audit.exporteer_csv(store, pad, args.van, args.tot)
        print(f"Auditlog {periode}: {audit.regels_tekst(n)} geschreven naar {args.out}.", file=sys.stderr)
        return 0
    # stdout: UTF-8 whatever the console's code page, with '\r\n' row ends as the csv module writes them
    sys.stdout.flush()
    uit = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        n = audit.exporteer_csv(store, uit, args.van, args.tot)
    finally:
        uit.flush()
        uit.detach()  # leave sys.stdout open
    print(f"Auditlog {periode}: {audit.getal(n)} regels geëxporteerd.", file=sys.stderr)
    return 0
