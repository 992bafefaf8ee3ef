"""Signing in: who works with the store, in which role (domain/rollen.py).

On a local SQLite store that is encrypted, the wachtwoordzin has already proved itself by
opening the file (storage/versleuteling.py): a local store is personal, its passphrase is the
lock, and the gebruikersnaam says who works. On a shared store (PostgreSQL), and on an
unencrypted local store whose medewerker has a personal password, that password is checked.

Where a password is checked, every attempt costs exactly one scrypt verification, whether the
gebruikersnaam exists or not, has a password or not, is switched off or not (a dummy hash stands in),
and every failure says the same: the answer time and text tell nothing about which accounts exist.
A start password (set by the functioneel beheerder) gives a session only together with the
medewerker's own new password (`nieuw_wachtwoord`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from jet_desktop.domain import wachtwoord as ww
from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.domain.errors import JetFout
from jet_desktop.paths import sqlite_url
from jet_desktop.services import audit
from jet_desktop.services.medewerkers import is_leeg as medewerkers_leeg
from jet_desktop.storage.bestand import is_versleuteld
from jet_desktop.storage.models import Medewerker
from jet_desktop.storage.store import Store

M = Medewerker.__table__


class InlogFout(JetFout):
    pass


FOUT = "Onbekende gebruikersnaam of onjuist wachtwoord."
# stands in for a missing hash: same scrypt parameters as domain/wachtwoord.maak_hash, so the same cost
_GEEN_HASH = "scrypt$16384$8$1$" + "00" * 16 + "$" + "00" * 32


class NieuwWachtwoordNodig(InlogFout):
    """The password was right but is a start password: sign in again with `nieuw_wachtwoord`."""


class LegeGegevensset(InlogFout):
    """The store has no medewerkers yet: the first one is created (nieuwe_gegevensset)."""


def inloggen(store: Store, gebruikersnaam: str, wachtwoord: str, sleutel_bewezen: bool,
             nieuw_wachtwoord: str | None = None) -> Store:
    """A Store for this medewerker (same engine); writes an audit line. Raises InlogFout
    (NieuwWachtwoordNodig: a start password, give `nieuw_wachtwoord` too)."""
    with store.engine.connect() as conn:
        r = conn.execute(select(M.c.id, M.c.naam, M.c.rol, M.c.actief, M.c.wachtwoord_hash,
                                M.c.moet_wachtwoord_wijzigen).where(
            func.lower(M.c.gebruikersnaam) == gebruikersnaam.strip().lower(), M.c.deleted_at.is_(None))).first()
    leeg = medewerkers_leeg(store)  # asked for every name alike: the same queries, known or not
    start = False
    if not sleutel_bewezen:
        gedeeld = store.engine.dialect.name != "sqlite"
        klopt = ww.klopt(wachtwoord, r.wachtwoord_hash if r is not None and r.wachtwoord_hash else _GEEN_HASH)
        if r is not None and not (klopt or (not r.wachtwoord_hash and not gedeeld)):
            raise InlogFout(FOUT)  # wrong password, or (shared store) no password set yet
        start = r is not None and bool(r.wachtwoord_hash) and r.moet_wachtwoord_wijzigen
    if r is None:
        if leeg:
            raise LegeGegevensset("Deze gegevensset heeft nog geen medewerkers.")
        raise InlogFout(FOUT)
    if not r.actief:
        raise InlogFout("Deze gebruiker is uitgeschakeld; vraag de functioneel beheerder.")
    from jet_desktop.services import synchroniseren  # not at start-up: only once a store is open

    if (laptop := synchroniseren.laptop(store)) is not None and laptop.medewerker_id != r.id:  # one medewerker's
        raise InlogFout("Deze laptopgegevensset is van een andere medewerker.")
    sessie = replace(store, user=r.naam, user_id=r.id, rol=Rol(r.rol), namens="")
    if start:
        if nieuw_wachtwoord is None:
            raise NieuwWachtwoordNodig("U meldt zich aan met een startwachtwoord van de functioneel beheerder; "
                                       "kies nu uw eigen wachtwoord.")
        _eigen_wachtwoord(sessie, wachtwoord, nieuw_wachtwoord)
    audit.log(sessie, AuditActie.AANMELDEN, "sessie", r.id, omschrijving=MET_STARTWACHTWOORD if start else "")
    if store.bijgewerkt is not None:  # this sign-in's opening brought the store to this version (Store.open)
        audit.log(sessie, AuditActie.BEHEER, "gegevensset", omschrijving=store.bijgewerkt.omschrijving)
    return sessie


# the sign-in that replaced a start password: not counted as "the previous sign-in" of a teamleider's notice,
# so whoever used a start password (perhaps not its owner) does not move what the owner is shown
MET_STARTWACHTWOORD = "aangemeld met startwachtwoord, vervangen door eigen wachtwoord"


def _eigen_wachtwoord(sessie: Store, start: str, nieuw: str) -> None:
    from jet_desktop.domain.errors import FieldError, ValidationError
    from jet_desktop.services import medewerkers

    if nieuw == start:
        raise ValidationError([FieldError("wachtwoord", "Nieuw wachtwoord: kies een ander wachtwoord dan het "
                                                        "startwachtwoord.")])
    medewerkers.stel_wachtwoord_in(sessie, sessie.user_id, nieuw)


def meldingen_sinds_vorige_aanmelding(sessie: Store) -> list[str]:
    """For a teamleider who just signed in: what functioneel beheerders did since their previous sign-in
    that opened casework to an account (services/medewerkers.accountmeldingen), as Dutch lines."""
    from jet_desktop.domain.rollen import Recht
    from jet_desktop.services import medewerkers
    from jet_desktop.services.autorisatie import mag
    from jet_desktop.storage.models import Auditregel

    if sessie.rol is not Rol.TEAMLEIDER or sessie.user_id is None or not mag(sessie, Recht.TEAM_DOSSIERS):
        return []
    R = Auditregel.__table__
    eigen = (R.c.actie == AuditActie.AANMELDEN.value, R.c.medewerker_id == sessie.user_id)
    with sessie.engine.connect() as conn:
        nu = conn.execute(select(func.max(R.c.volgnummer)).where(*eigen)).scalar() or 0  # this sign-in
        vorige = conn.execute(select(func.max(R.c.volgnummer)).where(
            *eigen, R.c.volgnummer < nu, R.c.omschrijving != MET_STARTWACHTWOORD)).scalar() or 0
    # every line since then (not the newest 50: a flood of harmless resets pushed the one that mattered out),
    # a text repeated shown once with its count, newest first
    groepen: dict[tuple, list] = {}
    for r in medewerkers.accountmeldingen(sessie, na=vorige, limit=None):
        tekst = r.omschrijving.removeprefix(medewerkers.MELDING).strip()
        groepen.setdefault((r.medewerker, r.rol_label.lower(), tekst), []).append(r.tijdstip)
    return [f"{tijden[0]:%d-%m-%Y %H:%M} {wie} ({rol}): {tekst}"
            + (f" ({len(tijden)}×, het eerst op {tijden[-1]:%d-%m-%Y %H:%M})" if len(tijden) > 1 else "")
            for (wie, rol, tekst), tijden in groepen.items()]


def open_sessie(gebruikersnaam: str, wachtwoord: str, pad: Path | None = None, url: str | None = None,
                nieuw_wachtwoord: str | None = None, melden: Callable[[str], None] | None = None) -> Store:
    """Open the local store `pad` (encrypted: `wachtwoord` is its wachtwoordzin) or the shared store
    `url`, and sign in. Raises WachtwoordzinFout or InlogFout with a Dutch message. A local store of an older
    version is copied and migrated first (`melden` hears each step; the session's `bijgewerkt` says what was
    done), one of a newer version refused untouched (storage/bijwerken.py)."""
    from jet_desktop.domain.errors import ValidationError

    store = None
    try:
        if url:
            store = open_teamserver(url, gebruikersnaam, wachtwoord)
            if store.teamserver:  # the server checked the password (SCRAM): the login is the medewerker
                return _teamserver_sessie(store, gebruikersnaam, wachtwoord, nieuw_wachtwoord)
            return inloggen(store, gebruikersnaam, wachtwoord, sleutel_bewezen=False, nieuw_wachtwoord=nieuw_wachtwoord)
        versleuteld = bool(is_versleuteld(pad))
        store = Store.open(sqlite_url(pad, wachtwoord if versleuteld else None), melden=melden)
        return inloggen(store, gebruikersnaam, wachtwoord, sleutel_bewezen=versleuteld,
                        nieuw_wachtwoord=nieuw_wachtwoord)
    except (InlogFout, ValidationError):
        if store is not None:
            store.engine.dispose()
        raise


def open_teamserver(url: str, gebruikersnaam: str, wachtwoord: str) -> Store:
    """Connect to the server at `url` as this medewerker's own login. A URL with a login of its own is
    opened as given only when it is no team server (an older shared store, signed in by the application).
    A refused password, an unknown or switched-off login: InlogFout."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    from jet_desktop.services.teamserver import login_url

    try:
        if make_url(url).username is not None:  # an older shared store's login; never on a team server
            store = Store.open(url, migrate=False)
            if not store.teamserver:
                return store
            store.engine.dispose()
        store = Store.open(login_url(url, gebruikersnaam, wachtwoord), migrate=False)
        if not store.teamserver:  # a database nobody set up: IT does, never a workstation
            store.engine.dispose()
            raise LegeGegevensset("Deze database is nog niet ingericht als teamserver.")
        return store
    except OperationalError as exc:
        tekst = str(exc.orig)
        if "password authentication failed" in tekst or "no password supplied" in tekst:
            raise InlogFout(FOUT) from None
        if "not permitted to log in" in tekst:  # only after the right password: this tells nothing new
            raise InlogFout("Deze gebruiker is uitgeschakeld; vraag de functioneel beheerder.") from None
        if "does not exist" in tekst and "role" in tekst:
            raise InlogFout(FOUT) from None
        raise


def _teamserver_sessie(store: Store, gebruikersnaam: str, wachtwoord: str, nieuw_wachtwoord: str | None) -> Store:
    with store.engine.connect() as conn:
        r = conn.execute(select(M.c.id, M.c.naam, M.c.rol, M.c.actief, M.c.moet_wachtwoord_wijzigen).where(
            M.c.gebruikersnaam == gebruikersnaam.strip().lower(), M.c.deleted_at.is_(None))).first()
    if r is None:
        store.engine.dispose()  # a database login that is no medewerker (IT's own): says no more than a wrong one
        raise InlogFout(FOUT)
    if not r.actief:
        raise InlogFout("Deze gebruiker is uitgeschakeld; vraag de functioneel beheerder.")
    sessie = replace(store, user=r.naam, user_id=r.id, rol=Rol(r.rol), namens="")
    if r.moet_wachtwoord_wijzigen:
        if nieuw_wachtwoord is None:
            raise NieuwWachtwoordNodig("U meldt zich aan met een startwachtwoord van de functioneel beheerder; "
                                       "kies nu uw eigen wachtwoord.")
        _eigen_wachtwoord(sessie, wachtwoord, nieuw_wachtwoord)  # the login's password, and the engine's next ones
    audit.log(sessie, AuditActie.AANMELDEN, "sessie", r.id,
              omschrijving=MET_STARTWACHTWOORD if r.moet_wachtwoord_wijzigen else "")
    return sessie


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


def kan_eigen_wachtwoord_wijzigen(sessie: Store) -> bool:
    """A signed-in medewerker with a password of their own (the team server's login, or a shared store's);
    on a local encrypted store the wachtwoordzin is the key of the file (`jet-desktop wachtwoordzin`)."""
    return sessie.user_id is not None and sessie.engine.dialect.name != "sqlite"


def wijzig_eigen_wachtwoord(sessie: Store, huidig: str, nieuw: str) -> None:
    """The medewerker changes their own password: the current one is proved first (someone at an unlocked
    workstation cannot take the account over), then the new one counts at once (on the team server: for the
    login, and the session's next connections). A wrong current password changes nothing."""
    from jet_desktop.domain.errors import FieldError, ValidationError
    from jet_desktop.services import medewerkers

    if not kan_eigen_wachtwoord_wijzigen(sessie):
        raise InlogFout("Hier is geen eigen wachtwoord te wijzigen.")
    if nieuw == huidig:
        raise ValidationError([FieldError("wachtwoord", "Nieuw wachtwoord: kies een ander wachtwoord dan het huidige.")])
    if sessie.teamserver:  # proved by signing in with it, as at the start
        url = sessie.engine.url
        server = url._replace(username=None, password=None).render_as_string(hide_password=False)
        try:
            open_teamserver(server, url.username or "", huidig).engine.dispose()
        except InlogFout:
            raise ValidationError([FieldError("huidig", "Huidig wachtwoord: onjuist.")]) from None
    else:
        with sessie.engine.connect() as conn:
            opgeslagen = conn.execute(select(M.c.wachtwoord_hash).where(M.c.id == sessie.user_id)).scalar()
        if not opgeslagen or not ww.klopt(huidig, opgeslagen):
            raise ValidationError([FieldError("huidig", "Huidig wachtwoord: onjuist.")])
    medewerkers.stel_wachtwoord_in(sessie, sessie.user_id, nieuw)
