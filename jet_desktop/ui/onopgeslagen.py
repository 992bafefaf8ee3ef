"""Typed work is never lost: one mechanism for every form with unsaved changes.

A form takes a snapshot of its fields when it has finished loading (`onthoud_invoer`, again after a
successful save or a reload that puts the stored record in the fields). Closing it (the window's X,
Annuleren, Escape) while the fields differ from the snapshot asks "Wijzigingen opslaan?":

- Opslaan: the form's own save runs (`bewaar_invoer`); a refused save (validation, a stale record, a
  busy store) leaves the form open with its input;
- Niet opslaan: the form closes;
- Annuleren: the form stays open.

A form without changes closes without asking. Forms for a password or a sign-in never ask: there is
nothing to lose, and a password is never kept (`veld_waarde` reads a password field as empty).

`BewaakteInvoer` is the mixin for a QDialog (FormDialog, the triage and aanmelding dialogs, the dossier
window); a form that is not a dialog (the plan tab) uses `momentopname` and `gewijzigd` directly.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from jet_desktop.ui.formulier import bij_opslaan_toets, focus_op_eerste_veld
from jet_desktop.ui.veldwaarden import veld_waarde

OPSLAAN, NIET_OPSLAAN, ANNULEREN = "opslaan", "niet_opslaan", "annuleren"

_INVOER = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton)


def waarde(widget: QWidget) -> object:
    """A field's value for the snapshot: what the user sees (`veld_waarde`), a check box's state, a
    combo box's choice (also between choices without data)."""
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QAbstractItemView):  # a choice from a list: the selected rows
        model = widget.selectionModel()
        return sorted(i.row() for i in model.selectedRows()) if model is not None else []
    return veld_waarde(widget)


def _lege_waarde(widget: QWidget) -> object:
    """The value of a field as it comes when added (a new row of the form): empty, not checked, the first choice."""
    if isinstance(widget, QAbstractButton):
        return False
    if isinstance(widget, QComboBox):
        return 0, widget.itemText(0)
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()  # no empty state known: a spin box added later counts as unchanged
    return ""


def momentopname(widgets: Iterable[QWidget]) -> dict[QWidget, object]:
    return {w: waarde(w) for w in widgets}


def gewijzigd(opname: dict[QWidget, object] | None, widgets: Iterable[QWidget]) -> bool:
    """Whether the fields now differ from the snapshot. A field added after it (another row) counts
    once it holds something."""
    if opname is None:
        return False
    return any(waarde(w) != (opname[w] if w in opname else _lege_waarde(w)) for w in widgets)


def invoervelden(root: QWidget) -> list[QWidget]:
    """The fields the user can change in `root`'s window, in creation order: text, choices, check and
    radio buttons (not the line edit inside a spin or combo box, not a dialog opened from it)."""
    venster = root.window()
    uit = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, _INVOER) or w.window() is not venster:
            continue
        if isinstance(w, QAbstractButton) and not w.isCheckable():
            continue
        ouder = w.parentWidget()
        if isinstance(w, QLineEdit) and isinstance(ouder, (QAbstractSpinBox, QComboBox)):
            continue
        uit.append(w)
    return uit


def heeft_wachtwoordveld(widgets: Iterable[QWidget]) -> bool:
    return any(isinstance(w, QLineEdit) and w.echoMode() != QLineEdit.EchoMode.Normal for w in widgets)


def vraag(parent: QWidget, waar: str = "") -> QMessageBox:
    """The question, built (not shown): Opslaan (default), Niet opslaan, Annuleren (Escape)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Wijzigingen opslaan?", "<b>Wijzigingen opslaan?</b>", parent=parent)
    plek = f" in {waar}" if waar else ""
    box.setInformativeText(f"U hebt{plek} gegevens ingevuld of gewijzigd die nog niet zijn opgeslagen. "
                           "Kiest u Niet opslaan, dan gaan die wijzigingen verloren.")
    box.opslaan = box.addButton("Opslaan", QMessageBox.ButtonRole.AcceptRole)
    box.niet_opslaan = box.addButton("Niet opslaan", QMessageBox.ButtonRole.DestructiveRole)
    box.annuleren = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.opslaan)
    box.setEscapeButton(box.annuleren)
    uitleg = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if uitleg is not None:
        uitleg.setMinimumWidth(380)  # a readable line, not a narrow column
    return box


def vraag_opslaan(parent: QWidget, waar: str = "") -> str:
    """Ask; OPSLAAN, NIET_OPSLAAN or ANNULEREN. (Tests replace this function to answer.)"""
    box = vraag(parent, waar)
    box.exec()
    geklikt = box.clickedButton()
    box.deleteLater()
    if geklikt is box.opslaan:
        return OPSLAAN
    if geklikt is box.niet_opslaan:
        return NIET_OPSLAAN
    return ANNULEREN


class BewaakteInvoer:
    """Mixin for a QDialog form (put it before QDialog). The dialog calls `klaar_met_laden()` at the end
    of its set-up and implements `bewaar_invoer()` (its save: accepts the dialog on success, stays open
    otherwise); it may override `invoer_widgets()` (default: every field of the window)."""

    vraag_bij_sluiten: bool | None = None  # None: ask, unless the form holds a password field
    _opname: dict | None = None
    # what a successful save did, in one sentence for the main window's status bar when the form closes on it
    # (set by the save; "" says "<title>: opgeslagen."; None: the form is no save, e.g. the sign-in)
    gelukt: str | None = ""

    def invoer_widgets(self) -> list[QWidget]:
        return invoervelden(self)

    def klaar_met_laden(self) -> None:
        """The form is filled: snapshot its fields, Ctrl+S saves, focus on the first field."""
        widgets = self.invoer_widgets()
        self.onthoud_invoer()
        bij_opslaan_toets(self, self.bewaar_invoer)
        focus_op_eerste_veld(widgets)

    def onthoud_invoer(self) -> None:
        """Snapshot the fields as they are now: call it when they show the stored record (after loading,
        after a successful save, after a reload that put the stored values in), never while they hold
        unsaved input."""
        self._opname = momentopname(self.invoer_widgets())

    def vraagt_bij_sluiten(self) -> bool:
        if self.vraag_bij_sluiten is not None:
            return self.vraag_bij_sluiten
        return not heeft_wachtwoordveld(self.invoer_widgets())

    def heeft_wijzigingen(self) -> bool:
        return self.vraagt_bij_sluiten() and gewijzigd(self._opname, self.invoer_widgets())

    def wijzigingen_in(self) -> str:
        """Where the changes are, for the question (e.g. a tab's name); default the window's title."""
        titel = self.windowTitle()
        return f"„{titel}”" if titel else ""

    def toon_wijzigingen(self) -> None:
        """Before the question: bring the changed part into view (a window with tabs shows that tab)."""

    def bewaar_invoer(self) -> None:  # pragma: no cover - each form has its save
        raise NotImplementedError

    def accept(self) -> None:
        """The save succeeded and closes the form: the status bar says what happened."""
        super().accept()
        if self.gelukt is not None:
            from jet_desktop.ui import statusbalk

            statusbalk.meld(self, self.gelukt or f"{self.windowTitle()}: opgeslagen.")

    def reject(self) -> None:
        """Annuleren, Escape and the window's X (QDialog.closeEvent calls reject)."""
        if self.isVisible() and self.heeft_wijzigingen():
            self.toon_wijzigingen()
            keuze = vraag_opslaan(self, self.wijzigingen_in())
            if keuze == ANNULEREN:
                return
            if keuze == OPSLAAN:
                self.bewaar_invoer()  # closes the form only when the save succeeded
                return
        super().reject()

    def showEvent(self, event) -> None:
        if self._opname is None:  # a form that did not say it was loaded: as it is first shown
            self.onthoud_invoer()
        super().showEvent(event)
