"""Registering an aanmelding: validation, recognising known jeugdigen, siblings.

Needs Recht.WACHTLIJST (jeugdconsulent, teamleider; not the functioneel beheerder). A registration
writes its audit line (AANMAKEN, client = the new dossiernummer) in the same transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.exc import IntegrityError

from jet_desktop.domain.age import leeftijd_fouten
from jet_desktop.domain.bsn import bsn_error, normalize_bsn
from jet_desktop.domain.codelijsten import Codelijsten
from jet_desktop.domain.enums import AuditActie, Geslacht, HulpvraagCategorie, Regie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.jeugdige_match import Persoonskenmerken, is_zelfde_jeugdige
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.tekst import AANMELDING_VELDEN, OUDER_VELDEN, tekst_fouten
from jet_desktop.services import audit, codelijsten
from jet_desktop.services.autorisatie import dossier_zichtbaar, mag, vereis, weiger
from jet_desktop.services.naming import volledige_naam
from jet_desktop.storage.models import Aanmelding, Dossier, Gezin, Gezinslid, Jeugdige
from jet_desktop.storage.store import Store

A, J, G, GL = Aanmelding.__table__, Jeugdige.__table__, Gezin.__table__, Gezinslid.__table__
D = Dossier.__table__


@dataclass
class OuderInvoer:
    naam: str
    relatie: str = "ouder"
    gezag: bool = False
    telefoon: str = ""


@dataclass
class AanmeldingInvoer:
    voornaam: str = ""
    tussenvoegsel: str = ""
    achternaam: str = ""
    geboortedatum: date | None = None
    uitgerekende_datum: date | None = None
    bsn: str = ""
    geslacht: str = Geslacht.ANDERS.value
    adres: str = ""
    postcode: str = ""
    woonplaats: str = ""
    wijk: str = ""
    school: str = ""
    ouders: list[OuderInvoer] = field(default_factory=list)
    verwijzer_route: str = ""
    verwijzer_organisatie: str = ""
    verwijzer_contactpersoon: str = ""
    aanmelddatum: date | None = None
    hulpvraag: str = ""
    hulpvraag_categorieen: list[str] = field(default_factory=list)
    veiligheidssignalen: str = ""
    regie: str = Regie.ONBEKEND.value
    steunfiguur_naam: str = ""
    steunfiguur_relatie: str = ""


def valideer(invoer: AanmeldingInvoer, vandaag: date, lijsten: Codelijsten) -> list[FieldError]:
    """All field errors at once, each naming its field in Dutch. `lijsten`: the code lists as stored
    (services/codelijsten.py); a verwijzer ended on or before the aanmelddatum is refused."""
    errors: list[FieldError] = []
    for veld, label in (("voornaam", "Voornaam"), ("achternaam", "Achternaam")):
        if not getattr(invoer, veld).strip():
            errors.append(FieldError(veld, f"{label}: verplicht."))
    if invoer.aanmelddatum is None:
        errors.append(FieldError("aanmelddatum", "Aanmelddatum: verplicht."))
    elif invoer.aanmelddatum > vandaag:
        errors.append(FieldError("aanmelddatum", "Aanmelddatum: ligt in de toekomst."))
    errors.extend(leeftijd_fouten(invoer.geboortedatum, invoer.uitgerekende_datum, invoer.aanmelddatum or vandaag))
    if (e := bsn_error(invoer.bsn)) is not None:
        errors.append(e)
    errors.extend(lijsten.verwijzer_fouten(invoer.verwijzer_route, invoer.aanmelddatum or vandaag))
    if not invoer.hulpvraag.strip():
        errors.append(FieldError("hulpvraag", "Hulpvraag: beschrijf de hulpvraag."))
    bekende = {c.value for c in HulpvraagCategorie}
    if any(c not in bekende for c in invoer.hulpvraag_categorieen):
        errors.append(FieldError("hulpvraag_categorieen", "Hulpvraag: onbekende categorie."))
    if invoer.geslacht not in {g.value for g in Geslacht}:
        errors.append(FieldError("geslacht", "Geslacht: kies een waarde uit de lijst."))
    if invoer.regie not in {r.value for r in Regie}:
        errors.append(FieldError("regie", "Regie-inschatting: kies een waarde uit de lijst."))
    for i, ouder in enumerate(invoer.ouders, start=1):
        if not ouder.naam.strip():
            errors.append(FieldError("ouders", f"Ouder/verzorger {i}: naam is verplicht."))
    if invoer.steunfiguur_relatie.strip() and not invoer.steunfiguur_naam.strip():
        errors.append(FieldError("steunfiguur_naam", "Steunfiguur: vul ook de naam in."))
    errors += tekst_fouten(invoer, AANMELDING_VELDEN, al=errors)  # control characters, lengths (domain/tekst.py)
    errors += [f for i, o in enumerate(invoer.ouders, 1)
               for f in tekst_fouten(o, OUDER_VELDEN, f"Ouder/verzorger {i}", als_veld="ouders")]
    return errors


@dataclass(frozen=True)
class BekendeJeugdige:
    id: uuid.UUID
    gezin_id: uuid.UUID
    naam: str
    geboortedatum: date | None
    bsn: str | None
    woonplaats: str
    aantal_aanmeldingen: int


def _bekende_rij(row) -> BekendeJeugdige:
    return BekendeJeugdige(row.id, row.gezin_id, volledige_naam(row.voornaam, row.tussenvoegsel, row.achternaam),
                           row.geboortedatum, row.bsn, row.woonplaats, row.n)


def _jeugdige_met_aantal():
    n = select(func.count()).where(A.c.jeugdige_id == J.c.id).scalar_subquery()
    return select(J.c.id, J.c.gezin_id, J.c.voornaam, J.c.tussenvoegsel, J.c.achternaam, J.c.geboortedatum,
                  J.c.bsn, J.c.woonplaats, n.label("n"))


def zoek_bekende_jeugdigen(store: Store, invoer: AanmeldingInvoer) -> list[BekendeJeugdige]:
    """Jeugdigen already in the store that are this child: same BSN, or same name + birth date."""
    vereis(store, Recht.WACHTLIJST)
    bsn = normalize_bsn(invoer.bsn) if invoer.bsn.strip() else None
    conds = []
    if bsn:
        conds.append(J.c.bsn == bsn)
    if invoer.geboortedatum:
        conds.append(J.c.geboortedatum == invoer.geboortedatum)
    if not conds:
        return []
    with store.engine.connect() as conn:
        rows = conn.execute(_jeugdige_met_aantal().where(or_(*conds))).all()
    nieuw = Persoonskenmerken(invoer.voornaam, invoer.achternaam, invoer.geboortedatum, bsn, invoer.tussenvoegsel)
    return _gezien(store, [
        _bekende_rij(r) for r in rows
        if is_zelfde_jeugdige(nieuw, Persoonskenmerken(r.voornaam, r.achternaam, r.geboortedatum, r.bsn, r.tussenvoegsel))
    ], "bekende jeugdige gevonden bij een nieuwe aanmelding")


BSN_VAN_COLLEGA = ("BSN: dit burgerservicenummer hoort bij een jeugdige die het team al kent, op de caseload van "
                   "een collega (u kunt die niet inzien). Vraag een teamleider deze aanmelding te registreren, zodat "
                   "er geen tweede jeugdige voor hetzelfde kind komt. Er is niets opgeslagen.")


def _weiger_bsn_van_collega(store: Store, bsn: str) -> None:
    """On the team server a consulent's login does not see a child on a colleague's caseload, so
    `zoek_bekende_jeugdigen` cannot offer it: the server's jet_bsn_elders tells whether the BSN is known (the
    id only). Refused rather than a second jeugdige for one child; telling it is a look, with its line."""
    with store.engine.begin() as conn:
        ander = bsn_elders(conn, store, bsn, None)
        if ander is None:
            return
        audit.schrijf(conn, store, AuditActie.OPENEN, "jeugdige", ander,
                      omschrijving="BSN bij een nieuwe aanmelding al bekend bij een jeugdige van een collega")
    raise ValidationError([FieldError("bsn", BSN_VAN_COLLEGA)])


def bsn_elders(conn, store: Store, bsn: str, jeugdige_id: uuid.UUID | None) -> uuid.UUID | None:
    """Another jeugdige with this BSN; on the team server also one this login may not see (its id only)."""
    if store.teamserver:
        return conn.execute(text("SELECT jet_bsn_elders(:bsn, :id)"), {"bsn": bsn, "id": jeugdige_id}).scalar()
    return conn.execute(select(J.c.id).where(J.c.bsn == bsn, J.c.id != jeugdige_id).limit(1)).scalar()


def _gezien(store: Store, rijen: list[BekendeJeugdige], waarom: str) -> list[BekendeJeugdige]:
    """A lookup that shows personal data of known jeugdigen is a read: one audit line per jeugdige
    shown (NEN 7513), whoever's caseload they are on."""
    if rijen:
        with store.engine.begin() as conn:
            for r in rijen:
                audit.schrijf(conn, store, AuditActie.OPENEN, "jeugdige", r.id, omschrijving=waarom)
    return rijen


def mogelijke_broers_zussen(store: Store, achternaam: str, postcode: str) -> list[BekendeJeugdige]:
    """Jeugdigen with the same surname at the same postcode: candidates for 'één gezin, één plan' (without
    their BSN: `bsn` is None; linking needs the name and birth date only). One line per candidate."""
    vereis(store, Recht.WACHTLIJST)
    if not achternaam.strip() or not postcode.strip():
        return []
    pc = postcode.replace(" ", "").upper()
    with store.engine.connect() as conn:
        rows = conn.execute(
            _jeugdige_met_aantal().where(
                and_(func.lower(J.c.achternaam) == achternaam.strip().lower(),
                     func.upper(func.replace(J.c.postcode, " ", "")) == pc)
            ).limit(20)
        ).all()
    # name and birth date are what the screen offers to link; the BSN of a child found by surname and
    # postcode (perhaps on a colleague's caseload) is not needed for that, so it is not handed out
    return _gezien(store, [replace(_bekende_rij(r), bsn=None) for r in rows],
                   "mogelijke broer of zus gevonden bij een nieuwe aanmelding")


def gezin_van(store: Store, gezin_id: uuid.UUID) -> tuple[list[BekendeJeugdige], list[OuderInvoer]]:
    """Children (names, BSN, birth dates) and parents/carers (names, phone numbers) of a gezin, to link a
    new aanmelding to it. Always checked and always logged (one line per child shown):

    - Recht.WACHTLIJST (jeugdconsulent, teamleider; never the functioneel beheerder);
    - a teamleider (Recht.TEAM_DOSSIERS) sees every gezin of the team;
    - a jeugdconsulent sees a gezin only while one of its children is still waiting — at triage or on
      the wachtlijst, which the consulent sees anyway — or has a dossier the consulent may see (own
      caseload or second person). The gezin of dossiers of colleagues only is refused (GeenToegang,
      and a GEWEIGERD line).

    The dossier screen reads the gezin within its own opening (dossiers.detail), after its own check."""
    vereis(store, Recht.WACHTLIJST)
    with store.engine.connect() as conn:
        if not mag(store, Recht.TEAM_DOSSIERS) and not _gezin_zichtbaar(conn, store, gezin_id):
            raise weiger(store, "Geen toegang tot dit gezin: geen van de kinderen wacht op triage of op de "
                                "wachtlijst, of staat op uw caseload.",
                         "gezin zonder wachtende aanmelding en zonder eigen dossier", "gezin", gezin_id)
        kinderen, ouders = gezin_in(conn, gezin_id)
    if kinderen:
        _gezien(store, kinderen, "gezin bekeken bij een nieuwe aanmelding"
                + (f" ({len(ouders)} ouder(s)/verzorger(s))" if ouders else ""))
    elif ouders:
        audit.log(store, AuditActie.OPENEN, "gezin", gezin_id,
                  omschrijving=f"gezin bekeken bij een nieuwe aanmelding ({len(ouders)} ouder(s)/verzorger(s))")
    return kinderen, ouders


def _gezin_zichtbaar(conn, store: Store, gezin_id: uuid.UUID) -> bool:
    """Whether a child of the gezin is waiting (triage queue, wachtlijst) or in a dossier the medewerker sees."""
    eigen = (select(D.c.id).where(D.c.aanmelding_id == A.c.id, dossier_zichtbaar(store)).exists())
    q = (select(A.c.id).join(J, J.c.id == A.c.jeugdige_id)
         .where(J.c.gezin_id == gezin_id, A.c.deleted_at.is_(None),
                or_(A.c.huidig_besluit_id.is_(None), A.c.op_wachtlijst.is_(True), eigen)).limit(1))
    return conn.execute(q).first() is not None


def gezin_in(conn, gezin_id: uuid.UUID) -> tuple[list[BekendeJeugdige], list[OuderInvoer]]:
    """The query of `gezin_van` on an open connection. No check and no line: for a service that has
    checked the right to a dossier of this gezin on `conn` and writes the line of its view itself
    (dossiers.detail)."""
    kinderen = conn.execute(_jeugdige_met_aantal().where(J.c.gezin_id == gezin_id).order_by(J.c.geboortedatum)).all()
    ouders = conn.execute(select(GL).where(GL.c.gezin_id == gezin_id, GL.c.deleted_at.is_(None))
                          .order_by(GL.c.naam)).all()
    return [_bekende_rij(r) for r in kinderen], [OuderInvoer(o.naam, o.relatie, o.gezag, o.telefoon) for o in ouders]


def zonder_aanmeldingen(store: Store) -> bool:
    """No aanmelding at all (demo data may be offered: the generator never mixes with real data)."""
    with store.engine.connect() as conn:
        return conn.execute(select(A.c.id).limit(1)).first() is None


def volgend_dossiernummer(conn, jaar: int) -> str:
    from jet_desktop.storage.teamserver import is_teamserver

    laptop = conn.exec_driver_sql("SELECT apparaat_id FROM sync_laptop WHERE id = 1").scalar() \
        if conn.dialect.name == "sqlite" else None
    if laptop is not None:  # offline (docs/sync.md): a provisional number of this laptop; the server gives the real one
        prefix = f"V-{str(laptop).replace('-', '')[:6].upper()}-"
        last = conn.execute(select(func.max(A.c.dossiernummer)).where(A.c.dossiernummer.like(prefix + "%"))).scalar()
        return f"{prefix}{int(last.rsplit('-', 1)[1]) + 1 if last else 1:03d}"
    prefix = f"{jaar}-"
    if is_teamserver(conn):  # a login sees only some aanmeldingen
        last = conn.execute(text("SELECT jet_max_dossiernummer(:p)"), {"p": prefix}).scalar()
    else:
        last = conn.execute(select(func.max(A.c.dossiernummer)).where(A.c.dossiernummer.like(prefix + "%"))).scalar()
    n = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{n:05d}"


@dataclass(frozen=True)
class Registratie:
    aanmelding_id: uuid.UUID
    jeugdige_id: uuid.UUID
    dossiernummer: str


def registreer(
    store: Store,
    invoer: AanmeldingInvoer,
    vandaag: date,
    bestaande_jeugdige_id: uuid.UUID | None = None,
    gezin_id: uuid.UUID | None = None,
) -> Registratie:
    """Save a new aanmelding in one transaction.

    `bestaande_jeugdige_id`: reuse a known jeugdige (no duplicate is made).
    `gezin_id`: add a new jeugdige to an existing gezin (siblings share parents).
    Without either, a known jeugdige with the same BSN or name + birth date is an
    error: the caller must offer it for reuse.
    """
    vereis(store, Recht.WACHTLIJST)
    errors = valideer(invoer, vandaag, codelijsten.lijsten(store))
    if errors:
        raise ValidationError(errors)
    if bestaande_jeugdige_id is None and zoek_bekende_jeugdigen(store, invoer):
        raise ValidationError([FieldError(
            "bsn" if invoer.bsn.strip() else "geboortedatum",
            "Deze jeugdige is al bekend (zelfde BSN of naam en geboortedatum); kies de bekende jeugdige.",
        )])
    bsn = normalize_bsn(invoer.bsn) or None
    if bestaande_jeugdige_id is None and bsn and store.teamserver:
        _weiger_bsn_van_collega(store, bsn)
    for _attempt in range(3):
        try:
            with store.engine.begin() as conn:
                if bestaande_jeugdige_id is not None:
                    jeugdige_id = bestaande_jeugdige_id
                    gid = conn.execute(select(J.c.gezin_id).where(J.c.id == jeugdige_id)).scalar_one()
                else:
                    gid = gezin_id
                    if gid is None:
                        gezin = store.new_row(naam=f"Gezin {volledige_naam('', invoer.tussenvoegsel, invoer.achternaam)}"[:160])
                        conn.execute(G.insert().values(gezin))
                        gid = gezin["id"]
                    jeugdige = store.new_row(
                        gezin_id=gid, voornaam=invoer.voornaam.strip(), tussenvoegsel=invoer.tussenvoegsel.strip(),
                        achternaam=invoer.achternaam.strip(), geboortedatum=invoer.geboortedatum,
                        uitgerekende_datum=invoer.uitgerekende_datum, bsn=bsn, geslacht=invoer.geslacht,
                        adres=invoer.adres.strip(), postcode=invoer.postcode.strip().upper(),
                        woonplaats=invoer.woonplaats.strip(), wijk=invoer.wijk.strip(), school=invoer.school.strip(),
                    )
                    conn.execute(J.insert().values(jeugdige))
                    jeugdige_id = jeugdige["id"]
                bestaande = {o.naam.strip().lower() for o in conn.execute(
                    select(GL.c.naam).where(GL.c.gezin_id == gid, GL.c.deleted_at.is_(None)))}
                for ouder in invoer.ouders:
                    if ouder.naam.strip().lower() not in bestaande:
                        conn.execute(GL.insert().values(store.new_row(
                            gezin_id=gid, naam=ouder.naam.strip(), relatie=ouder.relatie, gezag=ouder.gezag,
                            telefoon=ouder.telefoon.strip())))
                nummer = volgend_dossiernummer(conn, invoer.aanmelddatum.year)
                aanmelding = store.new_row(
                    dossiernummer=nummer, jeugdige_id=jeugdige_id, aanmelddatum=invoer.aanmelddatum,
                    verwijzer_route=invoer.verwijzer_route, verwijzer_organisatie=invoer.verwijzer_organisatie.strip(),
                    verwijzer_contactpersoon=invoer.verwijzer_contactpersoon.strip(), hulpvraag=invoer.hulpvraag.strip(),
                    hulpvraag_categorieen=",".join(invoer.hulpvraag_categorieen),
                    veiligheidssignalen=invoer.veiligheidssignalen.strip(), regie=invoer.regie,
                    steunfiguur_naam=invoer.steunfiguur_naam.strip(), steunfiguur_relatie=invoer.steunfiguur_relatie.strip(),
                )
                conn.execute(A.insert().values(aanmelding))
                audit.schrijf(conn, store, AuditActie.AANMAKEN, "aanmelding", aanmelding["id"], nummer,
                              "aanmelding geregistreerd" + (" (bekende jeugdige)" if bestaande_jeugdige_id
                                                            else " (broer/zus in bestaand gezin)" if gezin_id
                                                            else ""))
            return Registratie(aanmelding["id"], jeugdige_id, nummer)
        except IntegrityError as exc:  # another workstation took the same dossiernummer: take the next
            if "dossiernummer" not in str(exc.orig):
                raise
            continue
    raise RuntimeError("Kon geen uniek dossiernummer toekennen; probeer het opnieuw.")
