"""Caseloadoverzicht: three consulenten, three dossiers, hand-computed figures; PDF and XLSX."""

from datetime import date, datetime
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader

from jet_desktop.reports import caseloadoverzicht
from jet_desktop.services import caseload, settings
from jet_desktop.storage.models import Dossier

PEIL = date(2026, 11, 25)


@pytest.fixture
def store(any_store, jet):
    s = any_store
    anna = jet.consulent(s, "Anna Bos", 1.0)  # capacity 16 (norm 16 per FTE)
    bram = jet.consulent(s, "Bram Kok", 0.5)  # 8
    cor = jet.consulent(s, "Cor Dijk", 0.8)  # 12 (12.8 rounded down)
    jet.dossier(s, anna, tweede_consulent_id=bram, urgentie="hoog", geopend_op=date(2026, 11, 10),
                voornaam="Daan", tussenvoegsel="de", achternaam="Visser")
    jet.dossier(s, anna, geopend_op=date(2026, 11, 12), voornaam="Eva", achternaam="Smit")
    d3 = jet.dossier(s, anna, geopend_op=date(2026, 11, 15), voornaam="Finn", achternaam="Mulder")
    for naar in (cor, bram):  # two changes of vaste consulent: Anna -> Cor -> Bram
        caseload.wijzig_consulent(s, d3, jet.version(s, Dossier.__table__, d3), naar, "anders", date(2026, 11, 20))
    caseload.markeer_afwezig(s, bram, date(2026, 11, 20), date(2026, 12, 31))
    return s


def test_figures(store):
    o = caseloadoverzicht.verzamel(store, PEIL)
    got = [(c.naam, c.fte, c.capaciteit, c.actief, c.ruimte, c.als_tweede, c.afwezig_tot) for c in o.consulenten]
    assert got == [("Anna Bos", 1.0, 16, 2, 14, 0, None),
                   ("Bram Kok", 0.5, 8, 1, 7, 1, date(2026, 12, 31)),
                   ("Cor Dijk", 0.8, 12, 0, 12, 0, None)]
    assert o.totalen() == (2.3, 36, 3, 33, 1)
    anna, bram, _ = o.consulenten
    assert [(d.dossiernummer != "", d.naam, d.urgentie, d.start, d.rol, d.wisselingen) for d in anna.dossiers] == [
        (True, "D. de V.", "Hoog", date(2026, 11, 10), "Vaste consulent", 0),
        (True, "E. S.", "Normaal", date(2026, 11, 12), "Vaste consulent", 0)]
    assert [(d.naam, d.rol, d.wisselingen) for d in bram.dossiers] == [
        ("F. M.", "Vaste consulent", 2), ("D. de V.", "Tweede persoon", 0)]


def test_absence_depends_on_peildatum_and_names_on_setting(store):
    settings.put(store, "rapport_naamweergave", "namen")
    o = caseloadoverzicht.verzamel(store, date(2026, 11, 19))
    assert [c.afwezig_tot for c in o.consulenten] == [None, None, None]
    assert o.consulenten[0].dossiers[0].naam == "Daan de Visser"


def test_pdf(store):
    buf = BytesIO()
    store.user = "Tessa Teamleider"
    caseloadoverzicht.maak(store, buf, "pdf", PEIL, afgedrukt_op=datetime(2026, 11, 25, 16, 0))
    buf.seek(0)
    text = "\n".join(p.extract_text() for p in PdfReader(buf).pages)
    assert "Gemeente Leeuwarden · Jeugdexpertteam · Caseloadoverzicht" in text
    assert "pagina 1 van 1" in text and "Vertrouwelijk" in text
    assert "Afgedrukt door Tessa Teamleider op 25-11-2026 16:00" in text
    assert "31-12-2026" in text and "F. M." in text and "Tweede persoon" in text
    assert "Totaal\n2,30\n36\n3\n33\n1" in text  # the bold totals row


def test_xlsx(store):
    buf = BytesIO()
    caseloadoverzicht.maak(store, buf, "xlsx", PEIL)
    buf.seek(0)
    wb = openpyxl.load_workbook(buf)
    assert wb.sheetnames == ["Samenvatting", "Dossiers"]
    sam, dos = wb["Samenvatting"], wb["Dossiers"]
    header = next(r for r in range(1, 10) if sam.cell(r, 1).value == "Consulent")
    assert sam.cell(header, 1).font.b and sam.freeze_panes == f"A{header + 1}"
    bram = [c.value for c in sam[header + 2]]
    assert bram[:6] == ["Bram Kok", 0.5, 8, 1, 7, 1]
    assert isinstance(bram[6], datetime) and bram[6].date() == date(2026, 12, 31)
    assert [c.value for c in sam[header + 4]][:6] == ["Totaal", 2.3, 36, 3, 33, 1]
    rows = [[c.value for c in r] for r in dos.iter_rows(min_row=header + 1)]
    assert len(rows) == 4  # Anna 2, Bram 2 (one as second person)
    fm = next(r for r in rows if r[2] == "F. M.")
    assert fm[0] == "Bram Kok" and fm[6] == 2 and isinstance(fm[4], datetime)
