"""Adversarial: a search result gone stale (the dossier moved to a colleague since) and a failing search
show a plain Dutch message, never the database's text, and open nothing."""

import sys
import types
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox
from sqlalchemy.exc import OperationalError
from ui_support import VANDAAG, assign, when_modal

from jet_desktop.domain.enums import Rol
from jet_desktop.services import caseload, dossiers
from jet_desktop.storage.models import Dossier
from jet_desktop.ui.zoekbalk import Zoekbalk

D = Dossier.__table__


class _Venster(QMainWindow):
    """The search box on a window of its own (the main window's other pages play no part here)."""

    def __init__(self, store):
        super().__init__()
        self.zoekbalk = Zoekbalk(self)
        self.zoekbalk.plaats_in(self.addToolBar("zoeken"))
        self.zoekbalk.koppel(store, VANDAAG)


class _DossierWindow(QDialog):
    """Stands in for ui/dossier/window.DossierWindow: it opens by reading the dossier, as that one does."""

    def __init__(self, store, dossier_id, vandaag, parent=None):
        super().__init__(parent)
        dossiers.detail(store, dossier_id)


@pytest.fixture(autouse=True)
def _dossiervenster(monkeypatch):
    nep = types.ModuleType("jet_desktop.ui.dossier.window")
    nep.DossierWindow = _DossierWindow
    monkeypatch.setitem(sys.modules, "jet_desktop.ui.dossier.window", nep)


def _venster(qtbot, store):
    w = _Venster(store)
    qtbot.addWidget(w)
    w.resize(900, 500)
    w.show()
    qtbot.waitExposed(w)
    return w


def _typ(qtbot, w, tekst):
    balk = w.zoekbalk
    balk.setFocus()
    balk.clear()
    qtbot.keyClicks(balk, tekst)
    qtbot.waitUntil(lambda: balk.getoond == tekst and not balk._wacht.isActive(), timeout=10_000)
    return balk


def test_a_stale_result_of_a_reassigned_dossier_says_no_access_and_opens_nothing(qtbot, team_store):
    assign(team_store, "wacht_spoed", "Anouk de Vries")
    anouk = replace(team_store, user="Anouk de Vries", user_id=team_store.ids["Anouk de Vries"], rol=Rol.CONSULENT)
    w = _venster(qtbot, anouk)
    balk = _typ(qtbot, w, "eva sm")
    eva = balk.model.row(0)
    assert eva.naam == "Eva Smit" and eva.dossier_id is not None
    with team_store.engine.connect() as conn:
        version = conn.execute(D.select().where(D.c.id == eva.dossier_id)).one().version
    caseload.wijzig_consulent(replace(team_store, rol=None), eva.dossier_id, version, team_store.ids["Bram Jansen"],
                              "herverdeling", VANDAAG)
    gezien = {}

    def kijk(dlg):
        gezien["soort"], gezien["tekst"] = type(dlg), getattr(dlg, "text", lambda: "")()
        dlg.accept()

    when_modal(kijk)
    qtbot.keyClick(balk, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "soort" in gezien, timeout=5000)
    assert gezien["soort"] is QMessageBox and "Geen toegang" in gezien["tekst"]
    qtbot.waitUntil(lambda: balk.model.rowCount() == 0, timeout=5000)  # searched again: no longer hers


def test_a_failing_search_shows_no_sql(qtbot, team_store):
    w = _venster(qtbot, replace(team_store, user="Anouk de Vries", user_id=team_store.ids["Anouk de Vries"],
                                rol=Rol.CONSULENT))
    balk = w.zoekbalk
    fout = OperationalError("SELECT jeugdige.voornaam FROM jeugdige WHERE ...", {}, Exception("server closed"))
    balk._mislukt(fout, "")
    assert "SELECT" not in balk.status.text() and "jeugdige.voornaam" not in balk.status.text()
    assert balk.status.text().startswith("Zoeken lukt niet")
