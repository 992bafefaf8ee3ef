"""`jet-desktop bewaring lijst|vernietig`: closed dossiers past the bewaartermijn, and destroying them.

    jet-desktop bewaring lijst [--db PATH] [--peildatum JJJJ-MM-DD]
    jet-desktop bewaring vernietig [--db PATH] (--dossier NR [--dossier NR ...] | --alle) [--ja]

`vernietig` always counts from today; it asks for confirmation on a terminal unless --ja is given,
and refuses to run unconfirmed without a terminal. Rules: docs/bewaring.md.
"""

from __future__ import annotations

import sys

from jet_desktop.commands import add_db_arguments, datum_arg, fail, open_store

NAME = "bewaring"
HELP = "afgesloten dossiers na de bewaartermijn: lijst en vernietigen"


def configure(p) -> None:
    sub = p.add_subparsers(dest="bewaring_actie", metavar="{lijst,vernietig}", required=True)
    lijst = sub.add_parser("lijst", help="toon de afgesloten dossiers waarvan de bewaartermijn verstreken is",
                           description="Afgesloten dossiers waarvan de bewaartermijn verstreken is (zonder namen).")
    add_db_arguments(lijst)
    lijst.add_argument("--peildatum", type=datum_arg, default=None, metavar="JJJJ-MM-DD",
                       help="verstreken op deze datum (standaard: vandaag)")
    vernietig = sub.add_parser(
        "vernietig", help="vernietig de persoonsgegevens van dossiers na de bewaartermijn (onomkeerbaar)",
        description="Vernietig de persoonsgegevens van afgesloten dossiers waarvan de bewaartermijn vandaag "
                    "verstreken is. Dit kan niet ongedaan worden gemaakt.")
    add_db_arguments(vernietig)
    keuze = vernietig.add_mutually_exclusive_group(required=True)
    keuze.add_argument("--dossier", action="append", metavar="NR", help="dossiernummer (herhaal voor meer dossiers)")
    keuze.add_argument("--alle", action="store_true", help="alle dossiers van `bewaring lijst`")
    vernietig.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")


def _tabel(lijst) -> str:
    kop = ("Dossiernr.", "Afgesloten", "Laatste wijziging", "Vernietigbaar vanaf", "Opmerking")
    rijen = [(x.dossiernummer, f"{x.afgesloten_op:%d-%m-%Y}", f"{x.laatste_wijziging:%d-%m-%Y}",
              f"{x.vernietigbaar_vanaf:%d-%m-%Y}", x.opmerking) for x in lijst]
    breed = [max(len(r[i]) for r in [kop, *rijen]) for i in range(len(kop))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, breed)).rstrip() for r in [kop, *rijen])


def _lijst(store, args) -> int:
    from datetime import date

    from jet_desktop.services import bewaring, settings

    peildatum = args.peildatum or date.today()
    jaren = settings.instellingen(store).bewaartermijn_jaren
    lijst = bewaring.te_vernietigen(store, peildatum)
    print(f"Bewaartermijn: {jaren} jaar na de laatste wijziging (instelling). Peildatum {peildatum:%d-%m-%Y}.")
    if not lijst:
        print("Geen afgesloten dossiers waarvan de bewaartermijn verstreken is.")
        return 0
    print(f"{len(lijst)} afgesloten dossier(s) waarvan de bewaartermijn verstreken is:\n")
    print(_tabel(lijst))
    return 0


def _bevestigd(aantal: int) -> bool:
    antwoord = input(f"De persoonsgegevens van {aantal} dossier(s) worden vernietigd. Dit kan niet ongedaan "
                     "worden gemaakt. Typ 'ja' om door te gaan: ")
    return antwoord.strip().lower() == "ja"


def _vernietig(store, args) -> int:
    from datetime import date

    from jet_desktop.domain.errors import ValidationError
    from jet_desktop.services import bewaring

    vandaag = date.today()
    try:
        if args.alle:
            ids = [x.dossier_id for x in bewaring.te_vernietigen(store, vandaag)]
            if not ids:
                print("Geen afgesloten dossiers waarvan de bewaartermijn verstreken is; er is niets vernietigd.")
                return 0
        else:
            ids = bewaring.dossier_ids(store, args.dossier)
        if not args.ja:
            if not sys.stdin.isatty():
                return fail("Niets vernietigd: bevestig met --ja (er is geen terminal om het te vragen).", 2)
            if not _bevestigd(len(ids)):
                print("Afgebroken; er is niets vernietigd.")
                return 1
        uit = bewaring.vernietig(store, ids, vandaag)
    except ValidationError as exc:
        return fail("Niets vernietigd:\n" + "\n".join(f"- {e.message}" for e in exc.errors))
    print(f"Persoonsgegevens vernietigd van {len(uit.dossiernummers)} dossier(s): {', '.join(uit.dossiernummers)}.")
    print(f"Ook de gegevens van {uit.jeugdigen} jeugdige(n) en {uit.gezinnen} gezin(nen) zonder ander lopend dossier.")
    if uit.bestand_opgeschoond is False:
        print("Let op: het databasebestand kon nog niet worden opgeschoond (een ander programma leest het); "
              "SQLite doet dat zodra het vrij is.", file=sys.stderr)
    print("Oudere reservekopieën bevatten de gegevens nog tot ze worden opgeruimd.")
    return 0


def run(args) -> int:
    from jet_desktop.services.autorisatie import GeenToegang

    store = open_store(args)
    if not store.namens:
        store.namens = "opdrachtregel"
    try:
        return _lijst(store, args) if args.bewaring_actie == "lijst" else _vernietig(store, args)
    except GeenToegang as exc:
        return fail(str(exc))
    finally:
        store.engine.dispose()
