"""One dossier: jeugdige and gezin, contactmomenten, ondersteuningsplan, toewijzingen, consulenten and
klikgesprek, triage."""

from __future__ import annotations

import uuid
from datetime import date
from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.age import leeftijd_tekst
from jet_desktop.domain.enums import (
    Afsluitreden,
    ConsulentRol,
    ContactType,
    KlikResultaat,
    Regie,
    WijzigingsReden,
)
from jet_desktop.services import dossiers
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.dossier_dialogs import AfsluitDialog, ContactDialog
from jet_desktop.ui.dossier.plan_tab import PlanTab
from jet_desktop.ui.dossier.toewijzingen_tab import ToewijzingenTab
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.klok import Vandaag
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy


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
    vandaag = Vandaag()  # a date, or the clock (ui/klok.py): a new contactmoment gets the day it is made
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

