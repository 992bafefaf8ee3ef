"""Capacity and the reassignment proposal for an absent consulent's caseload."""

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from jet_desktop.domain.caseload import Collega, TeVerdelenDossier, Voorstel, capaciteit, herverdeling_voorstel
from jet_desktop.domain.enums import Urgentie


def dossier(n, urgentie=Urgentie.NORMAAL, tweede=None):
    return TeVerdelenDossier(f"d{n}", f"2026-{n:05d}", urgentie, tweede)


def loads_after(collegas, voorstel):
    extra = Counter(v.naar_id for v in voorstel)
    return {c.id: c.belasting + extra[c.id] for c in collegas}


# -- capaciteit -------------------------------------------------------------------------------


def test_capaciteit_is_fte_times_norm_rounded_down():
    assert capaciteit(1.0, 16) == 16
    assert capaciteit(0.8, 16) == 12   # 12.8
    assert capaciteit(0.5, 15) == 7    # 7.5
    assert capaciteit(0.0, 16) == 0


def test_capaciteit_is_not_lost_to_floating_point():
    # 0.29 * 100 is 28.999999999999996 in binary floating point
    assert capaciteit(0.29, 100) == 29
    assert capaciteit(0.7, 10) == 7
    assert capaciteit(0.6, 15) == 9


# -- herverdeling_voorstel ---------------------------------------------------------------------


def test_never_above_capacity_when_room_exists():
    collegas = [Collega("a", "Anouk", 10, 8), Collega("b", "Bram", 5, 5), Collega("c", "Chantal", 6, 3)]
    voorstel = herverdeling_voorstel([dossier(i) for i in range(5)], collegas)
    assert len(voorstel) == 5
    assert not any(v.boven_capaciteit for v in voorstel)
    after = loads_after(collegas, voorstel)
    assert after == {"a": 10, "b": 5, "c": 6}  # exactly the 2 + 0 + 3 free places
    assert all(v.naar_id != "b" for v in voorstel)  # Bram was full


def test_most_free_room_first_ties_by_name():
    collegas = [Collega("z", "Zara", 10, 5), Collega("b", "Bram", 10, 5)]
    voorstel = herverdeling_voorstel([dossier(1)], collegas)
    assert voorstel == [Voorstel("d1", "b", False)]  # equal room: Bram before Zara


def test_second_person_is_preferred_when_they_have_room():
    collegas = [Collega("a", "Anouk", 20, 0), Collega("b", "Bram", 10, 9)]
    voorstel = herverdeling_voorstel([dossier(1, tweede="b"), dossier(2, tweede="b")], collegas)
    # Bram (the family's second person) takes the first although Anouk has far more room;
    # then Bram is full and the second goes to Anouk
    assert [(v.dossier_id, v.naar_id) for v in voorstel] == [("d1", "b"), ("d2", "a")]
    assert not any(v.boven_capaciteit for v in voorstel)


def test_second_person_who_is_not_available_is_ignored():
    collegas = [Collega("a", "Anouk", 20, 0)]
    assert herverdeling_voorstel([dossier(1, tweede="afwezig")], collegas) == [Voorstel("d1", "a", False)]


def test_spoed_is_placed_first():
    # one free place: it must go to the spoed dossier, the others go over capacity
    collegas = [Collega("a", "Anouk", 3, 2)]
    dossiers = [dossier(1, Urgentie.NORMAAL), dossier(2, Urgentie.HOOG), dossier(3, Urgentie.SPOED)]
    voorstel = herverdeling_voorstel(dossiers, collegas)
    assert [v.dossier_id for v in voorstel] == ["d3", "d2", "d1"]
    assert [v.boven_capaciteit for v in voorstel] == [False, True, True]


def test_spoed_gets_the_second_person_with_the_last_place():
    collegas = [Collega("a", "Anouk", 10, 10), Collega("b", "Bram", 5, 4)]
    dossiers = [dossier(1, Urgentie.NORMAAL, tweede="b"), dossier(2, Urgentie.SPOED, tweede="b")]
    voorstel = {v.dossier_id: v for v in herverdeling_voorstel(dossiers, collegas)}
    assert voorstel["d2"] == Voorstel("d2", "b", False)
    assert voorstel["d1"].boven_capaciteit


def test_everyone_full_marks_boven_capaciteit_and_spreads_by_relative_load():
    collegas = [Collega("a", "Anouk", 16, 16), Collega("b", "Bram", 8, 8)]
    voorstel = herverdeling_voorstel([dossier(i) for i in range(3)], collegas)
    assert all(v.boven_capaciteit for v in voorstel)
    # relative load: Anouk 17/16 < Bram 9/8, then Anouk 18/16 = Bram 9/8 -> tie to Anouk (name), ...
    assert [v.naar_id for v in voorstel] == ["a", "a", "b"]


def test_no_colleagues_means_no_proposal():
    assert herverdeling_voorstel([dossier(1)], []) == []


def test_deterministic_same_input_same_output_and_input_order_does_not_matter():
    collegas = [Collega(f"c{i}", naam, cap, load) for i, (naam, cap, load) in enumerate(
        [("Anouk", 12, 9), ("Bram", 8, 2), ("Chantal", 16, 16), ("Daan", 10, 4), ("Anouk", 12, 9)])]
    dossiers = [dossier(i, random.Random(i).choice(list(Urgentie)), tweede=f"c{i % 6}") for i in range(30)]
    first = herverdeling_voorstel(dossiers, collegas)
    assert herverdeling_voorstel(dossiers, collegas) == first
    rng = random.Random(1)
    for _ in range(5):
        d2, c2 = dossiers[:], collegas[:]
        rng.shuffle(d2)
        rng.shuffle(c2)
        assert herverdeling_voorstel(d2, c2) == first


collega_st = st.builds(lambda i, naam, cap, load: Collega(f"c{i}", naam, cap, min(load, cap + 3)),
                       st.integers(0, 1000), st.sampled_from(["Anouk", "Bram", "Chantal", "Daan"]),
                       st.integers(0, 20), st.integers(0, 25))


@st.composite
def team_and_dossiers(draw):
    collegas = draw(st.lists(collega_st, min_size=1, max_size=6, unique_by=lambda c: c.id))
    ids = [c.id for c in collegas] + [None, "weg"]
    dossiers = draw(st.lists(st.builds(lambda n, u, t: dossier(n, u, t), st.integers(0, 99999),
                                       st.sampled_from(list(Urgentie)), st.sampled_from(ids)),
                             max_size=40, unique_by=lambda d: d.id))
    return dossiers, collegas


@settings(max_examples=200, deadline=None)
@given(team_and_dossiers())
def test_every_dossier_is_placed_once_with_an_available_colleague(case):
    dossiers, collegas = case
    voorstel = herverdeling_voorstel(dossiers, collegas)
    assert sorted(v.dossier_id for v in voorstel) == sorted(d.id for d in dossiers)
    assert {v.naar_id for v in voorstel} <= {c.id for c in collegas}


@settings(max_examples=200, deadline=None)
@given(team_and_dossiers())
def test_never_above_capacity_while_total_room_covers_the_dossiers(case):
    dossiers, collegas = case
    room = sum(max(c.capaciteit - c.belasting, 0) for c in collegas)
    voorstel = herverdeling_voorstel(dossiers, collegas)
    before = {c.id: c.belasting for c in collegas}
    after = loads_after(collegas, voorstel)
    if room >= len(dossiers):
        assert not any(v.boven_capaciteit for v in voorstel)
        by_id = {c.id: c for c in collegas}
        # nobody who received a dossier ends above their capacity
        assert all(after[cid] <= by_id[cid].capaciteit for cid in after if after[cid] > before[cid])
    else:
        # exactly the dossiers that did not fit are marked
        assert sum(v.boven_capaciteit for v in voorstel) == len(dossiers) - room


@settings(max_examples=100, deadline=None)
@given(team_and_dossiers(), st.randoms(use_true_random=False))
def test_proposal_does_not_depend_on_input_order(case, rnd):
    dossiers, collegas = case
    d2, c2 = dossiers[:], collegas[:]
    rnd.shuffle(d2)
    rnd.shuffle(c2)
    assert herverdeling_voorstel(d2, c2) == herverdeling_voorstel(dossiers, collegas)
