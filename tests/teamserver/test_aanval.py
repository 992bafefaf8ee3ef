"""Attacks on the team server (issue 12) by medewerkers with their OWN login and plain SQL (psycopg, as in
psql), not through the application: a curious or malicious jeugdconsulent, teamleider or functioneel
beheerder. An attack the server refuses is a regression test of the refusal; an attack that still works is
a finding, written as the safe behaviour (so it fails until the lead fixes it; see the report of h-aanval).

The server: Anouk (consulent), Bram (consulent), Tessa (teamleider), Frits (functioneel beheerder); Eva is
Anouk's dossier, Tim Bram's with Anouk as second person, Olga Bram's alone (with a gezinslid), Wout waits on
the wachtlijst, Hanna was handed over to the Wmo (no dossier, not on the wachtlijst)."""

from __future__ import annotations

import threading
import uuid

import psycopg
import pytest
from psycopg import errors as pge

from jet_desktop.domain import scram
from jet_desktop.domain.enums import Rol
from jet_desktop.services import teamserver
from jet_desktop.storage.models import Aanmelding
from teamserver.team import WW, A, D, J  # the team of tests/teamserver/team.py

ANDER_WW = "Zelf-Gekozen-Door-Frits-1"


def _rijen(conn, sql, *args):
    return conn.execute(sql, args).fetchall()


def _kopie(conn, tabel: str, bron_id, **wijzig) -> uuid.UUID:
    """As psql would: copy a row the login can see into a temp table, change columns, insert it back."""
    nieuw = uuid.uuid4()
    conn.execute(f"CREATE TEMP TABLE t_{tabel} AS SELECT * FROM {tabel} WHERE id = %s", (bron_id,))
    assert conn.execute(f"SELECT count(*) FROM t_{tabel}").fetchone() == (1,)
    zet = ", ".join(["id = %s"] + [f"{k} = %s" for k in wijzig])
    conn.execute(f"UPDATE t_{tabel} SET {zet}", (nieuw, *wijzig.values()))
    try:
        conn.execute(f"INSERT INTO {tabel} SELECT * FROM t_{tabel}")
    finally:
        conn.execute(f"DROP TABLE t_{tabel}")
    return nieuw


def _ziet_olga(conn, server) -> list:
    """What of Olga's (Bram's dossier, not Anouk's) this login sees: jeugdige, gezin, gezinslid."""
    _aid, jid, gid = server.van_dossier(server.ander)
    return (_rijen(conn, "SELECT voornaam, bsn FROM jeugdige WHERE id = %s", jid)
            + _rijen(conn, "SELECT naam FROM gezin WHERE id = %s", gid)
            + _rijen(conn, "SELECT naam, telefoon FROM gezinslid WHERE gezin_id = %s", gid))


def _verify(server, capsys) -> None:
    from jet_desktop.cli import main

    code = main(["audit", "verify", "--url", server.url])
    assert code == 0, capsys.readouterr().out
    assert "Auditlog in orde" in capsys.readouterr().out


# == a jeugdconsulent: reading what is not theirs ==============================================================

def test_baseline_anouk_does_not_see_olga(server):
    with server.sql("anouk") as c:
        assert _ziet_olga(c, server) == []


def test_finding_a_consulent_cannot_pull_a_colleagues_jeugdige_into_view_with_a_new_aanmelding(server):
    """FINDING (high): an INSERT of an aanmelding is checked only for being 'waiting' (no besluit), not for
    the jeugdige it points at; jeugdige ids are in jet_v_aanmelding. The new row makes Olga, her gezin and
    gezinsleden visible."""
    _aid, jid, _gid = server.van_dossier(server.ander)
    with server.sql("anouk") as c:
        assert (jid,) in _rijen(c, "SELECT jeugdige_id FROM jet_v_aanmelding")  # the id comes from the view
        try:
            _kopie(c, "aanmelding", server.wachtend, jeugdige_id=jid, dossiernummer="AANVAL-1",
                   huidig_besluit_id=None, op_wachtlijst=False)
        except pge.InsufficientPrivilege:
            pass
        assert _ziet_olga(c, server) == []


def test_finding_a_consulent_cannot_point_a_waiting_aanmelding_at_a_colleagues_jeugdige(server):
    """FINDING (high): UPDATE aanmelding SET jeugdige_id on a waiting aanmelding (USING and WITH CHECK look at
    the aanmelding's own state only); also corrupts Wout's aanmelding."""
    _aid, jid, _gid = server.van_dossier(server.ander)
    wout = server.rij(A, server.wachtend, "jeugdige_id")
    with server.sql("anouk") as c:
        try:
            c.execute("UPDATE aanmelding SET jeugdige_id = %s WHERE id = %s", (jid, server.wachtend))
        except pge.InsufficientPrivilege:
            pass
        assert _ziet_olga(c, server) == []
    assert server.rij(A, server.wachtend, "jeugdige_id") == wout


def test_finding_a_consulent_cannot_move_their_jeugdige_into_a_colleagues_gezin(server):
    """FINDING (high): UPDATE jeugdige SET gezin_id = <Olga's gezin, from jet_v_jeugdige>: the gezin then has a
    visible jeugdige, so its naam and gezinsleden (with phone numbers) show."""
    _aid, jid_eva, gid_eva = server.van_dossier(server.eigen)
    _aid, _jid, gid_olga = server.van_dossier(server.ander)
    with server.sql("anouk") as c:
        assert (gid_olga,) in _rijen(c, "SELECT gezin_id FROM jet_v_jeugdige")
        try:
            c.execute("UPDATE jeugdige SET gezin_id = %s WHERE id = %s", (gid_olga, jid_eva))
        except pge.InsufficientPrivilege:
            pass
        assert _rijen(c, "SELECT naam, telefoon FROM gezinslid WHERE gezin_id = %s", gid_olga) == []
    assert server.rij(J, jid_eva, "gezin_id") == gid_eva


def test_finding_a_consulent_cannot_hang_their_dossier_on_a_handed_over_aanmelding(server):
    """FINDING (high): UPDATE dossier SET aanmelding_id: the WITH CHECK of an UPDATE is only 'still mine'
    (jet_op_wachtlijst is checked on INSERT only), so Anouk's dossier can be moved onto the Wmo's Hanna (or
    any aanmelding without a dossier), whose aanmelding, triagebesluiten and jeugdige then show."""
    with server.sql("anouk") as c:
        assert _rijen(c, "SELECT * FROM triagebesluit WHERE aanmelding_id = %s", server.overgedragen) == []
        try:
            c.execute("UPDATE dossier SET aanmelding_id = %s WHERE id = %s", (server.overgedragen, server.eigen))
        except (pge.InsufficientPrivilege, pge.UniqueViolation):
            pass
        assert _rijen(c, "SELECT motivering FROM triagebesluit WHERE aanmelding_id = %s", server.overgedragen) == []
        assert _rijen(c, "SELECT hulpvraag FROM aanmelding WHERE id = %s", server.overgedragen) == []


def test_a_consulent_cannot_take_a_colleagues_aanmelding_into_their_dossier(server):
    aid_olga, _jid, _gid = server.van_dossier(server.ander)
    with server.sql("anouk") as c:
        with pytest.raises((pge.InsufficientPrivilege, pge.UniqueViolation)):  # dossier.aanmelding_id is unique
            c.execute("UPDATE dossier SET aanmelding_id = %s WHERE id = %s", (aid_olga, server.eigen))
        assert _ziet_olga(c, server) == []


def test_a_consulent_does_not_see_a_handed_over_aanmelding_nor_its_triagebesluit(server):
    with server.sql("anouk") as c:
        assert _rijen(c, "SELECT * FROM aanmelding WHERE id = %s", server.overgedragen) == []
        assert _rijen(c, "SELECT * FROM triagebesluit WHERE aanmelding_id = %s", server.overgedragen) == []
        assert _rijen(c, "SELECT * FROM recordwijziging") == [] or all(
            r[0] != server.overgedragen for r in _rijen(c, "SELECT record_id FROM recordwijziging"))


def test_a_consulent_cannot_add_a_gezinslid_or_a_jeugdige_to_a_colleagues_gezin(server):
    _aid, _jid, gid_olga = server.van_dossier(server.ander)
    _aid, jid_eva, _gid = server.van_dossier(server.eigen)
    with server.sql("anouk") as c:
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("INSERT INTO gezinslid (id, version, created_at, updated_at, updated_by, gezin_id, naam, relatie, "
                      "gezag, telefoon) VALUES (gen_random_uuid(), 1, now(), now(), '', %s, 'Indringer', 'ouder', "
                      "false, '')", (gid_olga,))
        with pytest.raises(pge.InsufficientPrivilege):
            _kopie(c, "jeugdige", jid_eva, gezin_id=gid_olga)
        assert _ziet_olga(c, server) == []


def test_a_consulent_cannot_write_into_or_take_a_colleagues_dossier(server):
    with server.sql("anouk") as c:
        for sql in ("UPDATE dossier SET tweede_consulent_id = %(a)s WHERE id = %(d)s",
                    "UPDATE dossier SET consulent_id = %(a)s WHERE id = %(d)s",
                    "UPDATE contactmoment SET notitie = 'weg' WHERE dossier_id = %(d)s",
                    "UPDATE ondersteuningsplan SET doelen = 'weg' WHERE dossier_id = %(d)s",
                    "UPDATE toewijzing SET product = 'weg' WHERE dossier_id = %(d)s"):
            assert c.execute(sql, {"a": server.ids["anouk"], "d": server.ander}).rowcount == 0
        for sql in ("DELETE FROM dossier", "DELETE FROM jeugdige", "TRUNCATE contactmoment", "TRUNCATE dossier CASCADE",
                    "DELETE FROM medewerker", "UPDATE medewerker SET actief = false"):
            with pytest.raises(pge.InsufficientPrivilege):
                c.execute(sql)
        eigen_cm = _rijen(c, "SELECT id FROM contactmoment WHERE dossier_id = %s", server.eigen)[0][0]
        with pytest.raises(pge.InsufficientPrivilege):  # moving an own row into Bram's dossier
            c.execute("UPDATE contactmoment SET dossier_id = %s WHERE id = %s", (server.ander, eigen_cm))
    assert server.rij(D, server.ander, "tweede_consulent_id") is None


def test_finding_a_consulent_cannot_write_history_in_a_colleagues_name(server):
    """FINDING (medium): `updated_by` is stamped by the server, but the columns that say WHO did something
    are the client's: recordwijziging.gewijzigd_door(_id), triagebesluit.besloten_door_id,
    contactmoment.medewerker_id. Anouk writes a correction 'by Tessa' and a triagebesluit 'by Tessa'."""
    _aid, jid_eva, _gid = server.van_dossier(server.eigen)
    with server.sql("anouk") as c:
        try:
            c.execute("INSERT INTO recordwijziging (id, tabel, record_id, version, soort, veld, oud, nieuw, gewijzigd_at, "
                      "gewijzigd_door, gewijzigd_door_id, toelichting, dossier_id) VALUES (gen_random_uuid(), "
                      "'jeugdige', %s, 2, 'gewijzigd', 'bsn', '', '999999999', now(), 'Tessa Leider', %s, "
                      "'op verzoek', %s)", (jid_eva, server.ids["tessa"], server.eigen))
        except pge.InsufficientPrivilege:
            pass
        besluit = _rijen(c, "SELECT id FROM triagebesluit WHERE aanmelding_id = %s", server.wachtend)[0][0]
        try:
            _kopie(c, "triagebesluit", besluit, besloten_door_id=server.ids["tessa"], motivering="Tessa besliste",
                   vorig_besluit_id=besluit)
        except pge.InsufficientPrivilege:
            pass
        door = {r[0] for r in _rijen(c, "SELECT gewijzigd_door FROM recordwijziging")}
        besluiten = {r[0] for r in _rijen(c, "SELECT besloten_door_id FROM triagebesluit WHERE motivering = "
                                             "'Tessa besliste'")}
    assert "Tessa Leider" not in door
    assert server.ids["tessa"] not in besluiten


def test_finding_a_consulent_cannot_rewrite_immutable_history(server):
    """FINDING (medium) for triagebesluit ('immutable once written'): UPDATE is granted to the consulent and
    teamleider and nothing refuses it, so a triage decision's motivation (or uitkomst, urgentie, besloten_door)
    is rewritten in psql. recordwijziging holds: migration's trigger refuses the UPDATE."""
    with server.admin() as a:
        a.execute("INSERT INTO recordwijziging (id, tabel, record_id, version, soort, veld, oud, nieuw, gewijzigd_at, "
                  "gewijzigd_door, toelichting, dossier_id) VALUES (gen_random_uuid(), 'dossier', %s, 2, 'gewijzigd', "
                  "'afsluitreden', 'x', 'y', now(), 'Anouk de Vries', 'echt', %s)", (server.eigen, server.eigen))
    gewijzigd = []
    with server.sql("anouk") as c:
        for sql, arg in (("UPDATE recordwijziging SET oud = 'vervalst' WHERE dossier_id = %s", server.eigen),
                         ("UPDATE triagebesluit SET motivering = 'herschreven' WHERE aanmelding_id = %s",
                          server.wachtend)):
            try:
                gewijzigd.append(c.execute(sql, (arg,)).rowcount)
            except (pge.InsufficientPrivilege, pge.RaiseException):  # recordwijziging: migration's trigger
                gewijzigd.append(0)
    assert gewijzigd == [0, 0]


def test_password_material_is_not_readable(server):
    with server.sql("anouk") as c:
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("SELECT rolpassword FROM pg_authid")
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("SELECT passwd FROM pg_shadow")
        assert {r[0] for r in _rijen(c, "SELECT rolpassword FROM pg_roles WHERE rolname IN ('bram', 'tessa')")} \
            == {"********"}
        assert {r[0] for r in _rijen(c, "SELECT wachtwoord_hash FROM medewerker")} <= {"", "teamserver"}


def test_finding_an_old_shared_stores_password_hashes_are_not_left_readable_to_every_login(server):
    """FINDING (medium): a shared store of before (docs: 'any table made earlier by hand ... becomes the
    owner's') keeps every medewerker's scrypt hash in medewerker.wachtwoord_hash; `teamserver init` leaves it,
    and every login may SELECT it: an offline guess of a colleague's (often reused) password."""
    from jet_desktop.domain import wachtwoord as ww

    with server.admin() as a:
        a.execute("UPDATE medewerker SET wachtwoord_hash = %s WHERE gebruikersnaam = 'tessa'",
                  (ww.maak_hash("Oud-Gedeeld-Wachtwoord-1"),))
    teamserver.init(server.url)  # the upgrade of a shared store to a team server, run again
    with server.sql("anouk") as c:
        hashes = {r[0] for r in _rijen(c, "SELECT wachtwoord_hash FROM medewerker")}
    assert not any(h.startswith("scrypt$") for h in hashes)


# -- side channels ------------------------------------------------------------------------------------------

def test_the_id_views_hold_ids_and_flags_only(server):
    """Informational (see report): every consulent reads the team's dossier -> consulent and jeugdige -> gezin
    links through these; no personal data, but they hand out the ids the pivot findings above use."""
    with server.sql("anouk") as c:
        for view, kolommen in (("jet_v_dossier", {"id", "aanmelding_id", "consulent_id", "tweede_consulent_id"}),
                               ("jet_v_aanmelding", {"id", "jeugdige_id", "op_wachtlijst", "huidig_besluit_id",
                                                     "deleted_at"}),
                               ("jet_v_jeugdige", {"id", "gezin_id"})):
            cur = c.execute(f"SELECT * FROM {view} LIMIT 1")
            assert {d.name for d in cur.description} == kolommen
        for sql in ("CREATE OR REPLACE VIEW jet_v_jeugdige AS SELECT id, gezin_id FROM jeugdige",
                    "INSERT INTO jet_v_jeugdige VALUES (gen_random_uuid(), gen_random_uuid())",
                    "UPDATE jet_v_dossier SET consulent_id = consulent_id"):
            with pytest.raises(pge.InsufficientPrivilege):
                c.execute(sql)
    with server.sql("tessa") as c, pytest.raises(pge.InsufficientPrivilege):
        c.execute("SELECT * FROM jet_v_dossier")  # granted to the consulent group only


def test_the_count_functions_give_counts_only(server):
    with server.sql("anouk") as c:
        assert c.execute("SELECT * FROM jet_actieve_dossiers(%s)", (server.ids["bram"],)).fetchone() == (2, 0)
        nr = c.execute("SELECT jet_max_dossiernummer('')").fetchone()[0]
        assert nr and "Olga" not in nr
        assert c.execute("SELECT jet_gezin_is_nieuw(%s)", (server.van_dossier(server.ander)[2],)).fetchone() == (False,)
        assert c.execute("SELECT jet_is_login('postgres')").fetchone() == (False,)
        assert {r[1] for r in _rijen(c, "SELECT * FROM jet_caseload()")} == {1, 2}


@pytest.mark.xfail(strict=True, reason="inherent to PostgreSQL row-level security: a leakproof equality on an "
                   "indexed column runs before the policy; documented in docs/teamserver.md (known limits)")
def test_finding_explain_analyze_does_not_reveal_whether_a_bsn_is_a_client(server):
    """FINDING (medium): a BSN existence oracle. `bsn = '...'` is leakproof, so with an index scan the
    condition runs before row-level security, and EXPLAIN ANALYZE reports the row the policy then removed:
    'Rows Removed by Filter: 1' means the team has a child with this BSN (a JET client), 0 that it does not."""
    with server.admin() as a:
        a.execute("ANALYZE")
    with server.sql("anouk") as c:
        c.execute("SET enable_seqscan = off")
        c.execute("SET enable_bitmapscan = off")

        def verwijderd(bsn: str) -> int:
            plan = c.execute("EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM jeugdige WHERE bsn = %s", (bsn,)
                             ).fetchone()[0][0]["Plan"]
            return _som(plan, "Rows Removed by Filter")

        assert _rijen(c, "SELECT * FROM jeugdige WHERE bsn = '111222333'") == []
        assert verwijderd("111222333") == verwijderd("999888777")


def _som(plan: dict, sleutel: str) -> int:
    return plan.get(sleutel, 0) + sum(_som(p, sleutel) for p in plan.get("Plans", []))


def test_statistics_leaky_functions_and_copy_show_no_hidden_rows(server):
    with server.admin() as a:
        a.execute("ANALYZE")
    with server.sql("anouk") as c:
        assert _rijen(c, "SELECT * FROM pg_stats WHERE tablename IN ('jeugdige', 'gezinslid', 'contactmoment')") == []
        assert _rijen(c, "SELECT * FROM pg_stats_ext") == []
        # a leaky function of one's own (pg_temp: TEMPORARY is granted) sees only the rows the policy lets by
        c.execute("CREATE FUNCTION pg_temp.lek(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS "
                  "$$ BEGIN RAISE NOTICE 'lek:%', $1; RETURN true; END $$")
        gezien = []
        c.add_notice_handler(lambda d: gezien.append(d.message_primary))
        c.execute("SELECT 1 FROM jeugdige WHERE pg_temp.lek(voornaam)")
        c.execute("SELECT 1 FROM gezinslid WHERE pg_temp.lek(telefoon)")
        c.execute("SELECT 1 FROM jeugdige WHERE voornaam::int = 1 OR true")  # an error would name a value
        assert not any("Olga" in g or "0612345678" in g for g in gezien)
        assert any("Eva" in g for g in gezien)
        with c.cursor().copy("COPY jeugdige TO STDOUT") as cp:
            uit = b"".join(bytes(b) for b in cp)
        assert b"Olga" not in uit and b"Eva" in uit
        for sql in ("COPY jeugdige TO '/tmp/jet-aanval.csv'", "COPY jeugdige FROM '/etc/hosts'",
                    "COPY (SELECT 1) TO PROGRAM 'id'", "SELECT pg_read_file('/etc/hosts')",
                    "SELECT lo_import('/etc/hosts')", "SELECT lo_export(0, '/tmp/x')"):
            with pytest.raises((pge.InsufficientPrivilege, pge.UndefinedObject)):
                c.execute(sql)


def test_a_colleagues_query_text_is_not_visible_in_pg_stat_activity(server):
    with server.sql("bram") as bram, server.sql("anouk") as c:
        bram.execute("SELECT 'Olga Ander geheim'")
        teksten = _rijen(c, "SELECT query FROM pg_stat_activity WHERE usename = 'bram'")
        assert teksten and all("Olga" not in (t or "") for (t,) in teksten)
        pid = bram.info.backend_pid
        for sql in ("SELECT pg_terminate_backend(%s)", "SELECT pg_cancel_backend(%s)"):
            with pytest.raises(pge.InsufficientPrivilege):  # nor end a colleague's session
                c.execute(sql, (pid,))
        assert bram.execute("SELECT 1").fetchone() == (1,)


def test_a_notification_carries_a_table_name_only(server, jet):
    from jet_desktop.storage import wijzigingsmelding as wm

    with server.sql("anouk") as luister:
        luister.execute(f"LISTEN {wm.KANAAL}")
        with server.sql("bram") as bram:
            bram.execute("UPDATE jeugdige SET school = 'Geheime School' WHERE id = %s",
                         (server.van_dossier(server.ander)[1],))
        ontvangen = {n.payload for n in luister.notifies(timeout=5, stop_after=1)}
    assert ontvangen == {"jeugdige"}


def test_a_login_creates_nothing_lasting_and_search_path_tricks_change_nothing(server):
    with server.sql("anouk") as c:
        for sql in ("CREATE TABLE public.buit (x text)", "CREATE SCHEMA buit", "CREATE VIEW buit AS SELECT 1",
                    "CREATE FUNCTION public.jet_naam() RETURNS text LANGUAGE sql AS $$ SELECT 'Tessa Leider' $$",
                    "CREATE EXTENSION dblink", "ALTER TABLE jeugdige DISABLE ROW LEVEL SECURITY",
                    "ALTER TABLE jeugdige DISABLE TRIGGER jet_stempel", "SET session_replication_role = replica",
                    "SET row_security = off; SELECT * FROM jeugdige", "GRANT jet_teamleider TO anouk",
                    "ALTER ROLE anouk BYPASSRLS", "ALTER ROLE anouk CREATEROLE", "ALTER ROLE anouk RENAME TO tessa2",
                    "ALTER ROLE anouk VALID UNTIL 'infinity'"):
            with pytest.raises((pge.InsufficientPrivilege, pge.FeatureNotSupported)):
                c.execute(sql)
        # a temp medewerker table in front of the real one: the SECURITY DEFINER functions do not use it
        c.execute("CREATE TEMP TABLE medewerker AS SELECT * FROM public.medewerker")
        c.execute("UPDATE pg_temp.medewerker SET rol = 'teamleider', naam = 'Tessa Leider'")
        c.execute("SET search_path = pg_temp, public")
        assert c.execute("SELECT jet_naam(), jet_is_beheerder()").fetchone() == ("Anouk de Vries", False)
        assert c.execute("SELECT jet_ik()").fetchone() == (server.ids["anouk"],)
        c.execute("UPDATE public.jeugdige SET school = 'x' WHERE id = %s", (server.van_dossier(server.eigen)[1],))
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("SELECT * FROM public.jet_audit_schrijf('openen', 'dossier', '', '', '', '', 'teamleider')")
    assert server.rij(J, server.van_dossier(server.eigen)[1], "updated_by") == "Anouk de Vries"


# == the audit log ==========================================================================================

def test_odd_arguments_to_the_audit_function_do_not_break_the_chain(server, capsys):
    with server.sql("anouk") as c:
        for args in ((None, "dossier", "", "", "", "", "jeugdconsulent"),
                     ("openen", None, "", "", "", "", "jeugdconsulent"),
                     ("openen", "dossier", "x" * 41, "", "", "", "jeugdconsulent"),
                     ("openen", "dossier", "", "x" * 41, "", "", "jeugdconsulent"),
                     ("openen", "dossier", "", "", "", "y" * 121, "jeugdconsulent"),
                     ("openen", "dossier", "", "", "", "", None)):
            with pytest.raises((pge.NotNullViolation, pge.StringDataRightTruncation, pge.InsufficientPrivilege)):
                c.execute("SELECT * FROM jet_audit_schrijf(%s, %s, %s, %s, %s, %s, %s)", args)
        for args in (("openen", "dossier", None, None, None, None, "jeugdconsulent", True),
                     ("openen", "dossier", "", "", "tab\tnul\x1fscheider\x1f\r\n€ é 漢字 🙂", "x\x1fy", "jeugdconsulent",
                      True),
                     ("openen", "dossier", "", "", "z" * 2_000_000, "", "jeugdconsulent", True),
                     ("openen", "dossier", "", "", "rol vervalst, controle uit", "", "teamleider", False)):
            c.execute("SELECT * FROM jet_audit_schrijf(%s, %s, %s, %s, %s, %s, %s, %s)", args)
    with server.sql("frits.beheer") as c:
        laatste = c.execute("SELECT medewerker, rol FROM auditregel ORDER BY volgnummer DESC LIMIT 1").fetchone()
    assert laatste == ("Anouk de Vries", "jeugdconsulent")  # p_controle false changes no recorded role
    _verify(server, capsys)


def test_concurrent_appends_from_two_logins_keep_one_chain(server, capsys):
    fouten = []

    def schrijf(wie, rol):
        try:
            with server.sql(wie) as c:
                for i in range(40):
                    c.execute("SELECT * FROM jet_audit_schrijf('openen', 'dossier', '', '', %s, '', %s)",
                              (f"{wie} {i}", rol))
        except Exception as exc:  # noqa: BLE001 - reported below
            fouten.append(exc)

    draden = [threading.Thread(target=schrijf, args=a) for a in (("anouk", "jeugdconsulent"), ("bram", "jeugdconsulent"),
                                                                 ("tessa", "teamleider"))]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert fouten == []
    with server.sql("frits.beheer") as c:
        assert c.execute("SELECT count(*) FROM auditregel WHERE omschrijving ~ '^(anouk|bram|tessa) '").fetchone() \
            == (120,)
    _verify(server, capsys)


def test_finding_one_open_transaction_does_not_stop_the_whole_team_writing_audit_lines(server):
    """FINDING (medium, availability): every sign-in, read and change appends an audit line, and every append
    takes the row lock on the one chain head. A consulent who calls jet_audit_schrijf in a transaction and
    leaves it open (psql: BEGIN; SELECT jet_audit_schrijf(...); and go to lunch) blocks every other
    workstation, sign-in included, until the connection ends; nothing on the server ends it."""
    with server.sql("anouk", autocommit=False) as blokkeer:
        blokkeer.execute("SELECT * FROM jet_audit_schrijf('openen', 'dossier', '', '', 'blokkade', '', "
                         "'jeugdconsulent')")
        with server.sql("bram") as c:
            c.execute("SET lock_timeout = '3s'")
            try:
                c.execute("SELECT * FROM jet_audit_schrijf('aanmelden', 'sessie', '', '', '', '', 'jeugdconsulent')")
                geblokkeerd = False
            except pge.LockNotAvailable:
                geblokkeerd = True
            bram_timeout = c.execute("SHOW idle_in_transaction_session_timeout").fetchone()[0]
        blokkeer.rollback()
    assert not geblokkeerd or bram_timeout not in ("0", "0ms"), \
        "één open transactie blokkeert elke auditregel van het team (geen idle_in_transaction_session_timeout)"


def test_finding_a_beheerder_cannot_write_audit_lines_in_a_colleagues_name(server, capsys):
    """FINDING (medium): jet_audit_schrijf takes the medewerker from medewerker.gebruikersnaam =
    session_user, and the beheerder may UPDATE any medewerker row. Swapping gebruikersnamen for one
    transaction (without jet_login_bijwerken, so no login changes) makes Frits's line Bram's: 'Bram Jansen,
    jeugdconsulent opened dossier X' in a chain that verifies."""
    with server.sql("frits.beheer", autocommit=False) as c:
        try:
            c.execute("UPDATE medewerker SET gebruikersnaam = 'frits.tijdelijk' WHERE gebruikersnaam = 'frits.beheer'")
            c.execute("UPDATE medewerker SET gebruikersnaam = 'frits.beheer' WHERE gebruikersnaam = 'bram'")
            c.execute("SELECT * FROM jet_audit_schrijf('openen', 'dossier', %s, '', 'dossier geopend', '', "
                      "'jeugdconsulent')", (str(server.ander),))
            c.execute("UPDATE medewerker SET gebruikersnaam = 'bram' WHERE gebruikersnaam = 'frits.beheer'")
            c.execute("UPDATE medewerker SET gebruikersnaam = 'frits.beheer' WHERE gebruikersnaam = 'frits.tijdelijk'")
            c.commit()
        except (pge.InsufficientPrivilege, pge.RaiseException, pge.DuplicateObject):
            c.rollback()  # refused: no medewerker row takes the name of another's login
    with server.sql("frits.beheer") as c:
        regels = _rijen(c, "SELECT medewerker FROM auditregel WHERE omschrijving = 'dossier geopend'")
    assert ("Bram Jansen",) not in regels
    _verify(server, capsys)


# == a functioneel beheerder: casework for themselves, logins of others =========================================

def _zie_dossiers(server, wie, ww) -> int:
    """How many dossiers this login sees; -1: it cannot connect."""
    try:
        with server.sql(wie, ww) as c:
            return c.execute("SELECT count(*) FROM dossier").fetchone()[0]
    except psycopg.OperationalError:
        return -1


def test_finding_a_beheerder_cannot_set_a_teamleiders_password_that_is_not_a_start_password(server):
    """FINDING (high): docs/security.md: 'a password the beheerder sets for someone is a start password, so
    using it unnoticed is not possible'. The server's jet_login_wachtwoord takes p_start from the caller:
    Frits sets Tessa's password with start = false and reads every dossier of the team as Tessa, and no
    'dossiertoegang:' line is written (the teamleiders are never told)."""
    with server.sql("frits.beheer") as c:
        c.execute("SELECT jet_login_wachtwoord(%s, %s, false)", (server.ids["tessa"], scram.verifier(ANDER_WW)))
        moet = c.execute("SELECT moet_wachtwoord_wijzigen FROM medewerker WHERE id = %s",
                         (server.ids["tessa"],)).fetchone()[0]
    assert moet is True
    assert _zie_dossiers(server, "tessa", ANDER_WW) == 0


def test_finding_a_teamleider_login_with_a_start_password_sees_no_casework(server):
    """FINDING (high): docs/teamserver.md: 'until then their login sees no casework rows (not even in psql)'.
    The consulent policies use jet_ik() (NULL with a start password), the teamleider's is USING (true): Frits
    sets a start password for Tessa (as the app does) and, without choosing a new one, reads every dossier,
    contactmoment and gezinslid in psql."""
    from jet_desktop.services import inloggen, medewerkers

    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    medewerkers.stel_wachtwoord_in(frits, server.ids["tessa"], "Start-Wachtwoord-Van-Frits-1")
    frits.engine.dispose()
    with server.sql("tessa", "Start-Wachtwoord-Van-Frits-1") as c:
        assert c.execute("SELECT count(*) FROM dossier").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM gezinslid").fetchone() == (0,)


def test_finding_a_consulent_login_with_a_start_password_sees_no_casework(server):
    """FINDING (medium): the same for a jeugdconsulent: no dossiers, but the aanmeldingen waiting for triage
    or on the wachtlijst, with their jeugdigen, do not depend on jet_ik() and show."""
    from jet_desktop.services import inloggen, medewerkers

    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    medewerkers.stel_wachtwoord_in(frits, server.ids["bram"], "Start-Wachtwoord-Van-Frits-1")
    frits.engine.dispose()
    with server.sql("bram", "Start-Wachtwoord-Van-Frits-1") as c:
        assert c.execute("SELECT count(*) FROM dossier").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM jeugdige").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM aanmelding").fetchone() == (0,)


def test_finding_a_beheerder_cannot_clear_a_start_password_with_an_update(server):
    """FINDING (high, with the two above): medewerker is the beheerder's to UPDATE, every column: a start
    password becomes a normal one with `UPDATE medewerker SET moet_wachtwoord_wijzigen = false`."""
    from jet_desktop.services import inloggen, medewerkers

    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    medewerkers.stel_wachtwoord_in(frits, server.ids["bram"], "Start-Wachtwoord-Van-Frits-1")
    frits.engine.dispose()
    with server.sql("frits.beheer") as c:
        try:
            c.execute("UPDATE medewerker SET moet_wachtwoord_wijzigen = false WHERE id = %s", (server.ids["bram"],))
        except pge.InsufficientPrivilege:
            pass
    assert _zie_dossiers(server, "bram", "Start-Wachtwoord-Van-Frits-1") == 0


def test_finding_a_beheerder_cannot_make_a_casework_login_without_a_dossiertoegang_line(server):
    """FINDING (high): in psql Frits inserts a medewerker row (teamleider), calls jet_login_bijwerken and
    jet_login_wachtwoord(start = false): a working teamleider login with his own password, and the audit log
    has no 'dossiertoegang:' line for the teamleiders (the services write it; the functions do not)."""
    naam = f"sok{uuid.uuid4().hex[:8]}"
    with server.sql("frits.beheer", autocommit=False) as c:
        mid = uuid.uuid4()
        c.execute("INSERT INTO medewerker (id, version, created_at, updated_at, updated_by, naam, rol, gebruikersnaam, "
                  "wachtwoord_hash, moet_wachtwoord_wijzigen, fte, actief) VALUES (%s, 1, now(), now(), '', 'Sok Pop', "
                  "'teamleider', %s, '', false, 1.0, true)", (mid, naam))
        c.execute("SELECT jet_login_bijwerken(%s)", (mid,))
        c.execute("SELECT jet_login_wachtwoord(%s, %s, false)", (mid, scram.verifier(ANDER_WW)))
        c.commit()
    gezien = max(_zie_dossiers(server, naam, ANDER_WW), 0)
    with server.sql("tessa") as c:
        meldingen = _rijen(c, "SELECT omschrijving FROM auditregel WHERE omschrijving LIKE 'dossiertoegang:%%'")
    assert gezien == 0 or meldingen, "een teamleiderslogin die geen teamleider ooit te zien krijgt"


def test_finding_a_beheerder_cannot_rename_another_medewerkers_login_away(server):
    """FINDING (medium): jet_login_bijwerken(p_medewerker, p_oude_naam) renames the login p_oude_naam to
    the row's gebruikersnaam whenever p_oude_naam is some JET login, not only this medewerker's old one: a new
    row 'x' with p_oude_naam = 'tessa' takes Tessa's login (her password and group) away from her; Tessa's
    row still says 'tessa' and she can no longer sign in."""
    naam = f"x{uuid.uuid4().hex[:8]}"
    with server.sql("frits.beheer", autocommit=False) as c:
        mid = uuid.uuid4()
        c.execute("INSERT INTO medewerker (id, version, created_at, updated_at, updated_by, naam, rol, gebruikersnaam, "
                  "wachtwoord_hash, moet_wachtwoord_wijzigen, fte, actief) VALUES (%s, 1, now(), now(), '', 'X', "
                  "'teamleider', %s, '', false, 1.0, true)", (mid, naam))
        try:
            c.execute("SELECT jet_login_bijwerken(%s, 'tessa')", (mid,))
            c.commit()
        except (pge.InsufficientPrivilege, pge.InvalidParameterValue, pge.RaiseException):
            c.rollback()
    try:
        assert _zie_dossiers(server, "tessa", WW) == 3, "Tessa's login is gone"
    finally:
        with server.admin() as a:  # the roles are the cluster's: give the next test its tessa back
            if a.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (naam,)).fetchone() and not a.execute(
                    "SELECT 1 FROM pg_roles WHERE rolname = 'tessa'").fetchone():
                a.execute(f'ALTER ROLE "{naam}" RENAME TO tessa')


def test_a_beheerder_cannot_give_their_own_or_another_beheerders_account_casework(server):
    with server.admin() as a:
        a.execute("INSERT INTO medewerker (id, version, created_at, updated_at, updated_by, naam, rol, gebruikersnaam, "
                  "wachtwoord_hash, moet_wachtwoord_wijzigen, fte, actief) VALUES (gen_random_uuid(), 1, now(), now(), "
                  "'', 'Gerda Beheer', 'functioneel_beheerder', 'gerda.beheer', '', false, 1.0, true)")
    with server.sql("frits.beheer") as c:
        gerda = c.execute("SELECT id FROM medewerker WHERE gebruikersnaam = 'gerda.beheer'").fetchone()[0]
        c.execute("SELECT jet_login_bijwerken(%s)", (gerda,))
    with server.sql("frits.beheer", autocommit=False) as c:
        for wie in (server.ids["frits.beheer"], gerda):
            c.execute("UPDATE medewerker SET rol = 'teamleider' WHERE id = %s", (wie,))
            with pytest.raises(pge.InsufficientPrivilege):
                c.execute("SELECT jet_login_bijwerken(%s)", (wie,))
            c.rollback()
        # renaming oneself to slip past the own-account rules: the function no longer knows a beheerder
        c.execute("UPDATE medewerker SET gebruikersnaam = 'frits.twee', rol = 'teamleider' WHERE id = %s",
                  (server.ids["frits.beheer"],))
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("SELECT jet_login_bijwerken(%s)", (server.ids["frits.beheer"],))
        c.rollback()
        for naam in ("postgres", "jet_eigenaar", "pg_monitor", "jet_it"):
            with pytest.raises((pge.InvalidParameterValue, pge.DuplicateObject, pge.RaiseException)):
                # refused at the row already (no row takes an existing role's name), or else by the function
                c.execute("UPDATE medewerker SET gebruikersnaam = %s WHERE id = %s", (naam, server.ids["bram"]))
                c.execute("SELECT jet_login_bijwerken(%s, 'bram')", (server.ids["bram"],))
            c.rollback()
    with server.admin() as a:
        groepen = {r[0] for r in a.execute("SELECT r.rolname FROM pg_auth_members am JOIN pg_roles r ON r.oid = "
                                           "am.roleid JOIN pg_roles u ON u.oid = am.member WHERE u.rolname = "
                                           "'frits.beheer'")}
        super_ = a.execute("SELECT rolsuper FROM pg_roles WHERE rolname = 'postgres'").fetchone()
    assert groepen == {"jet_beheerder"} and super_ in (None, (True,))
    assert _zie_dossiers(server, "bram", WW) == 2


def test_the_password_function_takes_a_verifier_only_and_not_another_login(server):
    with server.sql("anouk") as c:
        for v in ("platte-tekst", "md5" + "0" * 32, "SCRAM-SHA-256$4096:abc$def:ghi'; ALTER ROLE anouk SUPERUSER; --"):
            with pytest.raises(pge.InvalidParameterValue):
                c.execute("SELECT jet_login_wachtwoord(%s, %s, false)", (server.ids["anouk"], v))
        with pytest.raises(pge.InsufficientPrivilege):
            c.execute("SELECT jet_login_wachtwoord(%s, %s, false)", (server.ids["tessa"], scram.verifier(ANDER_WW)))
    assert _zie_dossiers(server, "tessa", WW) == 3


def test_finding_a_null_verifier_does_not_remove_a_password(server):
    """FINDING (low): `p_verifier !~ '...'` is NULL for a NULL verifier, so the check passes and
    `ALTER ROLE ... PASSWORD NULL` removes the password: the login can no longer sign in (a beheerder can so
    lock anyone out without a trace of a password change; a user themselves)."""
    with server.sql("anouk") as c:
        try:
            c.execute("SELECT jet_login_wachtwoord(%s, NULL, false)", (server.ids["anouk"],))
        except pge.InvalidParameterValue:
            pass
    assert _zie_dossiers(server, "anouk", WW) == 2


# == signing in: renamed, switched off, two workstations ===============================================================

def test_a_renamed_user_signs_in_with_the_new_name_and_the_same_password_on_two_workstations(server):
    from jet_desktop.services import inloggen, medewerkers

    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    versie = server.rij(Aanmelding.__table__.metadata.tables["medewerker"], server.ids["bram"], "version")
    nieuw = f"bram{uuid.uuid4().hex[:6]}"
    medewerkers.wijzig(frits, server.ids["bram"], versie, "Bram Jansen", nieuw, Rol.CONSULENT, 1.0, True)
    frits.engine.dispose()
    try:
        with pytest.raises(inloggen.InlogFout):
            inloggen.open_sessie("bram", WW, url=server.server_url())
        een = inloggen.open_sessie(nieuw, WW, url=server.server_url())
        twee = inloggen.open_sessie(nieuw, WW, url=server.server_url())
        from jet_desktop.services import caseload

        assert {d.dossier_id for d in caseload.dossiers_van(een, server.ids["bram"])} == \
            {d.dossier_id for d in caseload.dossiers_van(twee, server.ids["bram"])} == {server.tweede, server.ander}
        een.engine.dispose()
        twee.engine.dispose()
    finally:
        with server.admin() as a:
            a.execute(f'ALTER ROLE "{nieuw}" RENAME TO bram')


def test_a_teamleider_switched_off_and_on_again_works_as_before(server):
    from jet_desktop.services import inloggen, medewerkers

    frits = inloggen.open_sessie("frits.beheer", WW, url=server.server_url())
    versie = server.rij(Aanmelding.__table__.metadata.tables["medewerker"], server.ids["tessa"], "version")
    medewerkers.wijzig(frits, server.ids["tessa"], versie, "Tessa Leider", "tessa", Rol.TEAMLEIDER, 1.0, False)
    versie = server.rij(Aanmelding.__table__.metadata.tables["medewerker"], server.ids["tessa"], "version")
    medewerkers.wijzig(frits, server.ids["tessa"], versie, "Tessa Leider", "tessa", Rol.TEAMLEIDER, 1.0, True)
    frits.engine.dispose()
    assert _zie_dossiers(server, "tessa", WW) == 3  # switched on again: works as before
