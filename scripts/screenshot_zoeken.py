"""The search-box screenshot offscreen from a demo store: `.venv/bin/python scripts/screenshot_zoeken.py`.

Writes docs/screenshots/zoeken.png: the main window of the demo teamleider with the results of a name
typed into the search box (ui/zoekbalk.py). Fixed seed and peildatum, so the picture is reproducible.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots" / "zoeken.png"
VANDAAG = date(2026, 11, 25)


def main(tekst: str = "de vr") -> int:
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtTest import QTest

    from jet_desktop.demo.generator import generate
    from jet_desktop.services.inloggen import inloggen
    from jet_desktop.services.medewerkers import demo_aanmeldnamen
    from jet_desktop.storage.engine import sqlite_url
    from jet_desktop.storage.store import Store
    from jet_desktop.ui.main_window import MainWindow

    db = Path(tempfile.mkdtemp()) / "demo.db"
    generate(sqlite_url(db), jeugdigen=3000, seed=1, vandaag=VANDAAG)
    app = QApplication.instance() or QApplication(sys.argv)
    systeem = Store.open_file(db)
    namen = {n.split("(")[1].rstrip(")"): n.split()[0] for n in demo_aanmeldnamen(systeem)}
    store = inloggen(systeem, namen["teamleider"], "", sleutel_bewezen=True)

    win = MainWindow(sqlite_url(db))
    win.resize(1280, 800)
    win.show()
    win.attach_store(store, VANDAAG)
    app.processEvents()
    balk = win.zoekbalk
    lus = QEventLoop()
    balk.gezocht.connect(lus.quit)
    balk.setFocus()
    QTest.keyClicks(balk, tekst)
    lus.exec()
    QTest.keyClick(balk, Qt.Key.Key_Down)  # the second row chosen
    app.processEvents()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    win.grab().save(str(OUT))
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
