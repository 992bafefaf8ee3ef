"""Laptops of the offline tests: a consulent's caseload taken from the test team server into an encrypted
laptop store, signed in on it as the application does, and synced back."""

from __future__ import annotations

from pathlib import Path

from teamserver.team import WW

from jet_desktop.paths import sqlite_url
from jet_desktop.services import inloggen, synchroniseren
from jet_desktop.storage.store import Store

WZ = "laptop-wachtwoordzin-2026"


def op_server(server, gebruikersnaam: str) -> Store:
    return inloggen.open_sessie(gebruikersnaam, WW, url=server.server_url())


def meenemen(server, gebruikersnaam: str, pad: Path) -> Path:
    sessie = op_server(server, gebruikersnaam)
    try:
        synchroniseren.meenemen(sessie, pad, WZ)
    finally:
        sessie.engine.dispose()
    return pad


def open_laptop(pad: Path, gebruikersnaam: str) -> Store:
    return inloggen.open_sessie(gebruikersnaam, WZ, pad=pad)


def sync(server, laptop: Store, gebruikersnaam: str) -> synchroniseren.Verslag:
    sessie = op_server(server, gebruikersnaam)
    try:
        return synchroniseren.synchroniseer(laptop, sessie)
    finally:
        sessie.engine.dispose()


def raw(laptop: Store) -> Store:
    return Store.open(sqlite_url(laptop.engine.url.database, WZ))
