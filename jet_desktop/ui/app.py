"""Start the GUI: the window appears at once; the store opens in the background.

SQLAlchemy and the services are imported only after the window is on screen, so a
cold start costs little more than starting Qt itself (see docs/performance.md).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from jet_desktop.ui.main_window import MainWindow
from jet_desktop.ui.workers import run_in_background

DEMO_JEUGDIGEN = 2000
# for benchmarks and smoke tests: quit once the window is "shown" or the wachtlijst is "ready"
QUIT_AFTER = os.environ.get("JET_QUIT_AFTER", "")


def open_store(url: str):
    from jet_desktop.services.medewerkers import is_leeg
    from jet_desktop.storage.store import Store

    store = Store.open(url)
    return store, is_leeg(store)


class Starter:
    """Opens the store off the GUI thread, offers demo data on an empty store, attaches it."""

    def __init__(self, window: MainWindow, url: str, vandaag: date):
        self.window, self.url, self.vandaag = window, url, vandaag
        self.ask_demo = lambda: QMessageBox.question(
            window, "Lege gegevensset",
            "Deze gegevensset is nog leeg.\n\nDemogegevens laden (fictieve jeugdigen, aanmeldingen en een team "
            "van consulenten) om de applicatie te verkennen?") == QMessageBox.StandardButton.Yes

    def start(self) -> None:
        self.window.show_loading("Gegevens openen…")
        run_in_background(lambda _p: open_store(self.url), on_done=self._opened, on_error=self._failed)

    def _opened(self, result) -> None:
        store, empty = result
        if empty and not QUIT_AFTER and self.ask_demo():  # smoke runs never ask
            self._load_demo(store)
            return
        self.window.attach_store(store, self.vandaag)
        self._dagelijkse_backup(store)

    def _dagelijkse_backup(self, store) -> None:
        """First start of the day on a local store: a reservekopie in the background (storage/backup.py)."""
        if QUIT_AFTER or store.engine.dialect.name != "sqlite" or not store.engine.url.database:
            return
        from jet_desktop.services import settings

        db = Path(store.engine.url.database)
        bewaren = int(settings.get(store, "backups_bewaren"))

        def werk(_p):
            from jet_desktop.storage.backup import dagelijkse_backup

            return dagelijkse_backup(db, db.parent / "reservekopieen", self.vandaag, bewaren)

        def klaar(pad):
            if pad is not None and shiboken6.isValid(self.window):  # the window may be closed meanwhile
                self.window.statusBar().showMessage(f"Reservekopie van vandaag gemaakt: {pad}", 8000)

        def mislukt(exc, _tb):
            sys.stderr.write(f"Reservekopie van vandaag niet gemaakt: {exc}\n")
            if shiboken6.isValid(self.window):
                QMessageBox.warning(self.window, "Reservekopie",
                                    f"De reservekopie van vandaag is niet gemaakt:\n{exc}")

        run_in_background(werk, on_done=klaar, on_error=mislukt)

    def _load_demo(self, store) -> None:
        progress = QProgressDialog("Demogegevens aanmaken…", "", 0, 0, self.window)
        progress.setCancelButton(None)
        progress.setWindowTitle("Demogegevens")
        progress.setMinimumDuration(0)
        progress.show()

        def work(report):
            from jet_desktop.demo.generator import generate

            return generate(self.url, jeugdigen=DEMO_JEUGDIGEN, seed=1, progress=report, vandaag=self.vandaag)

        def on_progress(done, total, label):
            progress.setLabelText(f"Demogegevens aanmaken: {label}…")
            progress.setRange(0, max(total, 1))
            progress.setValue(done)

        def done(_summary):
            progress.close()
            self.window.attach_store(store, self.vandaag)

        def failed(exc, _tb):
            progress.close()
            QMessageBox.warning(self.window, "Demogegevens", f"Demogegevens konden niet worden geladen:\n{exc}")
            self.window.attach_store(store, self.vandaag)

        run_in_background(work, on_done=done, on_error=failed, on_progress=on_progress)

    def _failed(self, exc: Exception, tb: str) -> None:
        sys.stderr.write(tb)
        self.window.show_loading("De gegevens konden niet worden geopend.")
        QMessageBox.critical(self.window, "JET Desktop",
                             f"De gegevensset kon niet worden geopend:\n{self.url}\n\n{exc}")


def run_gui(url: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("JET Desktop")
    app.setOrganizationName("JET")
    window = MainWindow(url)
    window.resize(1280, 800)
    window.show()
    if QUIT_AFTER == "shown":
        QTimer.singleShot(0, app.quit)
        return app.exec()
    if QUIT_AFTER == "ready":
        window.ready.connect(lambda: QTimer.singleShot(0, app.quit))
    starter = Starter(window, url, date.today())
    QTimer.singleShot(0, starter.start)
    QTimer.singleShot(2000, _ruim_op)  # after start-up, not in its way
    return app.exec()


def _ruim_op() -> None:
    from jet_desktop.ui.dialogs.pdf_preview import ruim_achtergebleven_pdfs

    ruim_achtergebleven_pdfs()
