"""The sign-in dialog's team server choice: the workstation's profile (jet_desktop/teamserverprofiel.py), connecting
on a worker with "Verbinden…" and Afbreken, an unreachable server a Dutch message in seconds with the input kept,
signing in to a real PostgreSQL server, an empty team server never offered a new gegevensset."""

import socket
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from ui_support import when_modal

from jet_desktop import teamserverprofiel as tp
from jet_desktop.ui import app as app_module
from jet_desktop.ui.dialogs.inlog_dialog import LOKAAL, TEAMSERVER, InlogDialog, NieuweGegevenssetDialog
from jet_desktop.ui.main_window import MainWindow


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def profiel_op(poort: int, database: str = "jet") -> tp.Profiel:
    profiel = tp.Profiel("127.0.0.1", poort, database, "disable")
    tp.bewaar(profiel)
    return profiel


def inlogvenster(qtbot, tmp_path, **kw) -> InlogDialog:
    dlg = InlogDialog(str(tmp_path / "jet.db"), "nieuw", "", "", None, teamserver=True,
                      kies_teamserver=kw.pop("kies_teamserver", True), **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def aanmelden(dlg, naam="bram", wachtwoord="bram zijn wachtwoord"):
    dlg.gebruikersnaam.setText(naam)
    dlg.wachtwoord.setText(wachtwoord)
    dlg.buttons.accepted.emit()


def blijft_bedienbaar(qtbot) -> None:
    """The event loop runs while the dialog connects: a timer started now fires."""
    gevuurd = []
    QTimer.singleShot(0, lambda: gevuurd.append(True))
    qtbot.waitUntil(lambda: bool(gevuurd), timeout=2000)


def test_the_dialog_shows_the_profiles_server_and_offers_both_choices(qtbot, tmp_path):
    profiel_op(6543, "jet_team")
    dlg = inlogvenster(qtbot, tmp_path)
    assert dlg.keuze == TEAMSERVER and dlg.server_keuze.isVisible() and dlg.lokaal_keuze.isVisible()
    assert dlg.server_waar.text() == "127.0.0.1:6543/jet_team" and dlg.wijzigen.isVisible()
    assert dlg.gebruikersnaam.isVisible() and dlg.wachtwoord.isVisible()
    dlg.lokaal_keuze.setChecked(True)  # the local file, not there yet: no name and password, "Verder…"
    assert dlg.keuze == LOKAAL and not dlg.gebruikersnaam.isVisible()
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Verder…"
    assert not dlg.wijzigen.isEnabled()


def test_an_unreachable_server_is_a_dutch_message_in_seconds_and_the_input_stays(qtbot, tmp_path):
    poort = vrije_poort()  # nothing listens there
    profiel_op(poort)
    dlg = inlogvenster(qtbot, tmp_path)
    aanmelden(dlg, "anouk", "mijn wachtwoord")
    assert dlg.bezig and dlg.voortgang.isVisible() and "Verbinden met de teamserver 127.0.0.1" in dlg.voortgang_tekst.text()
    qtbot.waitUntil(lambda: not dlg.bezig, timeout=(tp.VERBINDINGSTIJD + 5) * 1000)
    assert dlg.isVisible()  # not closed, not frozen
    assert dlg.algemeen.text().startswith(f"De teamserver 127.0.0.1 (poort {poort}) is niet bereikbaar: de verbinding "
                                          "werd geweigerd")
    assert (dlg.gebruikersnaam.text(), dlg.wachtwoord.text()) == ("anouk", "mijn wachtwoord")
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled() and dlg.gebruikersnaam.isEnabled()
    assert not dlg.voortgang.isVisible()


def test_connecting_can_be_broken_off_and_the_window_stays_responsive(qtbot, tmp_path):
    with socket.socket() as stil:  # takes the connection, never answers: the attempt waits for its time-out
        stil.bind(("127.0.0.1", 0))
        stil.listen(1)
        profiel_op(stil.getsockname()[1])
        dlg = inlogvenster(qtbot, tmp_path)
        aanmelden(dlg, "anouk", "mijn wachtwoord")
        assert dlg.bezig and not dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        annuleren = dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert annuleren.text() == "Afbreken" and not dlg.gebruikersnaam.isEnabled()
        blijft_bedienbaar(qtbot)
        assert dlg.bezig  # still waiting for the silent server
        annuleren.click()
        assert not dlg.bezig and dlg.isVisible() and "afgebroken" in dlg.algemeen.text()
        assert (dlg.gebruikersnaam.text(), dlg.wachtwoord.text()) == ("anouk", "mijn wachtwoord")
        assert annuleren.text() == "Annuleren"
        QThreadPool.globalInstance().waitForDone((tp.VERBINDINGSTIJD + 5) * 1000)  # the attempt's late answer
        QApplication.processEvents()  # its signal delivered
        assert "afgebroken" in dlg.algemeen.text() and dlg.isVisible()  # … was ignored


def test_without_a_profile_the_team_server_asks_to_be_set_up(qtbot, tmp_path):
    dlg = inlogvenster(qtbot, tmp_path)
    assert dlg.server_waar.text() == "nog niet ingesteld" and dlg.wijzigen.text() == "Instellen…"
    aanmelden(dlg)
    assert not dlg.bezig and "kent de teamserver nog niet" in dlg.algemeen.text()

    def vul_in(profieldlg):
        profieldlg.host.setText("jet-db.gemeente.local")
        profieldlg.database.setText("jet_team")
        profieldlg.buttons.accepted.emit()

    when_modal(vul_in)
    dlg.wijzigen.click()
    assert dlg.server_waar.text() == "jet-db.gemeente.local:5432/jet_team" and dlg.wijzigen.text() == "Wijzigen…"
    assert tp.laad() == tp.Profiel("jet-db.gemeente.local", 5432, "jet_team")  # saved in the user's file


def test_the_profile_editor_refuses_no_encryption_on_a_real_server(qtbot):
    from jet_desktop.ui.dialogs.teamserverprofiel_dialog import TeamserverProfielDialog

    dlg = TeamserverProfielDialog(None)
    qtbot.addWidget(dlg)
    dlg.host.setText("jet-db.gemeente.local")
    dlg.sslmode.setCurrentIndex(dlg.sslmode.findData("disable"))
    dlg.buttons.accepted.emit()
    assert dlg.result() != dlg.DialogCode.Accepted and dlg.profiel is None
    assert "zonder versleuteling mag alleen op deze computer" in dlg.errors["sslmode"].text()
    assert not tp.gebruikersbestand().exists()


def test_a_bad_profile_file_is_shown_not_a_crash(qtbot, tmp_path):
    tp.gebruikersbestand().parent.mkdir(parents=True, exist_ok=True)
    tp.gebruikersbestand().write_text("[teamserver]\nhost = jet-db\nport = vijf\n", encoding="utf-8")
    dlg = inlogvenster(qtbot, tmp_path)
    assert str(tp.gebruikersbestand()) in dlg.info.text() and "Poort" in dlg.info.text()
    aanmelden(dlg)
    assert not dlg.bezig and str(tp.gebruikersbestand()) in dlg.algemeen.text()


def starter_voor(qtbot, tmp_path, url=None):
    window = MainWindow("")
    qtbot.addWidget(window)
    window.show()
    starter = app_module.Starter(window, app_module.date(2026, 11, 25), pad=tmp_path / "jet.db", url=url)
    starter.ask_demo, starter.automatisch = (lambda: False), None
    return window, starter


@pytest.fixture
def pg_profiel(pg_url):
    """The profile of the test's PostgreSQL database (no login in it: the medewerker signs in as their own)."""
    delen = urlsplit(pg_url)
    return profiel_op(delen.port, delen.path.lstrip("/"))


def test_signing_in_to_the_team_server_of_the_profile(qtbot, tmp_path, pg_url, pg_profiel):
    from jet_desktop.domain.enums import Rol
    from jet_desktop.services import teamserver
    from jet_desktop.storage.store import Store

    teamserver.init(pg_url, "frits.beheer", "Frits Beheer", "bram zijn wachtwoord")
    system = Store.open(pg_url, migrate=False)
    teamserver.gebruiker(system, "bram", "Bram Jansen", Rol.CONSULENT, "bram zijn wachtwoord", start=False)
    system.engine.dispose()
    window, starter = starter_voor(qtbot, tmp_path)
    fouten = []

    def vul_in(dlg):
        assert isinstance(dlg, InlogDialog) and dlg.keuze == TEAMSERVER  # the profile pre-selects it
        aanmelden(dlg, "bram", "niet zijn wachtwoord")
        qtbot.waitUntil(lambda: not dlg.bezig, timeout=30_000)
        fouten.append(dlg.algemeen.text())
        assert dlg.isVisible() and dlg.gebruikersnaam.text() == "bram"  # refused in the dialog itself
        aanmelden(dlg, "bram", "bram zijn wachtwoord")
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not dlg, timeout=30_000)

    when_modal(vul_in)
    with qtbot.waitSignal(window.ready, timeout=60_000):
        starter.start()
    assert fouten == ["Onbekende gebruikersnaam of onjuist wachtwoord."]
    assert "Bram Jansen (jeugdconsulent)" in window.aangemeld.text()
    assert window.store.engine.dialect.name == "postgresql"
    assert starter.url == tp.url(pg_profiel) and "@" not in starter.url  # no user, no password in it
    assert not (tmp_path / "jet.db").exists()  # no local store made on the way
    window.detach_store()


def test_an_empty_team_server_is_never_offered_a_new_gegevensset(qtbot, tmp_path, pg_store, pg_profiel):
    with pg_store.engine.begin() as conn:  # a login that exists on the server, in a database nobody set up
        conn.exec_driver_sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leeg.anouk') THEN "
                             "CREATE ROLE \"leeg.anouk\" LOGIN; END IF; END $$")
        conn.exec_driver_sql("ALTER ROLE \"leeg.anouk\" PASSWORD 'een wachtwoord'")
    window, starter = starter_voor(qtbot, tmp_path)
    gezien = []

    def vul_in(dlg):
        assert isinstance(dlg, InlogDialog)
        aanmelden(dlg, "leeg.anouk", "een wachtwoord")
        qtbot.waitUntil(lambda: not dlg.bezig, timeout=30_000)
        gezien.append((dlg.isVisible(), dlg.algemeen.text()))
        dlg.reject()

    when_modal(vul_in)
    starter.start()
    qtbot.waitUntil(lambda: bool(gezien), timeout=30_000)
    zichtbaar, tekst = gezien[0]
    assert zichtbaar and "jet-desktop teamserver init" in tekst and "nog geen gegevensset" in tekst
    assert not any(isinstance(w, NieuweGegevenssetDialog) for w in QApplication.topLevelWidgets() if w.isVisible())


def test_the_url_option_pre_selects_the_team_server_with_that_url(qtbot, tmp_path):
    profiel_op(6543, "ander")  # --url wins over the profile
    poort = vrije_poort()
    url = f"postgresql+psycopg://postgres@127.0.0.1:{poort}/jet_cli"
    window, starter = starter_voor(qtbot, tmp_path, url=url)
    gezien = []

    def vul_in(dlg):
        gezien.append((dlg.keuze, dlg.server_waar.text(), dlg.wijzigen.isVisible()))
        aanmelden(dlg)
        qtbot.waitUntil(lambda: not dlg.bezig, timeout=30_000)
        gezien.append(dlg.algemeen.text())
        dlg.reject()

    when_modal(vul_in)
    starter.start()
    qtbot.waitUntil(lambda: len(gezien) == 2, timeout=30_000)
    assert gezien[0] == (TEAMSERVER, f"127.0.0.1:{poort}/jet_cli", False)
    assert gezien[1].startswith(f"De teamserver 127.0.0.1 (poort {poort}) is niet bereikbaar")


def test_the_new_store_dialog_leads_to_the_team_server(qtbot, tmp_path):
    window, starter = starter_voor(qtbot, tmp_path)
    gezien = []

    def inloggen(dlg):
        gezien.append((type(dlg).__name__, getattr(dlg, "keuze", None)))
        dlg.reject()

    def nieuw(dlg):
        assert isinstance(dlg, NieuweGegevenssetDialog)  # no profile, no local store: the first start of a laptop
        when_modal(inloggen)
        knop = next(b for b in dlg.buttons.buttons() if b.text() == "Aanmelden bij een teamserver…")
        knop.click()

    when_modal(nieuw)
    starter.start()
    qtbot.waitUntil(lambda: bool(gezien), timeout=10_000)
    assert gezien == [("InlogDialog", TEAMSERVER)]
