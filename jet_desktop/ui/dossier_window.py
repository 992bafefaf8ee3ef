"""One dossier: jeugdige and gezin, contactmomenten, ondersteuningsplan, toewijzingen, consulenten and
klikgesprek, triage."""

from __future__ import annotations

import uuid
from datetime import date, timezone
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.codelists import aanbieder_label, intensiteit_label, intensiteiten, productcategorie_label
from jet_desktop.domain.age import leeftijd_tekst
from jet_desktop.domain.enums import (
    Afsluitreden,
    ConsulentRol,
    ContactType,
    Contractvorm,
    KlikResultaat,
    Regie,
    WijzigingsReden,
)
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.notatie import euro
from jet_desktop.services import dossiers, zorg
from jet_desktop.storage.store import StaleEditError, Store
from jet_desktop.ui.dialogs.dossier_dialogs import AfsluitDialog, ContactDialog
from jet_desktop.ui.dialogs.toewijzing_dialog import BeeindigDialog, ToewijzingDialog
from jet_desktop.ui.dialogs.wijziging_conflict import herladen_melding, ingevuld, merge_velden, toon_conflict
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy, row_at
from jet_desktop.ui.widgets import DateField, ErrorLabel

DVO_KLEUR = QColor("#fff3cd")
NIET_GELEZEN = object()  # a tab given no data by the dossier's opening reads its own  # DVO maatwerk is the exception: its rows stand out


def _table(columns, rows, parent) -> QTableView:
    model = RowTableModel(columns, parent)
    model.set_rows(rows)
    view = QTableView()
    view.setModel(make_proxy(model))
    view.setSortingEnabled(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(True)
    view.resizeColumnsToContents()
    return view


class DossierWindow(QDialog):
    def __init__(self, store: Store, dossier_id: uuid.UUID, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.dossier_id, self.vandaag = store, dossier_id, vandaag
        self.resize(1120, 660)
        self.lay = QVBoxLayout(self)
        self.body: QWidget | None = None
        self.reload()

    def reload(self) -> None:
        d = dossiers.detail(self.store, self.dossier_id)
        self.detail = d
        self.setWindowTitle(f"Dossier {d.dossiernummer} — {d.naam}")
        concept = self.plan_tab.concept() if self.body is not None else None  # unsaved plan text survives
        if self.body is not None:
            self.body.deleteLater()
        self.body = QWidget()
        lay = QVBoxLayout(self.body)
        lay.setContentsMargins(0, 0, 0, 0)
        status = (f"<span style='color:#555'>afgesloten {datum(d.afgesloten_op)} "
                  f"({Afsluitreden(d.afsluitreden).label if d.afsluitreden else ''})</span>"
                  if d.afgesloten_op else "<span style='color:#2e7d32'>actief</span>")
        lay.addWidget(QLabel(
            f"<h2>{escape(d.naam)}</h2>{d.dossiernummer} · {leeftijd_tekst(d.geboortedatum, d.uitgerekende_datum, self.vandaag)}"
            f" · vaste consulent <b>{escape(d.consulent)}</b>"
            f"{' · tweede persoon ' + escape(d.tweede) if d.tweede else ''} · gestart {datum(d.geopend_op)} · {status}"))
        tabs = self.tabs = QTabWidget()
        tabs.addTab(self._gegevens(d), "Gegevens en gezin")
        tabs.addTab(self._contacten(d), f"Contactmomenten ({len(d.contacten)})")
        # the tabs show what this one opening read (one audit line: dossiers.detail); they read again
        # on their own (a line each) only after a save or a conflict
        self.plan_tab = PlanTab(self.store, self.dossier_id, self.vandaag, d.afgesloten_op is None, gelezen=d.plan)
        if concept:
            self.plan_tab.zet_concept(concept)
        tabs.addTab(self.plan_tab, "Ondersteuningsplan")
        self.toewijzingen_tab = ToewijzingenTab(self.store, self.dossier_id, self.vandaag, d.afgesloten_op is None,
                                                rows=d.toewijzingen)
        tabs.addTab(self.toewijzingen_tab, "Toewijzingen")
        self.toewijzingen_tab.changed.connect(self._toewijzingen_titel)
        self._toewijzingen_titel()
        self.consulenten_tab = self._consulenten(d)
        tabs.addTab(self.consulenten_tab, "Consulenten en klikgesprek")
        tabs.addTab(self._triage(d), "Triage")
        lay.addWidget(tabs, 1)
        knoppen = QHBoxLayout()
        self.contact_knop = QPushButton("Contactmoment toevoegen…")
        self.contact_knop.clicked.connect(self.contact_toevoegen)
        self.afsluit_knop = QPushButton("Dossier afsluiten…")
        self.afsluit_knop.clicked.connect(self.afsluiten)
        for b in (self.contact_knop, self.afsluit_knop):
            b.setEnabled(d.afgesloten_op is None)
            knoppen.addWidget(b)
        knoppen.addStretch(1)
        sluit = QPushButton("Sluiten")
        sluit.clicked.connect(self.accept)
        knoppen.addWidget(sluit)
        lay.addLayout(knoppen)
        self.lay.addWidget(self.body)

    def _gegevens(self, d: dossiers.DossierDetail) -> QWidget:
        ouders = "".join(f"<li>{escape(o.naam)} ({escape(o.relatie)}{', gezag' if o.gezag else ''})"
                         f"{' — ' + escape(o.telefoon) if o.telefoon else ''}</li>" for o in d.ouders) or "<li>—</li>"
        kinderen = "".join(f"<li>{escape(k.naam)}, geb. {datum(k.geboortedatum)}</li>" for k in d.broers_zussen) or "<li>—</li>"
        veilig = (f"<p><b style='color:#b00020'>Veiligheidssignalen</b><br>{escape(d.veiligheidssignalen)}</p>"
                  if d.veiligheidssignalen else "")
        html = (f"<table cellpadding=3>"
                f"<tr><td><b>Geboortedatum</b></td><td>{datum(d.geboortedatum) or 'uitgerekend ' + datum(d.uitgerekende_datum)}</td></tr>"
                f"<tr><td><b>BSN</b></td><td>{d.bsn or '—'}</td></tr>"
                f"<tr><td><b>Adres</b></td><td>{escape(d.adres)}{' (wijk ' + escape(d.wijk) + ')' if d.wijk else ''}</td></tr>"
                f"<tr><td><b>School</b></td><td>{escape(d.school) or '—'}</td></tr>"
                f"<tr><td><b>Aangemeld</b></td><td>{datum(d.aanmelddatum)} door {escape(d.verwijzer)}</td></tr>"
                f"<tr><td><b>Regie ouders</b></td><td>{Regie(d.regie).label}</td></tr>"
                f"<tr><td><b>Steunfiguur</b></td><td>{escape(d.steunfiguur) or '—'}</td></tr></table>"
                f"<p><b>Hulpvraag</b><br>{escape(d.hulpvraag)}</p>{veilig}"
                f"<p><b>Ouders / verzorgers</b></p><ul>{ouders}</ul><p><b>Broers en zussen</b></p><ul>{kinderen}</ul>")
        view = QTextBrowser()
        view.setHtml(html)
        return view

    def _contacten(self, d: dossiers.DossierDetail) -> QWidget:
        return _table([
            Column("Datum", lambda c: c.datum),
            Column("Type", lambda c: ContactType(c.type).label),
            Column("Duur", lambda c: c.duur_minuten, lambda c: f"{c.duur_minuten} min", align_right=True),
            Column("Door", lambda c: c.medewerker),
            Column("Notitie", lambda c: c.notitie),
        ], d.contacten, self)

    def _consulenten(self, d: dossiers.DossierDetail) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        historie, wissels = d.consulent_historie, d.wisselingen
        lay.addWidget(QLabel(f"<b>Wisselingen van vaste consulent:</b> {wissels}"))
        lay.addWidget(_table([
            Column("Datum", lambda h: h.datum),
            Column("Rol", lambda h: ConsulentRol(h.rol).label),
            Column("Van", lambda h: h.van or "—"),
            Column("Naar", lambda h: h.naar or "—"),
            Column("Reden", lambda h: WijzigingsReden(h.reden).label),
            Column("Toelichting", lambda h: h.toelichting),
            Column("Vastgelegd door", lambda h: h.door),
        ], historie, self), 2)
        lay.addWidget(QLabel("<b>Klikgesprekken</b>"))
        lay.addWidget(_table([
            Column("Datum", lambda k: k.datum),
            Column("Consulent", lambda k: k.consulent),
            Column("Resultaat", lambda k: KlikResultaat(k.resultaat).label),
            Column("Toelichting", lambda k: k.toelichting),
        ], d.klikgesprekken, self), 1)
        return w

    def _triage(self, d: dossiers.DossierDetail) -> QWidget:
        return _table([
            Column("Besloten op", lambda b: b.besloten_op),
            Column("Uitkomst", lambda b: b.uitkomst.label),
            Column("Urgentie", lambda b: b.urgentie.label),
            Column("Motivering", lambda b: b.motivering),
            Column("Door", lambda b: b.besloten_door),
            Column("Status", lambda b: "geldend" if b.actueel else "herzien"),
        ], d.triage_historie, self)

    def _toewijzingen_titel(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.toewijzingen_tab),
                             f"Toewijzingen ({len(self.toewijzingen_tab.rows)})")

    def contact_toevoegen(self) -> None:
        if ContactDialog(self.store, self.dossier_id, self.vandaag, self).exec():
            self.reload()
            self.tabs.setCurrentIndex(1)

    def afsluiten(self) -> None:
        if AfsluitDialog(self.store, self.dossier_id, self.detail.version, self.vandaag, self).exec():
            self.reload()


def kort(label: str) -> str:
    """'Zwaar (meerdere keren per week)' -> 'Zwaar': the table stays narrow; the dialog shows the whole label."""
    return label.split(" (")[0]


def _niveau(code: str) -> int:
    return next((i.niveau for i in intensiteiten() if i.code == code), 0)


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

    def _teksten(self) -> dict[str, str]:
        return {**{veld: e.toPlainText() for veld, e in self.velden.items()}, "doelen": self.doelen.toPlainText(),
                "vastgesteld_op": self.vastgesteld_op.text(), "evaluatiedatum": self.evaluatiedatum.text()}

    def concept(self) -> tuple[int | None, dict[str, str]] | None:
        """Typed but not saved: (the version it started from, the texts); None when nothing changed."""
        teksten = self._teksten()
        return (self.version, teksten) if teksten != self._geladen else None

    def zet_concept(self, concept: tuple[int | None, dict[str, str]]) -> None:
        self.version, teksten = concept  # saving still checks against the version the edit started from
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
        except StaleEditError as exc:  # typed text stays in the fields so it can be copied or re-applied
            self.algemeen.show_message(str(exc))
            if toon_conflict(self, exc, ingevuld((label, w) for _, label, w in self._labels())):
                self.herlaad_met_invoer(exc)
            return False
        self.load()
        return True

    def herlaad_met_invoer(self, exc: StaleEditError) -> None:
        """Take the plan's fresh version from the store while the fields keep what the user typed: a field
        the user left alone shows the other user's text, a field the user changed keeps the user's text."""
        eerder, getypt = self._geladen, self._teksten()
        self.load()
        vers = self._geladen
        samen, gewijzigd = merge_velden(eerder, getypt, vers, {veld: label for veld, label, _ in self._labels()})
        self.zet_concept((self.version, samen))
        self.algemeen.show_message(herladen_melding(exc, gewijzigd))


class ToewijzingenTab(QWidget):
    """The dossier's toewijzingen; DVO maatwerk rows highlighted."""

    changed = Signal()

    def __init__(self, store: Store, dossier_id: uuid.UUID, vandaag: date, bewerkbaar: bool, parent=None,
                 rows: list[zorg.ToewijzingRij] | None = None):
        """`rows`: as read by the dossier's opening; left out, the tab reads them itself (one audit line)."""
        super().__init__(parent)
        self.store, self.dossier_id, self.vandaag, self.bewerkbaar = store, dossier_id, vandaag, bewerkbaar
        self.rows: list[zorg.ToewijzingRij] = []
        lay = QVBoxLayout(self)
        self.model = RowTableModel([
            Column("Categorie", lambda t: t.productcategorie, lambda t: productcategorie_label(t.productcategorie)),
            Column("Product/profiel", lambda t: t.product),
            Column("Intensiteit", lambda t: _niveau(t.intensiteit), lambda t: kort(intensiteit_label(t.intensiteit))),
            Column("Aanbieder", lambda t: aanbieder_label(t.aanbieder)),
            Column("Start", lambda t: t.startdatum),
            Column("Eind", lambda t: t.einddatum),
            Column("Kosten (geschat)", lambda t: t.geschatte_kosten, lambda t: euro(t.geschatte_kosten),
                   align_right=True),
            Column("Contractvorm", lambda t: t.contractvorm,
                   lambda t: ("⚑ " if t.is_dvo else "") + Contractvorm(t.contractvorm).label),
        ], self)
        self.model.background = lambda t: DVO_KLEUR if t.is_dvo else None
        self.proxy = make_proxy(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # by start, as the service lists them
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda *_: self.wijzigen())
        lay.addWidget(self.view, 1)
        self.totaal = QLabel()
        lay.addWidget(self.totaal)
        self.motivering = QLabel()
        self.motivering.setWordWrap(True)
        lay.addWidget(self.motivering)
        knoppen = QHBoxLayout()
        self.toevoegen_knop = QPushButton("Toevoegen…")
        self.wijzigen_knop = QPushButton("Wijzigen…")
        self.beeindigen_knop = QPushButton("Beëindigen…")
        self.verwijderen_knop = QPushButton("Verwijderen…")
        for knop, actie in ((self.toevoegen_knop, self.toevoegen), (self.wijzigen_knop, self.wijzigen),
                            (self.beeindigen_knop, self.beeindigen), (self.verwijderen_knop, self.verwijderen)):
            knop.clicked.connect(actie)
            knoppen.addWidget(knop)
        knoppen.addStretch(1)
        lay.addLayout(knoppen)
        self.toevoegen_knop.setEnabled(bewerkbaar)
        self.view.selectionModel().selectionChanged.connect(self._selectie)
        self.reload(rows)

    def reload(self, rows: list[zorg.ToewijzingRij] | None = None) -> None:
        self.rows = zorg.toewijzingen(self.store, self.dossier_id) if rows is None else rows
        self.model.set_rows(self.rows)
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount() - 1):  # long names wrap instead
            self.view.setColumnWidth(c, min(self.view.columnWidth(c), 180 if c < 2 else 150))
        self.view.resizeRowsToContents()
        dvo = sum(t.is_dvo for t in self.rows)
        lopend = sum(t.einddatum is None or t.einddatum >= self.vandaag for t in self.rows)
        self.totaal.setText(
            f"{len(self.rows)} toewijzing{'en' if len(self.rows) != 1 else ''}, {lopend} lopend"
            f"{f', waarvan {dvo} DVO maatwerk (⚑)' if dvo else ''} · geschatte kosten totaal "
            f"<b>{euro(sum(t.geschatte_kosten for t in self.rows))}</b>")
        self._selectie()
        self.changed.emit()

    def selected(self) -> zorg.ToewijzingRij | None:
        rows = self.view.selectionModel().selectedRows()
        return row_at(self.view, rows[0]) if rows else None

    def select(self, toewijzing_id: uuid.UUID) -> None:
        for r in range(self.proxy.rowCount()):
            if row_at(self.view, self.proxy.index(r, 0)).id == toewijzing_id:
                self.view.selectRow(r)
                return

    def _selectie(self, *_):
        t = self.selected()
        for knop in (self.wijzigen_knop, self.beeindigen_knop, self.verwijderen_knop):
            knop.setEnabled(t is not None)
        self.motivering.setText(f"<b>Motivering DVO:</b> {escape(t.dvo_motivering)}" if t and t.is_dvo else "")
        self.motivering.setVisible(bool(t and t.is_dvo))

    def _kop(self, t: zorg.ToewijzingRij) -> str:
        return f"{productcategorie_label(t.productcategorie)} — {t.product} bij {aanbieder_label(t.aanbieder)}"

    def toevoegen(self) -> None:
        if ToewijzingDialog(self.store, self.dossier_id, self.vandaag, None, self).exec():
            self.reload()

    def wijzigen(self) -> None:
        t = self.selected()
        if t and ToewijzingDialog(self.store, self.dossier_id, self.vandaag, t, self).exec():
            self.reload()
            self.select(t.id)

    def beeindigen(self) -> None:
        t = self.selected()
        if t and BeeindigDialog(self.store, self.dossier_id, t, self._kop(t), self.vandaag, self).exec():
            self.reload()
            self.select(t.id)

    def verwijderen(self) -> None:
        t = self.selected()
        if t is None:
            return
        if QMessageBox.question(self, "Toewijzing verwijderen",
                                f"{self._kop(t)} verwijderen?\nDe toewijzing telt daarna niet meer mee in de "
                                "overzichten (ze blijft als verwijderd bewaard).") != QMessageBox.StandardButton.Yes:
            return
        try:
            zorg.verwijder_toewijzing(self.store, t.id, t.version)
        except StaleEditError as exc:  # nothing typed to keep; the list shows the toewijzing as it is now
            toon_conflict(self, exc, [])
            self.reload()
            self.select(t.id)
            return
        self.reload()
