"""Opschaling and stapeling as pure rules (jet_desktop/domain/matched_care.py)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jet_desktop.domain.errors import ValidationError
from jet_desktop.domain.matched_care import (
    Stapelingsoort,
    ToewijzingPeriode,
    geldende_regel,
    opschaling,
    parse_stapeling_regels,
    stapelingen,
)

D0 = date(2026, 1, 10)


def tw(sleutel, cat="45", niveau=2, start=D0, eind=None):
    return ToewijzingPeriode(sleutel, cat, niveau, start, eind)


def regels(*rows):
    cols = ("categorie_a", "categorie_b", "soort", "binnen_dagen", "toegestaan", "toelichting")
    return parse_stapeling_regels([dict(zip(cols, r)) for r in rows], ["41", "42", "43", "45", "46"])


TABEL = regels(
    ("45", "45", "verticaal", "", "nee", "twee ambulant"),
    ("43", "45", "verticaal", "", "nee", "verblijf met ambulant"),
    ("45", "42", "verticaal", "", "ja", "vervoer"),
    ("*", "46", "verticaal", "", "nee", "crisis naast iets"),
    ("41", "46", "verticaal", "", "ja", "crisis naast dagbehandeling mag"),
    ("45", "45", "horizontaal", "90", "nee", "draaideur"),
)


# -- opschaling ---------------------------------------------------------------------------------


def test_higher_intensiteit_on_day_180_counts():
    o = opschaling([tw("a", niveau=1), tw("b", niveau=2, start=D0 + timedelta(days=180))])
    assert o.opgeschaald and o.hogere.sleutel == "b" and o.dagen == 180


def test_higher_intensiteit_on_day_181_does_not_count():
    o = opschaling([tw("a", niveau=1), tw("b", niveau=3, start=D0 + timedelta(days=181))])
    assert o.eerste.sleutel == "a" and not o.opgeschaald and o.dagen is None


def test_same_or_lower_intensiteit_is_no_opschaling():
    o = opschaling([tw("a", niveau=2), tw("b", niveau=2, start=D0 + timedelta(days=10)),
                    tw("c", niveau=1, start=D0 + timedelta(days=20))])
    assert not o.opgeschaald


def test_the_first_toewijzing_is_the_earliest_start_not_the_first_given():
    later = tw("later", niveau=3, start=D0 + timedelta(days=30))
    o = opschaling([later, tw("first", niveau=1)])
    assert o.eerste.sleutel == "first" and o.hogere is later


def test_same_day_starting_package_is_not_a_step_up():
    # two toewijzingen on the first day: the heaviest is the reference; a later niveau 3 equals it
    o = opschaling([tw("a", niveau=1), tw("b", niveau=3), tw("c", niveau=3, start=D0 + timedelta(days=5))])
    assert o.eerste.sleutel == "b" and not o.opgeschaald


def test_earliest_step_up_is_reported():
    o = opschaling([tw("a", niveau=1), tw("late", niveau=4, start=D0 + timedelta(days=100)),
                    tw("early", niveau=2, start=D0 + timedelta(days=40))])
    assert o.hogere.sleutel == "early" and o.dagen == 40


def test_no_toewijzingen_no_result():
    assert opschaling([]) is None


# -- the stapeling table ------------------------------------------------------------------------


def test_parse_reports_every_bad_row_with_its_line_number():
    cols = ("categorie_a", "categorie_b", "soort", "binnen_dagen", "toegestaan", "toelichting")
    rows = [dict(zip(cols, r)) for r in (
        ("45", "45", "verticaal", "", "ja", "goed"),
        ("99", "45", "verticaal", "", "nee", ""),         # line 3: unknown code
        ("45", "45", "schuin", "", "nee", ""),            # line 4: soort
        ("45", "45", "horizontaal", "", "nee", ""),       # line 5: binnen_dagen missing
        ("45", "42", "verticaal", "", "misschien", ""),   # line 6: toegestaan
        ("45", "45", "verticaal", "", "nee", "dubbel"),   # line 7: duplicate of line 2
    )]
    with pytest.raises(ValidationError) as exc:
        parse_stapeling_regels(rows, ["42", "45"])
    fields = [e.field for e in exc.value.errors]
    assert fields == ["regel 3", "regel 4", "regel 5", "regel 6", "regel 7"]
    assert "'99'" in exc.value.for_field("regel 3")
    assert "regel 2" in exc.value.for_field("regel 7")


def test_verticaal_rule_matches_either_order_and_specific_beats_wildcard():
    r = geldende_regel(TABEL, Stapelingsoort.VERTICAAL, "45", "43")
    assert r.toelichting == "verblijf met ambulant"
    assert geldende_regel(TABEL, Stapelingsoort.VERTICAAL, "45", "46").toelichting == "crisis naast iets"
    assert geldende_regel(TABEL, Stapelingsoort.VERTICAAL, "46", "41").toegestaan is True
    assert geldende_regel(TABEL, Stapelingsoort.VERTICAAL, "41", "42") is None  # no rule: allowed


def test_seeded_table_loads_and_forbids_two_ambulant_at_once():
    from jet_desktop.codelists import uit_bestanden

    tabel = uit_bestanden().stapeling_regels()  # the seed of a new store (services/codelijsten reads the store)
    assert geldende_regel(tabel, Stapelingsoort.VERTICAAL, "45", "45").toegestaan is False
    assert geldende_regel(tabel, Stapelingsoort.VERTICAAL, "45", "43").toegestaan is False
    assert geldende_regel(tabel, Stapelingsoort.VERTICAAL, "42", "45").toegestaan is True
    assert geldende_regel(tabel, Stapelingsoort.HORIZONTAAL, "45", "45", 90).toegestaan is False
    assert geldende_regel(tabel, Stapelingsoort.HORIZONTAAL, "45", "45", 91) is None


# -- stapeling ----------------------------------------------------------------------------------


def test_forbidden_overlap_is_found():
    a = tw("a", "45", start=date(2026, 1, 1), eind=date(2026, 3, 31))
    b = tw("b", "45", start=date(2026, 3, 31))  # one common day
    [s] = stapelingen([b, a], TABEL)
    assert (s.soort, s.eerste, s.tweede, s.regel.toelichting) == (Stapelingsoort.VERTICAAL, a, b, "twee ambulant")


def test_allowed_overlap_and_touching_periods_are_not_verticaal():
    a = tw("a", "45", start=date(2026, 1, 1))
    vervoer = tw("v", "42", start=date(2026, 2, 1))
    assert stapelingen([a, vervoer], TABEL) == []
    # 45 ending 31-03 and 43 starting 01-04 do not run at the same time
    x = tw("x", "45", start=date(2026, 1, 1), eind=date(2026, 3, 31))
    y = tw("y", "43", start=date(2026, 4, 1))
    assert stapelingen([x, y], TABEL) == []


def test_wildcard_rule_finds_crisis_next_to_anything_but_the_exception():
    amb = tw("amb", "45", start=date(2026, 1, 1))
    dag = tw("dag", "41", start=date(2026, 1, 1))
    crisis = tw("cr", "46", start=date(2026, 2, 1), eind=date(2026, 2, 14))
    found = stapelingen([crisis, dag, amb], TABEL)
    assert [(s.eerste.sleutel, s.tweede.sleutel) for s in found] == [("amb", "cr")]  # 41+46 allowed


def test_horizontaal_within_binnen_dagen_found_and_outside_not():
    a = tw("a", "45", start=date(2026, 1, 1), eind=date(2026, 1, 31))
    within = tw("b", "45", start=date(2026, 1, 31) + timedelta(days=90))
    [s] = stapelingen([within, a], TABEL)
    assert (s.soort, s.eerste.sleutel, s.tweede.sleutel, s.tussen_dagen) == (Stapelingsoort.HORIZONTAAL, "a", "b", 90)
    outside = tw("c", "45", start=date(2026, 1, 31) + timedelta(days=91))
    assert stapelingen([a, outside], TABEL) == []


def test_horizontaal_is_ordered_a_then_b():
    tabel = regels(("43", "45", "horizontaal", "30", "nee", "ambulant na verblijf"))
    verblijf = tw("v", "43", start=date(2026, 1, 1), eind=date(2026, 1, 31))
    amb = tw("a", "45", start=date(2026, 2, 10))
    assert len(stapelingen([verblijf, amb], tabel)) == 1
    amb_eerst = tw("a", "45", start=date(2026, 1, 1), eind=date(2026, 1, 31))
    verblijf_na = tw("v", "43", start=date(2026, 2, 10))
    assert stapelingen([amb_eerst, verblijf_na], tabel) == []


# -- properties ---------------------------------------------------------------------------------

toewijzingen = st.lists(
    st.builds(
        lambda i, cat, niveau, start, duur: ToewijzingPeriode(
            f"t{i}", cat, niveau, D0 + timedelta(days=start), None if duur is None else D0 + timedelta(days=start + duur)),
        st.integers(0, 10_000), st.sampled_from(["41", "42", "43", "45", "46"]), st.integers(1, 4),
        st.integers(0, 400), st.none() | st.integers(0, 200)),
    max_size=7, unique_by=lambda t: t.sleutel)


@settings(max_examples=200, deadline=None)
@given(toewijzingen, st.randoms(use_true_random=False))
def test_order_of_input_never_changes_the_result(items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert opschaling(items) == opschaling(shuffled)
    assert stapelingen(items, TABEL) == stapelingen(shuffled, TABEL)


@settings(max_examples=200, deadline=None)
@given(toewijzingen)
def test_every_reported_pair_obeys_its_definition(items):
    for s in stapelingen(items, TABEL):
        assert not s.regel.toegestaan
        if s.soort is Stapelingsoort.VERTICAAL:
            assert s.eerste.loopt_op(s.tweede.startdatum) or s.tweede.loopt_op(s.eerste.startdatum)
        else:
            assert s.eerste.einddatum is not None
            assert 1 <= (s.tweede.startdatum - s.eerste.einddatum).days == s.tussen_dagen <= s.regel.binnen_dagen
    o = opschaling(items)
    if o is not None and o.opgeschaald:
        assert o.hogere.niveau > o.eerste.niveau and 1 <= o.dagen <= 180
        assert o.eerste.startdatum == min(t.startdatum for t in items)
