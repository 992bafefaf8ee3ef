"""The team server's own lock (issue 12): connected as a medewerker's own PostgreSQL login with plain SQL
(psycopg, not the services), the database itself shows and lets change only what domain.md's roles allow,
and no login can touch the audit log but through its append function. On a real cluster the tests start
(tests/pg.py: SCRAM-SHA-256 for every login but the tests' superuser)."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors as pge
from sqlalchemy import select

from jet_desktop.domain import scram
from jet_desktop.domain.enums import Rol
from jet_desktop.services import teamserver
from jet_desktop.storage.models import Aanmelding
from teamserver.team import WW, A, D, J  # the team of tests/teamserver/team.py


def _een(conn, sql, *args):
    return conn.execute(sql, args).fetchall()


# -- a jeugdconsulent ---------------------------------------------------------------------------------------

def test_a_consulent_login_sees_only_their_own_dossiers_and_what_hangs_off_them(server):
    aid_ander, jid_ander = server.van_dossier(server.ander)[:2]
    aid_eigen, jid_eigen = server.van_dossier(server.eigen)[:2]
    with server.sql("anouk") as c:
        zichtbaar = {r[0] for r in _een(c, "SELECT id FROM dossier")}
        assert zichtbaar == {server.eigen, server.tweede}
        assert _een(c, "SELECT * FROM dossier WHERE id = %s", server.ander) == []
        assert _een(c, "SELECT * FROM jeugdige WHERE id = %s", jid_ander) == []
        assert _een(c, "SELECT * FROM aanmelding WHERE id = %s", aid_ander) == []
        assert _een(c, "SELECT * FROM contactmoment WHERE dossier_id = %s", server.ander) == []
        assert _een(c, "SELECT * FROM ondersteuningsplan WHERE dossier_id = %s", server.ander) == []
        assert _een(c, "SELECT * FROM triagebesluit WHERE aanmelding_id = %s", aid_ander) == []
        assert _een(c, "SELECT * FROM consulentwijziging WHERE dossier_id = %s", server.ander) == []
        # their own, and the wachtlijst's aanmelding with its jeugdige (triage and the wachtlijst need them)
        assert len(_een(c, "SELECT * FROM contactmoment WHERE dossier_id = %s", server.eigen)) == 1
        assert len(_een(c, "SELECT * FROM jeugdige WHERE id = %s", jid_eigen)) == 1
        assert len(_een(c, "SELECT * FROM aanmelding WHERE id = %s", server.wachtend)) == 1
        jid_wacht = server.rij(A, server.wachtend, "jeugdige_id")
        assert len(_een(c, "SELECT * FROM jeugdige WHERE id = %s", jid_wacht)) == 1


def test_a_consulent_login_cannot_change_or_remove_another_consulents_rows(server):
    _aid, jid_ander = server.van_dossier(server.ander)[:2]
    with server.sql("anouk") as c:
        assert c.execute("UPDATE jeugdige SET voornaam = 'Gewijzigd' WHERE id = %s", (jid_ander,)).rowcount == 0
        assert c.execute("UPDATE dossier SET consulent_id = %s WHERE id = %s",
                         (server.ids["anouk"], server.ander)).rowcount == 0
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("DELETE FROM contactmoment WHERE dossier_id = %s", (server.ander,))
        with pytest.raises(pge.InsufficientPrivilege):  # row-level security: not into Bram's dossier
            c.execute("INSERT INTO contactmoment (id, version, created_at, updated_at, updated_by, dossier_id, datum, "
                      "type, duur_minuten, notitie) VALUES (gen_random_uuid(), 1, now(), now(), '', %s, current_date, "
                      "'telefonisch', 5, 'x')", (server.ander,))
        with pytest.raises(pge.InsufficientPrivilege):  # nor give their own dossier away and keep it
            c.execute("UPDATE dossier SET consulent_id = %s, tweede_consulent_id = NULL WHERE id = %s",
                      (server.ids["bram"], server.eigen))
    assert server.rij(J, jid_ander, "voornaam") == "Olga"
    assert server.rij(D, server.ander, "consulent_id") == server.ids["bram"]
    assert server.rij(D, server.eigen, "consulent_id") == server.ids["anouk"]


def test_a_consulent_takes_a_wachtlijst_dossier_only_on_their_own_name(server):
    sql = ("INSERT INTO dossier (id, version, created_at, updated_at, updated_by, aanmelding_id, geopend_op, "
           "consulent_id, afsluitreden, afsluit_toelichting) VALUES (gen_random_uuid(), 1, now(), now(), '', %s, "
           "current_date, %s, '', '')")
    with server.sql("anouk") as c:
        with pytest.raises(pge.InsufficientPrivilege):  # for a colleague: not theirs to give
            c.execute(sql, (server.wachtend, server.ids["bram"]))
        aid_ander = server.rij(D, server.ander, "aanmelding_id")
        with pytest.raises((pge.InsufficientPrivilege, pge.UniqueViolation)):  # not off the wachtlijst
            c.execute(sql, (aid_ander, server.ids["anouk"]))
        c.execute(sql, (server.wachtend, server.ids["anouk"]))  # their own, from the wachtlijst: allowed


def test_the_server_stamps_updated_by_from_the_login(server):
    _aid, jid = server.van_dossier(server.eigen)[:2]
    with server.sql("anouk") as c:
        assert c.execute("UPDATE jeugdige SET school = 'De Regenboog', updated_by = 'Tessa Leider' WHERE id = %s",
                         (jid,)).rowcount == 1
    assert server.rij(J, jid, "updated_by") == "Anouk de Vries"


def test_no_login_can_write_the_audit_log_but_through_its_function(server):
    for wie in ("anouk", "tessa", "frits.beheer"):
        with server.sql(wie) as c:
            for sql in ("INSERT INTO auditregel (id, volgnummer, tijdstip, medewerker, rol, namens, actie, objecttype, "
                        "object_id, client, omschrijving, vorige_hash, hash) VALUES (gen_random_uuid(), 999999, now(), "
                        "'x', 'x', '', 'x', 'x', '', '', '', '', '')",
                        "UPDATE auditregel SET omschrijving = 'weg'", "DELETE FROM auditregel",
                        "TRUNCATE auditregel", "UPDATE auditketen SET volgnummer = 0", "DELETE FROM auditketen"):
                with pytest.raises(pge.InsufficientPrivilege):
                    c.execute(sql)
    with server.sql("anouk") as c:  # the function writes in the login's own name, whatever is passed
        c.execute("SELECT * FROM jet_audit_schrijf('openen', 'dossier', 'x', '', 'zelf geschreven', 'iemand', "
                  "'jeugdconsulent')")
        with pytest.raises(pge.InsufficientPrivilege):  # claiming another role is refused
            c.execute("SELECT * FROM jet_audit_schrijf('openen', 'dossier', 'x', '', 'als teamleider', '', "
                      "'teamleider')")
    with server.sql("frits.beheer") as c:
        laatste = c.execute("SELECT medewerker, rol, omschrijving FROM auditregel ORDER BY volgnummer DESC "
                            "LIMIT 1").fetchone()
    assert laatste == ("Anouk de Vries", "jeugdconsulent", "zelf geschreven")


def test_a_consulent_login_cannot_make_roles_or_become_another(server):
    with server.sql("anouk") as c:
        for sql in ("CREATE ROLE inbreker LOGIN PASSWORD 'x'", "ALTER ROLE bram PASSWORD 'overgenomen'",
                    "SET ROLE jet_teamleider", "SET ROLE jet_eigenaar", "SET ROLE tessa"):
            with pytest.raises(pge.InsufficientPrivilege):
                c.execute(sql)
        with pytest.raises(pge.InsufficientPrivilege):  # the beheerder's functions refuse them
            c.execute("SELECT jet_login_bijwerken(%s)", (server.ids["anouk"],))
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("SELECT jet_login_wachtwoord(%s, %s, false)", (server.ids["bram"], scram.verifier("Ander-Ww-2026")))
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("SELECT * FROM auditregel")
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("UPDATE medewerker SET rol = 'teamleider' WHERE gebruikersnaam = 'anouk'")
    with server.sql("bram") as c:  # Bram's password still the same
        assert c.execute("SELECT 1").fetchone() == (1,)


# -- a teamleider and a functioneel beheerder ------------------------------------------------------------------

def test_a_teamleider_login_sees_every_dossier_but_not_the_audit_log(server):
    with server.sql("tessa") as c:
        assert {r[0] for r in _een(c, "SELECT id FROM dossier")} == {server.eigen, server.tweede, server.ander}
        assert len(_een(c, "SELECT * FROM contactmoment")) == 2
        regels = _een(c, "SELECT actie, omschrijving FROM auditregel")
        assert all(a == "aanmelden" or o.startswith("dossiertoegang:") for a, o in regels)
        for sql in ("CREATE ROLE inbreker", "SET ROLE jet_beheerder", "ALTER ROLE anouk NOLOGIN"):
            with pytest.raises(pge.InsufficientPrivilege):
                c.execute(sql)


def test_a_beheerder_login_sees_users_and_the_audit_log_and_no_casework(server):
    with server.sql("frits.beheer") as c:
        for tabel in ("dossier", "jeugdige", "gezin", "gezinslid", "aanmelding", "contactmoment",
                      "ondersteuningsplan", "toewijzing", "triagebesluit", "recordwijziging"):
            with pytest.raises(pge.InsufficientPrivilege):
                c.execute(f"SELECT * FROM {tabel}")
        assert len(_een(c, "SELECT * FROM medewerker")) == 4
        assert len(_een(c, "SELECT * FROM auditregel")) > 10
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("SET ROLE jet_teamleider")


# -- logins follow the medewerker rows --------------------------------------------------------------------

def test_a_disabled_user_cannot_connect_and_their_open_connection_ends(server):
    from jet_desktop.services import inloggen, medewerkers

    open_verbinding = server.sql("bram")
    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    assert frits.teamserver and frits.rol is Rol.BEHEERDER
    # Bram holds dossiers: the service refuses first (the first lock), as before
    from jet_desktop.domain.errors import ValidationError

    versie = server.rij(Aanmelding.__table__.metadata.tables["medewerker"], server.ids["bram"], "version")
    with pytest.raises(ValidationError):
        medewerkers.wijzig(frits, server.ids["bram"], versie, "Bram Jansen", "bram", Rol.CONSULENT, 1.0, False)
    versie = server.rij(Aanmelding.__table__.metadata.tables["medewerker"], server.ids["tessa"], "version")
    tessa_open = server.sql("tessa")
    medewerkers.wijzig(frits, server.ids["tessa"], versie, "Tessa Leider", "tessa", Rol.TEAMLEIDER, 1.0, False)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        server.sql("tessa")
    with pytest.raises(inloggen.InlogFout, match="uitgeschakeld"):
        inloggen.open_sessie("tessa", WW, url=server.server_url())
    with pytest.raises(psycopg.OperationalError):  # her open connection was ended
        tessa_open.execute("SELECT 1")
    assert open_verbinding.execute("SELECT 1").fetchone() == (1,)  # nobody else's
    open_verbinding.close()
    frits.engine.dispose()


def test_a_changed_password_works_at_once_and_a_start_password_asks_for_ones_own(server):
    from jet_desktop.services import inloggen, medewerkers

    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    medewerkers.stel_wachtwoord_in(frits, server.ids["bram"], "Start-Wachtwoord-2026")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        server.sql("bram")
    with pytest.raises(inloggen.InlogFout, match="Onbekende gebruikersnaam of onjuist wachtwoord"):
        inloggen.open_sessie("bram", WW, url=server.server_url())
    with pytest.raises(inloggen.NieuwWachtwoordNodig):
        inloggen.open_sessie("bram", "Start-Wachtwoord-2026", url=server.server_url())
    with server.sql("bram", "Start-Wachtwoord-2026") as c:  # a start password shows no casework in psql either
        assert _een(c, "SELECT id FROM dossier") == []
    bram = inloggen.open_sessie("bram", "Start-Wachtwoord-2026", url=server.server_url(),
                                nieuw_wachtwoord="Eigen-Wachtwoord-Bram-1")
    from jet_desktop.services import caseload

    assert {d.dossier_id for d in caseload.dossiers_van(bram, server.ids["bram"])} == {server.tweede, server.ander}
    bram.engine.dispose()  # new connections of the session use the new password
    assert caseload.dossiers_van(bram, server.ids["bram"])
    with pytest.raises(psycopg.OperationalError):
        server.sql("bram", "Start-Wachtwoord-2026")
    frits.engine.dispose()
    bram.engine.dispose()


def test_unknown_login_and_wrong_password_say_the_same(server):
    from jet_desktop.services import inloggen

    for naam, ww in (("anouk", "fout-fout-fout-1"), ("niemand", WW), ("postgres", "x")):
        with pytest.raises(inloggen.InlogFout) as exc:
            inloggen.open_sessie(naam, ww, url=server.server_url())
        assert str(exc.value) == inloggen.FOUT


def test_init_again_upgrades_in_place_and_the_chain_computed_by_the_server_verifies(server, capsys):
    from jet_desktop.cli import main

    verslag = teamserver.init(server.url)
    assert any("was al bij" in r for r in verslag.regels)
    assert any("frits.beheer" in r for r in verslag.regels)
    with server.sql("anouk") as c:
        c.execute("SELECT * FROM jet_audit_schrijf('openen', 'dossier', 'x', '2026-00001', 'é ü — tekst', '', "
                  "'jeugdconsulent')")
    assert main(["audit", "verify", "--url", server.url]) == 0
    assert "Auditlog in orde" in capsys.readouterr().out


def test_a_consulent_login_hears_a_colleagues_change_and_only_the_table_name(server, jet):
    """Live refresh on the team server (storage/wijzigingsmelding.py, installed by init): LISTEN needs no
    rights, and what comes is the table's name, never a row a consulent may not see."""
    from jet_desktop.services import inloggen
    from jet_desktop.storage import wijzigingsmelding as wm

    with server.sql("anouk") as luister:
        luister.execute(f"LISTEN {wm.KANAAL}")
        tessa = inloggen.open_sessie("tessa", WW, url=server.server_url())
        jet.wachtend(tessa, voornaam="Nina", achternaam="Nieuw")
        ontvangen = {n.payload for n in luister.notifies(timeout=5)}
        tessa.engine.dispose()
    assert "aanmelding" in ontvangen and ontvangen <= wm.ALLE
    assert not any("Nieuw" in p for p in ontvangen)


def test_a_consulent_sees_every_colleagues_caseload_count_but_not_their_dossiers(server):
    """The Caseload page's counts are the team's (jet_caseload: counts only), on a consulent's own login."""
    from datetime import date

    from jet_desktop.services import caseload, inloggen

    anouk = inloggen.open_sessie("anouk", WW, url=server.server_url())
    tellingen = {r.naam: r.belasting for r in caseload.consulenten(anouk, date(2026, 11, 25))}
    assert tellingen["Bram Jansen"] == 2 and tellingen["Anouk de Vries"] == 1
    assert {d.dossier_id for d in caseload.dossiers_van(anouk, server.ids["bram"])} == {server.tweede}
    anouk.engine.dispose()


def test_what_the_server_refuses_reaches_the_user_in_dutch_without_sql(server):
    from sqlalchemy.exc import ProgrammingError

    from jet_desktop.commands.foutmeldingen import melding
    from jet_desktop.services import inloggen
    from jet_desktop.ui import foutmelding

    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    with pytest.raises(ProgrammingError) as exc, frits.engine.connect() as conn:
        conn.execute(select(D.c.id))
    frits.engine.dispose()
    tekst = "De teamserver weigert dit: u heeft geen rechten op deze gegevens. Er is niets opgeslagen."
    assert foutmelding.bekend(exc.value) == tekst
    assert foutmelding.voor_werk(exc.value, "Het berekenen") == tekst
    assert foutmelding.voor_formulier(exc.value).startswith(tekst) and "SELECT" not in foutmelding.melding(exc.value)
    assert melding(exc.value) == (tekst, 2)


def test_a_beheerders_code_list_edit_is_what_a_consulents_validation_accepts(server, jet):
    """Code lists live on the server: the beheerder's login edits them, a consulent's login validates with them;
    a consulent's login cannot write them with plain SQL."""
    from datetime import date

    from jet_desktop.domain.errors import ValidationError
    from jet_desktop.services import codelijsten, inloggen
    from jet_desktop.services.codelijsten import CodeInvoer, Lijst

    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    anouk = inloggen.open_sessie("anouk", WW, url=server.server_url())
    invoer = dict(voornaam="Vera", achternaam="Verwezen", aanmelddatum=date(2026, 11, 20))
    with pytest.raises(ValidationError):
        jet.aanmelding(anouk, verwijzer_route="wijkagent", **invoer)
    codelijsten.voeg_toe(frits, Lijst.VERWIJZERS, CodeInvoer(code="wijkagent", omschrijving="Wijkagent", ijw_code="01"))
    assert jet.aanmelding(anouk, verwijzer_route="wijkagent", **invoer).dossiernummer
    with server.sql("anouk") as c, pytest.raises(pge.InsufficientPrivilege):
        c.execute("UPDATE code_aanbieder SET omschrijving = 'x'")
    frits.engine.dispose()
    anouk.engine.dispose()


def test_bewaring_on_the_team_server_is_its_administrators_and_says_so_to_the_beheerder(server, capsys):
    """The beheerder's login reads no dossier, so which ones are past their term is not theirs to see on the
    team server: refused in Dutch (with a line) naming the way that works, IT's login on the command line."""
    from datetime import date

    from jet_desktop.cli import main
    from jet_desktop.services import bewaring, inloggen
    from jet_desktop.services.autorisatie import GeenToegang

    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    for call in (lambda: bewaring.te_vernietigen(frits, date(2045, 1, 1)),
                 lambda: bewaring.vernietig(frits, [server.ander], date(2045, 1, 1))):
        with pytest.raises(GeenToegang, match="jet-desktop bewaring lijst --url"):
            call()
    frits.engine.dispose()
    assert server.rij(D, server.ander, "aanmelding_id") is not None  # nothing destroyed
    assert main(["bewaring", "lijst", "--url", server.url, "--peildatum", "2045-01-01"]) == 0
    assert "Bewaartermijn" in capsys.readouterr().out


def test_a_bsn_of_a_colleagues_child_is_refused_at_registration_not_made_twice(server, jet):
    """Anouk's login cannot see Olga (Bram's caseload), so the known-jeugdige search cannot offer her; a new
    aanmelding with Olga's BSN is refused in Dutch (naming the teamleider) with a line, and no second jeugdige
    with that BSN is made. Another BSN registers as usual."""
    from jet_desktop.domain.errors import ValidationError
    from jet_desktop.services import aanmeldingen, inloggen

    anouk = inloggen.open_sessie("anouk", WW, url=server.server_url())
    with pytest.raises(ValidationError) as e:
        aanmeldingen.registreer(anouk, jet.invoer(voornaam="Olga", achternaam="Anders", bsn="111222333"),
                                jet.invoer().aanmelddatum)
    assert e.value.errors[0].field == "bsn" and "teamleider" in e.value.errors[0].message
    with server.system.engine.connect() as conn:
        assert conn.execute(select(J.c.id).where(J.c.bsn == "111222333")).scalars().all() == [
            server.van_dossier(server.ander)[1]]
        regel = conn.exec_driver_sql("SELECT medewerker, actie, object_id FROM auditregel ORDER BY volgnummer DESC "
                                     "LIMIT 1").one()
    assert (regel.medewerker, regel.actie, regel.object_id) == ("Anouk de Vries", "openen",
                                                                str(server.van_dossier(server.ander)[1]))
    assert aanmeldingen.registreer(anouk, jet.invoer(bsn="123456782"), jet.invoer().aanmelddatum).dossiernummer
    anouk.engine.dispose()
