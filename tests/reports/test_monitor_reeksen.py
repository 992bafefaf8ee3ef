"""The Monitor chart series: wachtlijst per week (derived from dates) and doorverwijzingen per vorm."""

from datetime import date

from jet_desktop.codelists import uit_bestanden
from jet_desktop.reports import monitor_reeksen as reeksen
from jet_desktop.services import wachtlijst
from jet_desktop.storage.models import Aanmelding, Toewijzing, utcnow

productcategorie_label = uit_bestanden().productcategorie_label  # the seeded labels (the store's after migrating)


def test_maandagen():
    assert reeksen.maandagen(date(2026, 10, 1), date(2026, 11, 2)) == [
        date(2026, 10, 5), date(2026, 10, 12), date(2026, 10, 19), date(2026, 10, 26), date(2026, 11, 2)]
    assert reeksen.maandagen(date(2026, 10, 5), date(2026, 10, 5)) == [date(2026, 10, 5)]
    assert reeksen.maandagen(date(2026, 10, 6), date(2026, 10, 11)) == []


def _aanmelding(store, jet, *besluiten, dossier_op=None, verwijderd=False):
    """An aanmelding of 1-10-2026 with decisions [(uitkomst, besloten_op)] and optionally a dossier."""
    aid = jet.aanmelding(store, aanmelddatum=date(2026, 10, 1)).aanmelding_id
    for uitkomst, op in besluiten:
        org = "" if uitkomst in ("zelf_oppakken", "specialistische_jeugdhulp", "geen_hulp") else "Organisatie"
        jet.besluit(store, aid, uitkomst=uitkomst, besloten_op=op, organisatie=org)
    if dossier_op:
        c = jet.consulent(store, f"Consulent {aid.hex[:6]}")
        wachtlijst.toewijzen(store, aid, c, dossier_op, jet.vandaag)
    if verwijderd:
        with store.engine.begin() as conn:
            conn.execute(Aanmelding.__table__.update().where(Aanmelding.__table__.c.id == aid)
                         .values(deleted_at=utcnow()))
    return aid


def test_wachtlijst_per_week_derived_from_dates(any_store, jet):
    s = any_store
    # waits 5-10 (Monday) until its dossier opens on 19-10: on 5-10 and 12-10, not on 19-10
    _aanmelding(s, jet, ("zelf_oppakken", date(2026, 10, 5)), dossier_op=date(2026, 10, 19))
    # decided on a Tuesday, never assigned: from 12-10 on
    _aanmelding(s, jet, ("specialistische_jeugdhulp", date(2026, 10, 6)))
    # revised from one JET outcome to another: waits from the earliest JET decision (2-10)
    _aanmelding(s, jet, ("zelf_oppakken", date(2026, 10, 2)), ("specialistische_jeugdhulp", date(2026, 10, 20)))
    # handed over: never waits; revised away from JET on 14-10: waited on 5-10 and 12-10, not after
    _aanmelding(s, jet, ("voorliggend_veld", date(2026, 10, 2)))
    _aanmelding(s, jet, ("zelf_oppakken", date(2026, 10, 2)), ("geen_hulp", date(2026, 10, 14)))
    # assigned the day it was decided: never waits on a Monday
    _aanmelding(s, jet, ("zelf_oppakken", date(2026, 10, 12)), dossier_op=date(2026, 10, 12))
    # waiting but deleted: not counted
    _aanmelding(s, jet, ("zelf_oppakken", date(2026, 10, 2)), verwijderd=True)
    # decided after the period: not yet waiting
    _aanmelding(s, jet, ("zelf_oppakken", date(2026, 11, 3)))

    assert reeksen.wachtlijst_per_week(s, date(2026, 10, 1), date(2026, 11, 2)) == [
        (date(2026, 10, 5), 3), (date(2026, 10, 12), 4), (date(2026, 10, 19), 2),
        (date(2026, 10, 26), 2), (date(2026, 11, 2), 2)]
    # a later window: the one decided on 3-11 joins; waits that ended before van are left out correctly
    assert reeksen.wachtlijst_per_week(s, date(2026, 11, 2), date(2026, 11, 9)) == [
        (date(2026, 11, 2), 2), (date(2026, 11, 9), 3)]
    # before anything happened
    assert reeksen.wachtlijst_per_week(s, date(2026, 9, 1), date(2026, 9, 30)) == [
        (date(2026, 9, 7), 0), (date(2026, 9, 14), 0), (date(2026, 9, 21), 0), (date(2026, 9, 28), 0)]


def test_a_later_revision_does_not_rewrite_the_weeks_before_it(any_store, jet):
    """domain.md: the number waiting on any past date is derivable from the data, and stays so."""
    aid = _aanmelding(any_store, jet, ("zelf_oppakken", date(2026, 10, 2)))
    weken = (date(2026, 10, 1), date(2026, 11, 30))
    voor = reeksen.wachtlijst_per_week(any_store, *weken)
    assert all(n == 1 for d, n in voor)
    jet.besluit(any_store, aid, uitkomst="voorliggend_veld", organisatie="Buurtgezinnen",
                besloten_op=date(2026, 11, 20))
    na = reeksen.wachtlijst_per_week(any_store, *weken)
    assert [n for d, n in na if d < date(2026, 11, 20)] == [n for d, n in voor if d < date(2026, 11, 20)]
    assert [n for d, n in na if d > date(2026, 11, 20)] == [0, 0]


def test_wachtlijst_on_the_last_monday_matches_the_live_wachtlijst(sqlite_store, jet):
    for _ in range(3):
        jet.wachtend(sqlite_store)  # decided on jet.vandaag (Wednesday 25-11-2026)
    c = jet.consulent(sqlite_store, "Consulent")
    jet.dossier(sqlite_store, c)
    assert wachtlijst.tel(sqlite_store) == 3
    assert reeksen.wachtlijst_per_week(sqlite_store, date(2026, 11, 23), date(2026, 11, 30)) == [
        (date(2026, 11, 23), 0), (date(2026, 11, 30), 3)]


def _toewijzing(store, dossier_id, categorie, start, deleted=False):
    with store.engine.begin() as conn:
        conn.execute(Toewijzing.__table__.insert().values(store.new_row(
            dossier_id=dossier_id, productcategorie=categorie, intensiteit="licht", aanbieder="x", startdatum=start,
            deleted_at=utcnow() if deleted else None)))


def test_doorverwijzingen_per_vorm(any_store, jet):
    s = any_store
    c = jet.consulent(s, "Consulent")
    d1, d2 = jet.dossier(s, c), jet.dossier(s, c)
    _toewijzing(s, d1, "45", date(2026, 11, 3))
    _toewijzing(s, d2, "45", date(2026, 11, 30))  # on tot: in
    _toewijzing(s, d2, "43", date(2026, 11, 1))  # on van: in
    _toewijzing(s, d1, "45", date(2026, 10, 31))  # before: out
    _toewijzing(s, d1, "41", date(2026, 11, 10), deleted=True)  # deleted: out
    for uitkomst, op in (("voorliggend_veld", date(2026, 11, 5)), ("ander_domein", date(2026, 11, 6)),
                         ("ander_domein", date(2026, 11, 7)), ("voorliggend_veld", date(2026, 10, 30))):
        a = jet.aanmelding(s, aanmelddatum=date(2026, 10, 1)).aanmelding_id
        jet.besluit(s, a, uitkomst=uitkomst, organisatie="Organisatie", besloten_op=op)
    assert reeksen.doorverwijzingen_per_vorm(s, date(2026, 11, 1), date(2026, 11, 30)) == [
        (productcategorie_label("43"), 1),
        (productcategorie_label("45"), 2),
        ("Voorliggend veld", 1),
        ("Veiligheid (Veilig Thuis / GI / Raad)", 0),
        ("Ander domein (Wmo, Wlz, onderwijs, ...)", 2),
    ]
    assert productcategorie_label("45").startswith("45 ")
