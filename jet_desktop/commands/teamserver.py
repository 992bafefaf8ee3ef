"""`jet-desktop teamserver init|gebruiker`: set up (or upgrade) the team server, and make or change a
medewerker with their own database login for scripts. Run by IT with an administrator's login; the
guide is docs/teamserver.md."""

from __future__ import annotations

NAME = "teamserver"
HELP = "teamserver (PostgreSQL) inrichten of bijwerken (init), of een gebruiker met eigen login maken (gebruiker)"

ROLLEN = ("jeugdconsulent", "teamleider", "functioneel_beheerder")  # domain.enums.Rol's values (not imported: light)


def configure(p) -> None:
    sub = p.add_subparsers(dest="teamserver_opdracht", metavar="{init,gebruiker}", required=True)
    init = sub.add_parser("init", help="richt de teamserver in of werkt hem bij (idempotent)",
                          description="Migreert het schema, maakt de groepsrollen jet_consulent, jet_teamleider en "
                                      "jet_beheerder en de schema-eigenaar jet_eigenaar, zet rijbeveiliging en "
                                      "rechten op elke tabel, installeert de audit- en gebruikersfuncties en maakt "
                                      "de eerste functioneel beheerder als die er nog niet is (wachtwoord uit "
                                      "JET_NIEUW_WACHTWOORD, of gevraagd). Een latere run werkt alles bij.")
    init.add_argument("--url", required=True, metavar="URL",
                      help="postgresql+psycopg://BEHEERDER@SERVER:POORT/DATABASE (een login met SUPERUSER; "
                           "wachtwoord in de URL, PGPASSWORD of ~/.pgpass)")
    init.add_argument("--beheerder", metavar="GEBRUIKERSNAAM", help="de eerste functioneel beheerder")
    init.add_argument("--naam", metavar="NAAM", help="de naam van die beheerder")
    gebruiker = sub.add_parser("gebruiker", help="maak een medewerker met eigen databaselogin, of wijzig er een",
                               description="Maakt een medewerker met een eigen PostgreSQL-login (SCRAM-SHA-256) in "
                                           "precies één groepsrol, of geeft een bestaande deze naam, rol en dit "
                                           "wachtwoord (uit JET_NIEUW_WACHTWOORD, of gevraagd). Met "
                                           "--startwachtwoord kiest de medewerker bij de eerste aanmelding een eigen "
                                           "wachtwoord.")
    gebruiker.add_argument("--url", required=True, metavar="URL", help="als bij init")
    gebruiker.add_argument("--gebruikersnaam", required=True, metavar="NAAM")
    gebruiker.add_argument("--naam", required=True, metavar="NAAM")
    gebruiker.add_argument("--rol", required=True, choices=ROLLEN)
    gebruiker.add_argument("--startwachtwoord", action="store_true",
                           help="de medewerker kiest bij de eerste aanmelding een eigen wachtwoord")


def _wachtwoord(vraag: str) -> str | None:
    import os
    import sys

    if (w := os.environ.get("JET_NIEUW_WACHTWOORD")) is not None:
        return w
    if not sys.stdin.isatty():
        return None
    import getpass

    eerste = getpass.getpass(f"{vraag}: ")
    if getpass.getpass("Nogmaals: ") != eerste:
        print("De wachtwoorden verschillen.", file=sys.stderr)
        return None
    return eerste


def run(args) -> int:
    from jet_desktop.commands import controleer_url, fail

    controleer_url(args.url)
    if not args.url.startswith("postgresql"):
        return fail("Een teamserver is een PostgreSQL-database: --url postgresql+psycopg://BEHEERDER@SERVER/DATABASE.",
                    2)
    from jet_desktop.domain.enums import Rol
    from jet_desktop.reports import teamserverfuncties
    from jet_desktop.services import teamserver

    if args.teamserver_opdracht == "init":
        wachtwoord = None
        if args.beheerder:
            wachtwoord = _wachtwoord(f"Wachtwoord voor {args.beheerder}")
            if wachtwoord is None:
                return fail("Geef het wachtwoord van de eerste beheerder in JET_NIEUW_WACHTWOORD.", 2)
        verslag = teamserver.init(args.url, args.beheerder, args.naam, wachtwoord,
                                  extra=teamserverfuncties.installeer)
        for regel in verslag.regels:
            print(regel)
        print("Teamserver klaar.")
        return 0
    wachtwoord = _wachtwoord(f"Wachtwoord voor {args.gebruikersnaam}")
    if wachtwoord is None:
        return fail("Geef het wachtwoord in JET_NIEUW_WACHTWOORD.", 2)
    from jet_desktop.storage.store import Store

    store = Store.open(args.url, user="teamserver gebruiker", migrate=False)
    try:
        if not store.teamserver:
            return fail("Deze database is (nog) geen teamserver: draai eerst `jet-desktop teamserver init`.", 1)
        teamserver.gebruiker(store, args.gebruikersnaam, args.naam, Rol(args.rol), wachtwoord,
                             start=args.startwachtwoord)
    finally:
        store.engine.dispose()
    print(f"Gebruiker {args.gebruikersnaam.strip().lower()} ({args.rol}) is bijgewerkt en kan zich aanmelden.")
    return 0
