"""The wachtlijst's fast queries (issue 11) give the rows the old ones gave: keyset pages (`na`) equal
OFFSET pages for every sort in both directions, with NULLs and ties; the deferred join and the narrow
count give the same rows and counts as the old count + OFFSET query for every filter; pages after `na`
write no audit line."""

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import and_, func, inspect, or_, select

from jet_desktop.domain.enums import JET_UITKOMSTEN
from jet_desktop.services import wachtlijst
from jet_desktop.services.wachtlijst import (
    _BEOOGD,
    COLUMNS,
    DEFAULT_ORDER,
    SORT_KEYS,
    A,
    J,
    T,
    WachtlijstRij,
)
from jet_desktop.storage.models import Auditregel

# -- the queries as they were before issue 11 (count + OFFSET over all four tables), the reference ----


def _oud_where(filter_text):
    conds = [A.c.op_wachtlijst.is_(True), A.c.deleted_at.is_(None)]
    for word in filter_text.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(or_(*(c.ilike(pattern, escape="\\") for c in (
            A.c.dossiernummer, J.c.voornaam, J.c.achternaam, A.c.verwijzer_organisatie, J.c.wijk,
            J.c.school, _BEOOGD.c.naam))))
    return and_(*conds)


def _oud_from(q):
    return (q.select_from(A).join(T, T.c.id == A.c.huidig_besluit_id).join(J, J.c.id == A.c.jeugdige_id)
            .outerjoin(_BEOOGD, _BEOOGD.c.id == T.c.beoogd_consulent_id))


def _oud_order(sort_key, descending):
    order = []
    if sort_key in SORT_KEYS:
        columns, inverted = SORT_KEYS[sort_key]
        order = [c.desc() if descending != inverted else c for c in columns]
    return [*order, *DEFAULT_ORDER]


def oude_rijen(conn, filter_text="", sort_key=None, descending=False, offset=0, limit=None):
    q = _oud_from(select(*COLUMNS)).where(_oud_where(filter_text)).order_by(*_oud_order(sort_key, descending))
    return [WachtlijstRij(*r) for r in conn.execute(q.offset(offset).limit(limit))]


def oude_tel(conn, filter_text=""):
    return conn.execute(_oud_from(select(func.count())).where(_oud_where(filter_text))).scalar_one()


# -- a list full of ties and NULLs ---------------------------------------------------------------------

NAMEN = [("Anna", "Jansen"), ("Anna", "Jansen"), ("Bram", "Jansen"), ("Jan", "de Vries"), ("Sara", "Bakker"),
         ("Noor", "100%_Jansen"), ("Jan", "Jansma")]


@pytest.fixture
def rommelig(any_store, jet):
    """31 waiting aanmeldingen with few distinct values in every sort column (ties everywhere), some
    without geboortedatum or beoogd consulent (NULL), plus rows that must not show (not waiting, deleted)."""
    rng = random.Random(11)
    consulenten = [jet.consulent(any_store, "Mirjam Kok"), jet.consulent(any_store, "Jan Aydin"), None]
    ids = []
    for i in range(31):
        voornaam, achternaam = NAMEN[i % len(NAMEN)]
        ids.append(jet.wachtend(any_store, voornaam=voornaam, achternaam=achternaam,
                                geboortedatum=date(2010, 1, 1) + timedelta(days=i),  # made unique; set below
                                urgentie=rng.choice(["spoed", "hoog", "normaal"])))
    jet.aanmelding(any_store, voornaam="Jan", achternaam="Triage")  # no decision: not waiting
    weg = jet.wachtend(any_store, voornaam="Jan", achternaam="Weg")
    with any_store.engine.begin() as conn:
        conn.execute(A.update().where(A.c.id == weg).values(deleted_at=func.now()))
        for aid in ids:
            besluit, jeugdige = conn.execute(select(A.c.huidig_besluit_id, A.c.jeugdige_id)
                                             .where(A.c.id == aid)).one()
            conn.execute(A.update().where(A.c.id == aid).values(
                aanmelddatum=date(2026, 10, 1) + timedelta(days=rng.randrange(4)),
                verwijzer_route=rng.choice(["huisarts", "school", "wijkteam"]),
                verwijzer_organisatie=rng.choice(["", "Huisartsenpraktijk Jansen", "OBS De Linde"])))
            conn.execute(T.update().where(T.c.id == besluit).values(
                uitkomst=rng.choice(JET_UITKOMSTEN), beoogd_consulent_id=rng.choice(consulenten)))
            conn.execute(J.update().where(J.c.id == jeugdige).values(
                geboortedatum=rng.choice([None, date(2014, 5, 1), date(2016, 2, 3)]),
                wijk=rng.choice(["Centrum", "Noord", ""]), school=rng.choice(["", "Jan Ligthartschool"])))
    return any_store


SORTS = [(None, False), *((k, d) for k in SORT_KEYS for d in (False, True))]
FILTERS = ["", "a", "jan", "JANSEN", "jansen 2014", "qqq", "100%", "_", "centrum", "kok", "ligthart", "  "]


def test_keyset_pages_equal_offset_pages_and_the_old_query(rommelig):
    for sort_key, descending in SORTS:  # one list for all of them (making it is the slow part)
        _keyset_equals_offset(rommelig, sort_key, descending)


def _keyset_equals_offset(store, sort_key, descending):
    with store.engine.connect() as conn:
        oud = oude_rijen(conn, "", sort_key, descending)
        assert wachtlijst.lees_rijen(conn, "", sort_key, descending) == oud
        assert len(oud) == 31
        for grootte in (1, 4, 7):
            per_offset, per_na, na = [], [], None
            for offset in range(0, len(oud) + grootte, grootte):
                per_offset += wachtlijst.lees_rijen(conn, "", sort_key, descending, offset, grootte)
                pagina = wachtlijst.lees_rijen(conn, "", sort_key, descending, 0, grootte, na)
                per_na += pagina
                na = pagina[-1] if pagina else na
            assert per_offset == oud
            assert per_na == oud
        # a long list's jeugdige sorts walk the jeugdigen in order (SQLite): the same pages
        for grootte in (1, 4, 7):
            per_walk = []
            for offset in range(0, len(oud) + grootte, grootte):
                per_walk += wachtlijst.lees_rijen(conn, "", sort_key, descending, offset, grootte, lang=True)
            assert per_walk == oud
        # na from any row, with an offset counting on from there
        for i in range(0, len(oud), 5):
            assert wachtlijst.lees_rijen(conn, "", sort_key, descending, 2, 3, oud[i]) == oud[i + 3:i + 6]


def test_every_filter_gives_the_rows_and_count_of_the_old_query(rommelig):
    for filter_text in FILTERS:
        _filter_equals_old(rommelig, filter_text)


def _filter_equals_old(rommelig, filter_text):
    with rommelig.engine.connect() as conn:
        for sort_key, descending in [(None, False), ("naam", True), ("consulent", False), ("leeftijd", False)]:
            oud = oude_rijen(conn, filter_text, sort_key, descending)
            assert wachtlijst.lees_rijen(conn, filter_text, sort_key, descending) == oud
            assert wachtlijst.lees_rijen(conn, filter_text, sort_key, descending, 1, 2) == oud[1:3]
            if oud:
                assert wachtlijst.lees_rijen(conn, filter_text, sort_key, descending, 0, 2, oud[0]) == oud[1:3]
        assert wachtlijst._tel(conn, filter_text) == oude_tel(conn, filter_text)
        nummers, aantal = wachtlijst._nummers_en_aantal(conn, filter_text)
        assert aantal == oude_tel(conn, filter_text)
        assert sorted(nummers) == sorted(r.dossiernummer for r in oude_rijen(conn, filter_text))
    assert wachtlijst.bekijk(rommelig, filter_text).aantal == aantal


def test_the_filter_still_finds_the_beoogd_consulent_and_the_count_without_filter_is_the_old_one(rommelig):
    with rommelig.engine.connect() as conn:
        assert wachtlijst._tel(conn, "") == oude_tel(conn, "") == 31
        kok = wachtlijst.lees_rijen(conn, "kok")
    assert kok and all(r.beoogd_consulent == "Mirjam Kok" for r in kok)
    assert wachtlijst.tel(rommelig) == 31
    assert sum(wachtlijst.per_urgentie(rommelig).values()) == 31


def test_pages_after_na_write_no_audit_line(rommelig, monkeypatch):
    from jet_desktop.services import inzage

    monkeypatch.setattr(inzage, "NUMMERS_IN_REGEL", 5)  # a long view: its line names no dossiers
    with rommelig.engine.connect() as conn:
        voor = conn.execute(select(func.count()).select_from(Auditregel.__table__)).scalar_one()
    view = wachtlijst.bekijk(rommelig, sort_key="naam", descending=True)
    pagina, alles = view.pagina(0, 10), []
    while pagina:
        alles += pagina
        pagina = view.pagina(0, 10, na=pagina[-1])
    with rommelig.engine.connect() as conn:
        na = conn.execute(select(func.count()).select_from(Auditregel.__table__)).scalar_one()
        assert alles == oude_rijen(conn, "", "naam", True)
    assert na == voor + 1  # the view's one line


def test_a_long_lists_naam_sort_walks_the_jeugdigen_in_index_order(sqlite_store):
    with sqlite_store.engine.connect() as conn:
        for sort_key, index in (("naam", "ix_jeugdige_naam"), ("wijk", "ix_jeugdige_wijk"),
                                ("leeftijd", "ix_jeugdige_geboortedatum_achternaam")):
            q = select(wachtlijst._ids_per_jeugdige(sort_key, True, 0, 200))
            sql = str(q.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " | ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert f"SCAN jeugdige USING COVERING INDEX {index}" in plan or f"SCAN jeugdige USING INDEX {index}" in plan
            assert "SEARCH aanmelding USING INDEX ix_aanmelding_jeugdige_id" in plan and "RIGHT PART OF ORDER BY" in plan, plan


def test_the_wachtlijst_indexes_exist_and_the_partial_one_serves_the_date_order(sqlite_store):
    names = {i["name"] for i in inspect(sqlite_store.engine).get_indexes("aanmelding")}
    assert {"ix_aanmelding_wachtlijst", "ix_aanmelding_wachtlijst_dossiernummer",
            "ix_aanmelding_wachtlijst_verwijzer"} <= names
    assert "ix_aanmelding_op_wachtlijst" not in names
    q = (wachtlijst._smal(select(A.c.id), "", "aanmelddatum").where(wachtlijst._where(""))
         .order_by(*wachtlijst._order("aanmelddatum", False)).limit(5))
    with sqlite_store.engine.connect() as conn:
        sql = str(q.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "ix_aanmelding_wachtlijst" in plan and "ix_aanmelding_wachtlijst_" not in plan


# -- jumps: the view's ordered ids, then a page by primary key (issue 11) --------------------------------


def _aantal_regels(store):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Auditregel.__table__)).scalar_one()


def test_a_jump_reads_the_views_ids_once_and_gives_the_offset_rows_for_every_sort(rommelig, monkeypatch):
    from jet_desktop.services import inzage

    monkeypatch.setattr(inzage, "NUMMERS_IN_REGEL", 5)  # a long view: its line names no dossiers
    for filter_text in ("", "jan"):
        for sort_key, descending in SORTS:
            with rommelig.engine.connect() as conn:
                oud = oude_rijen(conn, filter_text, sort_key, descending)
                assert wachtlijst.lees_rijen_per_id(
                    conn, filter_text, wachtlijst.lees_sleutels(conn, filter_text, sort_key, descending)) == oud
            view = wachtlijst.bekijk(rommelig, filter_text, sort_key, descending)
            assert view.aantal == len(oud) > 5
            assert (view._sleutels is not None) == bool(filter_text)  # a long filtered view: count + ids in one pass
            regels = _aantal_regels(rommelig)
            assert view.pagina(8, 3) == oud[8:11]  # offset ≥ 2 pages: the ids
            assert view._sleutels is not None
            for offset in range(0, len(oud) + 4, 4):
                assert view.pagina(offset, 4) == oud[offset:offset + 4]
            assert view.pagina(0, 4, na=oud[2]) == oud[3:7]
            assert _aantal_regels(rommelig) == regels  # the ids and the pages write no line


def test_voorbereiden_writes_no_line_and_a_row_assigned_since_is_left_out(rommelig, jet, monkeypatch):
    from jet_desktop.services import inzage

    monkeypatch.setattr(inzage, "NUMMERS_IN_REGEL", 5)
    view = wachtlijst.bekijk(rommelig, sort_key="naam")
    regels = _aantal_regels(rommelig)
    view.voorbereiden()
    assert _aantal_regels(rommelig) == regels
    with rommelig.engine.connect() as conn:
        oud = oude_rijen(conn, "", "naam")
    weg = oud[5]
    with rommelig.engine.begin() as conn:
        conn.execute(A.update().where(A.c.id == weg.aanmelding_id).values(op_wachtlijst=False))
    pagina = view.pagina(4, 4)
    assert pagina == [oud[4], oud[6], oud[7]]  # short: the assigned one is gone
    assert _aantal_regels(rommelig) == regels


def test_a_pasted_filter_of_50000_characters_finds_nothing_instead_of_failing(rommelig):
    """SQLite refuses a LIKE pattern over 50,000 bytes ("pattern too complex"); no field is that long."""
    lang = "Jansen" * 9000
    assert wachtlijst.tel(rommelig, lang) == 0
    weergave = wachtlijst.bekijk(rommelig, f"kok {lang}")
    assert weergave.aantal == 0 and weergave.pagina() == []
    assert wachtlijst.bekijk(rommelig, "kok " + "k" * wachtlijst.LANGSTE_WOORD).aantal == 0  # still a LIKE
    assert wachtlijst.bekijk(rommelig, "kok").aantal > 0
    with pytest.raises(ValueError):
        weergave.pagina(0, -1)
    with pytest.raises(ValueError):
        weergave.pagina(-5, 10)
