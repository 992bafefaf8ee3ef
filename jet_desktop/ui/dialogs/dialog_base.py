"""A small base for form dialogs: rows with an error label under each field; a refused stale save shows
the conflict dialog and can reload the record while keeping what the user entered."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.store import StaleEditError
from jet_desktop.ui.dialogs.wijziging_conflict import herladen_melding, ingevuld, toon_conflict
from jet_desktop.ui.foutmelding import voor_formulier
from jet_desktop.ui.widgets import ErrorLabel


class FormDialog(QDialog):
    ok_text = "Opslaan"

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.errors: dict[str, ErrorLabel] = {}
        self.velden: list[tuple[str, QWidget]] = []  # (label, field) in form order, for the conflict dialog
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

    def row(self, label: str, widget: QWidget, name: str) -> QWidget:
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(widget)
        err = ErrorLabel()
        lay.addWidget(err)
        self.errors[name] = err
        self.velden.append((label, widget))
        self.form.addRow(label, holder)
        return widget

    def fail(self, field: str, message: str) -> None:
        (self.errors.get(field) or self.algemeen).show_message(message)

    def _save(self) -> None:
        for e in self.errors.values():
            e.show_message(None)
        self.algemeen.show_message(None)
        try:
            if self.save() is not False:
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

    def conflict(self, exc: StaleEditError) -> None:
        """Show who changed the record; on "Opnieuw laden" take its fresh version, keeping the input."""
        herlaadbaar = type(self).herlaad is not FormDialog.herlaad
        if not toon_conflict(self, exc, ingevuld(self.velden), herlaadbaar):
            return
        gewijzigd = self.herlaad()
        if gewijzigd is None:
            self.algemeen.show_message("Opnieuw laden lukt niet: het gegeven bestaat niet meer. "
                                       "Uw invoer is niet opgeslagen.")
        else:
            self.algemeen.show_message(herladen_melding(exc, gewijzigd))

    def save(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def herlaad(self) -> list[str] | None:
        """Dialogs that edit a versioned record: read it again (its fresh version) without touching the
        fields; return the labels of what the other user changed, or None when the record is gone."""
        raise NotImplementedError

    def date_value(self, field, name: str, label: str):
        try:
            value = field.date_or_none()
        except ValueError:
            value = None
        if value is None:
            raise ValidationError([FieldError(name, f"{label}: vul een geldige datum in (dd-mm-jjjj).")])
        return value

