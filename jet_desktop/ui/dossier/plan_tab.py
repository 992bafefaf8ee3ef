"""The dossier's ondersteuningsplan tab."""

from __future__ import annotations

import uuid
from datetime import date, timezone
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.samenvoegen import versies_uit
from jet_desktop.services import zorg
from jet_desktop.storage.store import StaleEditError, Store
from jet_desktop.ui.dialogs.wijziging_conflict import ingevuld, niet_opgeslagen, toon_conflict
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.formulier import bij_opslaan_toets
from jet_desktop.ui.onopgeslagen import gewijzigd, momentopname
from jet_desktop.ui.samenvoegen import samenvoegen
from jet_desktop.ui.widgets import DateField, ErrorLabel

NIET_GELEZEN = object()  # a tab given no data by the dossier's opening reads its own


class PlanTab(QScrollArea):
    """The ondersteuningsplan: the five parts of the Verklarende Analyse, doelen, dates; saved under the lock."""

    def __init__(self, store: Store, dossier_id: uuid.UUID, vandaag: date, bewerkbaar: bool, parent=None,
                 gelezen: zorg.PlanRij | None | object = NIET_GELEZEN):
        """`gelezen`: the plan as read by the dossier's opening; left out, the tab reads it itself (one audit line)."""
        super().__init__(parent)
        self.store, self.dossier_id, self.vandaag, self.bewerkbaar = store, dossier_id, vandaag, bewerkbaar
        self.setWidgetResizable(True)
        body = QWidget()
        cols = QHBoxLayout(body)
        self.errors: dict[str, ErrorLabel] = {}
        self.velden: dict[str, QPlainTextEdit] = {}
        va = QGroupBox("Verklarende Analyse — het hele systeem rond het kind")
        va_lay = QVBoxLayout(va)
        for veld, label in zorg.VA_DELEN:
            edit = QPlainTextEdit()
            edit.setMinimumHeight(54)
            edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)  # share the height
            edit.setTabChangesFocus(True)
            self.velden[veld] = edit
            self._row(va_lay, label, edit, veld, stretch=1)
        cols.addWidget(va, 3)
        plan = QGroupBox("Plan")
        plan_lay = QVBoxLayout(plan)
        self.doelen = QPlainTextEdit()
        self.doelen.setPlaceholderText("Wat wil het gezin bereikt hebben? (verplicht zodra het plan is vastgesteld)")
        self.doelen.setTabChangesFocus(True)
        self.doelen.setMinimumHeight(120)
        self.doelen.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self._row(plan_lay, "Doelen", self.doelen, "doelen", stretch=1)
        self.vastgesteld_op = self._row(plan_lay, "Vastgesteld op", DateField(), "vastgesteld_op")
        self.evaluatiedatum = self._row(plan_lay, "Evaluatiedatum", DateField(), "evaluatiedatum")
        self.algemeen = ErrorLabel()
        plan_lay.addWidget(self.algemeen)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        plan_lay.addWidget(self.status)
        knoppen = QHBoxLayout()
        knoppen.addStretch(1)
        self.opslaan = QPushButton("Opslaan")
        self.opslaan.clicked.connect(self.save)
        knoppen.addWidget(self.opslaan)
        plan_lay.addLayout(knoppen)
        cols.addWidget(plan, 2)
        self.setWidget(body)
        for w in (*self.velden.values(), self.doelen, self.vastgesteld_op, self.evaluatiedatum):
            w.setReadOnly(not bewerkbaar)
        self.opslaan.setEnabled(bewerkbaar)
        bij_opslaan_toets(self, self._opslaan_toets, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.load(gelezen)

    def _row(self, lay: QVBoxLayout, label: str, widget: QWidget, name: str, stretch: int = 0):
        """A label above the field and an error line under it."""
        kop = QLabel(f"<b>{label}</b>")
        kop.setBuddy(widget)
        lay.addWidget(kop)
        lay.addWidget(widget, stretch)
        err = ErrorLabel()
        lay.addWidget(err)
        self.errors[name] = err
        return widget

    def _labels(self) -> list[tuple[str, str, QWidget]]:
        """(field name, label, widget) of every field of the plan, in form order."""
        return [*((veld, label, self.velden[veld]) for veld, label in zorg.VA_DELEN),
                ("doelen", "Doelen", self.doelen), ("vastgesteld_op", "Vastgesteld op", self.vastgesteld_op),
                ("evaluatiedatum", "Evaluatiedatum", self.evaluatiedatum)]

    @staticmethod
    def _teksten_van(p: zorg.PlanRij | None) -> dict[str, str]:
        """The plan as the fields show it once loaded."""
        return {**{veld: getattr(p, veld) if p else "" for veld, _ in zorg.VA_DELEN}, "doelen": p.doelen if p else "",
                "vastgesteld_op": datum(p.vastgesteld_op) if p else "",
                "evaluatiedatum": datum(p.evaluatiedatum) if p else ""}

    def _teksten(self) -> dict[str, str]:
        return {**{veld: e.toPlainText() for veld, e in self.velden.items()}, "doelen": self.doelen.toPlainText(),
                "vastgesteld_op": self.vastgesteld_op.text(), "evaluatiedatum": self.evaluatiedatum.text()}

    def concept(self) -> tuple[int | None, dict[str, str], dict[str, str]] | None:
        """Typed but not saved: (the version it started from, the texts, the texts it started from);
        None when nothing changed."""
        teksten = self._teksten()
        return (self.version, teksten, self._geladen) if teksten != self._geladen else None

    def zet_concept(self, concept: tuple) -> None:
        """Put typed texts back; with the texts they started from (a concept carried over a reload), a
        stale save merges against that base, not against the colleague's newer plan."""
        self.version, teksten, *basis = concept  # saving still checks against the version the edit started from
        if basis:
            self._geladen = dict(basis[0])
        for veld, e in self.velden.items():
            e.setPlainText(teksten[veld])
        self.doelen.setPlainText(teksten["doelen"])
        self.vastgesteld_op.setText(teksten["vastgesteld_op"])
        self.evaluatiedatum.setText(teksten["evaluatiedatum"])

    def load(self, plan: zorg.PlanRij | None | object = NIET_GELEZEN) -> None:
        p = zorg.ondersteuningsplan(self.store, self.dossier_id) if plan is NIET_GELEZEN else plan
        self.version = p.version if p else None
        for veld, edit in self.velden.items():
            edit.setPlainText(getattr(p, veld) if p else "")
        self.doelen.setPlainText(p.doelen if p else "")
        self.vastgesteld_op.set_date(p.vastgesteld_op if p else None)
        self.evaluatiedatum.set_date(p.evaluatiedatum if p else None)
        self._geladen = self._teksten()
        self.onthoud_invoer()
        if p is None:
            self.status.setText("Nog geen ondersteuningsplan.")
            return
        stamp = p.updated_at if p.updated_at.tzinfo else p.updated_at.replace(tzinfo=timezone.utc)  # SQLite: naive UTC
        tekst = f"Laatst opgeslagen door {escape(p.updated_by)} op {stamp.astimezone():%d-%m-%Y %H:%M}."
        if p.vastgesteld_op is None:
            tekst += " Concept: nog niet vastgesteld."
        elif p.evaluatiedatum and p.evaluatiedatum < self.vandaag and self.bewerkbaar:
            tekst += f" <span style='color:#b00020'>Evaluatie was gepland op {datum(p.evaluatiedatum)}.</span>"
        self.status.setText(tekst)

    def onthoud_invoer(self) -> None:
        """Snapshot the fields (ui/onopgeslagen.py) as they show the stored plan; `load` does it."""
        self._opname = momentopname(w for _, _, w in self._labels())

    def heeft_wijzigingen(self) -> bool:
        """Typed but not saved: closing the dossier window asks first."""
        return self.bewerkbaar and gewijzigd(self._opname, (w for _, _, w in self._labels()))

    def _opslaan_toets(self) -> None:  # Ctrl+S in the tab
        if self.opslaan.isEnabled():
            self.save()

    def _datum(self, field: DateField, name: str, label: str, errors: list[FieldError]):
        try:
            return field.date_or_none()
        except ValueError:
            errors.append(FieldError(name, f"{label}: vul een geldige datum in (dd-mm-jjjj) of laat leeg."))
            return None

    def save(self) -> bool:
        for e in (*self.errors.values(), self.algemeen):
            e.show_message(None)
        errors: list[FieldError] = []
        invoer = zorg.PlanInvoer(
            **{veld: edit.toPlainText() for veld, edit in self.velden.items()}, doelen=self.doelen.toPlainText(),
            vastgesteld_op=self._datum(self.vastgesteld_op, "vastgesteld_op", "Vastgesteld op", errors),
            evaluatiedatum=self._datum(self.evaluatiedatum, "evaluatiedatum", "Evaluatiedatum", errors))
        try:
            if errors:
                raise ValidationError(errors)
            zorg.sla_plan_op(self.store, self.dossier_id, self.version, invoer)
        except ValidationError as exc:
            for e in exc.errors:
                (self.errors.get(e.field) or self.algemeen).show_message(e.message)
            return False
        except StaleEditError as exc:  # merged with the stored version; the typed text stays in the fields
            return self.samenvoegen(exc)
        self.load()
        return True

    def samenvoegen(self, exc: StaleEditError) -> bool:
        """A colleague saved the plan first: the merge dialog shows per field the text both started from,
        the colleague's and the user's. Once the user decided, the fields hold the merged texts on the
        plan's fresh version, and it is saved again (True when that worked). Annuleren: the fields keep
        what the user typed, on the old version; nothing is saved."""
        p = zorg.ondersteuningsplan(self.store, self.dossier_id) if exc.changed_by is not None else None
        if p is None:  # gone: nothing to merge with, the typed text can be copied
            toon_conflict(self, exc, ingevuld((label, w) for _, label, w in self._labels()), kan_herladen=False)
            self.algemeen.show_message(str(exc))
            return False
        versies = versies_uit(self._geladen, self._teksten_van(p), self._teksten(),
                              [(veld, label) for veld, label, _ in self._labels()],
                              lang=[*self.velden, "doelen"])
        waarden = samenvoegen(self, versies, exc.changed_by, exc.changed_at, "Het ondersteuningsplan")
        if waarden is None:
            self.algemeen.show_message(niet_opgeslagen(exc))
            return False
        self.load(p)  # the fresh version, the status line
        self.zet_concept((self.version, waarden))
        return self.save()
