"""A lost connection to the teamserver (PostgreSQL stopped, the network gone): a save from a form says so in
the form and keeps the input, nothing is reported as saved; a list page that reloads shows the message instead
of a traceback; the command line says it in Dutch with exit 1; once the server is back, the same engine saves.

The test stops and starts a PostgreSQL server, so it has a cluster of its own (tests/pg.py), not the session's.
Without the server binaries it is skipped, except on CI (CI=true), where it fails."""

from __future__ import annotations

import sys
import time

import pytest
from pg import PgUnavailable, in_ci, start_cluster
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select, text
from ui_support import VANDAAG, aanmelding, assign, besluit

from jet_desktop.commands import foutmeldingen
from jet_desktop.domain.enums import Rol
from jet_desktop.meldingen import is_verbinding_verbroken, is_verbinding_weg
from jet_desktop.services import medewerkers
from jet_desktop.storage.models import Contactmoment
from jet_desktop.storage.store import Store
from jet_desktop.ui import foutdialoog, foutmelding
from jet_desktop.ui.dialogs.dossier_dialogs import ContactDialog
from jet_desktop.ui.main_window import MainWindow

NOTITIE = "Gesprek met vader over de ochtenden; school belt volgende week terug."


class Server:
    """Our own cluster: stop it hard (as a crash or a pulled cable would) and start it again on the same port."""

    def __init__(self, cluster):
        self.cluster = cluster

    def stop(self) -> None:
        c = self.cluster
        with c._admin() as conn:  # the test cluster commits asynchronously: what was committed must survive the stop
            conn.execute("CHECKPOINT")
        c._run(c.pg_ctl, "stop", "-D", str(c.datadir), "-m", "immediate", "-w", "-t", "30")
        c._started = False

    def start(self) -> None:
        c = self.cluster
        opties = (f"-c listen_addresses=127.0.0.1 -p {c.port} -k {c.base} -c fsync=off -c synchronous_commit=off "
                  "-c full_page_writes=off -c max_connections=200")
        c._run(c.pg_ctl, "start", "-w", "-t", "60", "-D", str(c.datadir), "-l", str(c.logfile), "-o", opties,
               timeout=90)
        c._started = True


@pytest.fixture(scope="module")
def server():
    try:
        cluster = start_cluster()
    except PgUnavailable as exc:
        if in_ci():
            pytest.fail(f"CI is set, so the PostgreSQL tests must run: {exc}", pytrace=False)
        pytest.skip(str(exc))
    try:
        yield Server(cluster)
    finally:
        cluster.stop()


@pytest.fixture
def pg_team(server):
    """A small team with one dossier on a database of our own server (like tests/ui/conftest.py team_store)."""
    c = server.cluster
    if not c._started:
        server.start()
    url = c.url(c.create_database())
    store = Store.open(url, user="Teamleider Test")
    ids = {naam: medewerkers.voeg_toe(store, naam, Rol.CONSULENT, 1.0) for naam in ("Anouk de Vries",)}
    ids["Tessa Teamleider"] = medewerkers.voeg_toe(store, "Tessa Teamleider", Rol.TEAMLEIDER, 1.0)
    store.user_id = ids["Tessa Teamleider"]
    store.regs = {"wacht_hoog": aanmelding(store, "Finn", "Mulder", VANDAAG.replace(year=2011), 30),
                  "wacht_normaal": aanmelding(store, "Daan", "Visser", VANDAAG.replace(year=2014), 60)}
    besluit(store, store.regs["wacht_hoog"], "hoog", 25)
    besluit(store, store.regs["wacht_normaal"], "normaal", 55)
    store.ids = ids
    store.url = url
    yield store
    if not c._started:
        server.start()
    store.engine.dispose()


def contactmomenten(store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(Contactmoment.__table__.c.notitie)).scalars())


def ok(dlg):
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_save_while_the_server_is_down_keeps_the_input_and_saves_once_it_is_back(qtbot, server, pg_team):
    store = pg_team
    dossier_id = assign(store, "wacht_hoog", "Anouk de Vries")
    dlg = ContactDialog(store, dossier_id, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.notitie.setPlainText(NOTITIE)
    dlg.duur.setValue(45)
    assert contactmomenten(store) == []  # the pool holds a live connection now

    server.stop()
    ok(dlg)
    assert dlg.algemeen.text() == foutmelding.VERBINDING_WEG
    assert dlg.algemeen.text().startswith("De verbinding met de teamserver is verbroken; uw invoer staat nog in het "
                                          "formulier")
    assert dlg.isVisible() and dlg.result() == 0  # not accepted: nothing reported as saved
    assert dlg.notitie.toPlainText() == NOTITIE and dlg.duur.value() == 45

    server.start()
    begin = time.perf_counter()
    ok(dlg)  # the same engine: pool_pre_ping replaces the dead connections
    assert dlg.result() == 1, dlg.algemeen.text()
    print(f"save after the server came back: {time.perf_counter() - begin:.2f} s", file=sys.stderr)
    assert contactmomenten(store) == [NOTITIE]  # saved once: the failed attempt wrote nothing


@pytest.mark.qt_no_exception_capture
def test_a_list_page_that_reloads_shows_the_message_not_a_traceback(qtbot, server, pg_team, monkeypatch, capsys):
    store = pg_team
    window = MainWindow(store.url)
    qtbot.addWidget(window)
    window.show()
    window.attach_store(store, VANDAAG)
    from wachtlijst_support import klaar

    page = klaar(window.show_page("wachtlijst"))  # read on a worker
    assert page.model.rowCount() == 2
    monkeypatch.setattr(sys, "excepthook", foutdialoog._haak)  # as ui/app.run_gui installs it
    monkeypatch.setattr(foutdialoog, "_open", None)

    server.stop()
    window.refresh_action.trigger()  # a slot: its exception reaches the hook
    qtbot.waitUntil(lambda: foutdialoog._open is not None, timeout=10_000)
    dlg = foutdialoog._open
    try:
        assert dlg.wat.text() == foutmelding.VERBINDING_WEG_ALGEMEEN and dlg.kop.text() == foutdialoog.NIET_GELUKT_KOP
        assert "onverwacht" not in dlg.wat.text().lower()
        assert "Traceback" not in capsys.readouterr().err
        assert window.isVisible()  # the application keeps running
    finally:
        dlg.close()

    monkeypatch.setattr(foutdialoog, "_open", None)
    server.start()
    window.refresh_action.trigger()  # the server is back: the page reads again, no dialog
    assert klaar(page).model.rowCount() == 2 and foutdialoog._open is None


def test_the_command_line_says_it_in_dutch_with_exit_1(server, pg_team, capsys, tmp_path):
    from jet_desktop import cli

    store = pg_team
    with store.engine.connect() as conn:  # a connection that was there and goes
        conn.execute(text("SELECT 1"))
        server.stop()
        with pytest.raises(Exception) as info:
            conn.execute(text("SELECT 1"))
    assert is_verbinding_weg(info.value) and is_verbinding_verbroken(info.value)
    assert foutmeldingen.melding(info.value) == (foutmeldingen.VERBINDING_VERBROKEN, 1)

    code = cli.main(["wachtlijst", "--url", store.url, "--pdf", str(tmp_path / "w.pdf")])  # the server is gone
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "De databaseserver is niet bereikbaar" in err, err
    assert not (tmp_path / "w.pdf").exists()
    server.start()
    assert cli.main(["wachtlijst", "--url", store.url, "--pdf", str(tmp_path / "w.pdf")]) == 0
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Contactmoment.__table__)).scalar() == 0
