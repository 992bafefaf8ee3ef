"""The rules of a toewijzing, without a database."""

from dataclasses import replace
from datetime import date

import pytest

from jet_desktop.domain.toewijzing import Codes, ToewijzingInvoer, motivering_voor_opslag, toewijzing_fouten

CODES = Codes({"41", "45"}, {"licht", "middel", "zwaar"}, {"fjild", "opstap"})
GEOPEND = date(2026, 3, 2)
GOED = ToewijzingInvoer("45", "Gezinsbehandeling", "middel", "fjild", date(2026, 3, 16), date(2026, 9, 16), 6500,
                        "profiel", "")


def velden(invoer):
    return [e.field for e in toewijzing_fouten(invoer, CODES, GEOPEND)]


def test_a_complete_profiel_toewijzing_passes():
    assert velden(GOED) == []


def test_start_on_the_day_the_dossier_opened_and_end_on_the_start_pass():
    assert velden(replace(GOED, startdatum=GEOPEND, einddatum=GEOPEND, geschatte_kosten=0)) == []


@pytest.mark.parametrize("wijziging, veld", [
    (dict(productcategorie="99"), "productcategorie"),
    (dict(productcategorie=""), "productcategorie"),
    (dict(product="   "), "product"),
    (dict(intensiteit="extreem"), "intensiteit"),
    (dict(aanbieder="onbekend"), "aanbieder"),
    (dict(startdatum=None), "startdatum"),
    (dict(startdatum=date(2026, 3, 1)), "startdatum"),  # one day before geopend_op
    (dict(einddatum=date(2026, 3, 15)), "einddatum"),  # one day before the start
    (dict(geschatte_kosten=-1), "geschatte_kosten"),
    (dict(geschatte_kosten=12.5), "geschatte_kosten"),
    (dict(geschatte_kosten=True), "geschatte_kosten"),
    (dict(contractvorm="pgb"), "contractvorm"),
    (dict(contractvorm="dvo", dvo_motivering="  "), "dvo_motivering"),
])
def test_each_rule_names_its_field(wijziging, veld):
    assert velden(replace(GOED, **wijziging)) == [veld]


def test_dvo_with_a_motivering_passes_and_the_message_is_dutch():
    assert velden(replace(GOED, contractvorm="dvo", dvo_motivering="Geen profiel voor deze combinatie.")) == []
    [fout] = toewijzing_fouten(replace(GOED, contractvorm="dvo"), CODES, GEOPEND)
    assert fout.message.startswith("Motivering DVO: verplicht")


def test_all_errors_at_once():
    leeg = ToewijzingInvoer()
    assert set(velden(leeg)) == {"productcategorie", "product", "intensiteit", "aanbieder", "startdatum"}


def test_a_motivering_is_only_kept_for_a_dvo():
    assert motivering_voor_opslag("dvo", "  Uitzondering.  ") == "Uitzondering."
    assert motivering_voor_opslag("profiel", "Uitzondering.") == ""
