"""Waarneming: temporary cover of an absent consulent's dossiers (één vast gezicht, domain.md §7.3).

The vaste consulent stays; for the absence a colleague becomes the dossier's tweede persoon (the acting
consulent). A waarneming is made only while the vaste consulent is absent, and ends when they no longer are
(domain.caseload.waarneming_voorbij): the dossier goes back — its tweede persoon is again who it was before the
waarneming (a waarneming over a waarneming is one chain: back to before the first). Both moves are
consulentwijzigingen (reden `waarneming`, then `einde_waarneming`) and audit lines, one per dossier; a tweede
persoon changed by hand meanwhile is a decision and is never undone. A closed dossier goes back too (the
waarnemer's access ends with the absence). The permanent alternative is caseload.voer_herverdeling_uit."""

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
from jet_desktop.services.autorisatie import GeenToegang, dossier_zichtbaar, vereis, vereis_dossier
from jet_desktop.services.caseload import (
    AF,
    CW,
    D,
    VoorstelRij,
    _dossier,
    lopende_waarnemingen,
    vereis_actieve_consulent,
)
from jet_desktop.storage.models import Aanmelding
from jet_desktop.storage.store import StaleEditError, Store, versioned_update

WAARNEMING, EINDE = WijzigingsReden.WAARNEMING.value, WijzigingsReden.EINDE_WAARNEMING.value
A = Aanmelding.__table__


def _afwezigheden(conn, medewerker_ids) -> dict[uuid.UUID, list[tuple[date, date]]]:
    uit: dict[uuid.UUID, list[tuple[date, date]]] = {}
    for a in conn.execute(select(AF.c.medewerker_id, AF.c.van, AF.c.tot).where(
            AF.c.deleted_at.is_(None), AF.c.medewerker_id.in_(set(medewerker_ids)))):
        uit.setdefault(a.medewerker_id, []).append((a.van, a.tot))
    return uit


def voer_waarneming_uit(store: Store, voorstel: list[VoorstelRij], datum: date, toelichting: str = "") -> int:
    """Each dossier of the (possibly adjusted) proposal gets its colleague as tweede persoon for the absence,
    in one transaction: all, or (a stale or refused one) none. Only during an absence of the vaste consulent
    on `datum`. A dossier whose tweede persoon is already that colleague needs no change (and none is
    recorded). Returns the number of dossiers that got a waarnemer."""
    vereis(store, Recht.TEAM_DOSSIERS)
    if fouten := tekst_fouten({"toelichting": toelichting}, TOELICHTING_VELDEN):
        raise ValidationError(fouten)
    veranderd, afwezig = 0, {}  # the absences of each vaste consulent, read once
    with store.engine.begin() as conn:
        for v in voorstel:
            d = _dossier(conn, store, v.dossier_id)
            if d.consulent_id not in afwezig:
                afwezig.update(_afwezigheden(conn, [d.consulent_id]) or {d.consulent_id: []})
            if waarneming_voorbij(afwezig[d.consulent_id], datum):
                raise ValidationError([FieldError("naar", f"Dossier {d.dossiernummer}: een waarneming kan alleen "
                                                          "tijdens een gemelde afwezigheid van de vaste consulent; "
                                                          "kies anders een blijvende wijziging.")])
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
            veranderd += 1
    return veranderd


def beeindig_waarnemingen(store: Store, vandaag: date) -> list[str]:
    """Every waarneming (of a dossier this medewerker may see, open or closed) whose vaste consulent is no
    longer absent goes back: the tweede persoon is again who it was before the waarneming (when still an active
    jeugdconsulent and not the vaste consulent; else none). Each dossier in its own transaction with its history
    row and audit line; one changed meanwhile, or not this medewerker's to change, is left for the next time.
    Returns the dossiernummers that went back."""
    with store.engine.connect() as conn:
        kandidaten = conn.execute(
            select(D.c.id, D.c.version, D.c.consulent_id, D.c.tweede_consulent_id, A.c.dossiernummer)
            .join(A, A.c.id == D.c.aanmelding_id)
            .where(D.c.tweede_consulent_id.is_not(None), dossier_zichtbaar(store),
                   D.c.id.in_(select(CW.c.dossier_id).where(CW.c.reden == WAARNEMING)))).all()
        ketens = lopende_waarnemingen(conn, {d.id: d.tweede_consulent_id for d in kandidaten})
        lopend = [(d, ketens[d.id]) for d in kandidaten if d.id in ketens]
        if not lopend:
            return []
        afwezig = _afwezigheden(conn, [d.consulent_id for d, _ in lopend])
    terug = []
    for d, w in lopend:
        if not waarneming_voorbij(afwezig.get(d.consulent_id, []), vandaag):
            continue
        try:
            with store.engine.begin() as conn:
                vereis_dossier(conn, store, d.id)
                vorige = w.van_id
                if vorige is not None:
                    try:
                        vereis_actieve_consulent(conn, vorige, "tweede_consulent", "Tweede persoon")
                    except ValidationError:
                        vorige = None  # the earlier tweede persoon left meanwhile: none rather than a stranger
                if vorige == d.consulent_id:
                    vorige = None
                versioned_update(conn, store, D, d.id, d.version, f"Dossier {d.dossiernummer}",
                                 tweede_consulent_id=vorige)
                conn.execute(CW.insert().values(store.new_row(
                    dossier_id=d.id, rol=ConsulentRol.TWEEDE.value, van_id=d.tweede_consulent_id, naar_id=vorige,
                    datum=vandaag, reden=EINDE)))
                audit.schrijf(conn, store, AuditActie.WIJZIGEN, "dossier", d.id, d.dossiernummer,
                              "waarneming beëindigd: het dossier is terug bij de vaste consulent")
        except (StaleEditError, GeenToegang, ValidationError):
            continue
        terug.append(d.dossiernummer)
    return terug
