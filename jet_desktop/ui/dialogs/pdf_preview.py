"""Print preview of a PDF report: the pages of the very PDF that is saved or printed.

PySide6-Essentials has QtPrintSupport but no QtPdf, so the pages are rendered with pypdfium2
and painted, one image per printer page, in QPrintPreviewDialog's paintRequested(QPrinter).
The preview and the printout therefore come from the same file. "Opslaan als PDF…" in the
preview's toolbar copies that file.

`afdrukken_op_achtergrond(parent, build)` builds a PDF off the GUI thread (ui/workers.py) and
then shows the preview; the monitor and matched-care screens use it too.

Printing from the preview (the dialog is accepted only after the print dialog printed) writes an
AFDRUKKEN line to the audit log, saving a copy an EXPORT line. The lines go through `audit_regel`
when given (see `audit_via`), else to the store of the `parent` widget when it has one (the report
pages do); without either nothing is logged.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAction, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QToolBar, QWidget

from jet_desktop.domain.enums import AuditActie
from jet_desktop.storage.store import Store
from jet_desktop.ui import bestandskeuze
from jet_desktop.ui.workers import run_in_background
from jet_desktop.voorbeeldmap import nieuw_pdf_pad, ruim_achtergebleven_pdfs  # noqa: F401  (the start-up clean-up)

AuditRegel = Callable[[AuditActie, str], None]  # (actie, omschrijving): writes one audit line

MAX_DPI = 200  # enough for sharp text on paper; keeps the preview of a long list light


def _page_image(page, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)  # RGB
    image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels; the bitmap's buffer goes away


def is_liggend(pdf_path: str) -> bool:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_path)
    try:
        width, height = pdf[0].get_size() if len(pdf) else (0, 1)
    finally:
        pdf.close()
    return width > height


def paint_pdf(printer: QPrinter, pdf_path: str) -> int:
    """Paint every page of `pdf_path` on its own printer page, scaled to the page; returns the page count."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_path)
    painter = QPainter()
    if not painter.begin(printer):
        pdf.close()
        raise OSError("De printer kan niet worden geopend.")
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for i in range(len(pdf)):
            if i:
                printer.newPage()
            image = _page_image(pdf[i], dpi)
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2,
                                     w, h), image)
        return len(pdf)
    finally:
        painter.end()
        pdf.close()


def maak_printer(pdf_path: str) -> QPrinter:
    """A4 printer, orientation as the PDF, painting on the whole sheet (the PDF has its own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if is_liggend(pdf_path)
                               else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(os.path.basename(pdf_path))
    return printer


def opslaan_als_pdf(pdf_path: str, parent: QWidget | None, voorstel: str = "rapport.pdf") -> str | None:
    """Ask for a file name and copy the PDF there; returns the chosen path."""
    target, _ = bestandskeuze.opslaan_als(parent, "Opslaan als PDF", voorstel, "PDF-bestanden (*.pdf)")
    if not target:
        return None
    if not target.lower().endswith(".pdf"):
        target += ".pdf"
    try:
        shutil.copyfile(pdf_path, target)
    except OSError as exc:
        QMessageBox.warning(parent, "Niet opgeslagen", f"Kan {target} niet schrijven:\n{exc.strerror or exc}")
        return None
    return target


def audit_via(store: Store) -> AuditRegel:
    """Audit lines for prints and saved copies of a report, in the log of `store` (objecttype "rapport")."""
    from jet_desktop.services import audit

    def regel(actie: AuditActie, omschrijving: str) -> None:
        audit.log(store, actie, "rapport", omschrijving=omschrijving)

    return regel


def _audit_regel(parent: QWidget | None, audit_regel: AuditRegel | None) -> AuditRegel | None:
    if audit_regel is not None:
        return audit_regel
    store = getattr(parent, "store", None)
    return audit_via(store) if isinstance(store, Store) else None


def _rapportnaam(voorstel: str) -> str:
    naam = os.path.basename(voorstel)
    return naam[:-4] if naam.lower().endswith(".pdf") else naam


def maak_afdrukvoorbeeld(pdf_path: str, parent: QWidget | None = None, voorstel: str = "rapport.pdf",
                         audit_regel: AuditRegel | None = None) -> QPrintPreviewDialog:
    """The preview dialog for `pdf_path` (not yet shown), with "Opslaan als PDF…" in its toolbar.

    Printing (the dialog is accepted) and saving a copy are written to the audit log (module doc)."""
    regel = _audit_regel(parent, audit_regel)
    naam = _rapportnaam(voorstel)
    printer = maak_printer(pdf_path)
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle(f"Afdrukvoorbeeld — {voorstel}")
    dlg.resize(1000, 800)
    dlg._printer = printer  # keep it alive as long as the dialog
    dlg.pagina_aantal = 0

    def paint(p: QPrinter) -> None:
        dlg.pagina_aantal = paint_pdf(p, pdf_path)

    dlg.paintRequested.connect(paint)

    def printed() -> None:
        paginas = "1 pagina" if dlg.pagina_aantal == 1 else f"{dlg.pagina_aantal} pagina's"
        regel(AuditActie.AFDRUKKEN, f"{naam} afgedrukt ({paginas})")

    if regel is not None:  # QPrintPreviewDialog accepts itself only once its print dialog has printed
        dlg.accepted.connect(printed)

    def save_copy() -> None:
        if opslaan_als_pdf(pdf_path, dlg, voorstel) and regel is not None:
            regel(AuditActie.EXPORT, f"{naam} opgeslagen als PDF (vanuit het afdrukvoorbeeld)")

    bar = dlg.findChild(QToolBar)
    if bar is not None:
        save = QAction("Opslaan als PDF…", dlg)
        save.triggered.connect(save_copy)
        bar.addSeparator()
        bar.addAction(save)
        dlg.opslaan_actie = save
    return dlg


def toon_afdrukvoorbeeld(pdf_path: str, parent: QWidget | None = None, voorstel: str = "rapport.pdf",
                         audit_regel: AuditRegel | None = None) -> int:
    """Show the print preview of `pdf_path` (modal); the user can print or save it as PDF."""
    if audit_regel is None:
        dlg = maak_afdrukvoorbeeld(pdf_path, parent, voorstel)
    else:
        dlg = maak_afdrukvoorbeeld(pdf_path, parent, voorstel, audit_regel)
    return dlg.exec()


def afdrukken_op_achtergrond(parent: QWidget, build: Callable[[str], object], label: str = "Rapport maken…",
                             voorstel: str = "rapport.pdf",
                             on_ready: Callable[[str, object], None] | None = None,
                             audit_regel: AuditRegel | None = None, met_voortgang: bool = False) -> None:
    """Run `build(pdf_path)` on a worker thread (with a busy dialog), then show the print preview.

    The temporary PDF holds personal data: it lives in this instance's private folder
    (jet_desktop/voorbeeldmap.py, mode 0700) and is removed when the preview closes; after a crash
    the next start removes it.
    `on_ready(pdf_path, result)`, when given, replaces the preview (tests, other uses).
    `audit_regel`: where the preview logs a print (default: the store of `parent`, module doc).
    `met_voortgang`: `build(pdf_path, voortgang, geannuleerd)` reports its progress to a dialog with
    Annuleren (ui/rapport_voortgang.py); a cancel shows no preview and leaves no file.
    """
    try:
        path = nieuw_pdf_pad()
    except OSError as exc:  # the data folder cannot be written (full disk, no rights)
        QMessageBox.warning(parent, "Rapport niet gemaakt", "De map voor het afdrukvoorbeeld kan niet worden "
                                                            f"gemaakt:\n{exc.strerror or exc}")
        return
    def klaar(result) -> None:
        try:
            if on_ready is not None:
                on_ready(path, result)
            elif audit_regel is not None:
                toon_afdrukvoorbeeld(path, parent, voorstel, audit_regel)
            else:
                toon_afdrukvoorbeeld(path, parent, voorstel)
        finally:
            _verwijder(path)

    def mislukt(exc: Exception, _tb: str = "") -> None:
        _verwijder(path)
        QMessageBox.warning(parent, "Rapport niet gemaakt", f"Het rapport kon niet worden gemaakt.\n\n{exc}")

    if met_voortgang:
        from jet_desktop.ui.rapport_voortgang import maak_met_voortgang

        parent.voortgang = maak_met_voortgang(parent, lambda v, g: build(path, v, g), label, klaar, mislukt,
                                              on_geannuleerd=lambda: _verwijder(path))
        return
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setValue(0)

    def done(result) -> None:
        progress.close()
        klaar(result)

    def failed(exc: Exception, tb: str) -> None:
        progress.close()
        mislukt(exc, tb)

    run_in_background(lambda _p: build(path), on_done=done, on_error=failed)


def _verwijder(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
