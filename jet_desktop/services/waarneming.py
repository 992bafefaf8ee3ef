"""Waarneming: temporary cover of an absent consulent's dossiers (één vast gezicht, domain.md §7.3).

The vaste consulent stays; for the absence a colleague becomes the dossier's tweede persoon (the acting
consulent). When the absence is over (domain.caseload.waarneming_voorbij) the dossier goes back: its tweede
persoon is again who it was before. Both moves are consulentwijzigingen (reden `waarneming`, then
`einde_waarneming`) and audit lines, one per dossier. The permanent alternative is
caseload.voer_herverdeling_uit (a new vaste consulent)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from jet_desktop.domain.caseload import waarneming_voorbij
from jet_desktop.domain.enums import AuditActie, ConsulentRol, WijzigingsReden
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.tekst import TOELICHTING_VELDEN, tekst_fouten
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import GeenToegang, dossier_zichtbaar, vereis
from jet_desktop.services.caseload import AF, CW, D, VoorstelRij, _dossier, vereis_actieve_consulent
from jet_desktop.storage.store import StaleEditError, Store, versioned_update

WAARNEMING, EINDE = WijzigingsReden.WAARNEMING.value, WijzigingsReden.EINDE_WAARNEMING.value


def voer_waarneming_uit(store: Store, voorstel: list[VoorstelRij], datum: date, toelichting: str = "") -> int:
    """Each dossier of the (possibly adjusted) proposal gets its colleague as tweede persoon for the absence,
    in one transaction: all, or (a stale or refused one) none. A dossier whose tweede persoon is already that
    colleague needs no change (and none is recorded). Returns the number of dossiers covered."""
    vereis(store, Recht.TEAM_DOSSIERS)
    if fouten := tekst_fouten({"toelichting": toelichting}, TOELICHTING_VELDEN):
        raise ValidationError(fouten)
    with store.engine.begin() as conn:
        for v in voorstel:
            d = _dossier(conn, store, v.dossier_id)
            if v.naar_id == d.consulent_id:
                raise ValidationError([FieldError("naar", f"Dossier {d.dossiernummer}: kies een collega als "
                                                          "waarnemer, niet de afwezige vaste consulent.")])
            if v.naar_id == d.tweede_consulent_id:
                continue
            vereis_actieve_consulent(conn, v.naar_id, "naar", f"Waarnemer van dossier {d.dossiernummer}")
            versioned_update(conn, store, D, v.dossier_id, v.version, f"Dossier {d.dossiernummer}",
                             tweede_consulent_id=v.naar_id)
            conn.execute(CW.insert().values(store.new_row(
                dossier_id=v.dossier_id, rol=ConsulentRol.TWEEDE.value, van_id=d.tweede_consulent_id,
                naar_id=v.naar_id, datum=datum, reden=WAARNEMING, toelichting=toelichting.strip())))
            audit.schrijf(conn, store, AuditActie.WIJZIGEN, "dossier", v.dossier_id, d.dossiernummer,
                          "waarneming ingesteld: tweede persoon tijdens de afwezigheid van de vaste consulent")
    return len(voorstel)


def beeindig_waarnemingen(store: Store, vandaag: date) -> list[str]:
    """Every waarneming (of a dossier this medewerker may see) whose absence is over goes back: the tweede
    persoon is again who it was before (when still an active jeugdconsulent; else none). Each dossier in its
    own transaction with its history row and audit line; one changed meanwhile, or not this medewerker's to
    change, is left for the next time. Returns the dossiernummers that went back."""
    with store.engine.connect() as conn:
        laatste: dict[uuid.UUID, object] = {}
        for r in conn.execute(
                select(CW.c.dossier_id, CW.c.van_id, CW.c.naar_id, CW.c.datum, CW.c.reden, D.c.consulent_id,
                       D.c.tweede_consulent_id, D.c.version)
                .join(D, D.c.id == CW.c.dossier_id)
                .where(CW.c.rol == ConsulentRol.TWEEDE.value, D.c.afgesloten_op.is_(None), dossier_zichtbaar(store),
                       D.c.id.in_(select(CW.c.dossier_id).where(CW.c.reden == WAARNEMING)))
                .order_by(CW.c.datum, CW.c.created_at)):
            laatste[r.dossier_id] = r  # the latest change of tweede persoon of each dossier
        lopend = {k: r for k, r in laatste.items() if r.reden == WAARNEMING and r.naar_id == r.tweede_consulent_id}
        if not lopend:
            return []
        afwezig: dict[uuid.UUID, list[tuple[date, date]]] = {}
        for a in conn.execute(select(AF.c.medewerker_id, AF.c.van, AF.c.tot).where(
                AF.c.deleted_at.is_(None), AF.c.medewerker_id.in_({r.consulent_id for r in lopend.values()}))):
            afwezig.setdefault(a.medewerker_id, []).append((a.van, a.tot))
    terug = []
    for dossier_id, r in lopend.items():
        if not waarneming_voorbij(r.datum, afwezig.get(r.consulent_id, []), vandaag):
            continue
        try:
            with store.engine.begin() as conn:
                d = _dossier(conn, store, dossier_id)
                vorige = r.van_id
                if vorige is not None:
                    try:
                        vereis_actieve_consulent(conn, vorige, "tweede_consulent", "Tweede persoon")
                    except ValidationError:
                        vorige = None  # the earlier tweede persoon left meanwhile: none rather than a stranger
                if vorige == d.consulent_id:
                    vorige = None
                versioned_update(conn, store, D, dossier_id, r.version, f"Dossier {d.dossiernummer}",
                                 tweede_consulent_id=vorige)
                conn.execute(CW.insert().values(store.new_row(
                    dossier_id=dossier_id, rol=ConsulentRol.TWEEDE.value, van_id=r.naar_id, naar_id=vorige,
                    datum=vandaag, reden=EINDE)))
                audit.schrijf(conn, store, AuditActie.WIJZIGEN, "dossier", dossier_id, d.dossiernummer,
                              "waarneming beëindigd: het dossier is terug bij de vaste consulent")
        except (StaleEditError, GeenToegang, ValidationError):
            continue
        terug.append(d.dossiernummer)
    return terug
