"""Medewerkers (staff) of the team, who are also the users who sign in (services/inloggen.py).

Managing them (add, change role, deactivate, set a password) is for the functioneel beheerder;
the lists of names the screens need (choose a consulent) are open to every role.

The beheerder has no casework, and cannot give it to themselves (docs/security.md "Accounts and the
functioneel beheerder"):
- a password the beheerder sets for someone (at creation or later) is a start password
  (`moet_wachtwoord_wijzigen`): signing in with it gives no session until the medewerker has chosen
  their own (services/inloggen.py), so using it unnoticed is not possible;
- every act of a beheerder that opens casework to an account (a jeugdconsulent or teamleider account
  created, its password set, its role raised, or switched on again) is an audit line starting with
  "dossiertoegang:", which the teamleiders are shown (`accountmeldingen`);
- a beheerder changes neither their own role nor a beheerder account into a casework role, makes
  no casework account on their own name (nor renames one to it), and does not rename their own account
  (renamed, the own-name rule would no longer know them; another beheerder does that).
A medewerker who still holds active dossiers (as consulent or tweede persoon) is not switched off nor
moved out of the jeugdconsulent role: their dossiers would vanish from the Caseload page.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_, select, text, update

from jet_desktop.domain import wachtwoord as ww
from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.gebruikersnaam import is_geldig, uit_naam
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.tekst import MEDEWERKER_VELDEN, tekst_fouten
from jet_desktop.services import audit, login
from jet_desktop.services.autorisatie import GeenToegang, vereis
from jet_desktop.storage.models import Auditregel, Dossier, Medewerker
from jet_desktop.storage.store import Store, versioned_update

M, D, R = Medewerker.__table__, Dossier.__table__, Auditregel.__table__
CASEWORK = (Rol.CONSULENT, Rol.TEAMLEIDER)
MELDING = "dossiertoegang:"  # the start of the audit lines the teamleiders are shown


@dataclass(frozen=True)
class MedewerkerRij:
    id: uuid.UUID
    naam: str
    rol: Rol
    fte: float


@dataclass(frozen=True)
class Gebruiker:
    """A medewerker as the functioneel beheerder manages them."""

    id: uuid.UUID
    version: int
    naam: str
    gebruikersnaam: str
    rol: Rol
    fte: float
    actief: bool
    heeft_wachtwoord: bool
    startwachtwoord: bool = False  # set by a beheerder, not yet replaced by the medewerker's own


def alle(store: Store) -> list[MedewerkerRij]:
    q = select(M.c.id, M.c.naam, M.c.rol, M.c.fte).where(M.c.actief.is_(True), M.c.deleted_at.is_(None)).order_by(M.c.naam)
    with store.engine.connect() as conn:
        return [MedewerkerRij(r.id, r.naam, Rol(r.rol), r.fte) for r in conn.execute(q)]


def gebruikers(store: Store) -> list[Gebruiker]:
    vereis(store, Recht.GEBRUIKERS)
    q = select(M).where(M.c.deleted_at.is_(None)).order_by(M.c.actief.desc(), M.c.naam)
    with store.engine.connect() as conn:
        return [Gebruiker(r.id, r.version, r.naam, r.gebruikersnaam or "", Rol(r.rol), r.fte, r.actief,
                          bool(r.wachtwoord_hash), bool(r.wachtwoord_hash) and r.moet_wachtwoord_wijzigen)
                for r in conn.execute(q)]


def _controleer(conn, naam: str, gebruikersnaam: str, fte: float, wachtwoord: str | None,
                eigen_id: uuid.UUID | None = None) -> list[FieldError]:
    errors = []
    if not naam.strip():
        errors.append(FieldError("naam", "Naam: verplicht."))
    errors += tekst_fouten({"naam": naam}, MEDEWERKER_VELDEN, al=errors)  # domain/tekst.py
    if not is_geldig(gebruikersnaam):
        errors.append(FieldError("gebruikersnaam", "Gebruikersnaam: 2 tot 60 kleine letters, cijfers, punt, "
                                                   "streepje of liggend streepje, beginnend met een letter of cijfer."))
    else:
        bezet = conn.execute(select(M.c.naam).where(M.c.gebruikersnaam == gebruikersnaam, M.c.id != eigen_id)
                             if eigen_id else select(M.c.naam).where(M.c.gebruikersnaam == gebruikersnaam)).first()
        if bezet:
            errors.append(FieldError("gebruikersnaam", f"Gebruikersnaam: '{gebruikersnaam}' is al in gebruik."))
    if not 0 < fte <= 1.5:
        errors.append(FieldError("fte", "FTE: tussen 0 en 1,5."))
    if wachtwoord and (reden := ww.zwakte(wachtwoord)):
        errors.append(FieldError("wachtwoord", f"Wachtwoord: {reden}."))
    return errors


def _als_beheerder(store: Store) -> bool:
    """A signed-in functioneel beheerder (not the system: headless commands, the first medewerker)."""
    return store.rol is Rol.BEHEERDER


def _zelfde_naam(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def voeg_toe(store: Store, naam: str, rol: Rol, fte: float = 1.0, gebruikersnaam: str | None = None,
             wachtwoord: str | None = None, start: bool | None = None) -> uuid.UUID:
    """`start` (default: a password someone else chose, i.e. not the system's) makes it a start password.
    On the team server the medewerker also gets their database login (storage/teamserver.py)."""
    vereis(store, Recht.GEBRUIKERS)
    with store.engine.begin() as conn:
        if gebruikersnaam is None:
            bezet = set(conn.execute(select(M.c.gebruikersnaam).where(M.c.gebruikersnaam.is_not(None))).scalars())
            gebruikersnaam = uit_naam(naam, bezet)
        gebruikersnaam = gebruikersnaam.strip().lower()
        errors = _controleer(conn, naam, gebruikersnaam, fte, wachtwoord)
        if _als_beheerder(store) and rol in CASEWORK and _zelfde_naam(naam, store.user):
            errors.append(FieldError("naam", f"Naam: als functioneel beheerder maakt u geen account met de rol "
                                             f"{rol.label.lower()} op uw eigen naam aan."))
        if errors:
            raise ValidationError(errors)
        if start is None:
            start = store.rol is not None  # a password someone else chose for this medewerker
        start = bool(wachtwoord) and start
        row = store.new_row(naam=naam.strip(), rol=rol.value, fte=fte, actief=True, gebruikersnaam=gebruikersnaam,
                            wachtwoord_hash=ww.maak_hash(wachtwoord) if wachtwoord and not store.teamserver else "",
                            moet_wachtwoord_wijzigen=start and not store.teamserver)
        conn.execute(M.insert().values(row))
        if store.teamserver:
            login.bijwerken(conn, row["id"])
            if wachtwoord:
                login.wachtwoord(conn, row["id"], wachtwoord, start)
        tekst = f"gebruiker {gebruikersnaam} toegevoegd als {rol.label.lower()}" + (
            ", met startwachtwoord" if start else "")
        audit.schrijf(conn, store, AuditActie.BEHEER, "medewerker", row["id"],
                      omschrijving=_gemarkeerd(store, rol, tekst))
    return row["id"]


def _gemarkeerd(store: Store, rol: Rol, tekst: str) -> str:
    """The audit text; marked for the teamleiders when a beheerder opens casework to an account. On the team
    server the server's login functions write the marked line themselves (storage/teamserver.py), so that a
    beheerder who calls them directly is seen too: the application's own line is then not marked again."""
    return f"{MELDING} {tekst}" if _als_beheerder(store) and rol in CASEWORK and not store.teamserver else tekst


def actieve_dossiers(conn, medewerker_id: uuid.UUID) -> tuple[int, int]:
    """(active dossiers as consulent, active dossiers as tweede persoon). On the team server through its
    function: the functioneel beheerder sees no dossiers, only these two counts."""
    from jet_desktop.storage.teamserver import is_teamserver

    if is_teamserver(conn):
        n, t = conn.execute(text("SELECT * FROM jet_actieve_dossiers(:id)"), {"id": medewerker_id}).one()
        return n, t
    q = select(func.count().filter(D.c.consulent_id == medewerker_id),
               func.count().filter(D.c.tweede_consulent_id == medewerker_id)).where(
        D.c.afgesloten_op.is_(None), or_(D.c.consulent_id == medewerker_id, D.c.tweede_consulent_id == medewerker_id))
    n, t = conn.execute(q).one()
    return n, t


def _dossiers(n: int) -> str:
    return f"{n} actief dossier" if n == 1 else f"{n} actieve dossiers"


def dossiers_melding(naam: str, n: int, t: int) -> str:
    """'Bram Jansen heeft nog 14 actieve dossiers (en is tweede persoon bij 3); draag ze eerst over via
    Caseload herverdelen.'"""
    if n and t:
        return (f"{naam} heeft nog {_dossiers(n)} (en is tweede persoon bij {t}); draag ze eerst over via Caseload "
                "herverdelen.")
    if n:
        return f"{naam} heeft nog {_dossiers(n)}; draag ze eerst over via Caseload herverdelen."
    return f"{naam} is nog tweede persoon bij {_dossiers(t)}; kies daar eerst een andere tweede persoon (Caseload)."


def wijzig(store: Store, medewerker_id: uuid.UUID, expected_version: int, naam: str, gebruikersnaam: str, rol: Rol,
           fte: float, actief: bool) -> int:
    vereis(store, Recht.GEBRUIKERS)
    gebruikersnaam = gebruikersnaam.strip().lower()
    with store.engine.begin() as conn:
        errors = _controleer(conn, naam, gebruikersnaam, fte, None, eigen_id=medewerker_id)
        # lock the row before counting dossiers: SQLite by a write (one writer at a time), PostgreSQL by
        # FOR UPDATE, which also waits for a dossier being assigned to this medewerker (its foreign key check)
        if conn.dialect.name == "sqlite":
            conn.execute(update(M).where(M.c.id == medewerker_id).values(version=M.c.version))
        oud = conn.execute(select(M.c.naam, M.c.gebruikersnaam, M.c.rol, M.c.actief).where(M.c.id == medewerker_id,
                                                                        M.c.deleted_at.is_(None))
                           .with_for_update()).first()
        if oud is None:
            raise GeenToegang("Medewerker bestaat niet (meer).")
        oude_rol = Rol(oud.rol)
        if medewerker_id == store.user_id and (not actief or rol != store.rol):
            errors.append(FieldError("rol", "Rol: u kunt uw eigen rol niet wijzigen en uzelf niet uitschakelen."))
        elif _als_beheerder(store) and oude_rol is Rol.BEHEERDER and rol in CASEWORK:
            errors.append(FieldError("rol", "Rol: een account van een functioneel beheerder krijgt geen rol met "
                                            f"dossiertoegang ({rol.label.lower()}); maak daarvoor een apart "
                                            "account aan."))
        if _als_beheerder(store) and medewerker_id == store.user_id and (
                naam.strip() != oud.naam or gebruikersnaam != (oud.gebruikersnaam or "")):
            errors.append(FieldError("naam", "Naam: als functioneel beheerder wijzigt u uw eigen naam en gebruikersnaam "
                                             "niet; vraag dat een andere functioneel beheerder."))
        if _als_beheerder(store) and rol in CASEWORK and _zelfde_naam(naam, store.user) and (
                oude_rol not in CASEWORK or not _zelfde_naam(naam, oud.naam)):
            errors.append(FieldError("naam", f"Naam: als functioneel beheerder geeft u geen account op uw eigen naam "
                                             f"de rol {rol.label.lower()}."))
        if oud.actief and (not actief or (oude_rol is Rol.CONSULENT and rol is not Rol.CONSULENT)):
            n, t = actieve_dossiers(conn, medewerker_id)
            if n or t:
                veld, wat = ("actief", "Uitschakelen") if not actief else ("rol", "Rol wijzigen")
                errors.append(FieldError(veld, f"{wat} kan niet: {dossiers_melding(oud.naam, n, t)}"))
        if errors:
            raise ValidationError(errors)
        tekst = f"gebruiker {gebruikersnaam}: {rol.label.lower()}, {'actief' if actief else 'uitgeschakeld'}"
        opent = rol in CASEWORK and actief and (not oud.actief or oude_rol is not rol and
                                                 (rol is Rol.TEAMLEIDER or oude_rol not in CASEWORK))
        if opent:  # casework opened to this account: switched on again, or its role raised
            tekst += f" (was {oude_rol.label.lower()}, {'actief' if oud.actief else 'uitgeschakeld'})"
        audit.schrijf(conn, store, AuditActie.BEHEER, "medewerker", medewerker_id,
                      omschrijving=_gemarkeerd(store, rol, tekst) if opent else tekst)
        versie = versioned_update(conn, store, M, medewerker_id, expected_version, f"Medewerker {naam}",
                                  naam=naam.strip(), gebruikersnaam=gebruikersnaam, rol=rol.value, fte=fte,
                                  actief=actief)
        if store.teamserver:  # the login follows: renamed, its group, switched off (its sessions end)
            login.bijwerken(conn, medewerker_id, oud.gebruikersnaam)
        return versie


def stel_wachtwoord_in(store: Store, medewerker_id: uuid.UUID, wachtwoord: str, start: bool | None = None) -> None:
    """The functioneel beheerder sets anyone's password, as a start password the medewerker replaces
    at their next sign-in (`start`, default for someone else's); a medewerker sets their own. On the
    team server this is the password of their database login."""
    eigen = medewerker_id == store.user_id and store.user_id is not None
    if not eigen:
        vereis(store, Recht.GEBRUIKERS)
    if reden := ww.zwakte(wachtwoord):
        raise ValidationError([FieldError("wachtwoord", f"Wachtwoord: {reden}.")])
    with store.engine.begin() as conn:
        r = conn.execute(select(M.c.version, M.c.gebruikersnaam, M.c.rol).where(M.c.id == medewerker_id)).first()
        if r is None:
            raise GeenToegang("Medewerker bestaat niet (meer).")
        start = not eigen and (store.rol is not None if start is None else start)
        tekst = f"wachtwoord van {r.gebruikersnaam} ingesteld" + (" (startwachtwoord)" if start else "")
        audit.schrijf(conn, store, AuditActie.BEHEER, "medewerker", medewerker_id,
                      omschrijving=_gemarkeerd(store, Rol(r.rol), tekst))
        if store.teamserver:
            login.wachtwoord(conn, medewerker_id, wachtwoord, start)
        else:
            versioned_update(conn, store, M, medewerker_id, r.version, "Medewerker",
                             wachtwoord_hash=ww.maak_hash(wachtwoord), moet_wachtwoord_wijzigen=start)
    if store.teamserver and eigen:
        login.onthoud(store.engine, wachtwoord)


def accountmeldingen(store: Store, na: int = 0, limit: int | None = 50) -> list[audit.Regel]:
    """The audit lines (after volgnummer `na`, newest first) in which a functioneel beheerder opened
    casework to an account: for the teamleiders (four eyes on the beheerder)."""
    vereis(store, Recht.TEAM_DOSSIERS)
    q = (select(*audit._KOLOMMEN).where(R.c.objecttype == "medewerker", R.c.volgnummer > na,
                                        R.c.omschrijving.like(f"{MELDING}%"))
         .order_by(R.c.volgnummer.desc()).limit(limit))
    with store.engine.connect() as conn:
        audit._vereis_actief(conn, store)  # a teamleider switched off since signing in reads no audit lines
        return [audit._regel(r) for r in conn.execute(q)]


def is_leeg(store: Store) -> bool:
    """True for a store without staff (its first medewerker is created: services/inloggen.py)."""
    with store.engine.connect() as conn:
        return conn.execute(select(M.c.id).limit(1)).first() is None


def aantal_beheerders(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(M).where(
            M.c.rol == Rol.BEHEERDER.value, M.c.actief.is_(True), M.c.deleted_at.is_(None))).scalar_one()


def demo_aanmeldnamen(store: Store) -> list[str]:
    """One sign-in name per role, to show after demo data were loaded."""
    uit = []
    with store.engine.connect() as conn:
        for rol in (Rol.TEAMLEIDER, Rol.CONSULENT, Rol.BEHEERDER):
            naam = conn.execute(select(M.c.gebruikersnaam).where(M.c.rol == rol.value, M.c.actief.is_(True),
                                                                 M.c.updated_by == "demo")
                                .order_by(M.c.gebruikersnaam).limit(1)).scalar()
            if naam:
                uit.append(f"{naam}  ({rol.label.lower()})")
    return uit
