"""`jet-desktop --self-test`: does this installation work? For IT after an install and for `build_installer.py`
after a build (docs/installer.md).

In a temporary folder, never the user's data or settings: a new encrypted store (SQLCipher) migrated from
empty, a little demo data, the main window built offscreen with Qt's Dutch translation, a wachtlijstrapport
PDF (read back and rendered with pdfium) and a caseloadoverzicht XLSX (read back), the audit chain checked,
and everything removed again. One line per check; exit code 0 only when every check passed.

The frozen build (PyInstaller) runs exactly this, so a module or data file the build left out fails here,
at the build, and not at a municipality.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEMO_JEUGDIGEN = 50
VENSTER_SECONDEN = 60


class ZelftestFout(Exception):
    """A check that ran and found something wrong (its message says what)."""


@dataclass
class Zelftest:
    map: Path
    uit: Callable[[str], None] = print
    geslaagd: list[str] = field(default_factory=list)
    mislukt: list[str] = field(default_factory=list)
    store: object = None  # the teamleider's session
    beheerder: object = None

    def controleer(self, naam: str, stap: Callable[[], str]) -> bool:
        """Run one check: 'OK    naam: wat' or 'FOUT  naam: waarom'."""
        try:
            wat = stap()
        except Exception as exc:  # any failure is this check's, reported, never a traceback on the screen
            self.mislukt.append(naam)
            self.uit(f"FOUT  {naam}: {type(exc).__name__}: {exc}")
            _log_stack()
            return False
        self.geslaagd.append(naam)
        self.uit(f"OK    {naam}: {wat}")
        return True

    # -- the checks ---------------------------------------------------------------------------------------

    def gegevensset(self) -> str:
        from jet_desktop.domain.enums import Rol
        from jet_desktop.services import medewerkers
        from jet_desktop.services.inloggen import inloggen, nieuwe_gegevensset
        from jet_desktop.storage.bestand import is_versleuteld
        from jet_desktop.storage.migrations import current_revision
        from jet_desktop.storage.schema_version import HEAD_REVISION

        pad = self.map / "zelftest.db"
        self.beheerder = nieuwe_gegevensset("Zelftest beheerder", "zelftest-beheer", Rol.BEHEERDER,
                                            f"Zelftest-{secrets.token_urlsafe(12)}-2026", pad=pad)
        medewerkers.voeg_toe(self.beheerder, "Zelftest teamleider", Rol.TEAMLEIDER, gebruikersnaam="zelftest-tl")
        self.store = inloggen(self.beheerder, "zelftest-tl", "", sleutel_bewezen=True)
        if is_versleuteld(pad) is not True:
            raise ZelftestFout(f"{pad.name} is niet versleuteld")
        if (revisie := current_revision(self.store.engine)) != HEAD_REVISION:
            raise ZelftestFout(f"schemaversie {revisie}, verwacht {HEAD_REVISION}")
        return f"versleuteld (SQLCipher), gemigreerd van leeg naar {HEAD_REVISION}"

    def demo(self) -> str:
        from jet_desktop.demo.generator import maak

        url = self.store.engine.url.render_as_string(hide_password=False)
        demo = maak(url, jeugdigen=DEMO_JEUGDIGEN, seed=1, vandaag=date.today())
        with self.store.engine.connect() as conn:
            aanmeldingen = conn.exec_driver_sql("SELECT count(*) FROM aanmelding").scalar()
        if not aanmeldingen:
            raise ZelftestFout("geen aanmeldingen aangemaakt")
        return f"{DEMO_JEUGDIGEN} jeugdigen, {aanmeldingen} aanmeldingen, {demo.plan.consulenten} consulenten"

    def venster(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QEventLoop, QSettings, QTimer, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        qInstallMessageHandler(_qt_naar_logboek)  # the offscreen plugin's remarks are no failures
        # the window's own settings (column widths, the last page) into the temporary folder, not the user's
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(self.map / "instellingen"))
        app = QApplication.instance() or QApplication([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]])
        app.setOrganizationName("JET")
        app.setApplicationName("JET Desktop zelftest")
        from jet_desktop.ui.main_window import MainWindow
        from jet_desktop.ui.taal import installeer_nederlands

        if not installeer_nederlands(app):
            raise ZelftestFout("de Nederlandse vertaling van Qt (qtbase_nl.qm) ontbreekt")
        window = MainWindow(str(self.map / "zelftest.db"))
        try:
            window.resize(1280, 800)
            window.show()
            lus = QEventLoop()
            klaar = []
            window.ready.connect(lambda: (klaar.append(True), lus.quit()))
            QTimer.singleShot(VENSTER_SECONDEN * 1000, lus.quit)
            window.attach_store(self.store, date.today())
            if not klaar:
                lus.exec()
            if not klaar:
                raise ZelftestFout(f"de eerste pagina was na {VENSTER_SECONDEN} s niet getekend")
            beeld = window.grab()
            if beeld.isNull() or beeld.width() < 100:
                raise ZelftestFout("het venster kon niet worden getekend")
            pagina = window.nav.currentItem().text() if window.nav.currentItem() else "?"
            knop = app.translate("QPlatformTheme", "Cancel")
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
        return f"offscreen getekend ({beeld.width()}×{beeld.height()}), pagina {pagina}, Qt in het Nederlands " \
               f"(Cancel → {knop})"

    def pdf(self) -> str:
        import pypdfium2

        from jet_desktop.reports import wachtlijstrapport

        pad = self.map / "wachtlijstrapport.pdf"
        rapport = wachtlijstrapport.maak_pdf(self.store, str(pad), date.today())
        document = pypdfium2.PdfDocument(str(pad))
        try:
            paginas = len(document)
            tekst = document[0].get_textpage().get_text_range()
            bitmap = document[0].render(scale=0.5)  # pdfium's own bitmap: Pillow is not needed
            breedte = bitmap.width
        finally:
            document.close()
        if "Wachtlijst" not in tekst:
            raise ZelftestFout("de eerste pagina heeft geen titel 'Wachtlijst'")
        if breedte < 100:
            raise ZelftestFout("de eerste pagina kon niet worden getekend")
        return f"{paginas} pagina('s), {rapport.totaal} wachtend, gelezen en getekend met pdfium"

    def xlsx(self) -> str:
        from openpyxl import load_workbook

        from jet_desktop.reports import caseloadoverzicht

        pad = self.map / "caseloadoverzicht.xlsx"
        caseloadoverzicht.maak(self.store, str(pad), "xlsx", date.today())
        boek = load_workbook(pad, read_only=True)
        try:
            rijen = sum(1 for blad in boek.worksheets for _ in blad.iter_rows(values_only=True))
            bladen = len(boek.worksheets)
        finally:
            boek.close()
        if rijen < 2:
            raise ZelftestFout("het werkblad is leeg")
        return f"caseloadoverzicht, {bladen} werkblad(en), {rijen} rijen, gelezen met openpyxl"

    def auditketen(self) -> str:
        from jet_desktop.services import audit

        uitslag = audit.verifieer(self.beheerder)
        if not uitslag.ok:
            raise ZelftestFout(f"de auditketen is niet in orde: {uitslag.melding}")
        return f"{uitslag.aantal} regels, keten onbeschadigd, beveiligingstriggers aanwezig"

    def stuurprogrammas(self) -> str:
        """The team server's driver (psycopg with its compiled part) and SQLAlchemy's PostgreSQL dialect load:
        a build without them opens local stores but cannot sign in to a team server."""
        import psycopg
        from sqlalchemy import create_engine

        engine = create_engine("postgresql+psycopg://zelftest@127.0.0.1:1/zelftest")  # never connected
        engine.dispose()
        if psycopg.pq.__impl__ not in ("binary", "c"):
            raise ZelftestFout(f"psycopg zonder gecompileerd deel ({psycopg.pq.__impl__})")
        libpq = psycopg.pq.version()
        return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}, libpq {libpq // 10000}.{libpq % 100}), " \
               f"SQLAlchemy-dialect {engine.dialect.name}+{engine.dialect.driver}"

    def opruimen(self) -> str:
        for s in (self.store, self.beheerder):
            if s is not None:
                s.engine.dispose()
        _stop_logboek()
        shutil.rmtree(self.map)
        if self.map.exists():
            raise ZelftestFout(f"{self.map} is niet verwijderd")
        return f"{self.map} verwijderd"


def _qt_naar_logboek(_soort, _context, bericht: str) -> None:
    import logging

    logging.getLogger("jet_desktop.zelftest").debug("Qt: %s", bericht)


def _log_stack() -> None:
    import logging

    logging.getLogger("jet_desktop.zelftest").error("Zelftest-controle mislukt:\n%s", traceback.format_exc())


def _stop_logboek() -> None:
    from jet_desktop import logboek

    logboek.stop()


def voorbereid() -> Path:
    """The temporary folder, made the data folder for this process before anything logs or reads settings."""
    map_ = Path(tempfile.mkdtemp(prefix="jet-zelftest-"))
    os.environ["JET_DATA_DIR"] = str(map_)
    return map_


def draai(map_: Path, uit: Callable[[str], None] = print) -> int:
    """All checks in order; a check that the next ones need stops the rest (they are reported as skipped)."""
    from jet_desktop import __version__

    uit(f"JET Desktop {__version__} zelftest ({'bevroren build' if getattr(sys, 'frozen', False) else 'Python'}, "
        f"{sys.platform})")
    t = Zelftest(map_, uit)
    stappen = [("Gegevensset", t.gegevensset), ("Demogegevens", t.demo), ("Hoofdvenster", t.venster),
               ("Wachtlijstrapport PDF", t.pdf), ("XLSX", t.xlsx), ("Auditketen", t.auditketen),
               ("Teamserver-stuurprogramma", t.stuurprogrammas)]
    try:
        for i, (naam, stap) in enumerate(stappen):
            if not t.controleer(naam, stap) and i < 2:  # without a store or data the rest cannot run
                for overig, _ in stappen[i + 1:]:
                    t.mislukt.append(overig)
                    uit(f"FOUT  {overig}: overgeslagen (hangt af van {naam})")
                break
    finally:
        t.controleer("Opruimen", t.opruimen)
    totaal = len(t.geslaagd) + len(t.mislukt)
    if t.mislukt:
        uit(f"Zelftest MISLUKT: {len(t.mislukt)} van {totaal} controles mislukt ({', '.join(t.mislukt)}).")
        return 1
    uit(f"Zelftest geslaagd: {totaal} van {totaal} controles.")
    return 0
