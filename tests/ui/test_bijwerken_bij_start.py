"""The first start of a new version in the window: it says what it does while it copies and migrates, then
what it did; a store of a newer version is refused in the sign-in dialog; Help → Over names the version, the
schema and the store (storage/bijwerken.py, docs/installer.md)."""

import gzip
import shutil
from pathlib import Path

from test_app_start import meld_aan, starter_voor
from ui_support import when_modal

from jet_desktop import __version__
from jet_desktop.storage.backup import exporteer
from jet_desktop.storage.bestand import open_bestand
from jet_desktop.storage.schema_version import HEAD_REVISION
from jet_desktop.ui import app as app_module
from jet_desktop.ui.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[1] / "storage" / "fixtures" / "releases"
ZIN = "Bijwerken-in-het-venster-2026"


def _oude_gegevensset(tmp_path: Path, versie: str = "0.9.0") -> tuple[Path, str]:
    plat = tmp_path / "plat.db"
    with gzip.open(FIXTURES / f"jet-{versie}.db.gz") as bron, plat.open("wb") as uit:
        shutil.copyfileobj(bron, uit)
    db = tmp_path / "jet.db"
    exporteer(plat, None, db, ZIN)
    plat.unlink()
    conn = open_bestand(db, ZIN, alleen_lezen=True)
    naam = conn.execute("SELECT gebruikersnaam FROM medewerker WHERE rol = 'teamleider' AND actief").fetchone()[0]
    conn.close()
    return db, naam


def test_the_first_start_says_it_copies_and_migrates_and_then_what_it_did(qtbot, tmp_path, monkeypatch):
    db, naam = _oude_gegevensset(tmp_path)
    getoond, meldingen = [], []
    echt = MainWindow.show_loading
    monkeypatch.setattr(MainWindow, "show_loading", lambda self, tekst: (getoond.append(tekst), echt(self, tekst)))
    monkeypatch.setattr(app_module.QMessageBox, "information",
                        lambda _w, titel, tekst, *a: meldingen.append((titel, tekst)))
    monkeypatch.setattr(app_module, "QUIT_AFTER", 0)
    window, fouten, _ = meld_aan(qtbot, db, [(naam, ZIN)])
    assert fouten == []
    assert "Reservekopie maken voor het bijwerken van de gegevensset…" in getoond
    assert f"Gegevensset bijwerken voor JET Desktop {__version__}…" in getoond
    assert getoond.index("Reservekopie maken voor het bijwerken van de gegevensset…") < getoond.index(
        f"Gegevensset bijwerken voor JET Desktop {__version__}…")
    qtbot.waitUntil(lambda: bool(meldingen), timeout=10_000)
    titel, tekst = meldingen[0]
    assert titel == "Gegevensset bijgewerkt"
    assert f"Uw gegevensset is bijgewerkt van JET Desktop 0.9.0 naar {__version__}." in tekst
    kopie = next((tmp_path / "reservekopieen").glob("jet-voor-bijwerken-naar-*.db"))
    assert str(kopie) in tekst
    assert window.stack.currentWidget() is window.pages["wachtlijst"] and window.pages["wachtlijst"].model.rowCount() > 0


def test_a_store_of_a_newer_version_is_refused_in_the_sign_in_dialog(qtbot, tmp_path):
    db, naam = _oude_gegevensset(tmp_path, "0.10.0")
    conn = open_bestand(db, ZIN)
    conn.execute("UPDATE alembic_version SET version_num = '0099_uit_de_toekomst'")
    conn.commit()
    conn.close()
    voor = db.read_bytes()
    window, starter, _ = starter_voor(qtbot, db)
    fouten = []

    def eerste(dlg):
        dlg.gebruikersnaam.setText(naam)
        dlg.wachtwoord.setText(ZIN)
        when_modal(tweede)
        dlg.buttons.accepted.emit()

    def tweede(dlg):  # the sign-in dialog again, with the reason
        fouten.append(dlg.algemeen.text())
        dlg.reject()

    when_modal(eerste)
    starter.start()
    qtbot.waitUntil(lambda: bool(fouten), timeout=30_000)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)  # a refused sign-in closed: the window goes
    assert "is gemaakt met een nieuwere versie van JET Desktop (schemaversie 0099_uit_de_toekomst)" in fouten[0]
    assert "Er is niets aan de gegevensset gewijzigd." in fouten[0]
    assert db.read_bytes() == voor
    assert not (tmp_path / "reservekopieen").exists()


def test_help_over_names_the_version_the_schema_and_the_store(qtbot, team_store):
    window = MainWindow(str(Path(team_store.engine.url.database)))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=60_000):
        window.attach_store(team_store)
    doos = window.over()
    try:
        tekst = doos.text()
        assert f"<b>JET Desktop {__version__}</b>" in tekst
        assert f"Schemaversie:</td><td>{HEAD_REVISION}</td>" in tekst
        assert str(Path(team_store.engine.url.database).resolve()) in tekst
        assert "lokaal bestand" in tekst and "Logboek:" in tekst
    finally:
        doos.close()
