"""The matched-care summary and the cost table per year against a hand-computed data set, on SQLite
and PostgreSQL (jet_desktop/reports/matched_care.py).

(Named test_matched_care_report.py: tests/domain/test_matched_care.py already has the short name,
and the test directories are not packages.)

The data set, period Q1 2026 = [2026-01-01, 2026-03-31]:

K1 De Wieken, huisarts    t1  45 middel fjild   2026-01-01..2026-06-30   6000 profiel
                          t2  45 zwaar  wadden  2026-03-01..(loopt)      9000 DVO   -> verticaal 45+45, opschaling day 59
K2 De Wieken, school      t3  41 zwaar  opstap  2026-03-31..2026-12-31  12000       (starts on `tot`)
                          t4  42 licht  taxi_fr 2026-03-31..2026-12-31   3000       41+42 allowed
K3 (geen school), huisarts t5 45 licht  fjild   2025-10-01..2025-12-31   2000       before the period
                          t6  45 middel fjild   2026-02-15..2026-05-15   4000       horizontaal 45->45 after 46 days
K4 Het Anker, ouders      t8  45 middel fjild   2025-12-31..(loopt)       500       day before `van`
                          t7  45 licht  fjild   2026-04-01..(loopt)      1000       day after `tot`
K5 Het Anker, huisarts    t9  43 ...            2026-02-01 REMOVED      50000
K6 Het Anker, zorgdomein  t10 45 licht  fjild   2026-01-10..2026-01-31   1000
                          t11 45 middel fjild   2026-07-09..2027-07-08   3650       day 180 after t10: opschaling
K7 Het Anker, huisarts    t12 44 middel kompas  2025-12-02..2026-01-30   6000       30 days in 2025, 30 in 2026
"""

from datetime import date, datetime, timezone

import pytest

from jet_desktop.reports.matched_care import bereken, kosten_per_jaar, onderdruk
from jet_desktop.storage.models import Toewijzing

VAN, TOT = date(2026, 1, 1), date(2026, 3, 31)


def _tw(store, dossier_id, cat, intensiteit, aanbieder, start, eind, kosten, contractvorm="profiel", deleted=False):
    row = store.new_row(dossier_id=dossier_id, productcategorie=cat, product="", intensiteit=intensiteit,
                        aanbieder=aanbieder, startdatum=start, einddatum=eind, geschatte_kosten=kosten,
                        contractvorm=contractvorm, dvo_motivering="Uitzondering" if contractvorm == "dvo" else "",
                        deleted_at=datetime(2026, 3, 1, tzinfo=timezone.utc) if deleted else None)
    with store.engine.begin() as conn:
        conn.execute(Toewijzing.__table__.insert().values(row))


@pytest.fixture
def dataset(any_store, jet):
    s = any_store
    c = jet.consulent(s, "Consulent Een")

    def dossier(voornaam, school, route):
        return jet.dossier(s, c, voornaam=voornaam, achternaam="Visser", school=school, verwijzer_route=route)

    k1, k2, k3 = dossier("Anna", "De Wieken", "huisarts"), dossier("Bram", "De Wieken", "school"), \
        dossier("Cas", "", "huisarts")
    k4, k5, k6 = dossier("Daan", "Het Anker", "ouders"), dossier("Eva", "Het Anker", "huisarts"), \
        dossier("Fenna", "Het Anker", "zorgdomein")
    k7 = dossier("Gijs", "Het Anker", "huisarts")
    _tw(s, k1, "45", "middel", "fjild", date(2026, 1, 1), date(2026, 6, 30), 6000)
    _tw(s, k1, "45", "zwaar", "wadden", date(2026, 3, 1), None, 9000, contractvorm="dvo")
    _tw(s, k2, "41", "zwaar", "opstap", date(2026, 3, 31), date(2026, 12, 31), 12000)
    _tw(s, k2, "42", "licht", "taxi_fr", date(2026, 3, 31), date(2026, 12, 31), 3000)
    _tw(s, k3, "45", "licht", "fjild", date(2025, 10, 1), date(2025, 12, 31), 2000)
    _tw(s, k3, "45", "middel", "fjild", date(2026, 2, 15), date(2026, 5, 15), 4000)
    _tw(s, k4, "45", "middel", "fjild", date(2025, 12, 31), None, 500)
    _tw(s, k4, "45", "licht", "fjild", date(2026, 4, 1), None, 1000)
    _tw(s, k5, "43", "intensief", "terp", date(2026, 2, 1), date(2026, 8, 1), 50000, deleted=True)
    _tw(s, k6, "45", "licht", "fjild", date(2026, 1, 10), date(2026, 1, 31), 1000)
    _tw(s, k6, "45", "middel", "fjild", date(2026, 7, 9), date(2027, 7, 8), 3650)
    _tw(s, k7, "44", "middel", "kompas", date(2025, 12, 2), date(2026, 1, 30), 6000)
    return s


def rows(df, key="Code"):
    """{key: (toewijzingen, jeugdigen, kosten)} of the rows with toewijzingen."""
    return {r[key]: (r["Toewijzingen"], r["Jeugdigen"], r["Geschatte kosten"])
            for _, r in df.iterrows() if r["Toewijzingen"] != 0}


def test_totals_and_each_dimension(dataset):
    mc = bereken(dataset, VAN, TOT)
    assert (mc.totaal_toewijzingen, mc.totaal_jeugdigen, mc.totaal_kosten) == (6, 4, 35000)
    assert rows(mc.per_productcategorie) == {"45": (4, 3, 20000), "41": (1, 1, 12000), "42": (1, 1, 3000)}
    assert len(mc.per_productcategorie) == 11  # every code of the list, zeros included
    assert rows(mc.per_intensiteit) == {"licht": (2, 2, 4000), "middel": (2, 2, 10000), "zwaar": (2, 2, 21000)}
    assert rows(mc.per_aanbieder) == {"fjild": (3, 3, 11000), "wadden": (1, 1, 9000), "opstap": (1, 1, 12000),
                                      "taxi_fr": (1, 1, 3000)}
    assert rows(mc.per_verwijzer, "Route") == {"huisarts": (3, 2, 19000), "school": (2, 1, 15000),
                                               "zorgdomein": (1, 1, 1000)}
    assert rows(mc.per_verwijzer_ijw, "iJw-code") == {"02": (4, 3, 20000), "01": (2, 1, 15000)}
    assert list(mc.per_school["School"]) == ["De Wieken", "Het Anker", "(onbekend)"]
    assert rows(mc.per_school, "School") == {"De Wieken": (4, 2, 30000), "Het Anker": (1, 1, 1000),
                                             "(onbekend)": (1, 1, 4000)}
    for _, df in mc.dimensies:  # every dimension adds up to the totals
        assert df["Toewijzingen"].sum() == 6 and df["Geschatte kosten"].sum() == 35000


def test_dvo_share(dataset):
    dvo = bereken(dataset, VAN, TOT).dvo
    assert (dvo.toewijzingen, dvo.kosten, dvo.pct_toewijzingen, dvo.pct_kosten) == (1, 9000, 16.7, 25.7)


def test_period_bounds_are_inclusive(dataset):
    # only 31-03 (t3, t4 of K2)
    mc = bereken(dataset, TOT, TOT)
    assert (mc.totaal_toewijzingen, mc.totaal_kosten) == (2, 15000)
    # 31-12-2025 and 01-04-2026 are each one day outside Q1
    assert bereken(dataset, date(2025, 12, 31), date(2025, 12, 31)).totaal_kosten == 500
    assert bereken(dataset, date(2026, 4, 1), date(2026, 4, 1)).totaal_kosten == 1000


def test_opschaling(dataset):
    mc = bereken(dataset, VAN, TOT)
    # first toewijzing in Q1: K1, K2, K6 (K3 and K4 started in 2025; K5's only toewijzing is removed)
    o = mc.opschaling
    assert (o.jeugdigen_eerste_toewijzing, o.opgeschaald, o.pct) == (3, 2, 66.7)
    lijst = {r.initialen: r for r in mc.opschaling_lijst}
    assert set(lijst) == {"A. V.", "F. V."}
    assert (lijst["A. V."].eerste.intensiteit, lijst["A. V."].latere.intensiteit, lijst["A. V."].dagen) == \
        ("middel", "zwaar", 59)
    assert lijst["F. V."].dagen == 180 and lijst["F. V."].latere.startdatum == date(2026, 7, 9)
    assert lijst["A. V."].dossiernummer and lijst["A. V."].eerste.dossiernummer == lijst["A. V."].dossiernummer


def test_stapeling(dataset):
    mc = bereken(dataset, VAN, TOT)
    s = mc.stapeling
    assert (s.jeugdigen_met_toewijzing, s.verticaal_paren, s.verticaal_jeugdigen, s.horizontaal_paren,
            s.horizontaal_jeugdigen, s.pct_verticaal, s.pct_horizontaal) == (4, 1, 1, 1, 1, 25.0, 25.0)
    by_soort = {m.soort: m for m in mc.stapeling_lijst}
    v, h = by_soort["verticaal"], by_soort["horizontaal"]
    assert (v.initialen, v.eerste.aanbieder, v.tweede.aanbieder) == ("A. V.", "fjild", "wadden")
    assert v.regel.startswith("45 + 45 verticaal")
    assert (h.initialen, h.eerste.startdatum, h.tweede.startdatum, h.tussen_dagen) == \
        ("C. V.", date(2025, 10, 1), date(2026, 2, 15), 46)
    assert sorted(mc.stapeling_per_regel["Paren"]) == [1, 1]
    # K4's 45+45 overlap arises on 01-04 (t7): it belongs to Q2, not Q1
    q2 = bereken(dataset, date(2026, 4, 1), date(2026, 6, 30)).stapeling
    assert (q2.verticaal_paren, q2.verticaal_jeugdigen) == (1, 1)


def test_suppression_below_threshold(dataset):
    mc = onderdruk(bereken(dataset, VAN, TOT), 2)
    cats = mc.per_productcategorie.set_index("Code")
    assert cats.loc["45", "Toewijzingen"] == 4 and cats.loc["45", "Geschatte kosten"] == 20000
    assert cats.loc["41", "Toewijzingen"] == "<2" and cats.loc["41", "Geschatte kosten"] == "<2"
    assert cats.loc["40", "Toewijzingen"] == 0  # zero is not suppressed
    # one suppressed row (01) would be derivable from the total: the other row (02) goes too
    ijw = mc.per_verwijzer_ijw.set_index("iJw-code")
    assert ijw.loc["01", "Jeugdigen"] == "<2" and ijw.loc["02", "Jeugdigen"] == "<2"
    assert (mc.dvo.toewijzingen, mc.dvo.kosten, mc.dvo.pct_kosten) == ("<2", "<2", "<2")
    assert (mc.opschaling.opgeschaald, mc.opschaling.pct) == (2, 66.7)
    assert (mc.stapeling.verticaal_paren, mc.stapeling.pct_verticaal) == ("<2", "<2")
    assert mc.stapeling.jeugdigen_met_toewijzing == 4
    assert mc.opschaling_lijst == [] and mc.stapeling_lijst == []  # never in a publication
    # everything below the threshold: totals go as well
    assert onderdruk(bereken(dataset, VAN, TOT), 5).totaal_jeugdigen == "<5"


def test_cost_per_year_pro_rata_by_days(dataset):
    df = kosten_per_jaar(dataset, [2026, 2025])
    assert list(df.columns) == [2025, 2026]
    assert list(df.index) == ["Specialistische jeugdhulp", "Leerlingen- en zorgvervoer", "Pleegzorg en verblijf",
                              "Gecertificeerde instellingen", "Maatwerkafspraken", "Totaal"]
    # 2025: t5 2000 + t8 500 (no einddatum: all in its start year); 2026: t1 6000 + t2 9000 + t3 12000
    # + t6 4000 + t7 1000 + t10 1000 + t11 3650 * 176/365 = 1760
    assert df.loc["Specialistische jeugdhulp", 2025] == 2500
    assert df.loc["Specialistische jeugdhulp", 2026] == 34760
    assert df.loc["Leerlingen- en zorgvervoer", 2026] == 3000
    assert (df.loc["Pleegzorg en verblijf", 2025], df.loc["Pleegzorg en verblijf", 2026]) == (3000, 3000)
    assert df.loc["Gecertificeerde instellingen"].sum() == 0
    assert (df.loc["Totaal", 2025], df.loc["Totaal", 2026]) == (5500, 40760)
    assert kosten_per_jaar(dataset, [2027]).loc["Specialistische jeugdhulp", 2027] == 1890  # 189 days of t11
    assert bereken(dataset, VAN, TOT).kosten_per_jaar.loc["Totaal", 2026] == 40760


def test_empty_period_gives_zeros_and_null_percentages(any_store):
    mc = bereken(any_store, VAN, TOT)
    assert (mc.totaal_toewijzingen, mc.totaal_kosten, mc.dvo.pct_toewijzingen, mc.opschaling.pct) == (0, 0, None, None)
    assert mc.per_school.empty and mc.per_productcategorie["Toewijzingen"].sum() == 0


def test_cost_table_for_publication_hides_cells_of_few_toewijzingen():
    import pandas as pd

    from jet_desktop.reports.matched_care import AANTALLEN, TOTAAL, onderdruk_kosten

    df = pd.DataFrame({2025: [1000.0, 90000.0, 5000.0, 96000.0], 2026: [0.0, 80000.0, 7000.0, 87000.0]},
                      index=pd.Index(["Preventie", "Specialistische jeugdhulp", "Pleegzorg en verblijf", TOTAAL],
                                     name="Kostencategorie"))
    df.attrs[AANTALLEN] = {("Preventie", 2025): 1, ("Specialistische jeugdhulp", 2025): 40,
                           ("Pleegzorg en verblijf", 2025): 6, ("Specialistische jeugdhulp", 2026): 30,
                           ("Pleegzorg en verblijf", 2026): 7}
    out = onderdruk_kosten(df, 5)
    assert out.at["Preventie", 2025] == "<5"  # one child's care cost
    assert out.at["Pleegzorg en verblijf", 2025] == "<5"  # the smallest other one, or the total gives it away
    assert out.at["Specialistische jeugdhulp", 2025] == 90000.0 and out.at[TOTAAL, 2025] == 96000.0
    assert out.at["Preventie", 2026] == 0.0 and out.at["Pleegzorg en verblijf", 2026] == 7000.0  # nothing small
