"""Trying to read personal data past the audit log or past one's role, the way a curious colleague with
Python access to the services would (issue 9, NEN 7513): each test is a hole that was open once."""

import io
from datetime import date

import pytest
from sqlalchemy import select
from test_inzage import casus, geen_regel, kop, nummer, sinds, zonder_persoonsgegevens  # noqa: F401 (casus: a fixture)

from jet_desktop.domain.enums import Rol
from jet_desktop.reports import caseloadoverzicht, matched_care, matched_care_export, wachtlijstrapport
from jet_desktop.services import audit, caseload, dossiers, wachtlijst
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.models import Aanmelding, Dossier, Jeugdige

# ------------------------------------------------------------------------------ the wachtlijst's view

def test_a_wachtlijst_view_cannot_be_made_without_its_check_and_line(casus):
    """`Weergave` is public: made by hand, its pages read the whole wachtlijst for anyone, even the
    functioneel beheerder, without a check or a line."""
    c = casus
    na = kop(c.system)
    with pytest.raises(TypeError):
        wachtlijst.Weergave(c.frits, "", None, False, 0, None)
    with pytest.raises(TypeError):
        wachtlijst.Weergave(object(), c.frits, "", None, False, 0, None)
    assert sinds(c.system, na) == []


def test_a_wachtlijst_view_cannot_be_pointed_at_another_filter_or_store(casus):
    c = casus
    w = wachtlijst.bekijk(c.anouk, "Wacht")
    for naam, waarde in (("_filter", ""), ("_sort", "naam"), ("_store", c.frits), ("volgnummer", 1)):
        with pytest.raises(AttributeError):
            setattr(w, naam, waarde)
    assert [r.achternaam for r in w.pagina()] == ["Wacht"]


def test_a_wachtlijst_page_checks_the_right_again(casus):
    """The store behind a view is a mutable object: the page asks the role again (and logs the refusal)."""
    c = casus
    w = wachtlijst.bekijk(c.anouk)
    c.anouk.rol = Rol.BEHEERDER
    na = kop(c.system)
    with pytest.raises(GeenToegang):
        w.pagina()
    assert [(r["actie"], r["object_id"]) for r in sinds(c.system, na)] == [("geweigerd", "WACHTLIJST")]


def test_an_empty_view_that_shows_rows_later_writes_its_line_then(casus, jet):
    """A view that matched nothing wrote no line; rows that match later were shown without one."""
    c = casus
    w = wachtlijst.bekijk(c.anouk, "Zwaantje")
    assert (w.aantal, w.volgnummer) == (0, None)
    jet.wachtend(c.system, voornaam="Zwaantje", achternaam="Later")
    na = kop(c.system)
    rijen = w.pagina()
    assert [r.voornaam for r in rijen] == ["Zwaantje"]
    regels = sinds(c.system, na)
    assert [(r["actie"], r["objecttype"], r["client"]) for r in regels] == [("openen", "wachtlijst",
                                                                              rijen[0].dossiernummer)]
    assert "gefilterd" in regels[0]["omschrijving"] and "Zwaantje" not in regels[0]["omschrijving"]
    assert w.volgnummer == regels[0]["volgnummer"]
    geen_regel(c.system, w.pagina)  # scrolling on is the same view
    zonder_persoonsgegevens(c.system)


def test_a_short_view_names_a_dossier_that_joined_the_wachtlijst_since(casus, jet):
    """A short view's line names its dossiers; one that joined the list after the view was opened
    showed up on its pages without any line naming it."""
    c = casus
    w = wachtlijst.bekijk(c.anouk)
    assert w.aantal == 1
    later = jet.wachtend(c.system, voornaam="Zwaantje", achternaam="Later", urgentie="spoed")
    na = kop(c.system)
    assert len(w.pagina()) == 2
    regels = sinds(c.system, na)
    assert [(r["actie"], r["objecttype"], r["client"]) for r in regels] == [
        ("openen", "wachtlijst", nummer(c.system, aanmelding_id=later))]
    assert "sindsdien op de wachtlijst" in regels[0]["omschrijving"]
    geen_regel(c.system, w.pagina)  # both are named now
    zonder_persoonsgegevens(c.system)


def test_a_long_view_names_no_dossier_and_writes_no_line_per_page(sqlite_store, jet, monkeypatch):
    from jet_desktop.services import inzage

    s = sqlite_store
    monkeypatch.setattr(inzage, "NUMMERS_IN_REGEL", 2)
    for i in range(4):
        jet.wachtend(s, voornaam=f"Kind{i}")
    w = wachtlijst.bekijk(s)
    jet.wachtend(s, voornaam="Nieuw")
    assert len(geen_regel(s, lambda: w.pagina(0, 2) + w.pagina(2, 10))) == 5


# ------------------------------------------------------------------------------ refusals leave a line

def test_the_beheerder_asking_for_a_caseload_is_refused_with_a_line(casus):
    """`caseload.dossiers_van` answered the functioneel beheerder with an empty list and no trace."""
    c = casus
    na = kop(c.system)
    with pytest.raises(GeenToegang):
        caseload.dossiers_van(c.frits, c.anouk_id)
    regels = sinds(c.system, na)
    assert [(r["actie"], r["objecttype"], r["object_id"]) for r in regels] == [("geweigerd", "recht", "EIGEN_DOSSIERS")]
    assert "caseload.dossiers_van" in regels[0]["omschrijving"]


def test_a_refusal_line_never_carries_what_a_caller_typed_where_an_id_belongs(casus):
    """The id of a refused attempt went into the line as given: a name passed as the medewerker's id
    (`markeer_afwezig(store, "Noor Bakker 111222333", …)`) stood in the audit log."""
    c = casus
    na = kop(c.system)
    with pytest.raises(GeenToegang):
        caseload.markeer_afwezig(c.anouk, "Noor Bakker 111222333", date(2026, 1, 5), date(2026, 1, 9))
    regels = sinds(c.system, na)
    assert [(r["actie"], r["objecttype"], r["object_id"]) for r in regels] == [("geweigerd", "medewerker", "")]
    zonder_persoonsgegevens(c.system)
    na = kop(c.system)
    with pytest.raises(GeenToegang):  # a real id stays in the line
        caseload.markeer_afwezig(c.anouk, c.bram_id, date(2026, 1, 5), date(2026, 1, 9))
    assert [r["object_id"] for r in sinds(c.system, na)] == [str(c.bram_id)]


# ------------------------------------------------------------------------------ exports: line first

def _audit_faalt(monkeypatch, actie_waarde: str):
    echt = audit.log

    def log(store, actie, *args, **kwargs):
        if actie.value == actie_waarde:
            raise OSError(28, "No space left on device")
        return echt(store, actie, *args, **kwargs)

    monkeypatch.setattr(audit, "log", log)


@pytest.mark.parametrize("rapport", ["wachtlijstrapport", "caseloadoverzicht-pdf", "caseloadoverzicht-xlsx",
                                     "matched-care-team"])
def test_an_export_whose_audit_line_cannot_be_written_leaves_no_file(casus, tmp_path, monkeypatch, rapport):
    """The export line was written after the file: when it could not be written, a PDF or XLSX with names
    stood on disk and the log did not know."""
    c = casus
    pad = tmp_path / f"{rapport}.out"
    mc = matched_care.bereken(c.tessa, date(2000, 1, 1), date(2100, 1, 1))
    _audit_faalt(monkeypatch, "export")
    with pytest.raises(OSError):
        if rapport == "wachtlijstrapport":
            wachtlijstrapport.maak_pdf(c.tessa, pad)
        elif rapport.startswith("caseloadoverzicht"):
            caseloadoverzicht.maak(c.tessa, pad, rapport.rsplit("-", 1)[1])
        else:
            matched_care_export.write_matched_care(mc, "xlsx", pad, voor_team=True)
    assert not pad.exists()


def test_an_export_to_a_stream_is_written_after_its_line(casus, monkeypatch):
    c = casus
    buf = io.BytesIO()
    _audit_faalt(monkeypatch, "export")
    with pytest.raises(OSError):
        wachtlijstrapport.maak_pdf(c.tessa, buf)
    assert buf.getvalue() == b""


# ------------------------------------------------------------------------------ reads that named no one

def test_a_filtered_wachtlijst_count_is_a_search_with_its_line(casus):
    """`wachtlijst.tel(store, "Wacht")` answered "is someone of that name waiting?" without a trace."""
    c = casus
    na = kop(c.system)
    assert _tel(c, "Wacht") == 1
    regels = sinds(c.system, na)
    assert [(r["actie"], r["objecttype"], r["client"]) for r in regels] == [
        ("openen", "wachtlijst", nummer(c.system, aanmelding_id=c.wout))]
    assert regels[0]["omschrijving"].startswith("wachtlijst geteld, gefilterd: 1 rij")
    zonder_persoonsgegevens(c.system)
    assert geen_regel(c.system, lambda: _tel(c, "niemand")) == 0  # found no one: nothing seen
    assert geen_regel(c.system, lambda: _tel(c, "")) == 1  # the plain count stays a count


def _tel(c, filter_text):
    return wachtlijst.tel(c.anouk, filter_text)


def test_opening_a_dossier_accounts_for_each_sibling_it_shows(casus, jet):
    """The gezin tab of Noor's dossier shows her brother's name, BSN and birth date — a child on a
    colleague's caseload — and the one "dossier geopend" line named only Noor."""
    c = casus
    if c.system.teamserver:  # known gap (docs/teamserver-tests.md): her login does not see the sibling at all
        pytest.xfail("teamserver: broers en zussen op de caseload van een collega zijn voor de login onzichtbaar")
    broer = jet.dossier(c.system, c.bram_id, gezin_id=c.gezin_noor, voornaam="Sem", achternaam="Bakker",
                        bsn="123456782")
    with c.system.engine.connect() as conn:
        J, A, D = Jeugdige.__table__, Aanmelding.__table__, Dossier.__table__
        sem = conn.execute(select(J.c.id).join(A, A.c.jeugdige_id == J.c.id).join(D, D.c.aanmelding_id == A.c.id)
                           .where(D.c.id == broer)).scalar_one()
    na = kop(c.system)
    d = dossiers.detail(c.anouk, c.noor)
    assert [(k.naam, k.bsn) for k in d.broers_zussen] == [("Sem Bakker", "123456782")]
    regels = sinds(c.system, na)
    noor_nr = nummer(c.system, dossier_id=c.noor)
    assert [(r["actie"], r["objecttype"], r["object_id"], r["client"]) for r in regels] == [
        ("openen", "dossier", str(c.noor), noor_nr), ("openen", "jeugdige", str(sem), "")]
    assert "Sem" not in regels[1]["omschrijving"] and "123456782" not in regels[1]["omschrijving"]
    zonder_persoonsgegevens(c.system)


def test_a_setting_key_is_not_a_way_to_write_text_into_the_audit_log(casus):
    """`settings.put(store, <any text>, …)` saved the key and wrote it into the BEHEER line."""
    from jet_desktop.domain.errors import ValidationError
    from jet_desktop.services import settings

    c = casus
    na = kop(c.system)
    with pytest.raises(ValidationError):
        settings.put(c.frits, "Noor Bakker 111222333", 1)
    assert sinds(c.system, na) == []
    zonder_persoonsgegevens(c.system)


def test_an_export_line_names_whose_data_went_out(casus, tmp_path):
    """The export lines said "1 jeugdigen" and named no one: whose data was on the PDF could not be found
    in the log (the OPENEN line of `verzamel` is not written by an export)."""
    c = casus
    wout = nummer(c.system, aanmelding_id=c.wout)
    na = kop(c.system)
    wachtlijstrapport.maak_pdf(c.tessa, io.BytesIO())
    caseloadoverzicht.maak(c.tessa, tmp_path / "c.pdf", "pdf")
    wl, co = sinds(c.system, na)
    assert (wl["actie"], wl["client"]) == ("export", wout) and wl["omschrijving"].endswith(f"({wout})")
    beide = {nummer(c.system, dossier_id=c.noor), nummer(c.system, dossier_id=c.olga)}
    assert co["actie"] == "export" and set(co["omschrijving"].rsplit("(", 1)[1].rstrip(")").split(", ")) == beide
    zonder_persoonsgegevens(c.system)


def test_sibling_candidates_do_not_hand_out_the_bsn_of_a_colleagues_client(casus):
    """A surname and a postcode gave Bram the BSN of Noor, on Anouk's caseload: more than the screen shows
    (name and birth date, to link the gezin)."""
    from jet_desktop.services import aanmeldingen

    if casus.system.teamserver:  # known gap (docs/teamserver-tests.md): the candidates are not found at all
        pytest.xfail("teamserver: mogelijke broers en zussen van een collega zijn voor de login onzichtbaar")

    c = casus
    (k,) = aanmeldingen.mogelijke_broers_zussen(c.bram, "Bakker", "1234 ab")
    assert (k.naam, k.bsn) == ("Noor Bakker", None) and k.gezin_id == c.gezin_noor
