"""The settings registry: each setting declared once, its default valid, its range the service's."""

import pytest

from jet_desktop.domain import instellingen as register
from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.instellingen import REGISTER, STANDAARDEN, Instellingen
from jet_desktop.domain.wachttijd import WachttijdNormen


def _alle_velden():
    return [d for i in REGISTER for d in (i.delen or (i,))]


def test_the_registry_holds_every_setting_once_with_a_dutch_label_and_an_explanation():
    sleutels = [i.sleutel for i in REGISTER]
    assert len(sleutels) == len(set(sleutels)) == 9
    assert {"caseload_norm_per_fte", "norm_start_dagen", "publicatie_drempel", "bewaartermijn_jaren"} <= set(sleutels)
    for inst in _alle_velden():
        assert inst.label and inst.uitleg.endswith("."), inst.sleutel
        if inst.soort in (int, float):
            assert inst.minimum is not None and inst.maximum is not None and inst.minimum < inst.maximum


@pytest.mark.parametrize("inst", REGISTER, ids=lambda i: i.sleutel)
def test_every_default_passes_its_own_validation(inst):
    assert inst.fouten(inst.standaard) == []
    assert register.fouten({inst.sleutel: inst.standaard}) == []


def test_all_defaults_together_pass_and_match_the_old_defaults():
    assert register.fouten(STANDAARDEN) == []
    assert STANDAARDEN["norm_start_dagen"] == {"spoed": 3, "hoog": 14, "normaal": 28}
    assert STANDAARDEN["caseload_norm_per_fte"] == 16 and STANDAARDEN["bewaartermijn_jaren"] == 20


@pytest.mark.parametrize("inst", [i for i in _alle_velden() if i.soort in (int, float)], ids=lambda i: i.veld)
def test_a_value_just_outside_the_range_is_refused_naming_the_label(inst):
    for fout in (inst.minimum - 1, inst.maximum + 1):
        [e] = inst.fouten(fout)
        assert e.field == inst.veld
        assert e.message.startswith(f"{inst.label}: vul ")
        assert f"van {inst.minimum:g} tot en met {inst.maximum:g}" in e.message
    assert inst.fouten(inst.minimum) == inst.fouten(inst.maximum) == []
    assert inst.fouten(True) and inst.fouten("5") and inst.fouten(None) and inst.fouten(float("nan"))


def test_an_integer_setting_refuses_a_fraction_and_a_decimal_one_takes_it():
    assert register.fouten({"publicatie_drempel": 5.5})[0].message == (
        "Drempel voor publicatie: vul een geheel getal in van 1 tot en met 100.")
    assert register.fouten({"publicatie_drempel": 5.0}) == []
    assert register.fouten({"caseload_norm_per_fte": 15.5}) == []
    assert register.fouten({"bewaartermijn_jaren": 14})[0].message == (
        "Bewaartermijn dossiers: vul een geheel getal in van 15 tot en met 115 jaar.")


def test_texts_choices_and_the_startnormen():
    assert [e.field for e in register.fouten({"team_naam": " "})] == ["team_naam"]
    assert register.fouten({"team_naam": "T" * 201})[0].field == "team_naam"
    [e] = register.fouten({"rapport_naamweergave": "bsn"})
    assert e.message.startswith("Namen op afgedrukte lijsten: kies „Initialen")
    [e] = register.fouten({"norm_start_dagen": {"spoed": 30, "hoog": 14, "normaal": 28}})
    assert (e.field, e.message) == ("norm_start_normaal", "Startnormen: spoed ≤ hoog ≤ normaal (in dagen).")
    [e] = register.fouten({"norm_start_dagen": {"spoed": 0, "hoog": 14, "normaal": 28}})
    assert e.field == "norm_start_spoed" and e.message.startswith("Startnorm spoed: ")
    for fout in ([3, 14, 28], {"spoed": 3, "hoog": 14, "normaal": 28, "x": 1}):
        [e] = register.fouten({"norm_start_dagen": fout})
        assert e.field == "norm_start_dagen" and e.message.startswith("Startnormen: ")
    [e] = register.fouten({"norm_start_dagen": {"spoed": 3, "hoog": 14}})
    assert e.field == "norm_start_normaal" and e.message.startswith("Startnorm normaal: ")
    assert register.fouten({"geen_instelling": 1})[0].field == "instellingen"


def test_typed_values_defaults_for_what_is_missing_or_of_the_wrong_kind():
    team = Instellingen({"caseload_norm_per_fte": 18, "publicatie_drempel": "veel", "norm_triage_werkdagen": 4.0,
                         "rapport_naamweergave": "bsn", "norm_start_dagen": {"spoed": 2, "hoog": "x"}})
    assert team.caseload_norm_per_fte == 18.0 and isinstance(team.caseload_norm_per_fte, float)
    assert team.publicatie_drempel == 5 and team.norm_triage_werkdagen == 4 and isinstance(team.norm_triage_werkdagen, int)
    assert team.rapport_naamweergave == "initialen"
    assert team.norm_start_dagen == {"spoed": 2, "hoog": 14, "normaal": 28}
    assert team.normen == WachttijdNormen(triage_werkdagen=4, start_dagen={
        Urgentie.SPOED: 2, Urgentie.HOOG: 14, Urgentie.NORMAAL: 28})
    team.norm_start_dagen["spoed"] = 99  # a copy: the object stays as read
    assert team.norm_start_dagen["spoed"] == 2
    assert Instellingen().als_dict() == STANDAARDEN
    assert Instellingen.caseload_norm_per_fte is register.PER_SLEUTEL["caseload_norm_per_fte"]
