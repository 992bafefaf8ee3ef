"""Three versions per field (domain/samenvoegen.py): what differs, what is a conflict, what is taken
automatically, and when a merge is complete."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jet_desktop.domain.samenvoegen import (
    Besluit,
    Keuze,
    NietCompleet,
    Samenvoeging,
    Soort,
    VeldVersies,
    conflicten,
    eenzijdig,
    te_tonen,
    verschillend,
    versies_uit,
)

LABELS = {"kind": "Kind", "school": "School", "doelen": "Doelen", "datum": "Vastgesteld op"}


def plan_versies():
    return versies_uit(
        basis={"kind": "Finn is somber.", "school": "", "doelen": "Oud.", "datum": ""},
        ander={"kind": "Finn is somber.", "school": "Mentor meldt verzuim.", "doelen": "Van Bram.", "datum": ""},
        mij={"kind": "Finn slaapt slecht.", "school": "", "doelen": "Van mij.", "datum": ""},
        labels=LABELS, lang={"kind", "school", "doelen"})


def test_the_list_follows_the_labels_and_tells_each_kind_of_change():
    v = plan_versies()
    assert [x.veld for x in v] == ["kind", "school", "doelen", "datum"]
    assert [x.soort for x in v] == [Soort.ALLEEN_IK, Soort.ALLEEN_ANDER, Soort.CONFLICT, Soort.ONGEWIJZIGD]
    assert [x.veld for x in verschillend(v)] == ["kind", "school", "doelen"]
    assert [x.veld for x in conflicten(v)] == ["doelen"]
    assert [x.veld for x in eenzijdig(v)] == ["kind", "school"]
    assert [x.veld for x in te_tonen(v)] == ["kind", "school", "doelen"]
    assert v[0].lang and not v[3].lang and v[0].label == "Kind"


def test_both_changed_alike_is_no_conflict_and_not_shown():
    [v] = versies_uit({"a": "x"}, {"a": "y"}, {"a": "y"}, {"a": "A"})
    assert v.soort is Soort.BEIDE_GELIJK and v.verschilt and not v.is_conflict and not v.te_tonen
    assert Samenvoeging.van([v]).resultaat() == {"a": "y"}


def test_a_missing_side_counts_as_unchanged():
    [a, b] = versies_uit({"a": "1", "b": "2"}, {"a": "9"}, {}, [("a", "A"), ("b", "B")])
    assert (a.van_ander, a.van_mij, a.soort) == ("9", "1", Soort.ALLEEN_ANDER)
    assert b.soort is Soort.ONGEWIJZIGD


def test_one_sided_changes_are_taken_and_a_conflict_waits_for_a_decision():
    s = Samenvoeging.van(plan_versies())
    assert not s.compleet and [v.veld for v in s.open()] == ["doelen"]
    assert s.keuze("kind") is Keuze.MIJN and s.keuze("school") is Keuze.ANDER and s.keuze("doelen") is None
    with pytest.raises(NietCompleet, match="Doelen"):
        s.resultaat()
    with pytest.raises(NietCompleet):
        s.waarde("doelen")
    klaar = s.kies("doelen", Keuze.ANDER)
    assert klaar.compleet and not s.compleet  # immutable
    assert klaar.resultaat() == {"kind": "Finn slaapt slecht.", "school": "Mentor meldt verzuim.",
                                 "doelen": "Van Bram.", "datum": ""}
    assert s.kies("doelen", Keuze.MIJN).resultaat()["doelen"] == "Van mij."
    eigen = s.kies("doelen", Keuze.EIGEN, "Van Bram. En van mij.")
    assert eigen.resultaat()["doelen"] == "Van Bram. En van mij." and eigen.keuze("doelen") is Keuze.EIGEN
    # a later decision replaces the earlier one; a one-sided field can be overruled too
    assert eigen.kies("doelen", Keuze.MIJN).besluiten == (("doelen", Besluit(Keuze.MIJN, "Van mij.")),)
    assert klaar.kies("school", Keuze.MIJN).resultaat()["school"] == ""


def test_choices_are_checked():
    s = Samenvoeging.van([
        VeldVersies("kosten", "Geschatte kosten", 6500, 9000, 7000, weergave=((6500, "€ 6.500"),)),
        VeldVersies("tweede", "Tweede persoon", "geen", "Chantal Bakker", "geen", kiesbaar=False)])
    assert s.versie("kosten").tekst(6500) == "€ 6.500" and s.versie("kosten").tekst(9000) == "9000"
    assert s.versie("tweede").tekst(None) == ""
    with pytest.raises(ValueError):
        s.kies("kosten", Keuze.EIGEN, 8000)  # not a text
    with pytest.raises(ValueError):
        s.kies("tweede", Keuze.MIJN)  # outside the form
    with pytest.raises(KeyError):
        s.kies("onbekend", Keuze.MIJN)
    assert s.kies("kosten", Keuze.ANDER).resultaat() == {"kosten": 9000, "tweede": "Chantal Bakker"}
    with pytest.raises(ValueError):
        VeldVersies("tweede", "Tweede persoon", "geen", "Chantal", "Bram", kiesbaar=False)
    with pytest.raises(ValueError):
        Samenvoeging.van([VeldVersies("a", "A", 1, 1, 1), VeldVersies("a", "A", 1, 1, 1)])


def test_bewerkbaar_only_for_text_fields():
    assert VeldVersies("a", "A", "x", "y", "z").bewerkbaar
    assert not VeldVersies("a", "A", 1, 2, 3).bewerkbaar
    assert not VeldVersies("a", "A", "x", "y", "z", weergave=(("x", "X"),)).bewerkbaar
    assert not VeldVersies("a", "A", None, "y", "z").bewerkbaar


# ----------------------------------------------------------------------------------------- properties

waarde = st.sampled_from(["", "a", "b", "c", "Finn gaat naar school.", None, 0, 7])
velden = st.lists(st.sampled_from(["kind", "ouders", "school", "netwerk", "doelen"]), unique=True, min_size=1)


@st.composite
def drie_dicts(draw):
    namen = draw(velden)
    basis = {n: draw(waarde) for n in namen}
    ander = {n: draw(st.one_of(st.just(basis[n]), waarde)) for n in namen}
    mij = {n: draw(st.one_of(st.just(basis[n]), waarde)) for n in namen}
    return namen, basis, ander, mij


@given(drie_dicts())
def test_a_field_nobody_changed_is_never_offered_and_keeps_its_value(d):
    namen, basis, ander, mij = d
    versies = versies_uit(basis, ander, mij, {n: n.title() for n in namen})
    for v in versies:
        if ander[v.veld] == basis[v.veld] == mij[v.veld]:
            assert v not in te_tonen(versies) and v not in conflicten(versies) and v not in verschillend(versies)
    s = Samenvoeging.van(versies)
    for v in s.open():
        s = s.kies(v.veld, Keuze.MIJN)
    uit = s.resultaat()
    assert all(uit[n] == basis[n] for n in namen if ander[n] == basis[n] == mij[n])


@given(drie_dicts())
def test_one_sided_changes_are_never_lost(d):
    namen, basis, ander, mij = d
    versies = versies_uit(basis, ander, mij, {n: n for n in namen})
    s = Samenvoeging.van(versies)
    assert s.compleet == (not conflicten(versies))
    for v in s.open():  # whatever is chosen for the conflicts
        s = s.kies(v.veld, Keuze.ANDER)
    uit = s.resultaat()
    for n in namen:
        if ander[n] != basis[n] and mij[n] == basis[n]:
            assert uit[n] == ander[n]  # the colleague's change survives
        if mij[n] != basis[n] and ander[n] == basis[n]:
            assert uit[n] == mij[n]  # the user's change survives


@given(drie_dicts(), st.data())
def test_complete_only_when_every_conflict_is_decided_and_the_decision_is_what_is_saved(d, data):
    namen, basis, ander, mij = d
    versies = versies_uit(basis, ander, mij, {n: n for n in namen})
    s = Samenvoeging.van(versies)
    gekozen = {}
    for v in conflicten(versies):
        assert not s.compleet
        keuze = data.draw(st.sampled_from([Keuze.ANDER, Keuze.MIJN] + ([Keuze.EIGEN] if v.bewerkbaar else [])))
        s = s.kies(v.veld, keuze, "samen" if keuze is Keuze.EIGEN else None)
        gekozen[v.veld] = {Keuze.ANDER: ander[v.veld], Keuze.MIJN: mij[v.veld], Keuze.EIGEN: "samen"}[keuze]
    assert s.compleet
    uit = s.resultaat()
    assert all(uit[n] == w for n, w in gekozen.items())
    # the colleague's value is replaced only where the user chose so (or the user alone changed it)
    for n in namen:
        if ander[n] != basis[n] and uit[n] != ander[n]:
            assert n in gekozen and s.keuze(n) in (Keuze.MIJN, Keuze.EIGEN)


@given(drie_dicts())
def test_shown_fields_are_exactly_where_the_two_versions_differ(d):
    namen, basis, ander, mij = d
    versies = versies_uit(basis, ander, mij, {n: n for n in namen})
    assert {v.veld for v in te_tonen(versies)} == {n for n in namen if ander[n] != mij[n]}
    assert set(map(id, conflicten(versies))) <= set(map(id, te_tonen(versies)))
    assert set(map(id, te_tonen(versies))) <= set(map(id, verschillend(versies)))
