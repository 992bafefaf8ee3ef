"""Monitor toegang definitions: row shape, percentages, JET's mapping, suppression (pure)."""

from datetime import date

import pytest

from jet_desktop.domain import monitor as m
from jet_desktop.domain.enums import Toegangsvorm

DOMAIN_MD_KEYS = [  # the JSON example of domain.md, in its order
    "toegangsvorm", "afgesloten_trajecten", "jeugdigen_gezien", "zelf_geholpen", "voorliggend_veld",
    "specialistische_jeugdhulp", "via_jeugdexpertteam", "gestopt", "lopend", "gesprekken",
    "pct_zelf_geholpen", "pct_voorliggend_veld", "pct_doorverwezen_jeugdhulp",
    "pct_eigen_binnen_2_gesprekken", "pct_eigen_binnen_5_gesprekken", "pct_eigen_binnen_10_weken",
]


@pytest.mark.parametrize("teller, noemer, expected", [
    (111, 270, 41.1),   # 41.111..
    (127, 270, 47.0),   # 47.037..
    (20, 270, 7.4),     # 7.407..
    (55, 111, 49.5),    # 49.549..
    (1, 16, 6.3),       # 6.25: half up (banker's rounding would give 6.2)
    (1, 8, 12.5),
    (0, 5, 0.0),
    (3, 3, 100.0),
    (0, 0, None),
    (4, 0, None),
])
def test_percentage_one_decimal_half_up_none_without_denominator(teller, noemer, expected):
    assert m.percentage(teller, noemer) == expected


def test_row_shape_is_the_domain_md_json_example():
    assert list(m.ROW_KEYS) == DOMAIN_MD_KEYS
    rij = m.MonitorRij("poh_jeugd", afgesloten_trajecten=270, jeugdigen_gezien=281, zelf_geholpen=111,
                       voorliggend_veld=20, specialistische_jeugdhulp=90, via_jeugdexpertteam=37, gestopt=12,
                       lopend=11, gesprekken=1020, trajecten_zelf_geholpen=111, trajecten_voorliggend_veld=20,
                       trajecten_doorverwezen=127, eigen_binnen_2_gesprekken=56, eigen_binnen_5_gesprekken=89,
                       eigen_binnen_10_weken=84)
    d = rij.as_dict()
    assert list(d) == DOMAIN_MD_KEYS
    assert d == {"toegangsvorm": "POH Jeugd", "afgesloten_trajecten": 270, "jeugdigen_gezien": 281,
                 "zelf_geholpen": 111, "voorliggend_veld": 20, "specialistische_jeugdhulp": 90,
                 "via_jeugdexpertteam": 37, "gestopt": 12, "lopend": 11, "gesprekken": 1020,
                 "pct_zelf_geholpen": 41.1, "pct_voorliggend_veld": 7.4, "pct_doorverwezen_jeugdhulp": 47.0,
                 "pct_eigen_binnen_2_gesprekken": 50.5, "pct_eigen_binnen_5_gesprekken": 80.2,
                 "pct_eigen_binnen_10_weken": 75.7}


def test_percentages_count_trajects_not_youths():
    # 4 afgesloten trajects, 2 of them zelf geholpen by ONE youth: 50 %, not 25 %
    rij = m.MonitorRij("poh_jeugd", afgesloten_trajecten=4, zelf_geholpen=1, trajecten_zelf_geholpen=2)
    assert rij.as_dict()["pct_zelf_geholpen"] == 50.0


def test_empty_row_zeros_and_null_percentages():
    d = m.lege_rij(Toegangsvorm.AMARYLLIS).as_dict()
    assert d["toegangsvorm"] == "Amaryllis"
    assert all(d[k] == 0 for k in m.COUNT_KEYS)
    assert all(d[k] is None for k in m.PCT_KEYS)


def test_onderdruk_counts_below_threshold_and_derivable_percentages():
    rij = m.MonitorRij("jeugdexpertteam", afgesloten_trajecten=40, jeugdigen_gezien=50, zelf_geholpen=4,
                       voorliggend_veld=5, specialistische_jeugdhulp=1, via_jeugdexpertteam=0, gestopt=30,
                       lopend=10, gesprekken=3, trajecten_zelf_geholpen=4, trajecten_voorliggend_veld=5,
                       trajecten_doorverwezen=1, eigen_binnen_2_gesprekken=0, eigen_binnen_5_gesprekken=4,
                       eigen_binnen_10_weken=4)
    d = m.onderdruk(rij, 5)
    assert list(d) == DOMAIN_MD_KEYS
    assert d["zelf_geholpen"] == "<5" and d["specialistische_jeugdhulp"] == "<5" and d["gesprekken"] == "<5"
    assert d["voorliggend_veld"] == 5 and d["via_jeugdexpertteam"] == 0 and d["gestopt"] == 30
    assert d["afgesloten_trajecten"] == 40
    assert d["pct_zelf_geholpen"] is None  # numerator 4 trajects is small
    assert d["pct_voorliggend_veld"] == 12.5  # 5 of 40: both at or above the threshold
    assert d["pct_doorverwezen_jeugdhulp"] is None  # numerator 1
    # the eigen percentages have denominator 4 (small): all suppressed, even a 0 numerator
    assert d["pct_eigen_binnen_2_gesprekken"] is None
    assert d["pct_eigen_binnen_5_gesprekken"] is None
    # without suppression they are there
    assert rij.as_dict()["pct_eigen_binnen_5_gesprekken"] == 100.0


def test_onderdruk_a_single_hidden_outcome_cannot_be_worked_out_by_subtraction():
    # 10 afgesloten: 6 zelf geholpen, 4 specialistisch. Hiding only the 4 would leave 10 - 6 - 0 = 4.
    rij = m.MonitorRij("poh_jeugd", afgesloten_trajecten=10, jeugdigen_gezien=12, zelf_geholpen=6,
                       specialistische_jeugdhulp=4, lopend=6, gesprekken=30, trajecten_zelf_geholpen=6,
                       trajecten_doorverwezen=4, eigen_binnen_2_gesprekken=1, eigen_binnen_5_gesprekken=5,
                       eigen_binnen_10_weken=6)
    d = m.onderdruk(rij, 5)
    assert d["specialistische_jeugdhulp"] == "<5"
    assert d["zelf_geholpen"] == "<5"  # the smallest other non-zero outcome goes too
    assert d["voorliggend_veld"] == 0 and d["gestopt"] == 0  # zeros reveal nobody
    assert d["pct_zelf_geholpen"] is None  # 6 of 10: the other 4 would follow
    assert d["pct_eigen_binnen_5_gesprekken"] is None  # 5 of 6: one traject took more than 5
    assert d["pct_eigen_binnen_10_weken"] == 100.0  # 6 of 6: no small group on either side


def test_onderdruk_other_threshold_marker():
    rij = m.MonitorRij("poh_jeugd", afgesloten_trajecten=9, lopend=10)
    d = m.onderdruk(rij, 10)
    assert d["afgesloten_trajecten"] == "<10" and d["lopend"] == 10


D1, D2 = date(2026, 3, 1), date(2026, 4, 1)


@pytest.mark.parametrize("besluit, dossier, afgesloten, reden, toewijzing, einde, uitkomst", [
    (None, False, None, "", False, None, None),  # awaiting triage: running
    ("zelf_oppakken", False, None, "", False, None, None),  # on the wachtlijst: running
    ("specialistische_jeugdhulp", False, None, "", False, None, None),
    ("zelf_oppakken", True, None, "", False, None, None),  # active dossier: running
    ("zelf_oppakken", True, D2, "doelen_bereikt", False, D2, "zelf_geholpen"),
    ("zelf_oppakken", True, D2, "anders", False, D2, "zelf_geholpen"),
    ("zelf_oppakken", True, D2, "doelen_bereikt", True, D2, "specialistische_jeugdhulp"),
    ("specialistische_jeugdhulp", True, D2, "doelen_bereikt", False, D2, "zelf_geholpen"),  # JET did the work
    ("specialistische_jeugdhulp", True, D2, "overgedragen", False, D2, "specialistische_jeugdhulp"),
    ("zelf_oppakken", True, D2, "voorliggend_veld", False, D2, "voorliggend_veld"),
    ("zelf_oppakken", True, D2, "gestopt", False, D2, "gestopt"),
    ("zelf_oppakken", True, D2, "verhuisd", False, D2, "gestopt"),
    ("voorliggend_veld", False, None, "", False, D1, "voorliggend_veld"),
    ("veiligheid", False, None, "", False, D1, "specialistische_jeugdhulp"),
    ("ander_domein", False, None, "", False, D1, "gestopt"),
    ("geen_hulp", False, None, "", False, D1, "gestopt"),
    # revised to a handover after a dossier was opened: the dossier decides the end, the decision the outcome
    ("voorliggend_veld", True, None, "", False, None, None),
    ("voorliggend_veld", True, D2, "doelen_bereikt", False, D2, "voorliggend_veld"),
])
def test_jet_mapping(besluit, dossier, afgesloten, reden, toewijzing, einde, uitkomst):
    assert m.jet_einddatum(besluit, D1, dossier, afgesloten) == einde
    assert m.jet_uitkomst(besluit, dossier, afgesloten, reden, toewijzing) == uitkomst
