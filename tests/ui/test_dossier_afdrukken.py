"""The dossier window's "Plan afdrukken…" and "Dossier afdrukken…": the PDF is made off the GUI thread and shown
in the print preview; one audit line per print; a dossier without a plan says so."""

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from ui_support import VANDAAG, assign

from jet_desktop.services import dossiers, zorg
from jet_desktop.storage.models import Auditketen, Auditregel
from jet_desktop.ui.dossier.window import DossierWindow

R, K = Auditregel.__table__, Auditketen.__table__


def kop(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(K.c.volgnummer).where(K.c.id == 1)).scalar_one()


def regels_sinds(store, na):
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(R).where(R.c.volgnummer > na).order_by(R.c.volgnummer))]


@pytest.fixture
def window(qtbot, team_store):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")  # Finn Mulder, geopend VANDAAG
    zorg.sla_plan_op(team_store, dossier_id, None, zorg.PlanInvoer(
        va_kind="Finn is somber.", doelen="Finn gaat weer naar school.", vastgesteld_op=VANDAAG,
        evaluatiedatum=date(2027, 2, 25)))
    zorg.voeg_toewijzing_toe(team_store, dossier_id, zorg.ToewijzingInvoer(
        "45", "Gezinsbehandeling", "middel", "wadden", VANDAAG, None, 6500))
    dossiers.voeg_contactmoment_toe(team_store, dossier_id, VANDAAG, "huisbezoek", 60,
                                    "Huisbezoek: Finn wil weer voetballen.", VANDAAG)
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)
    win.show()
    return win


def _preview(monkeypatch):
    import jet_desktop.ui.dialogs.pdf_preview as preview

    shown = []
    monkeypatch.setattr(preview, "toon_afdrukvoorbeeld",
                        lambda pad, parent=None, voorstel="", *a, **k: shown.append((voorstel, Path(pad).read_bytes())))
    return shown


def _tekst(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)


def test_the_buttons_sit_next_to_closing(window):
    knoppen = [window.afsluit_knop, window.plan_afdruk_knop, window.dossier_afdruk_knop]
    assert [k.text() for k in knoppen] == ["Dossier afsluiten…", "Plan afdrukken…", "Dossier afdrukken…"]
    assert window.plan_afdruk_knop.isEnabled() and window.dossier_afdruk_knop.isEnabled()


def test_plan_afdrukken_shows_the_family_plan_in_the_preview(qtbot, window, team_store, monkeypatch):
    shown = _preview(monkeypatch)
    na = kop(team_store)
    window.plan_afdruk_knop.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    voorstel, data = shown[0]
    nummer = window.detail.dossiernummer
    assert voorstel == f"ondersteuningsplan-{nummer}.pdf" and data.startswith(b"%PDF")
    t = _tekst(data)
    assert "Finn is somber." in t and "Gezinsbehandeling" in t and "25-02-2027" in t and "Handtekeningen" in t
    assert "€" not in t
    regels = regels_sinds(team_store, na)
    assert [(r["actie"], r["objecttype"], r["client"]) for r in regels] == [("export", "ondersteuningsplan", nummer)]


def test_dossier_afdrukken_shows_the_whole_dossier_in_the_preview(qtbot, window, team_store, monkeypatch):
    shown = _preview(monkeypatch)
    na = kop(team_store)
    window.dossier_afdruk_knop.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    voorstel, data = shown[0]
    nummer = window.detail.dossiernummer
    assert voorstel == f"dossier-{nummer}.pdf"
    t = _tekst(data)
    assert "Huisbezoek: Finn wil weer voetballen." in t and "Triagebesluiten" in t and "€ 6.500" in t
    regels = regels_sinds(team_store, na)
    assert [(r["actie"], r["objecttype"], r["client"]) for r in regels] == [("export", "dossier", nummer)]


def test_unsaved_plan_text_is_saved_before_it_is_printed(qtbot, window, team_store, monkeypatch):
    from jet_desktop.ui import onopgeslagen

    shown = _preview(monkeypatch)
    monkeypatch.setattr(onopgeslagen, "vraag_opslaan", lambda *_a, **_k: onopgeslagen.OPSLAAN)
    window.plan_tab.doelen.setPlainText("Finn gaat weer naar school en sport.")
    assert window.heeft_wijzigingen()
    window.plan_afdruk_knop.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "Finn gaat weer naar school en sport." in _tekst(shown[0][1])
    assert zorg.ondersteuningsplan(team_store, window.dossier_id).doelen == "Finn gaat weer naar school en sport."


def test_a_dossier_without_a_plan_says_so_and_shows_no_preview(qtbot, team_store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    dossier_id = assign(team_store, "wacht_normaal", "Bram Jansen")
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)
    shown = _preview(monkeypatch)
    gemeld = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, kop, tekst, *a, **k: gemeld.append(tekst))
    win.plan_afdruk_knop.click()
    qtbot.waitUntil(lambda: bool(gemeld), timeout=10000)
    assert "nog geen ondersteuningsplan" in gemeld[0] and shown == []
