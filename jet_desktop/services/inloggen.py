"""Signing in: who works with the store, in which role (domain/rollen.py).

On a local SQLite store that is encrypted, the wachtwoordzin has already proved itself by
opening the file (storage/versleuteling.py): a local store is personal, its passphrase is the
lock, and the gebruikersnaam says who works. On a shared store (PostgreSQL), and on an
unencrypted local store whose medewerker has a personal password, that password is checked.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from jet_desktop.domain import wachtwoord as ww
from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.services import audit
from jet_desktop.services.medewerkers import is_leeg as medewerkers_leeg
from jet_desktop.paths import sqlite_url
from jet_desktop.storage.bestand import is_versleuteld
from jet_desktop.storage.models import Medewerker
from jet_desktop.storage.store import Store

M = Medewerker.__table__


class InlogFout(PermissionError):
    pass


FOUT = "Onbekende gebruikersnaam of onjuist wachtwoord."


class LegeGegevensset(InlogFout):
    """The store has no medewerkers yet: the first one is created (nieuwe_gegevensset)."""


def inloggen(store: Store, gebruikersnaam: str, wachtwoord: str, sleutel_bewezen: bool) -> Store:
    """A Store for this medewerker (same engine); writes an audit line. Raises InlogFout."""
    with store.engine.connect() as conn:
        r = conn.execute(select(M.c.id, M.c.naam, M.c.rol, M.c.actief, M.c.wachtwoord_hash).where(
            func.lower(M.c.gebruikersnaam) == gebruikersnaam.strip().lower(), M.c.deleted_at.is_(None))).first()
    if r is None:
        if medewerkers_leeg(store):
            raise LegeGegevensset("Deze gegevensset heeft nog geen medewerkers.")
        raise InlogFout(FOUT)
    if not sleutel_bewezen:
        gedeeld = store.engine.dialect.name != "sqlite"
        if r.wachtwoord_hash:
            if not ww.klopt(wachtwoord, r.wachtwoord_hash):
                raise InlogFout(FOUT)
        elif gedeeld:
            raise InlogFout("Voor deze gebruiker is nog geen wachtwoord ingesteld; vraag de functioneel beheerder.")
    if not r.actief:
        raise InlogFout("Deze gebruiker is uitgeschakeld; vraag de functioneel beheerder.")
    sessie = replace(store, user=r.naam, user_id=r.id, rol=Rol(r.rol), namens="")
    audit.log(sessie, AuditActie.AANMELDEN, "sessie", r.id)
    return sessie


def open_sessie(gebruikersnaam: str, wachtwoord: str, pad: Path | None = None, url: str | None = None) -> Store:
    """Open the local store `pad` (encrypted: `wachtwoord` is its wachtwoordzin) or the shared store
    `url`, and sign in. Raises WachtwoordzinFout or InlogFout with a Dutch message."""
    if url:
        return inloggen(Store.open(url), gebruikersnaam, wachtwoord, sleutel_bewezen=False)
    versleuteld = bool(is_versleuteld(pad))
    store = Store.open(sqlite_url(pad, wachtwoord if versleuteld else None))
    try:
        return inloggen(store, gebruikersnaam, wachtwoord, sleutel_bewezen=versleuteld)
    except InlogFout:
        store.engine.dispose()
        raise


def nieuwe_gegevensset(naam: str, gebruikersnaam: str, rol: Rol, wachtwoord: str, pad: Path | None = None,
                       url: str | None = None) -> Store:
    """Create a store (a local one encrypted with `wachtwoord`) with its first medewerker, signed in.

    On a shared store the first medewerker gets `wachtwoord` as personal password."""
    from jet_desktop.domain.errors import FieldError, ValidationError
    from jet_desktop.services import medewerkers

    if pad is not None and is_versleuteld(pad) is False:
        raise ValidationError([FieldError("bestand", f"{pad} is een bestaande, onversleutelde gegevensset.")])
    if reden := ww.zwakte(wachtwoord):
        raise ValidationError([FieldError("wachtwoord", f"Wachtwoordzin: {reden}.")])
    systeem = Store.open(url or sqlite_url(pad, wachtwoord), user=naam)
    if not medewerkers.is_leeg(systeem):
        raise ValidationError([FieldError("bestand", "Deze gegevensset heeft al medewerkers; kies Aanmelden.")])
    medewerkers.voeg_toe(systeem, naam, rol, gebruikersnaam=gebruikersnaam, wachtwoord=wachtwoord if url else None)
    return inloggen(systeem, gebruikersnaam, wachtwoord, sleutel_bewezen=url is None)
