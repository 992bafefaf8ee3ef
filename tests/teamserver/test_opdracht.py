"""`jet-desktop teamserver init|gebruiker` as IT uses them, and the demo team server of scripts/teamserver.sh."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from jet_desktop.cli import main

WW = "Een-Lang-Wachtwoord-2026"


def _zonder_login(url: str) -> str:
    return make_url(url)._replace(username=None, password=None).render_as_string(hide_password=False)


def _admin(url: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=u.username, autocommit=True)


def test_init_sets_up_says_what_it_did_and_a_second_run_upgrades_in_place(pg_url, monkeypatch, capsys):
    monkeypatch.setenv("JET_NIEUW_WACHTWOORD", WW)
    assert main(["teamserver", "init", "--url", pg_url, "--beheerder", "It.Beheer", "--naam", "IT Beheer"]) == 0
    uit = capsys.readouterr().out
    assert "PostgreSQL 15" in uit and "jet_consulent, jet_teamleider, jet_beheerder" in uit
    assert "(nieuw)" in uit and "Eerste functioneel beheerder aangemaakt: it.beheer" in uit
    assert main(["teamserver", "init", "--url", pg_url]) == 0
    uit = capsys.readouterr().out
    assert "(was al bij)" in uit and "Functioneel beheerder(s): it.beheer" in uit
    from jet_desktop.services import inloggen

    sessie = inloggen.open_sessie("it.beheer", WW, url=_zonder_login(pg_url))
    assert sessie.teamserver and sessie.user == "IT Beheer"
    sessie.engine.dispose()
    with _admin(pg_url) as c:  # the tables are the owner's, every one under row-level security
        eigenaars = {r[0] for r in c.execute("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")}
        zonder_rls = c.execute("SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                               "WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity").fetchall()
    assert eigenaars == {"jet_eigenaar"} and zonder_rls == []


def test_init_without_a_beheerder_on_a_new_server_says_what_is_missing(pg_url, capsys):
    assert main(["teamserver", "init", "--url", pg_url]) == 1
    assert "nog geen functioneel beheerder" in capsys.readouterr().err


def test_init_refuses_a_weak_password_and_an_admin_without_superuser(pg_url, monkeypatch, capsys):
    monkeypatch.setenv("JET_NIEUW_WACHTWOORD", "kort")
    assert main(["teamserver", "init", "--url", pg_url, "--beheerder", "it.beheer", "--naam", "IT"]) == 1
    assert "JET_NIEUW_WACHTWOORD" in capsys.readouterr().err
    with _admin(pg_url) as c:
        c.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gewone_dba') THEN "
                  "CREATE ROLE gewone_dba LOGIN CREATEROLE PASSWORD 'dba-wachtwoord'; END IF; END $$")
    gewoon = make_url(pg_url).set(username="gewone_dba", password="dba-wachtwoord").render_as_string(False)
    assert main(["teamserver", "init", "--url", gewoon]) == 1
    assert "SUPERUSER" in capsys.readouterr().err


def test_a_table_without_a_rule_stops_init(pg_url, monkeypatch, capsys):
    monkeypatch.setenv("JET_NIEUW_WACHTWOORD", WW)
    assert main(["teamserver", "init", "--url", pg_url, "--beheerder", "it.beheer", "--naam", "IT"]) == 0
    with _admin(pg_url) as c:
        c.execute("CREATE TABLE notities_van_it (tekst text)")
    capsys.readouterr()
    assert main(["teamserver", "init", "--url", pg_url]) == 1
    assert "notities_van_it" in capsys.readouterr().err


def test_bad_urls_are_dutch_messages(tmp_path, capsys):
    assert main(["teamserver", "init", "--url", f"sqlite:///{tmp_path}/x.db"]) == 2
    assert "PostgreSQL" in capsys.readouterr().err
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    assert main(["teamserver", "init", "--url", f"postgresql+psycopg://postgres@127.0.0.1:{poort}/jet"]) == 1
    assert "niet bereikbaar" in capsys.readouterr().err


def test_gebruiker_makes_a_login_and_a_start_password_asks_for_ones_own(pg_url, monkeypatch, capsys):
    from jet_desktop.services import inloggen

    monkeypatch.setenv("JET_NIEUW_WACHTWOORD", WW)
    assert main(["teamserver", "gebruiker", "--url", pg_url, "--gebruikersnaam", "x", "--naam", "X",
                 "--rol", "teamleider"]) == 1
    assert "teamserver init" in capsys.readouterr().err  # not a team server yet
    assert main(["teamserver", "init", "--url", pg_url, "--beheerder", "it.beheer", "--naam", "IT"]) == 0
    assert main(["teamserver", "gebruiker", "--url", pg_url, "--gebruikersnaam", "sanne.teamleider",
                 "--naam", "Sanne de Leider", "--rol", "teamleider", "--startwachtwoord"]) == 0
    assert "sanne.teamleider (teamleider)" in capsys.readouterr().out
    with pytest.raises(inloggen.NieuwWachtwoordNodig):
        inloggen.open_sessie("sanne.teamleider", WW, url=_zonder_login(pg_url))
    monkeypatch.setenv("JET_NIEUW_WACHTWOORD", "Nog-Een-Wachtwoord-27")  # again: the same login, a new password
    assert main(["teamserver", "gebruiker", "--url", pg_url, "--gebruikersnaam", "sanne.teamleider",
                 "--naam", "Sanne de Leider", "--rol", "teamleider"]) == 0
    sessie = inloggen.open_sessie("sanne.teamleider", "Nog-Een-Wachtwoord-27", url=_zonder_login(pg_url))
    assert sessie.rol.value == "teamleider"
    sessie.engine.dispose()
    assert main(["teamserver", "gebruiker", "--url", pg_url, "--gebruikersnaam", "postgres", "--naam", "P",
                 "--rol", "teamleider"]) == 2  # IT's own role is no medewerker's login
    assert "niet van JET" in capsys.readouterr().err


def test_the_demo_team_server_starts_fills_and_signs_in(pg_cluster):
    """scripts/teamserver.sh's work: its own cluster on 127.0.0.1, init, demo data, a login per medewerker."""
    basis = Path(tempfile.mkdtemp(prefix="jet-demo-ts-"))
    basis.chmod(0o755)  # as root the cluster runs as another user, who must reach its folder
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    env = {**os.environ, "JET_DATA_DIR": str(basis)}
    try:
        r = subprocess.run([sys.executable, "-m", "jet_desktop.demo.teamserver", "--jeugdigen", "60",
                            "--poort", str(poort)], capture_output=True, text=True, env=env, timeout=600)
        assert r.returncode == 0, r.stderr
        assert f"127.0.0.1:{poort}" in r.stdout and "(jeugdconsulent)" in r.stdout
        consulent = next(regel.split()[0] for regel in r.stdout.splitlines() if "(jeugdconsulent)" in regel)
        from jet_desktop.demo.teamserver import DEMO_WACHTWOORD
        from jet_desktop.services import caseload, inloggen

        sessie = inloggen.open_sessie(consulent, DEMO_WACHTWOORD,
                                      url=f"postgresql+psycopg://127.0.0.1:{poort}/jet?sslmode=disable")
        assert sessie.teamserver
        caseload.dossiers_van(sessie, sessie.user_id)
        sessie.engine.dispose()
        opnieuw = subprocess.run([sys.executable, "-m", "jet_desktop.demo.teamserver", "--poort", str(poort)],
                                 capture_output=True, text=True, env=env, timeout=600)
        assert opnieuw.returncode == 0 and "Demogegevens laden" not in opnieuw.stdout  # kept, not loaded twice
    finally:
        subprocess.run([sys.executable, "-m", "jet_desktop.demo.teamserver", "--stop"], env=env,
                       capture_output=True, timeout=120)
        import shutil

        shutil.rmtree(basis, ignore_errors=True)


def test_init_refuses_a_server_older_than_supported_and_changes_nothing(pg_url, monkeypatch, capsys):
    from jet_desktop.storage import teamserver as ts

    monkeypatch.setattr(ts, "MIN_VERSIE", 990000)  # as if this server were older than PostgreSQL 99
    monkeypatch.setenv("JET_NIEUW_WACHTWOORD", WW)
    assert main(["teamserver", "init", "--url", pg_url, "--beheerder", "it.beheer", "--naam", "IT"]) == 1
    assert "JET Desktop vraagt PostgreSQL 15 of nieuwer" in capsys.readouterr().err
    with _admin(pg_url) as c:
        assert c.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)
