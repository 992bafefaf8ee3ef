"""One dossier: jeugdige and gezin, contactmomenten, ondersteuningsplan, toewijzingen, consulenten and
klikgesprek, triage, and the Geschiedenis of corrections. The Gegevens tab corrects the jeugdige, the gezin
and the aanmelding (ui/dialogs/gegevens_dialogs.py), the Contactmomenten tab changes or removes one."""

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
    KlikResultaat,
    Regie,
    WijzigingsReden,
)
from jet_desktop.services import dossiers
from jet_desktop.storage.store import Store
from jet_desktop.ui import onopgeslagen
from jet_desktop.ui.dialogs.dossier_dialogs import AfsluitDialog, ContactDialog
from jet_desktop.ui.dialogs.gegevens_dialogs import AanmeldingDetailsDialog, GezinDialog, JeugdigeDialog
from jet_desktop.ui.dossier.contacten_tab import ContactenTab
from jet_desktop.ui.dossier.geschiedenis_tab import GeschiedenisTab
from jet_desktop.ui.dossier.plan_tab import PlanTab
from jet_desktop.ui.dossier.toewijzingen_tab import ToewijzingenTab
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.klok import Vandaag
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy
from jet_desktop.ui.onopgeslagen import BewaakteInvoer


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



class DossierWindow(BewaakteInvoer, QDialog):
    vandaag = Vandaag()  # a date, or the clock (ui/klok.py): a new contactmoment gets the day it is made
    def __init__(self, store: Store, dossier_id: uuid.UUID, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.dossier_id, self.vandaag = store, dossier_id, vandaag
        self.resize(1120, 660)
        self.lay = QVBoxLayout(self)
        self.body: QWidget | None = None
        self.reload()

    def reload(self) -> None:
        # the first read is the opening (its audit line); reading again after a save is the same opening
        d = (dossiers.herlees(self.store, self.detail) if self.body is not None
             else dossiers.detail(self.store, self.dossier_id))
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
        open_ = d.afgesloten_op is None
        tabs.addTab(self._gegevens(d, open_), "Gegevens en gezin")
        self.contacten_tab = ContactenTab(self.store, self.dossier_id, self.vandaag, open_, d.contacten)
        self.contacten_tab.changed.connect(self._na_correctie)
        tabs.addTab(self.contacten_tab, f"Contactmomenten ({len(d.contacten)})")
        # the tabs show what this one opening read (one audit line: dossiers.detail); they read again
        # on their own (a line each) only after a save or a conflict
        self.plan_tab = PlanTab(self.store, self.dossier_id, self.vandaag, d.afgesloten_op is None, gelezen=d.plan)
        if concept:
            self.plan_tab.zet_concept(concept)
        tabs.addTab(self.plan_tab, "Ondersteuningsplan")
        self.toewijzingen_tab = ToewijzingenTab(self.store, self.dossier_id, self.vandaag, d.afgesloten_op is None,
                                                rows=d.toewijzingen, lijsten=d.codelijsten)
        tabs.addTab(self.toewijzingen_tab, "Toewijzingen")
        self.toewijzingen_tab.changed.connect(self._toewijzingen_titel)
        self._toewijzingen_titel()
        self.consulenten_tab = self._consulenten(d)
        tabs.addTab(self.consulenten_tab, "Consulenten en klikgesprek")
        tabs.addTab(self._triage(d), "Triage")
        self.geschiedenis_tab = GeschiedenisTab(self.store, self.dossier_id, d.geschiedenis)
        tabs.addTab(self.geschiedenis_tab, f"Geschiedenis ({len(d.geschiedenis)})")
        lay.addWidget(tabs, 1)
        knoppen = QHBoxLayout()
        self.contact_knop = QPushButton("Contactmoment toevoegen…")
        self.contact_knop.clicked.connect(self.contact_toevoegen)
        self.afsluit_knop = QPushButton("Dossier afsluiten…")
        self.afsluit_knop.clicked.connect(self.afsluiten)
        for b in (self.contact_knop, self.afsluit_knop):
            b.setEnabled(d.afgesloten_op is None)
            knoppen.addWidget(b)
        # prints (reports/ondersteuningsplan.py, reports/dossierafdruk.py): also of a closed dossier
        self.plan_afdruk_knop = QPushButton("Plan afdrukken…")
        self.plan_afdruk_knop.setToolTip("Het ondersteuningsplan voor het gezin, in eenvoudige taal, zonder kosten")
        self.plan_afdruk_knop.clicked.connect(self.plan_afdrukken)
        self.dossier_afdruk_knop = QPushButton("Dossier afdrukken…")
        self.dossier_afdruk_knop.setToolTip("Het hele dossier met alle geschiedenis (overdracht, inzageverzoek)")
        self.dossier_afdruk_knop.clicked.connect(self.dossier_afdrukken)
        knoppen.addWidget(self.plan_afdruk_knop)
        knoppen.addWidget(self.dossier_afdruk_knop)
        knoppen.addStretch(1)
        sluit = QPushButton("Sluiten")
        sluit.clicked.connect(self.reject)  # like the window's X and Escape: asks first when the plan has changes
        knoppen.addWidget(sluit)
        lay.addLayout(knoppen)
        self.lay.addWidget(self.body)

    # closing with an unsaved plan asks (ui/onopgeslagen.py); the plan tab is the window's only form
    def invoer_widgets(self) -> list[QWidget]:
        return []

    def heeft_wijzigingen(self) -> bool:
        return self.body is not None and self.plan_tab.heeft_wijzigingen()

    def wijzigingen_in(self) -> str:
        return "het tabblad „Ondersteuningsplan”"

    def toon_wijzigingen(self) -> None:
        self.tabs.setCurrentWidget(self.plan_tab)

    def bewaar_invoer(self) -> None:
        if self.plan_tab.save():
            self.gelukt = f"Ondersteuningsplan van dossier {self.detail.dossiernummer} opgeslagen."
            self.accept()

    def _gegevens(self, d: dossiers.DossierDetail, bewerkbaar: bool) -> QWidget:
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
        view = self.gegevens_view = QTextBrowser()
        view.setHtml(html)
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(view, 1)
        knoppen = QHBoxLayout()
        self.jeugdige_knop = QPushButton("Jeugdige corrigeren…")
        self.jeugdige_knop.clicked.connect(self.jeugdige_corrigeren)
        self.gezin_knop = QPushButton("Gezin en gezinsleden…")
        self.gezin_knop.clicked.connect(self.gezin_corrigeren)
        self.aanmelding_knop = QPushButton("Aanmelding corrigeren…")
        self.aanmelding_knop.clicked.connect(self.aanmelding_corrigeren)
        for b in (self.jeugdige_knop, self.gezin_knop, self.aanmelding_knop):
            b.setEnabled(bewerkbaar)
            knoppen.addWidget(b)
        knoppen.addStretch(1)
        if not bewerkbaar:
            knoppen.addWidget(QLabel("<span style='color:#555'>Afgesloten dossier: de gegevens zijn alleen te "
                                     "lezen.</span>"))
        lay.addLayout(knoppen)
        return w

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

    def _na_correctie(self) -> None:
        """Read the dossier again (the header, the tabs) and stay on the tab the user was on."""
        index = self.tabs.currentIndex()
        self.reload()
        self.tabs.setCurrentIndex(index)

    def jeugdige_corrigeren(self) -> None:
        if JeugdigeDialog(self.store, self.dossier_id, self.vandaag, self).exec():
            self._na_correctie()

    def gezin_corrigeren(self) -> None:
        GezinDialog(self.store, self.dossier_id, self).exec()
        self._na_correctie()  # gezinsleden are saved at once, also when the name is not

    def aanmelding_corrigeren(self) -> None:
        if AanmeldingDetailsDialog(self.store, self.dossier_id, self).exec():
            self._na_correctie()

    def contact_toevoegen(self) -> None:
        if ContactDialog(self.store, self.dossier_id, self.vandaag, self).exec():
            self.reload()
            self.tabs.setCurrentIndex(1)

    def afsluiten(self) -> None:
        """Closing the dossier makes the plan read-only: an unsaved plan is saved first (or left, or the
        closing is cancelled) — never silently kept in fields that can no longer be saved."""
        if self.heeft_wijzigingen():
            self.toon_wijzigingen()
            keuze = onopgeslagen.vraag_opslaan(self, self.wijzigingen_in())
            if keuze == onopgeslagen.ANNULEREN or (keuze == onopgeslagen.OPSLAAN and not self.plan_tab.save()):
                return
        if AfsluitDialog(self.store, self.dossier_id, self.detail.version, self.vandaag, self, self.detail).exec():
            self.reload()

    def _afdrukken(self, maak, label: str, voorstel: str, objecttype: str) -> None:
        """Build the PDF off the GUI thread (its one EXPORT line in the service), then the print preview;
        printing or saving a copy from the preview is logged on this dossier's number."""
        from jet_desktop.services import audit
        from jet_desktop.ui.dialogs.pdf_preview import afdrukken_op_achtergrond

        store, dossier_id, nummer = self.store, self.dossier_id, self.detail.dossiernummer

        def regel(actie, omschrijving: str) -> None:
            audit.log(store, actie, objecttype, dossier_id, nummer, omschrijving)

        afdrukken_op_achtergrond(self, lambda pad: maak(store, dossier_id, pad), label, voorstel,
                                 audit_regel=regel)

    def plan_afdrukken(self) -> None:
        """The stored plan is what is printed: unsaved changes in the plan tab are saved first (or left, or the
        print is cancelled)."""
        from jet_desktop.reports import ondersteuningsplan

        if self.heeft_wijzigingen():
            self.toon_wijzigingen()
            keuze = onopgeslagen.vraag_opslaan(self, self.wijzigingen_in())
            if keuze == onopgeslagen.ANNULEREN or (keuze == onopgeslagen.OPSLAAN and not self.plan_tab.save()):
                return
        self._afdrukken(ondersteuningsplan.maak_pdf, "Ondersteuningsplan maken…",
                        f"ondersteuningsplan-{self.detail.dossiernummer}.pdf", "ondersteuningsplan")

    def dossier_afdrukken(self) -> None:
        from jet_desktop.reports import dossierafdruk

        self._afdrukken(dossierafdruk.maak_pdf, "Dossier maken…", f"dossier-{self.detail.dossiernummer}.pdf",
                        "dossier")
