"""Take the README screenshots offscreen from a demo store: `.venv/bin/python scripts/screenshots.py`.

Writes docs/screenshots/*.png. The demo store is generated with a fixed seed and
peildatum, so the pictures are reproducible.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
VANDAAG = date(2026, 11, 25)


def main() -> int:
    from jet_desktop.demo.generator import generate
    from jet_desktop.storage.engine import sqlite_url
    from jet_desktop.storage.store import Store
    from jet_desktop.ui.dialogs.aanmelding_dialog import AanmeldingDialog
    from jet_desktop.ui.dialogs.consulent_toewijzen_dialog import ConsulentToewijzenDialog
    from jet_desktop.ui.dialogs.triage_dialog import TriageDialog
    from jet_desktop.ui.dossier.window import DossierWindow
    from jet_desktop.ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    db = Path(tempfile.mkdtemp()) / "demo.db"
    generate(sqlite_url(db), jeugdigen=3000, seed=1, vandaag=VANDAAG)
    app = QApplication.instance() or QApplication(sys.argv)
    from jet_desktop.ui import onopgeslagen

    onopgeslagen.vraag_opslaan = lambda *_a: onopgeslagen.NIET_OPSLAAN  # filled forms close without the question
    from jet_desktop.services.inloggen import inloggen
    from jet_desktop.services.medewerkers import demo_aanmeldnamen

    systeem = Store.open_file(db)
    namen = {n.split("(")[1].rstrip(")"): n.split()[0] for n in demo_aanmeldnamen(systeem)}
    store = inloggen(systeem, namen["teamleider"], "", sleutel_bewezen=True)
    beheerder = inloggen(systeem, namen["functioneel beheerder"], "", sleutel_bewezen=True)

    def shot(widget, name):
        widget.show()
        app.processEvents()
        widget.grab().save(str(OUT / f"{name}.png"))
        print(OUT / f"{name}.png")

    import time

    def wacht(klaar, seconden=60):
        eind = time.monotonic() + seconden
        while not klaar() and time.monotonic() < eind:
            app.processEvents()
            time.sleep(0.02)

    win = MainWindow(sqlite_url(db))
    win.resize(1280, 800)
    win.show()
    win.attach_store(store, VANDAAG)
    wacht(lambda: not win.pages["wachtlijst"].model.bezig and win.pages["wachtlijst"].model.rowCount() > 0)
    shot(win, "main-wachtlijst")
    triage_page = win.show_page("triage")
    shot(win, "triage")
    caseload_page = win.show_page("caseload")
    caseload_page.team.selectRow(0)
    shot(win, "caseload")

    form = AanmeldingDialog(store, VANDAAG, win)
    form.resize(820, 900)
    form.voornaam.setText("Noor")
    form.achternaam.setText("El Amrani")
    form.geboortedatum.setText("14-02-2015")
    form.bsn.setText("123456789")
    form.verwijzer.setCurrentIndex(form.verwijzer.findData("poh_jeugd"))
    form.hulpvraag.setPlainText("Angstklachten, wil niet naar school.")
    form.save()  # shows the BSN message
    shot(form, "aanmelding-bsn-fout")
    form.close()

    r = triage_page.selected()
    if r is not None:
        dlg = TriageDialog(store, r.aanmelding_id, r.version, f"{r.dossiernummer} — {r.naam}", VANDAAG, r.hulpvraag, win)
        dlg.set_uitkomst("zelf_oppakken")
        dlg.motivering.setPlainText("Opvoedvragen na scheiding; ouders kunnen met steun regie voeren.")
        shot(dlg, "triagebesluit")
        dlg.close()

    wl = win.show_page("wachtlijst")
    wacht(lambda: not wl.model.bezig and wl.model.rowCount() > 0)
    wl.view.selectRow(0)
    w = wl.selected()
    dlg = ConsulentToewijzenDialog(store, w.aanmelding_id, f"{w.dossiernummer} — {w.voornaam} {w.achternaam}", VANDAAG,
                        w.beoogd_consulent, win)
    shot(dlg, "toewijzen")
    dlg.close()

    dossiers = caseload_page.dossier_model.rows
    if dossiers:
        dw = DossierWindow(store, dossiers[0].dossier_id, VANDAAG, win)
        dw.tabs.setCurrentWidget(dw.consulenten_tab)
        shot(dw, "dossier")
        dw.close()

    # care in a dossier: an active one with a plan and two toewijzingen, one of them DVO maatwerk if any
    from jet_desktop.services import caseload, zorg

    actief = [d.dossier_id for c in caseload.consulenten(store, VANDAAG) for d in caseload.dossiers_van(store, c.id)]
    did = max(actief, key=lambda d: (zorg.ondersteuningsplan(store, d) is not None,
                                     min(len(zorg.toewijzingen(store, d)), 2),
                                     any(t.is_dvo for t in zorg.toewijzingen(store, d))))
    dw = DossierWindow(store, did, VANDAAG, win)
    dw.tabs.setCurrentWidget(dw.plan_tab)
    shot(dw, "ondersteuningsplan")
    dw.tabs.setCurrentWidget(dw.toewijzingen_tab)
    shot(dw, "toewijzingen")
    dw.close()

    # the monitor, with the other toegangsvormen imported from a demo file (and a bad file's error list)
    from jet_desktop.demo.toegang import schrijf_toegang_bestand
    from jet_desktop.ui.dialogs.toegang_import_dialog import ToegangImportDialog

    werk = Path(tempfile.mkdtemp())
    goed = werk / "toegang-2025.csv"
    schrijf_toegang_bestand(goed, 3000, seed=1, van=date(2024, 1, 1), tot=date(2025, 12, 31))
    slecht = werk / "toegang-fout.csv"
    regels = goed.read_text(encoding="utf-8-sig").splitlines()[:12]
    kapot = [regels[0]] + regels[1:4] + [regels[4].replace("POH Jeugd", "Huisarts", 1)] + regels[5:7]
    kapot += ["POH Jeugd;P-99999;31-02-2025;;3;", "Amaryllis;A-12345;2025-03-01;2025-02-01;-1;zelf geholpen"]
    slecht.write_text("\n".join(kapot) + "\n", encoding="utf-8")
    imp = ToegangImportDialog(store, win)
    imp.resize(900, 520)
    imp.show()
    imp.start_import(slecht)
    wacht(lambda: not imp.bezig and bool(imp.fouten))
    shot(imp, "import-fouten")
    imp.start_import(goed)
    wacht(lambda: not imp.bezig and imp.resultaat is not None)
    imp.close()

    mon = win.show_page("monitor")
    mon.periode.soort.setCurrentIndex(mon.periode.soort.findData("jaar"))
    mon.periode.jaar.setValue(2025)
    wacht(lambda: mon.beeld is not None and mon.beeld.van.year == 2025 and mon.export_knop.isEnabled())
    shot(win, "monitor")
    for i, naam in ((1, "monitor-wachtlijst"), (2, "monitor-caseload"), (3, "monitor-doorverwijzingen")):
        mon.tabs.setCurrentIndex(i)
        shot(win, naam)
    mc = win.show_page("matched_care")
    mc.periode.soort.setCurrentIndex(mc.periode.soort.findData("jaar"))
    mc.periode.jaar.setValue(2025)
    wacht(lambda: mc.beeld is not None and mc.beeld.mc.van.year == 2025 and mc.export_knop.isEnabled())
    shot(win, "matched-care")
    mc.tabs.setCurrentIndex(mc.tabs.count() - 1)  # Kosten per jaar: the table the exports write
    shot(win, "matched-care-kosten")

    # issue 15: a save says so in the status bar; a colleague's caseload seen by a consulent; a waarneming
    from dataclasses import replace as _replace

    from jet_desktop.domain.enums import Rol
    from jet_desktop.ui.dialogs.herverdeling_dialog import HerverdelingDialog
    from jet_desktop.ui.pages.caseload_page import CaseloadPage

    win.show_page("wachtlijst")
    win.statusBar().showMessage("Triagebesluit opgeslagen voor 2026-01234: Specialistische jeugdhulp (matched care), "
                                "urgentie hoog.")
    shot(win, "status-opgeslagen")
    team = caseload.consulenten(store, VANDAAG)
    ik, collega = team[0], max(team[1:], key=lambda c: c.belasting)
    consulent = _replace(store, user=ik.naam, user_id=ik.id, rol=Rol.CONSULENT)
    cp = CaseloadPage(consulent, VANDAAG)
    cp.resize(1280, 700)
    cp.refresh()
    cp.select_consulent(collega.naam)
    shot(cp, "caseload-collega")
    cp.close()
    caseload.markeer_afwezig(store, collega.id, VANDAAG, date(2026, 12, 9), "Ziekte")
    afwezig = next(c for c in caseload.consulenten(store, VANDAAG) if c.id == collega.id)
    hv = HerverdelingDialog(store, afwezig, VANDAAG, win)
    hv.resize(900, 640)
    shot(hv, "herverdelen-waarneming")
    hv.close()

    # first pages of the monitor and matched-care PDFs, rendered as the print preview does
    import pypdfium2

    from jet_desktop.reports import matched_care_export, monitor
    from jet_desktop.ui.dialogs.pdf_preview import _page_image

    for naam, schrijf in (("monitor-pdf", lambda pad: monitor.write_monitor(mon.beeld.uitkomst, "pdf", pad)),
                          ("matched-care-pdf", lambda pad: matched_care_export.write_matched_care(
                              mc.beeld.mc, "pdf", pad, organisatie="Gemeente Leeuwarden", team="Jeugdexpertteam",
                              afgedrukt_door="Tessa Teamleider"))):
        pad = werk / f"{naam}.pdf"
        schrijf(pad)
        _page_image(pypdfium2.PdfDocument(str(pad))[0], 70).save(str(OUT / f"{naam}.png"))
        print(OUT / f"{naam}.png")

    # signing in and the Beheer screens of the functioneel beheerder
    from jet_desktop.ui.dialogs.auditlog_dialog import AuditlogDialog
    from jet_desktop.ui.dialogs.bewaring_dialog import BewaringDialog
    from jet_desktop.ui.dialogs.gebruikers_dialog import GebruikersDialog
    from jet_desktop.ui.dialogs.inlog_dialog import InlogDialog, NieuweGegevenssetDialog

    waar = "/home/anouk/.local/share/JET Desktop/jet.db"
    shot(InlogDialog(waar, "versleuteld", "anouk.devries",
                       "De wachtwoordzin is onjuist (of jet.db is geen JET-gegevensset). Er is niets gewijzigd."),
         "aanmelden")
    nieuw = NieuweGegevenssetDialog(waar)
    nieuw.naam.setText("Anouk de Vries")
    shot(nieuw, "nieuwe-gegevensset")
    shot(GebruikersDialog(beheerder), "gebruikers")
    audit = AuditlogDialog(beheerder)
    audit.resize(1200, 600)
    shot(audit, "auditlog")
    shot(BewaringDialog(beheerder, date(2050, 1, 1)), "bewaring")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
