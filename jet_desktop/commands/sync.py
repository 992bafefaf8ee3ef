"""`jet-desktop sync [meenemen|status]` (docs/sync.md): take a consulent's caseload onto a laptop store,
send its offline work to the team server and fetch the server's state, or print where the laptop stands.

The laptop store's wachtwoordzin comes from $JET_PASSPHRASE, the consulent's server password from
$JET_SERVER_WACHTWOORD (else both are asked on a terminal). Exit codes: 0 done, 1 refused or failed (the
laptop's changes stay in its outbox), 2 wrong use."""

from __future__ import annotations

from jet_desktop.commands import fail

NAME = "sync"
HELP = "offline werken: caseload meenemen naar een laptop, synchroniseren met de teamserver, status tonen"


def configure(p) -> None:
    import argparse

    p.add_argument("--db", metavar="LAPTOP.db", default=argparse.SUPPRESS, help="de laptopgegevensset")
    sub = p.add_subparsers(dest="sync_opdracht", metavar="{meenemen,status}")
    mee = sub.add_parser("meenemen", help="kopieer uw eigen dossiers naar een nieuwe, versleutelde laptopgegevensset",
                         description="Kopieert de dossiers waarvan u consulent of tweede persoon bent, met alles "
                                     "wat erbij hoort, op één moment van de teamserver naar een nieuw versleuteld "
                                     "bestand. Wachtwoordzin van de laptop: JET_PASSPHRASE; wachtwoord van uw "
                                     "login: JET_SERVER_WACHTWOORD.")
    mee.add_argument("--url", required=True, metavar="URL", help="de teamserver, bijv. postgresql+psycopg://host/jet")
    mee.add_argument("--gebruiker", metavar="NAAM", help="uw gebruikersnaam (anders die in --url)")
    mee.add_argument("--db", metavar="LAPTOP.db", required=True, help="het nieuwe laptopbestand")
    st = sub.add_parser("status", help="toon wat wacht, wat geweigerd is, de conflicten en de laatste volledige sync")
    st.add_argument("--db", metavar="LAPTOP.db", required=True)
    st.add_argument("--format", choices=("tekst", "json"), default="tekst")


def _geheim(variabele: str, vraag: str) -> str | None:
    import getpass
    import os
    import sys

    if waarde := os.environ.get(variabele):
        return waarde
    if sys.stdin.isatty():
        return getpass.getpass(vraag)
    return None


def run(args) -> int:
    from pathlib import Path

    from jet_desktop.domain.errors import JetFout
    from jet_desktop.storage.bestand import WachtwoordzinFout

    if not getattr(args, "db", None):
        return fail("Geef de laptopgegevensset op met --db LAPTOP.db.", 2)
    pad = Path(args.db)
    opdracht = args.sync_opdracht
    if opdracht != "meenemen" and not pad.exists():
        return fail(f"De laptopgegevensset {pad} bestaat niet; neem eerst uw caseload mee (sync meenemen).", 2)
    wachtwoordzin = _geheim("JET_PASSPHRASE", f"Wachtwoordzin voor {pad.name}: ")
    if not wachtwoordzin:
        return fail("Zet de omgevingsvariabele JET_PASSPHRASE op de wachtwoordzin van de laptopgegevensset, of start "
                    "de opdracht in een terminal.", 2)
    try:
        if opdracht == "meenemen":
            return _meenemen(args, pad, wachtwoordzin)
        if opdracht == "status":
            return _status(args, pad, wachtwoordzin)
        return _sync(pad, wachtwoordzin)
    except (JetFout, WachtwoordzinFout) as exc:
        return fail(str(exc))


def _server(url: str, gebruikersnaam: str):
    from jet_desktop.commands.foutmeldingen import OpdrachtFout
    from jet_desktop.services import inloggen

    wachtwoord = _geheim("JET_SERVER_WACHTWOORD", f"Wachtwoord van {gebruikersnaam} op de teamserver: ")
    if not wachtwoord:
        raise OpdrachtFout("Zet de omgevingsvariabele JET_SERVER_WACHTWOORD op het wachtwoord van uw login, of start "
                           "de opdracht in een terminal.", 2)
    return inloggen.open_sessie(gebruikersnaam, wachtwoord, url=url)


def _meenemen(args, pad, wachtwoordzin: str) -> int:
    from sqlalchemy.engine import make_url

    from jet_desktop.commands import controleer_url
    from jet_desktop.services import synchroniseren

    controleer_url(args.url)
    gebruiker = args.gebruiker or make_url(args.url).username
    if not gebruiker:
        return fail("Geef uw gebruikersnaam op met --gebruiker (of in --url).", 2)
    url = make_url(args.url)._replace(username=None, password=None).render_as_string(hide_password=False)
    server = _server(url, gebruiker)
    try:
        m = synchroniseren.meenemen(server, pad, wachtwoordzin, voortgang=print)
    finally:
        server.engine.dispose()
    print(f"{m.dossiers} dossier(s) meegenomen naar {pad} (apparaat {str(m.apparaat_id)[:8]}).")
    return 0


def _laptop(pad, wachtwoordzin: str):
    from jet_desktop.paths import sqlite_url
    from jet_desktop.services import synchroniseren
    from jet_desktop.storage.store import Store

    store = Store.open(sqlite_url(pad, wachtwoordzin))
    lap = synchroniseren.laptop(store)
    if lap is None:
        store.engine.dispose()
        raise synchroniseren.SyncFout(f"{pad.name} is geen laptopgegevensset (neem eerst uw caseload mee).")
    return store, lap


def _status(args, pad, wachtwoordzin: str) -> int:
    import dataclasses
    import json

    from jet_desktop.services import synchroniseren

    store, _lap = _laptop(pad, wachtwoordzin)
    try:
        s = synchroniseren.status(store)
    finally:
        store.engine.dispose()
    if args.format == "json":
        print(json.dumps({**dataclasses.asdict(s), "alles_verzonden": s.alles_verzonden}, ensure_ascii=False, indent=2))
    else:
        print(f"{s.tekst()}. Laatste volledige synchronisatie: {s.laatste_volledige_sync or 'nog nooit'}.")
    return 0


def _sync(pad, wachtwoordzin: str) -> int:
    from jet_desktop.services import inloggen, synchroniseren

    store, lap = _laptop(pad, wachtwoordzin)
    try:
        sessie = inloggen.inloggen(store, lap.gebruikersnaam, wachtwoordzin, sleutel_bewezen=True)
        server = _server(lap.server_url, lap.gebruikersnaam)
        try:
            v = synchroniseren.synchroniseer(sessie, server, voortgang=print)
        finally:
            server.engine.dispose()
        s = synchroniseren.status(store)
    finally:
        store.engine.dispose()
    print(f"{v.verzonden} wijziging(en) verzonden: {v.toegepast} toegepast, {v.samengevoegd} samengevoegd, "
          f"{v.conflicten} conflict(en), {v.geweigerd} geweigerd; {v.nieuwe_dossiers} dossier(s) erbij, "
          f"{v.weg_dossiers} eraf.")
    for voorlopig, echt in v.nummers.items():
        print(f"Aanmelding {voorlopig} heeft nu dossiernummer {echt}.")
    print(s.tekst() + ".")
    return 0 if s.alles_verzonden else 1
