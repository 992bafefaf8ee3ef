"""What the services accept as text (issue 9, "Exports and bad text"): no control characters or
bidi overrides (newlines and tabs only in multi-line free text), every field at most its column's
length; the Dutch message names the field and nothing is saved."""

from dataclasses import replace
from datetime import date

import pytest

from jet_desktop.codelists import uit_bestanden
from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import ValidationError
from jet_desktop.domain.tekst import MAX_VRIJE_TEKST
from jet_desktop.services import aanmeldingen, caseload, dossiers, medewerkers, settings, zorg
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.storage.models import Aanmelding, Dossier, Gezin, Jeugdige, Medewerker, Triagebesluit

NUL = "Ann\x00a"
HYPERLINK = '=HYPERLINK("http://example.org/?"&A1,"Klik hier")'


def _fout(exc_info, veld: str) -> str:
    msg = exc_info.value.for_field(veld)
    assert msg is not None, exc_info.value.errors
    return msg


@pytest.mark.parametrize("veld, waarde, label, reden", [
    ("voornaam", NUL, "Voornaam", "nul-teken"),
    ("achternaam", "Jansen\x1b[2J", "Achternaam", "stuurteken (U+001B)"),
    ("school", "De Wieken\nBasisschool", "School", "regeleinde"),
    ("school", "Anna \u202eloohcs", "School", "schrijfrichting"),
    ("woonplaats", "Leeu\twarden", "Woonplaats", "tab"),
    ("school", "S" * 201, "School", "te lang (201 tekens; maximaal 200)"),
    ("achternaam", "J" * 161, "Achternaam", "maximaal 160"),
    ("voornaam", "V" * 5000, "Voornaam", "te lang (5.000 tekens; maximaal 120)"),
    ("hulpvraag", "Zorgen\x00", "Hulpvraag", "nul-teken"),
    ("hulpvraag", "H" * (MAX_VRIJE_TEKST + 1), "Hulpvraag", "maximaal 20.000"),
    ("verwijzer_organisatie", "GGD\x07", "Verwijzer: organisatie", "stuurteken"),
])
def test_aanmelding_refuses_bad_text_naming_the_field(sqlite_store, jet, veld, waarde, label, reden):
    with pytest.raises(ValidationError) as e:
        jet.aanmelding(sqlite_store, **{veld: waarde})
    msg = _fout(e, veld)
    assert msg.startswith(f"{label}:") and reden in msg
    assert jet.count(sqlite_store, Jeugdige.__table__) == 0 and jet.count(sqlite_store, Aanmelding.__table__) == 0


def test_parent_fields_are_checked_with_the_parent_number(sqlite_store, jet):
    ouders = [OuderInvoer("Moeder"), OuderInvoer("Vader\x00", telefoon="06\n123")]
    with pytest.raises(ValidationError) as e:
        jet.aanmelding(sqlite_store, ouders=ouders)
    assert {f.field for f in e.value.errors} == {"ouders"}  # where the form shows parent messages
    berichten = [f.message for f in e.value.errors]
    assert any(m.startswith("Ouder/verzorger 2: naam:") and "nul-teken" in m for m in berichten)
    assert any(m.startswith("Ouder/verzorger 2: telefoon:") and "regeleinde" in m for m in berichten)


def test_multi_line_free_text_keeps_newlines_and_tabs_and_formulas_are_just_text(sqlite_store, jet):
    reg = jet.aanmelding(sqlite_store, hulpvraag="Regel 1\nRegel 2\n\tingesprongen",
                         veiligheidssignalen="Geen.\r\nNiets", school=HYPERLINK,
                         achternaam="J" * 160, tussenvoegsel="van der")  # "Gezin van der J…" is cut to 160
    assert reg.dossiernummer


def test_a_name_at_the_column_length_fits_on_postgresql_too(any_store, jet):
    """The longest achternaam and tussenvoegsel fit their columns and the gezin name (VARCHAR(160))."""
    jet.aanmelding(any_store, voornaam="V" * 120, tussenvoegsel="t" * 30, achternaam="A" * 160, school="S" * 200,
                   woonplaats="W" * 120, verwijzer_organisatie="O" * 200, steunfiguur_naam="N" * 160,
                   steunfiguur_relatie="R" * 80)
    assert jet.count(any_store, Gezin.__table__) == 1


def test_triage_motivering_and_organisatie(sqlite_store, jet):
    aid = jet.aanmelding(sqlite_store).aanmelding_id
    for kw, veld, reden in (({"motivering": "Gezin heeft steun nodig.\x00"}, "motivering", "nul-teken"),
                            ({"organisatie": "Veilig\nThuis", "uitkomst": "veiligheid"}, "organisatie", "regeleinde")):
        with pytest.raises(ValidationError) as e:
            jet.besluit(sqlite_store, aid, **kw)
        assert reden in _fout(e, veld)
    assert jet.count(sqlite_store, Triagebesluit.__table__) == 0
    jet.besluit(sqlite_store, aid, motivering="Gezin heeft steun nodig.\nTwee regels mag.")


def test_dossier_texts(sqlite_store, jet):
    did = jet.dossier(sqlite_store, jet.consulent(sqlite_store, "Anna"), geopend_op=date(2026, 11, 10))
    with pytest.raises(ValidationError) as e:
        dossiers.voeg_contactmoment_toe(sqlite_store, did, date(2026, 11, 12), "huisbezoek", 30, "Notitie\x00",
                                        jet.vandaag)
    assert _fout(e, "notitie").startswith("Notitie:")
    with pytest.raises(ValidationError) as e:
        dossiers.sluit_af(sqlite_store, did, jet.version(sqlite_store, Dossier.__table__, did), date(2026, 11, 20),
                          "anders", "Toelichting\u202e", jet.vandaag)
    assert _fout(e, "toelichting").startswith("Toelichting:")
    with pytest.raises(ValidationError) as e:
        zorg.sla_plan_op(sqlite_store, did, None, zorg.PlanInvoer(va_kind="K" * (MAX_VRIJE_TEKST + 1)))
    assert "te lang" in _fout(e, "va_kind")
    toewijzing = zorg.ToewijzingInvoer("45", "Gezinsbehandeling", "middel", "fjild", date(2026, 11, 16), None, 100)
    with pytest.raises(ValidationError) as e:
        zorg.voeg_toewijzing_toe(sqlite_store, did, replace(toewijzing, product="Gezins\x00behandeling"))
    assert _fout(e, "product").startswith("Product/profiel:")
    tid = zorg.voeg_toewijzing_toe(sqlite_store, did, toewijzing)
    with pytest.raises(ValidationError) as e:
        zorg.wijzig_toewijzing(sqlite_store, tid, 1, replace(toewijzing, product="P" * 201))
    assert "maximaal 200" in _fout(e, "product")


def test_caseload_texts(sqlite_store, jet):
    anna, bram = jet.consulent(sqlite_store, "Anna"), jet.consulent(sqlite_store, "Bram")
    did = jet.dossier(sqlite_store, anna)
    versie = jet.version(sqlite_store, Dossier.__table__, did)
    with pytest.raises(ValidationError) as e:
        caseload.wijzig_consulent(sqlite_store, did, versie, bram, "anders", jet.vandaag, toelichting="x\x00")
    assert _fout(e, "toelichting").startswith("Toelichting:")
    with pytest.raises(ValidationError) as e:
        caseload.registreer_klikgesprek(sqlite_store, did, versie, "klik", jet.vandaag, toelichting="x\x07")
    assert _fout(e, "toelichting")
    with pytest.raises(ValidationError) as e:
        caseload.markeer_afwezig(sqlite_store, anna, jet.vandaag, jet.vandaag, reden="Ziek\nthuis")
    assert _fout(e, "reden").startswith("Reden:")


def test_medewerker_name_and_settings(sqlite_store):
    with pytest.raises(ValidationError) as e:
        medewerkers.voeg_toe(sqlite_store, "Anna\x00Bos", Rol.CONSULENT)
    assert _fout(e, "naam").startswith("Naam:")
    with pytest.raises(ValidationError) as e:
        medewerkers.voeg_toe(sqlite_store, "A" * 121, Rol.CONSULENT)
    assert "maximaal 120" in _fout(e, "naam")
    with pytest.raises(ValidationError) as e:
        settings.put(sqlite_store, "organisatie_naam", "Gemeente\x00")
    assert _fout(e, "organisatie_naam").startswith("Organisatie:")
    with pytest.raises(ValidationError) as e:
        settings.put(sqlite_store, "team_naam", "T" * 201)
    assert _fout(e, "team_naam").startswith("Team:")
    assert sqlite_store.engine.connect().execute(Medewerker.__table__.select()).first() is None


def test_valideer_reports_every_bad_field_at_once(jet):
    invoer = jet.invoer(voornaam="A\x00", school="S" * 300, hulpvraag="ok\nok")
    velden = {f.field for f in aanmeldingen.valideer(invoer, jet.vandaag, uit_bestanden())}
    assert velden == {"voornaam", "school"}
