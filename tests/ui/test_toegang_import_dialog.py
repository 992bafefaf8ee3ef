"""The import dialog: a rejected file shows every bad row (copyable); a good one the summary."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from jet_desktop.storage.models import ToegangTraject
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.toegang_import_dialog import ToegangImportDialog

KOP = "toegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\n"


def _store(tmp_path):
    return Store.open_file(tmp_path / "jet.db", user="Test Gebruiker")


def _aantal(store):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(ToegangTraject.__table__)).scalar_one()


def _cellen(dialog):
    m = dialog.fouten_model
    return [tuple(m.index(r, c).data() for c in range(m.columnCount())) for r in range(m.rowCount())]


def test_a_bad_file_shows_the_row_list(qtbot, tmp_path):
    store = _store(tmp_path)
    path = tmp_path / "fout.csv"
    path.write_text(KOP + "POH Jeugd;C1;01-02-2019;;2;\n"
                          "GGD;C2;01-02-2019;;1;\n"
                          "Amaryllis;C3;01-02-2019;31-01-2019;-2;gestopt\n", encoding="utf-8")
    dialog = ToegangImportDialog(store, None)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.klaar, timeout=20_000):
        dialog.start_import(path)
    assert dialog.tabel.isVisible() and dialog.kopieer_knop.isVisible()
    assert dialog.status.text().startswith("Het bestand is niet ingelezen: 3 fouten in 2 rijen.")
    rows = _cellen(dialog)
    assert [r[:2] for r in rows] == [("3", "toegangsvorm"), ("4", "einddatum"), ("4", "gesprekken")]
    assert rows[1][2] == "de einddatum 31-01-2019 ligt vóór de startdatum 01-02-2019"
    assert [dialog.fouten_model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Rij", "Kolom",
                                                                                                "Melding"]
    assert _aantal(store) == 0  # nothing saved
    dialog.kopieer_fouten()
    geplakt = QGuiApplication.clipboard().text().splitlines()
    assert geplakt[0] == "rij\tkolom\tmelding"
    assert geplakt[2] == "4\teinddatum\tde einddatum 31-01-2019 ligt vóór de startdatum 01-02-2019"
    dialog.tabel.selectRow(2)
    dialog.kopieer_selectie()
    assert QGuiApplication.clipboard().text().splitlines()[1:] == ["4\tgesprekken\t-2 gesprekken kan niet: het aantal "
                                                                   "is 0 of meer"]
    assert dialog.sluit_knop.isEnabled() and dialog.kies_knop.isEnabled()


def test_a_good_file_shows_the_summary_with_progress(qtbot, tmp_path, monkeypatch):
    from jet_desktop.services import toegang_import

    monkeypatch.setattr(toegang_import, "BATCH", 2)
    store = _store(tmp_path)
    path = tmp_path / "poh.csv"
    path.write_text(KOP + "".join(f"POH Jeugd;C{i};01-02-2019;;1;\n" for i in range(5)), encoding="utf-8")
    dialog = ToegangImportDialog(store, None)
    qtbot.addWidget(dialog)
    dialog.show()
    gezien = []
    dialog.voortgang.valueChanged.connect(lambda v: gezien.append((v, dialog.voortgang.maximum())))
    with qtbot.waitSignal(dialog.geimporteerd, timeout=20_000) as blocker:
        dialog.start_import(path)
        assert not dialog.sluit_knop.isEnabled()  # busy: the dialog cannot be closed halfway
        dialog.reject()
        assert dialog.isVisible()
    assert blocker.args[0].nieuw == 5
    qtbot.waitUntil(lambda: not dialog.bezig)
    assert dialog.status.text() == "poh.csv: 5 trajecten ingelezen: 5 nieuw, 0 bijgewerkt, 0 ongewijzigd."
    assert not dialog.tabel.isVisible() and not dialog.voortgang.isVisible()
    assert (5, 5) in gezien  # the bar reached the end
    assert _aantal(store) == 5
    # again: it says the file was read before
    with qtbot.waitSignal(dialog.klaar, timeout=20_000):
        dialog.start_import(path)
    assert "dit bestand is al ingelezen op" in dialog.status.text()
    assert _aantal(store) == 5


def test_choosing_a_file_then_inlezen(qtbot, tmp_path, monkeypatch):
    store = _store(tmp_path)
    path = tmp_path / "poh.csv"
    path.write_text(KOP + "POH Jeugd;C1;01-02-2019;;1;\n", encoding="utf-8")
    gevraagd = {}

    def kies(parent, titel, map_, filter_):
        gevraagd["filter"] = filter_
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", kies)
    dialog = ToegangImportDialog(store, None)
    qtbot.addWidget(dialog)
    assert not dialog.inlees_knop.isEnabled()
    dialog.kies_knop.click()
    assert "*.csv" in gevraagd["filter"] and "*.xlsx" in gevraagd["filter"]
    assert dialog.pad.text() == str(path) and _aantal(store) == 0  # nothing happens before Inlezen
    with qtbot.waitSignal(dialog.klaar, timeout=20_000):
        dialog.inlees_knop.click()
    assert _aantal(store) == 1
