"""Waarneming (issue 15): an absence covered for a while, not a permanent reshuffle — the teamleider's
adjusted proposal makes each colleague tweede persoon for the absence, the vaste consulent stays, and when
the absence is over the dossier goes back, both moves in the history and the audit log. On SQLite and on the
team server as the teamleider's own login (row-level security)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from jet_desktop.domain.caseload import waarneming_voorbij
from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import caseload, medewerkers, waarneming
from jet_desktop.storage.models import Auditregel, Dossier

D, R = Dossier.__table__, Auditregel.__table__
V = date(2026, 11, 25)


def test_the_rule_of_the_end_of_a_waarneming():
    ziek = [(V, V + timedelta(days=14))]
    assert not waarneming_voorbij(ziek, V + timedelta(days=3))          # still absent
    assert not waarneming_voorbij(ziek, V + timedelta(days=14))         # the last day of the absence
    assert waarneming_voorbij(ziek, V + timedelta(days=15))             # the day after
    assert not waarneming_voorbij(ziek + [(V + timedelta(days=15), V + timedelta(days=30))],
                                  V + timedelta(days=20))                # extended by a second absence at once
    assert waarneming_voorbij([], V)                                     # the absence was removed
    later = [(V, V + timedelta(days=5)), (V + timedelta(days=60), V + timedelta(days=70))]
    assert waarneming_voorbij(later, V + timedelta(days=6))             # a later, separate absence: no wait
    assert waarneming_voorbij(later[1:], V + timedelta(days=1))         # removed, a later one planned: back


@pytest.fixture
def team(any_store, jet, inloggen_als):
    s = any_store
    ids = {n: jet.consulent(s, n) for n in ("Anouk", "Bram", "Chantal")}
    tessa = medewerkers.voeg_toe(s, "Tessa", Rol.TEAMLEIDER, gebruikersnaam="tessa", wachtwoord="Tessa-Wachtwoord-2026")
    ids["dossiers"] = [jet.dossier(s, ids["Anouk"]) for _ in range(3)]
    ids["met_tweede"] = jet.dossier(s, ids["Anouk"], tweede_consulent_id=ids["Chantal"])
    caseload.markeer_afwezig(s, ids["Anouk"], V, V + timedelta(days=14), "Ziek")
    leider = inloggen_als(s, tessa)
    return s, leider, ids


def _stand(store, did):
    with store.engine.connect() as conn:
        return conn.execute(select(D.c.consulent_id, D.c.tweede_consulent_id).where(D.c.id == did)).one()


def test_a_waarneming_keeps_the_vaste_consulent_and_gives_the_dossiers_back_after_the_absence(team):
    s, leider, ids = team
    voorstel = caseload.herverdeling(leider, ids["Anouk"], V)
    assert len(voorstel) == 4
    # the teamleider adjusts the proposal: everything to Bram, except the dossier Chantal already knows
    aangepast = [v if v.dossier_id == ids["met_tweede"] else
                 type(v)(**{**v.__dict__, "naar_id": ids["Bram"], "naar_naam": "Bram"}) for v in voorstel]
    assert waarneming.voer_waarneming_uit(leider, aangepast, V) == 3  # Chantal was tweede persoon already
    for did in ids["dossiers"]:
        assert tuple(_stand(s, did)) == (ids["Anouk"], ids["Bram"])  # één vast gezicht: Anouk stays
    assert tuple(_stand(s, ids["met_tweede"])) == (ids["Anouk"], ids["Chantal"])
    assert {c.naam: c.belasting for c in caseload.consulenten(s, V)}["Anouk"] == 4
    assert sorted(d.dossier_id for d in caseload.dossiers_van(s, ids["Bram"])) == sorted(ids["dossiers"])

    assert waarneming.beeindig_waarnemingen(leider, V + timedelta(days=14)) == []  # still absent: nothing back
    terug = waarneming.beeindig_waarnemingen(leider, V + timedelta(days=15))
    assert len(terug) == 3
    for did in ids["dossiers"]:
        assert tuple(_stand(s, did)) == (ids["Anouk"], None)
        historie = caseload.consulent_historie(s, did)
        assert [(h.reden, h.van, h.naar) for h in historie[-2:]] == [
            ("waarneming", "", "Bram"), ("einde_waarneming", "Bram", "")]
    assert tuple(_stand(s, ids["met_tweede"])) == (ids["Anouk"], ids["Chantal"])  # never touched
    assert waarneming.beeindig_waarnemingen(leider, V + timedelta(days=16)) == []  # once only
    with s.engine.connect() as conn:
        regels = [r.omschrijving for r in conn.execute(select(R.c.omschrijving).where(
            R.c.omschrijving.like("waarneming%")).order_by(R.c.volgnummer))]
    assert regels == ["waarneming ingesteld: tweede persoon tijdens de afwezigheid van de vaste consulent"] * 3 + [
        "waarneming beëindigd: het dossier is terug bij de vaste consulent"] * 3


def test_an_extended_absence_keeps_the_waarneming(team):
    s, leider, ids = team
    waarneming.voer_waarneming_uit(leider, caseload.herverdeling(leider, ids["Anouk"], V), V)
    caseload.markeer_afwezig(leider, ids["Anouk"], V + timedelta(days=15), V + timedelta(days=30), "Ziek")
    assert waarneming.beeindig_waarnemingen(leider, V + timedelta(days=20)) == []
    assert len(waarneming.beeindig_waarnemingen(leider, V + timedelta(days=31))) == 3


def test_the_absent_consulent_cannot_cover_their_own_dossier_and_nothing_is_half_done(team):
    s, leider, ids = team
    voorstel = caseload.herverdeling(leider, ids["Anouk"], V)
    fout = [*voorstel[:-1], type(voorstel[-1])(**{**voorstel[-1].__dict__, "naar_id": ids["Anouk"]})]
    with pytest.raises(ValidationError) as exc:
        waarneming.voer_waarneming_uit(leider, fout, V)
    assert "niet de afwezige vaste consulent" in str(exc.value)
    assert all(_stand(s, did).tweede_consulent_id is None for did in ids["dossiers"])  # one transaction


def test_a_consulent_may_not_arrange_a_waarneming(team, inloggen_als):
    from jet_desktop.services.autorisatie import GeenToegang

    s, leider, ids = team
    bram = inloggen_als(s, ids["Bram"])
    with pytest.raises(GeenToegang):
        waarneming.voer_waarneming_uit(bram, caseload.herverdeling(leider, ids["Anouk"], V), V)


def _verder(leider, ids, naar, dag):
    v = caseload.herverdeling(leider, ids["Anouk"], dag)
    return [type(r)(**{**r.__dict__, "naar_id": ids[naar], "naar_naam": naar}) for r in v]


def test_a_waarneming_over_a_waarneming_goes_back_to_before_the_first(team, jet):
    s, leider, ids = team
    did = ids["met_tweede"]  # tweede persoon Chantal
    waarneming.voer_waarneming_uit(leider, [r for r in _verder(leider, ids, "Bram", V) if r.dossier_id == did], V)
    daan = jet.consulent(s, "Daan")
    ids["Daan"] = daan
    v = [r for r in _verder(leider, ids, "Daan", V + timedelta(days=2)) if r.dossier_id == did]
    waarneming.voer_waarneming_uit(leider, v, V + timedelta(days=2))  # Bram fell ill too: Daan takes over
    assert _stand(s, did).tweede_consulent_id == daan
    assert waarneming.beeindig_waarnemingen(leider, V + timedelta(days=15)) != []
    assert tuple(_stand(s, did)) == (ids["Anouk"], ids["Chantal"])  # not Bram: before the first waarneming


def test_a_tweede_persoon_changed_by_hand_during_a_waarneming_is_never_undone(team, jet):
    s, leider, ids = team
    waarneming.voer_waarneming_uit(leider, _verder(leider, ids, "Bram", V), V)
    did = ids["dossiers"][0]
    caseload.zet_tweede_persoon(leider, did, jet.version(s, D, did), ids["Chantal"], V + timedelta(days=1))
    terug = waarneming.beeindig_waarnemingen(leider, V + timedelta(days=15))
    assert len(terug) == 3 and tuple(_stand(s, did)) == (ids["Anouk"], ids["Chantal"])


def test_the_waarnemer_made_vaste_consulent_brings_the_earlier_tweede_persoon_back(team, jet):
    s, leider, ids = team
    did = ids["met_tweede"]
    waarneming.voer_waarneming_uit(leider, [r for r in _verder(leider, ids, "Bram", V) if r.dossier_id == did], V)
    caseload.wijzig_consulent(leider, did, jet.version(s, D, did), ids["Bram"], "herverdeling", V + timedelta(days=3))
    assert tuple(_stand(s, did)) == (ids["Bram"], ids["Chantal"])
    assert [(h.rol, h.reden, h.van, h.naar) for h in caseload.consulent_historie(s, did)[-2:]] == [
        ("primair", "herverdeling", "Anouk", "Bram"), ("tweede", "einde_waarneming", "Bram", "Chantal")]
    waarneming.beeindig_waarnemingen(leider, V + timedelta(days=15))
    assert tuple(_stand(s, did)) == (ids["Bram"], ids["Chantal"])  # nothing more to undo


def test_a_dossier_closed_during_the_waarneming_goes_back_too(team, jet):
    from jet_desktop.services import dossiers

    s, leider, ids = team
    waarneming.voer_waarneming_uit(leider, _verder(leider, ids, "Bram", V), V)
    did = ids["dossiers"][0]
    dossiers.sluit_af(leider, did, jet.version(s, D, did), V + timedelta(days=2), "doelen_bereikt", "", V + timedelta(days=2))
    waarneming.beeindig_waarnemingen(leider, V + timedelta(days=15))
    assert _stand(s, did).tweede_consulent_id is None  # Bram's access ends with the absence


def test_a_waarneming_is_only_made_during_an_absence(team):
    s, leider, ids = team
    with pytest.raises(ValidationError) as exc:
        waarneming.voer_waarneming_uit(leider, _verder(leider, ids, "Bram", V), V + timedelta(days=20))
    assert "alleen tijdens een gemelde afwezigheid" in str(exc.value)
