"""Medewerkers (staff) of the team, who are also the users who sign in (services/inloggen.py).

Managing them (add, change role, deactivate, set a password) is for the functioneel beheerder;
the lists of names the screens need (choose a consulent) are open to every role.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from jet_desktop.domain import wachtwoord as ww
from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.tekst import MEDEWERKER_VELDEN, tekst_fouten
from jet_desktop.domain.gebruikersnaam import is_geldig, uit_naam
from jet_desktop.domain.rollen import Recht
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import GeenToegang, vereis
from jet_desktop.storage.models import Medewerker
from jet_desktop.storage.store import Store, versioned_update

M = Medewerker.__table__


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


def alle(store: Store) -> list[MedewerkerRij]:
    q = select(M.c.id, M.c.naam, M.c.rol, M.c.fte).where(M.c.actief.is_(True), M.c.deleted_at.is_(None)).order_by(M.c.naam)
    with store.engine.connect() as conn:
        return [MedewerkerRij(r.id, r.naam, Rol(r.rol), r.fte) for r in conn.execute(q)]


def gebruikers(store: Store) -> list[Gebruiker]:
    vereis(store, Recht.GEBRUIKERS)
    q = select(M).where(M.c.deleted_at.is_(None)).order_by(M.c.actief.desc(), M.c.naam)
    with store.engine.connect() as conn:
        return [Gebruiker(r.id, r.version, r.naam, r.gebruikersnaam or "", Rol(r.rol), r.fte, r.actief,
                          bool(r.wachtwoord_hash)) for r in conn.execute(q)]


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


def voeg_toe(store: Store, naam: str, rol: Rol, fte: float = 1.0, gebruikersnaam: str | None = None,
             wachtwoord: str | None = None) -> uuid.UUID:
    vereis(store, Recht.GEBRUIKERS)
    with store.engine.begin() as conn:
        if gebruikersnaam is None:
            bezet = set(conn.execute(select(M.c.gebruikersnaam).where(M.c.gebruikersnaam.is_not(None))).scalars())
            gebruikersnaam = uit_naam(naam, bezet)
        gebruikersnaam = gebruikersnaam.strip().lower()
        errors = _controleer(conn, naam, gebruikersnaam, fte, wachtwoord)
        if errors:
            raise ValidationError(errors)
        row = store.new_row(naam=naam.strip(), rol=rol.value, fte=fte, actief=True, gebruikersnaam=gebruikersnaam,
                            wachtwoord_hash=ww.maak_hash(wachtwoord) if wachtwoord else "")
        conn.execute(M.insert().values(row))
        audit.schrijf(conn, store, AuditActie.BEHEER, "medewerker", row["id"],
                      omschrijving=f"gebruiker {gebruikersnaam} toegevoegd als {rol.label.lower()}")
    return row["id"]


def wijzig(store: Store, medewerker_id: uuid.UUID, expected_version: int, naam: str, gebruikersnaam: str, rol: Rol,
           fte: float, actief: bool) -> int:
    vereis(store, Recht.GEBRUIKERS)
    gebruikersnaam = gebruikersnaam.strip().lower()
    with store.engine.begin() as conn:
        errors = _controleer(conn, naam, gebruikersnaam, fte, None, eigen_id=medewerker_id)
        if medewerker_id == store.user_id and (not actief or rol != store.rol):
            errors.append(FieldError("rol", "Rol: u kunt uw eigen rol niet wijzigen en uzelf niet uitschakelen."))
        if errors:
            raise ValidationError(errors)
        audit.schrijf(conn, store, AuditActie.BEHEER, "medewerker", medewerker_id,
                      omschrijving=f"gebruiker {gebruikersnaam}: {rol.label.lower()}, "
                                   f"{'actief' if actief else 'uitgeschakeld'}")
        return versioned_update(conn, store, M, medewerker_id, expected_version, f"Medewerker {naam}",
                                naam=naam.strip(), gebruikersnaam=gebruikersnaam, rol=rol.value, fte=fte, actief=actief)


def stel_wachtwoord_in(store: Store, medewerker_id: uuid.UUID, wachtwoord: str) -> None:
    """The functioneel beheerder sets anyone's password; a medewerker their own."""
    if medewerker_id != store.user_id:
        vereis(store, Recht.GEBRUIKERS)
    if reden := ww.zwakte(wachtwoord):
        raise ValidationError([FieldError("wachtwoord", f"Wachtwoord: {reden}.")])
    with store.engine.begin() as conn:
        r = conn.execute(select(M.c.version, M.c.gebruikersnaam).where(M.c.id == medewerker_id)).first()
        if r is None:
            raise GeenToegang("Medewerker bestaat niet (meer).")
        audit.schrijf(conn, store, AuditActie.BEHEER, "medewerker", medewerker_id,
                      omschrijving=f"wachtwoord van {r.gebruikersnaam} ingesteld")
        versioned_update(conn, store, M, medewerker_id, r.version, "Medewerker",
                         wachtwoord_hash=ww.maak_hash(wachtwoord))


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
