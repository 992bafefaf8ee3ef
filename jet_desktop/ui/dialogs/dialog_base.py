"""A small base for form dialogs: rows with an error label under each field; a refused stale save of a
record that still exists opens the merge (ui/samenvoegen.py) over the three versions of each named field:
as the form was loaded (`basis`), as stored now (the dialog's `herlaad()`), as the user typed it. Closing
with unsaved changes asks first (ui/onopgeslagen.py), Ctrl+S saves, the first field has the focus, and the
dialog grows to show a long message in full (ui/formulier.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit, QVBoxLayout, QWidget

from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.samenvoegen import VeldVersies, versies_uit
from jet_desktop.ui.dialogs.wijziging_conflict import Herlading, ingevuld, niet_opgeslagen, toon_conflict
from jet_desktop.ui.formulier import toon_meldingen_geheel
from jet_desktop.ui.foutmelding import voor_formulier
from jet_desktop.ui.onopgeslagen import BewaakteInvoer, invoervelden
from jet_desktop.ui.samenvoegen import samenvoegen
from jet_desktop.ui.veldwaarden import is_wachtwoord, veld_ruw, weergave, zet_veld_waarde
from jet_desktop.ui.widgets import ErrorLabel

if TYPE_CHECKING:  # the services and the store (SQLAlchemy) load when a form saves, not when the sign-in dialog opens
    from jet_desktop.storage.store import StaleEditError


class FormDialog(BewaakteInvoer, QDialog):
    ok_text = "Opslaan"

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.errors: dict[str, ErrorLabel] = {}
        self.velden: list[tuple[str, QWidget]] = []  # (label, field) in form order, for the conflict dialog
        self.benoemd: dict[str, tuple[str, QWidget]] = {}  # row name -> (label, field), for the merge
        self.basis: dict[str, object] = {}  # the named fields as loaded (finish_layout), the merge's base
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.algemeen = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.algemeen)
        self.layout_.addWidget(self.buttons)
        self.basis = self.waarden()
        self.klaar_met_laden()

    def invoer_widgets(self) -> list[QWidget]:
        """The rows' fields in form order (a dialog without rows: every field of the window)."""
        return [w for _, w in self.velden] or invoervelden(self)

    def bewaar_invoer(self) -> None:
        self._save()

    def row(self, label: str, widget: QWidget, name: str) -> QWidget:
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(widget)
        err = ErrorLabel()
        lay.addWidget(err)
        self.errors[name] = err
        self.velden.append((label, widget))
        self.benoemd[name] = (label, widget)
        self.form.addRow(label, holder)
        return widget

    def fail(self, field: str, message: str) -> None:
        (self.errors.get(field) or self.algemeen).show_message(message)

    def _save(self) -> None:
        from jet_desktop.services.autorisatie import GeenToegang
        from jet_desktop.storage.store import StaleEditError

        for e in self.errors.values():
            e.show_message(None)
        self.algemeen.show_message(None)
        try:
            if self.save() is not False:
                self.onthoud_invoer()
                self.accept()
        except ValidationError as exc:
            for e in exc.errors:
                self.fail(e.field, e.message)
        except GeenToegang as exc:  # from the services: the role may not do this
            self.algemeen.show_message(str(exc))
        except StaleEditError as exc:  # the dialog stays open: typed text is not lost
            self.algemeen.show_message(str(exc))
            self.conflict(exc)
        except Exception as exc:  # a busy store or a full disk: said in Dutch, the dialog stays open with the input
            tekst = voor_formulier(exc)
            if tekst is None:
                raise
            self.algemeen.show_message(tekst)
        toon_meldingen_geheel(self)  # a long message is shown in full

    def conflict(self, exc: StaleEditError) -> None:
        """The record changed since the form was loaded: merge. The merge dialog shows per field the base,
        the other user's value and the user's; after the user decided, the form holds the merged values
        and the record's fresh version and saves again. Annuleren leaves the form as typed, on the old
        version (saving again shows the merge again). A record that is gone cannot be merged: the old
        dialog shows the typed text to copy."""
        herlaadbaar = type(self).herlaad is not FormDialog.herlaad
        herlading = self.herlaad() if herlaadbaar and exc.changed_by is not None else None
        if herlading is None:
            toon_conflict(self, exc, ingevuld(self.velden), kan_herladen=False)
            return
        waarden = samenvoegen(self, self.drie_versies(herlading.ander, herlading.info), exc.changed_by,
                              exc.changed_at, herlading.onderwerp)
        if waarden is None:
            self.algemeen.show_message(niet_opgeslagen(exc))
            return
        herlading.overnemen()
        self.zet_waarden(waarden)
        self.basis = {**self.basis, **herlading.ander}  # the stored version is the base from now on
        self._save()
        if self.result() != QDialog.DialogCode.Accepted and not self.algemeen.text():
            self.algemeen.show_message("De samengevoegde gegevens staan in het formulier, maar zijn nog niet "
                                       "opgeslagen.")

    def save(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def herlaad(self) -> Herlading | None:
        """Dialogs that edit a versioned record: read it as stored now, without touching the fields or the
        version (`Herlading.overnemen` does that once the user merged); None when the record is gone."""
        raise NotImplementedError

    def waarden(self) -> dict[str, object]:
        """The named fields' values (ui/veldwaarden.veld_ruw), by row name; never a password."""
        return {naam: veld_ruw(w) for naam, (_, w) in self.benoemd.items() if not is_wachtwoord(w)}

    def zet_waarden(self, waarden: Mapping[str, object]) -> None:
        """Put values back into the named fields (the merged ones); names the form does not hold are skipped."""
        for naam, waarde in waarden.items():
            if naam in self.benoemd and not is_wachtwoord(self.benoemd[naam][1]):
                zet_veld_waarde(self.benoemd[naam][1], waarde)

    def drie_versies(self, ander: Mapping[str, object], info: Iterable[VeldVersies] = ()) -> list[VeldVersies]:
        """The merge's list: the named fields as loaded, as stored now (`ander`), as typed; then `info`."""
        mij = self.waarden()
        labels = {naam: label.replace("*", "").strip() for naam, (label, w) in self.benoemd.items() if naam in mij}
        lang = {naam for naam, (_, w) in self.benoemd.items() if isinstance(w, QPlainTextEdit)}
        toon = {naam: weergave(w, (self.basis.get(naam), ander.get(naam), mij[naam]))
                for naam, (_, w) in self.benoemd.items() if naam in mij}
        return [*versies_uit(self.basis, ander, mij, labels, lang, toon), *info]

    def date_value(self, field, name: str, label: str):
        try:
            value = field.date_or_none()
        except ValueError:
            value = None
        if value is None:
            raise ValidationError([FieldError(name, f"{label}: vul een geldige datum in (dd-mm-jjjj).")])
        return value

