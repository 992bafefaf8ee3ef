"""Adversarial probes of the search (services/zoeken.py): wildcards, injection, very long text, partial
BSNs, reassignment, and what a result count or status tells, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from jet_desktop.domain.enums import Rol
from jet_desktop.services import caseload, dossiers, medewerkers, zoeken
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.models import Auditregel, Jeugdige

AR, J = Auditregel.__table__, Jeugdige.__table__
BSN = "123456782"
REDEN = "herverdeling"


def als(store, naam, mid, rol):
    return replace(store, user=naam, user_id=mid, rol=rol)


@pytest.fixture
def t(any_store, jet, inloggen_als):
    s = any_store
    anouk, bram = jet.consulent(s, "Anouk Consulent"), jet.consulent(s, "Bram Collega")
    tessa = medewerkers.voeg_toe(s, "Tessa Leider", Rol.TEAMLEIDER)
    jan = jet.dossier(s, anouk, voornaam="Jan", achternaam="Pro%cent_Back\\slash", geboortedatum=date(2015, 3, 7))
    piet = jet.dossier(s, bram, voornaam="Piet", achternaam="Geheim", bsn=BSN, geboortedatum=date(2012, 11, 20))

    class T:
        store = s
        a = inloggen_als(s, anouk)
        b = inloggen_als(s, bram)
        tl = inloggen_als(s, tessa)
    T.jan, T.piet, T.anouk_id, T.bram_id = jan, piet, anouk, bram
    return T


def namen(store, tekst, **kw):
    return [r.naam for r in zoeken.zoek(store, tekst, **kw)]


@pytest.mark.parametrize("tekst", ["%%", "__", "\\\\", "% %", "_ _", "%_", "\\%", "'%", "*", ".*", "[a-z]"])
def test_like_wildcards_are_plain_characters(t, tekst):
    assert namen(t.tl, tekst) == [] and zoeken.tel(t.tl, tekst) == 0


def test_a_name_with_wildcard_characters_is_found_literally(t):
    assert namen(t.tl, "pro%cent") == ["Jan Pro%cent_Back\\slash"]
    assert namen(t.tl, "pro_") == [] and namen(t.tl, "pro%c") == ["Jan Pro%cent_Back\\slash"]
    assert namen(t.tl, "Pro%cent_Back\\slash") == ["Jan Pro%cent_Back\\slash"]


@pytest.mark.parametrize("tekst", ["' OR 1=1 --", "\" OR \"\"=\"", "x'); DROP TABLE jeugdige; --",
                                   "2026-' OR '1'='1", "Piet\x00", "Geheim' --"])
def test_sql_injection_finds_nothing_and_breaks_nothing(t, tekst):
    assert namen(t.a, tekst) == [] and zoeken.tel(t.a, tekst) == 0
    with t.store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(J)).scalar_one() == 2


@pytest.mark.parametrize("tekst", ["a " * 3000, "ab" * 100_000, "Geheim " * 2000, "1" * 5000,
                                   "2026-" + "0" * 5000])
def test_very_long_text_is_no_crash_and_finds_no_one_unseen(t, tekst):
    assert zoeken.tel(t.a, tekst) == 0
    assert namen(t.a, tekst) == []
    n, rijen = zoeken.zoek_eerste(t.a, tekst)
    assert n == 0 and rijen == []


def test_a_colleagues_child_is_not_found_by_bsn_digit_by_digit_or_any_piece(t):
    for i in range(2, 10):
        assert zoeken.tel(t.a, BSN[:i]) == 0, BSN[:i]
        assert zoeken.tel(t.a, BSN[-i:]) == 0
    assert zoeken.tel(t.a, BSN) == 0 and zoeken.tel(t.tl, BSN) == 1
    assert zoeken.tel(t.a, "Geheim") == 0 and zoeken.tel(t.a, "20-11-2012") == 0
    assert zoeken.tel(t.a, "GEHEIM") == 0 and zoeken.tel(t.a, "piet") == 0
    nummer = dossiers.detail(t.store, t.piet).dossiernummer
    for i in range(2, len(nummer) + 1):
        assert t.jan not in [r.dossier_id for r in zoeken.zoek(t.b, nummer[:i])]
        assert t.piet not in [r.dossier_id for r in zoeken.zoek(t.a, nummer[:i])]


def test_unicode_and_case_tricks_do_not_widen_the_search(t):
    for tekst in ("ＧＥＨＥＩＭ", "G\u200beheim", "Geheım", "ge\u0301heim", "Geheim\u00a0", "\u202eGeheim"):
        assert zoeken.tel(t.a, tekst) == 0


def test_after_a_reassignment_the_old_consulent_no_longer_finds_or_opens_it(t, jet):
    assert [r.dossier_id for r in zoeken.zoek(t.a, "pro%cent")] == [t.jan]
    stale = zoeken.zoek(t.a, "pro%cent")[0]
    d = dossiers.detail(t.store, t.jan)
    caseload.wijzig_consulent(t.tl, t.jan, d.version, t.bram_id, REDEN, jet.vandaag)
    assert zoeken.tel(t.a, "pro%cent") == 0
    with pytest.raises(GeenToegang):
        dossiers.detail(t.a, stale.dossier_id)
    with t.store.engine.connect() as conn:
        assert conn.execute(select(AR.c.actie).order_by(AR.c.volgnummer.desc()).limit(1)).scalar_one() == "geweigerd"


def test_control_characters_are_left_out_not_sent_to_the_database(t):
    assert namen(t.tl, "Piet\x00") == ["Piet Geheim"] and namen(t.tl, "Ge\u200bheim") == ["Piet Geheim"]
    assert zoeken.tel(t.a, "Ge\x00heim") == 0


@pytest.mark.parametrize("wijziging", [dict(rol="jeugdconsulent"), dict(actief=False)])
def test_a_session_switched_off_or_demoted_since_sign_in_pages_no_more_results(t, wijziging):
    """`zoek` writes no line, so the audit log's session check did not reach it: a teamleider demoted (or
    any medewerker switched off) since signing in kept paging every child of the team."""
    from jet_desktop.storage.models import Medewerker

    M = Medewerker.__table__
    assert namen(t.tl, "Geheim") == ["Piet Geheim"]
    with t.store.engine.begin() as conn:
        conn.execute(M.update().where(M.c.id == t.tl.user_id).values(**wijziging))
    with pytest.raises(GeenToegang):
        zoeken.zoek(t.tl, "Geheim")
    with pytest.raises(GeenToegang):
        zoeken.zoek(t.tl, "Geheim", offset=50)
    with pytest.raises(GeenToegang):
        zoeken.zoek_eerste(t.tl, "Geheim")
    with pytest.raises(GeenToegang):
        zoeken.tel(t.tl, "Geheim")


def test_the_text_limits_in_domain_zoekterm():
    from jet_desktop.domain.zoekterm import MAX_TEKENS, MAX_WOORDEN, lees

    assert lees("x" * MAX_TEKENS).soort == "naam" and lees("x" * (MAX_TEKENS + 1)).leeg
    assert lees(" ".join(["ab"] * MAX_WOORDEN)).soort == "naam" and lees(" ".join(["ab"] * (MAX_WOORDEN + 1))).leeg
    assert lees("jan\tde\nvries").woorden == ("jan", "de", "vries")  # a tab or newline still separates
    assert lees("12345\x006782").soort == "nummer"  # a NUL inside a BSN is left out
    assert lees("\x00\x00").te_kort
