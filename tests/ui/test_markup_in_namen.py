"""A name is shown as written in rich-text labels: "<b>", "<img …>" or "&" in a name or hulpvraag
is text, not markup (QLabel interprets text with tags as HTML)."""

from sqlalchemy import update
from ui_support import VANDAAG

from jet_desktop.storage.models import Medewerker
from jet_desktop.ui.dialogs.consulent_toewijzen_dialog import ConsulentToewijzenDialog
from jet_desktop.ui.dialogs.triage_dialog import TriageDialog
from jet_desktop.ui.pages.caseload_page import CaseloadPage

MARKUP = "<img src='x.png'><b>Vet</b> & Zn"
ESCAPED = "&lt;img src=&#x27;x.png&#x27;&gt;&lt;b&gt;Vet&lt;/b&gt; &amp; Zn"


def _labels(widget):
    from PySide6.QtWidgets import QLabel

    return [lab.text() for lab in widget.findChildren(QLabel)]


def test_caseload_title_escapes_the_consulent_name(qtbot, team_store):
    M = Medewerker.__table__
    with team_store.engine.begin() as conn:
        conn.execute(update(M).where(M.c.id == team_store.ids["Anouk de Vries"]).values(naam=MARKUP))
    page = CaseloadPage(team_store, VANDAAG)
    qtbot.addWidget(page)
    page.refresh()
    page.select_consulent(MARKUP)
    assert ESCAPED in page.dossier_titel.text() and "<img" not in page.dossier_titel.text()


def test_triage_and_toewijs_dialogs_escape_names_and_keep_hulpvraag_lines(qtbot, team_store):
    aid = team_store.regs["triage"].aanmelding_id
    dlg = TriageDialog(team_store, aid, 1, f"2026-00001 — {MARKUP}", VANDAAG, "Regel 1\n<script>Regel 2")
    qtbot.addWidget(dlg)
    kop = next(t for t in _labels(dlg) if "2026-00001" in t)
    assert ESCAPED in kop and "Regel 1<br>&lt;script&gt;Regel 2" in kop
    dlg2 = ConsulentToewijzenDialog(team_store, team_store.regs["wacht_normaal"].aanmelding_id, f"2026-00002 — {MARKUP}",
                         VANDAAG)
    qtbot.addWidget(dlg2)
    assert any(ESCAPED in t for t in _labels(dlg2))


def test_the_aanmelding_form_shows_bad_text_at_its_field(qtbot, team_store):
    from test_aanmelding_dialog import count, fill

    from jet_desktop.storage.models import Jeugdige
    from jet_desktop.ui.dialogs.aanmelding_dialog import AanmeldingDialog

    voor = count(team_store, Jeugdige.__table__)
    dlg = AanmeldingDialog(team_store, VANDAAG)
    qtbot.addWidget(dlg)
    fill(dlg)
    dlg.voornaam.setText("No\x00or")
    dlg.woonplaats.setText("L" * 121)
    dlg.ouders[0].naam.setText("Samira\x1b")
    dlg.buttons.accepted.emit()
    assert dlg.result() != dlg.DialogCode.Accepted
    assert dlg.errors["voornaam"].text().startswith("Voornaam: bevat een nul-teken")
    assert dlg.errors["postcode"].text() == "Woonplaats: te lang (121 tekens; maximaal 120)."
    assert dlg.errors["ouders"].text().startswith("Ouder/verzorger 1: naam: bevat een stuurteken")
    assert count(team_store, Jeugdige.__table__) == voor
