"""The audit log viewer: filters narrow the lines, the table pages lazily, the chain check and the CSV
export run in the background, and a medewerker without the right sees a message, not the log."""

import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import text, update

from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.services import audit
from jet_desktop.storage.models import Auditregel
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs import auditlog_dialog
from jet_desktop.ui.dialogs.auditlog_dialog import AuditlogDialog
from jet_desktop.ui.models import auditlog_model

OMSCHRIJVING = {AuditActie.OPENEN: "Dossier geopend", AuditActie.WIJZIGEN: "Contactmoment toegevoegd",
                AuditActie.AFDRUKKEN: "Wachtlijstrapport afgedrukt",
                AuditActie.EXPORT: "Caseloadoverzicht geëxporteerd (XLSX)"}


@pytest.fixture
def log_store(tmp_path):
    """A store with 40 lines by three medewerkers; returns a functioneel beheerder's Store on it."""
    store = Store.open_file(tmp_path / "jet.db", user="Systeem")
    mensen = [Store(store.engine, user=naam, user_id=uuid.uuid4(), rol=rol, namens=namens) for naam, rol, namens in (
        ("Anouk de Vries", Rol.CONSULENT, ""), ("Bram Jansen", Rol.CONSULENT, "Tessa Teamleider"),
        ("Tessa Teamleider", Rol.TEAMLEIDER, ""))]
    acties = list(OMSCHRIJVING)
    for i in range(40):
        wie, actie = mensen[i % 3], acties[i % 4]
        audit.log(wie, actie, "dossier", uuid.uuid4(), f"2026-{i % 7 + 1:05d}", OMSCHRIJVING[actie])
    return Store(store.engine, user="Frank Beheer", user_id=uuid.uuid4(), rol=Rol.BEHEERDER)


def cellen(dialog, rij):
    m = dialog.model
    return [m.index(rij, c).data() for c in range(m.columnCount())]


def open_dialog(qtbot, store, wacht=True):
    dialog = AuditlogDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    if wacht:  # the lines are counted on a worker
        qtbot.waitSignal(dialog.geladen, timeout=5000).wait()
    return dialog


def wacht_op(qtbot, dialog, actie):
    """Do `actie` (a filter change) and wait until the table shows its outcome."""
    with qtbot.waitSignal(dialog.geladen, timeout=5000):
        actie()


def test_filters_narrow_the_rows(qtbot, log_store):
    dialog = open_dialog(qtbot, log_store)
    m = dialog.model
    assert m.rowCount() == 40 and dialog.status.text().startswith("40 regels — nieuwste eerst")
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())] == [
        "Nr.", "Tijdstip", "Medewerker", "Rol", "Namens", "Actie", "Object", "Dossier", "Omschrijving"]
    eerste = cellen(dialog, 0)  # newest first: line 40 (i = 39: Anouk, export)
    assert eerste[0] == "40" and eerste[2:] == ["Anouk de Vries", "Jeugdconsulent", "", "Geëxporteerd", "dossier",
                                                "2026-00005", "Caseloadoverzicht geëxporteerd (XLSX)"]
    lokaal = audit.regels(log_store, limit=1)[0].tijdstip
    assert eerste[1] == f"{lokaal:%d-%m-%Y %H:%M:%S}"

    wacht_op(qtbot, dialog, lambda: dialog.medewerker.setText("bram"))  # after the typing pause
    assert m.rowCount() == 13
    assert {cellen(dialog, r)[2] for r in range(m.rowCount())} == {"Bram Jansen"}
    assert {cellen(dialog, r)[4] for r in range(m.rowCount())} == {"Tessa Teamleider"}
    assert dialog.status.text().startswith("13 van 40 regels")

    wacht_op(qtbot, dialog, lambda: dialog.actie.setCurrentIndex(dialog.actie.findData(AuditActie.WIJZIGEN.value)))
    assert m.rowCount() == 4 and {cellen(dialog, r)[5] for r in range(4)} == {"Gewijzigd"}  # i = 1, 13, 25, 37

    dialog.medewerker.clear()
    wacht_op(qtbot, dialog, lambda: dialog.client.setText("2026-00003"))
    assert m.rowCount() == 2  # wijzigen (i % 4 == 1) and i % 7 == 2: i = 9, 37
    assert [cellen(dialog, r)[0] for r in range(2)] == ["38", "10"]

    dialog.actie.setCurrentIndex(0)  # "Alle"
    dialog.client.clear()
    wacht_op(qtbot, dialog, dialog.vernieuw)
    assert m.rowCount() == 40
    morgen = date.today() + timedelta(days=1)
    dialog.van.setDate(QDate(morgen.year, morgen.month, morgen.day))
    assert "De periode klopt niet" in dialog.status.text()  # van after tot: the list stays as it was
    assert m.rowCount() == 40
    wacht_op(qtbot, dialog, lambda: dialog.tot.setDate(QDate(morgen.year, morgen.month, morgen.day)))
    assert m.rowCount() == 0 and dialog.status.text().startswith("0 van 40 regels")
    wacht_op(qtbot, dialog, lambda: dialog.alle_datums.setChecked(True))
    assert m.rowCount() == 40 and not dialog.van.isEnabled()


def test_only_the_newest_search_is_shown(qtbot, log_store):
    dialog = open_dialog(qtbot, log_store)
    dialog.medewerker.setText("anouk")
    dialog.vernieuw()  # the first search is overtaken by a second one before it reports
    dialog.client.setText("2026-00001")
    dialog.vernieuw()
    qtbot.waitUntil(lambda: dialog.model.filter.client == "2026-00001", timeout=5000)
    qtbot.wait(200)  # the overtaken answer, if it arrives now, is dropped
    assert dialog.model.filter.medewerker == "anouk" and dialog.model.rowCount() == 2  # i = 0, 21
    dialog._gevonden((dialog._vraag - 1, auditlog_dialog.zoek(log_store, auditlog_dialog.Filter())))  # late
    assert dialog.model.rowCount() == 2 and dialog.model.filter.client == "2026-00001"


def test_the_table_pages_lazily(qtbot, log_store, monkeypatch):
    monkeypatch.setattr(auditlog_model, "PAGE", 6)
    monkeypatch.setattr(auditlog_model, "KEEP_PAGES", 2)
    dialog = open_dialog(qtbot, log_store)
    m = dialog.model
    assert [m.regel(r).volgnummer for r in range(40)] == list(range(40, 0, -1))  # keyset pages, in order
    assert m.loaded_rows() <= 12
    assert m.regel(20).volgnummer == 20  # a page far from the cached ones: by offset
    audit.log(log_store, AuditActie.OPENEN, "dossier", None, "2026-00001", "intussen geschreven")
    assert m.regel(39).volgnummer == 1 and m.rowCount() == 40  # pinned: a new line does not shift the pages
    wacht_op(qtbot, dialog, dialog.vernieuw_knop.click)
    assert m.rowCount() == 41 and cellen(dialog, 0)[8] == "intussen geschreven"


def test_chain_check_in_the_background(qtbot, log_store):
    dialog = open_dialog(qtbot, log_store)
    with qtbot.waitSignal(dialog.klaar, timeout=10_000):
        dialog.controleer_knop.click()
    assert dialog.verificatie.ok
    assert dialog.uitkomst.text() == f"✔ Auditlog in orde: 40 regels; laatste hash {audit.kop(log_store)[1]}"
    assert "#1b5e20" in dialog.uitkomst.styleSheet() and dialog.controleer_knop.isEnabled()

    with log_store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER auditregel_geen_update"))
        conn.execute(update(Auditregel.__table__).where(Auditregel.__table__.c.volgnummer == 17)
                     .values(medewerker="Iemand Anders"))
    with qtbot.waitSignal(dialog.klaar, timeout=10_000):
        dialog.controleer_knop.click()
    assert not dialog.verificatie.ok
    assert dialog.uitkomst.text().startswith("✘ Auditlog GEBROKEN bij regel 17: ")
    assert "#b00020" in dialog.uitkomst.styleSheet()
    qtbot.wait(50)
    dialog.grab().save("/tmp/auditlog-gebroken.png")


def test_export_through_the_file_dialog(qtbot, log_store, tmp_path, monkeypatch):
    pad = tmp_path / "audit.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pad), ""))
    dialog = open_dialog(qtbot, log_store)
    with qtbot.waitSignal(dialog.klaar, timeout=10_000):
        dialog.export_knop.click()
    assert dialog.geexporteerd == 40
    regels = pad.read_text(encoding="utf-8-sig").splitlines()
    assert len(regels) == 41 and regels[0].startswith("Volgnummer;Tijdstip;")
    assert dialog.uitkomst.text().startswith(f"40 regels geëxporteerd naar {pad}.")
    wacht_op(qtbot, dialog, dialog.vernieuw_knop.click)
    assert cellen(dialog, 0)[2:6] == ["Frank Beheer", "Functioneel beheerder", "", "Geëxporteerd"]
    assert cellen(dialog, 0)[6] == "auditlog"


def test_a_consulent_sees_a_message_not_the_log(qtbot, log_store):
    consulent = Store(log_store.engine, user="Anouk de Vries", user_id=uuid.uuid4(), rol=Rol.CONSULENT)
    dialog = open_dialog(qtbot, consulent, wacht=False)
    qtbot.wait(100)
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "Geen toegang: als jeugdconsulent mag u niet het auditlog inzien en exporteren."
    assert not dialog.tabel.isEnabled() and not dialog.export_knop.isEnabled()
    assert not dialog.controleer_knop.isEnabled()


def test_screenshot(qtbot, log_store):
    dialog = open_dialog(qtbot, log_store)
    with qtbot.waitSignal(dialog.klaar, timeout=10_000):
        dialog.controleer()
    dialog.tabel.selectRow(2)
    qtbot.wait(50)  # let the layout settle after the progress bar was hidden
    img = dialog.grab()
    assert img.save("/tmp/auditlog.png")
    assert img.width() >= 1000
