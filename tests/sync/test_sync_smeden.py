"""What an adversarial session found against the sync (docs/sync.md, "What a laptop may send"), each kept as a
test: a consulent owns the laptop file and its wachtwoordzin, so anything can be in its outbox. The server
applies only the synced tables, a conflict row only as a resolution of an open one, never a changed author
or link; and the database refuses the same with the login's own rights. Also: two offline edits of one
field after a colleague's edit do not overwrite it, and the same conflict resolved on both sides keeps the
teamleider's decision."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import DBAPIError

from jet_desktop.services import conflicten, correcties, dossiers, synchroniseren
from jet_desktop.storage.models import Contactmoment, SyncConflict, SyncOutbox
from sync.laptops import meenemen, op_server, open_laptop, raw, sync

CM, C, O = Contactmoment.__table__, SyncConflict.__table__, SyncOutbox.__table__
VANDAAG = date(2026, 11, 25)


@pytest.fixture
def anouk(server, tmp_path):
    lap = open_laptop(meenemen(server, "anouk", tmp_path / "laptop.db"), "anouk")
    yield lap
    lap.engine.dispose()


def _outbox(lap, tabel, record_id, operatie, velden, basis=None):
    with raw(lap).engine.begin() as conn:
        conn.execute(insert(O).values(op_id=uuid.uuid4().hex, tabel=tabel, record_id=record_id, operatie=operatie,
                                      basis_versie=basis, velden=json.dumps(velden), schemaversie="x",
                                      vastgelegd_at="2026-11-25T10:00:00Z"))


def _eigen_cm(lap, server):
    with lap.engine.connect() as conn:
        return conn.execute(select(CM.c.id, CM.c.version).where(CM.c.dossier_id == server.eigen)).one()


def _wijzig(store, cm, versie, notitie, duur=60, type_="huisbezoek"):
    return correcties.wijzig_contactmoment(store, cm, versie, correcties.ContactInvoer(
        VANDAAG, type_, duur, notitie), VANDAAG, "aangevuld")


def _als(server, naam, sql, params=None):
    sessie = op_server(server, naam)
    try:
        with sessie.engine.begin() as conn:
            conn.execute(text(sql), params or {})
    finally:
        sessie.engine.dispose()


def test_two_offline_edits_of_a_field_a_colleague_changed_do_not_overwrite_it(server, anouk):
    cm, v = _eigen_cm(anouk, server)
    tessa = op_server(server, "tessa")
    try:
        _wijzig(tessa, cm, v, "Notitie van de teamleider.")
    finally:
        tessa.engine.dispose()
    v2 = _wijzig(anouk, cm, v, "Laptop eerste versie.")  # the laptop's second edit has base v+1, the server's number
    _wijzig(anouk, cm, v2, "Laptop tweede versie.")
    sync(server, anouk, "anouk")
    assert server.rij(CM, cm, "notitie") == "Notitie van de teamleider."
    with server.system.engine.connect() as conn:
        laptop = {json.loads(w) for w in conn.execute(select(C.c.laptop).where(C.c.record_id == cm)).scalars()}
    assert laptop == {"Laptop eerste versie.", "Laptop tweede versie."}  # both kept, to be resolved


def test_a_second_offline_edit_of_a_record_removed_on_the_server_is_not_written(server, anouk):
    cm, v = _eigen_cm(anouk, server)
    with server.admin() as c:
        c.execute("UPDATE contactmoment SET deleted_at = now(), version = version + 1 WHERE id = %s", (cm,))
    v2 = _wijzig(anouk, cm, v, "Laptop eerste versie.")
    _wijzig(anouk, cm, v2, "Laptop tweede versie.", type_="telefonisch")
    sync(server, anouk, "anouk")
    assert server.rij(CM, cm, "notitie") == "Gesprek met moeder."
    with server.system.engine.connect() as conn:
        soorten = set(conn.execute(select(C.c.soort).where(C.c.record_id == cm)).scalars())
    assert soorten == {"verwijderd"}


def test_a_conflict_row_planted_on_the_laptop_is_refused_and_the_database_refuses_it_too(server, anouk):
    with server.system.engine.connect() as conn:  # Olga's note: Bram's dossier, Anouk is not on it
        cm, oud = conn.execute(select(CM.c.id, CM.c.notitie).where(CM.c.dossier_id == server.ander)).one()
    lap = synchroniseren.laptop(anouk)
    nu = datetime.now(timezone.utc)
    with raw(anouk).engine.begin() as conn:  # plain SQL on the laptop: captured like any write
        conn.execute(insert(C).values(
            id=uuid.uuid4(), version=1, created_at=nu, updated_at=nu, updated_by="", apparaat_id=lap.apparaat_id,
            op_id=uuid.uuid4(), medewerker_id=server.ids["anouk"], dossier_id=server.ander, tabel="contactmoment",
            record_id=cm, veld="notitie", soort="veld", basis=json.dumps(oud), server=json.dumps(oud),
            laptop=json.dumps("GEPLANT"), server_door="Bram", laptop_door="Bram", opgelost_door="", oplossing="",
            uitkomst=""))
    assert sync(server, anouk, "anouk").geweigerd == 1
    with server.system.engine.connect() as conn:
        assert conn.execute(select(C.c.id).where(C.c.dossier_id == server.ander)).first() is None
    assert [g.reden for g in synchroniseren.geweigerde(anouk)] == [
        "Een conflict ontstaat op de teamserver; een laptop kan het alleen oplossen."]
    with pytest.raises(DBAPIError, match="row-level security"):  # the second lock: the login's own insert
        _als(server, "anouk", "INSERT INTO sync_conflict (id, version, created_at, updated_at, updated_by, "
             "apparaat_id, op_id, medewerker_id, dossier_id, tabel, record_id, veld, soort, basis, server, laptop, "
             "server_door, laptop_door, opgelost_door, oplossing, uitkomst) VALUES (gen_random_uuid(), 1, now(), now(), "
             "'', :a, gen_random_uuid(), :m, :d, 'contactmoment', :r, 'notitie', 'veld', '', '', '\"GEPLANT\"', '', '', "
             "'', '', '')", {"a": lap.apparaat_id, "m": server.ids["anouk"], "d": server.ander, "r": cm})


def test_an_outbox_row_for_the_sync_tables_is_refused_and_the_audit_lines_still_arrive(server, anouk):
    lap = synchroniseren.laptop(anouk)
    _outbox(anouk, "sync_apparaat", lap.apparaat_id.hex, "update", {"audit_volgnummer": [0, 10 ** 9]})
    _outbox(anouk, "sync_toegepast", uuid.uuid4().hex, "insert", {"resultaat": [None, "toegepast"]})
    dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "huisbezoek", 30, "Daarna.", VANDAAG)
    verslag = sync(server, anouk, "anouk")
    assert (verslag.geweigerd, verslag.toegepast) == (2, 1)  # refused, and what came after was not stalled
    with server.admin() as c:
        assert c.execute("SELECT audit_volgnummer FROM sync_apparaat WHERE id = %s",
                         (lap.apparaat_id,)).fetchone()[0] < 10 ** 9
        assert c.execute("SELECT count(*) FROM auditregel WHERE omschrijving LIKE %s",
                         (f"%apparaat {str(lap.apparaat_id)[:8]}%",)).fetchone()[0] > 0
        assert c.execute("SELECT count(*) FROM contactmoment WHERE notitie = 'Daarna.'").fetchone()[0] == 1
    assert not synchroniseren.status(anouk).tekst().startswith("Alles verzonden")  # 2 geweigerd, and it says so
    with pytest.raises(DBAPIError, match="permission denied"):  # the login cannot skip its own audit lines
        _als(server, "anouk", "UPDATE sync_apparaat SET audit_volgnummer = 1000000000 WHERE id = :a",
             {"a": lap.apparaat_id})


def test_the_author_of_a_note_cannot_be_rewritten(server, anouk):
    cm, _v = _eigen_cm(anouk, server)
    auteur = server.rij(CM, cm, "medewerker_id")
    with raw(anouk).engine.begin() as conn:
        conn.execute(CM.update().where(CM.c.id == cm).values(medewerker_id=server.ids["bram"], version=CM.c.version + 1))
    assert sync(server, anouk, "anouk").geweigerd == 1
    assert server.rij(CM, cm, "medewerker_id") == auteur != server.ids["bram"]
    with pytest.raises(DBAPIError, match="medewerker_id"):  # the database's own check (trigger jet_bewaak)
        _als(server, "anouk", "UPDATE contactmoment SET medewerker_id = :b WHERE id = :c",
             {"b": server.ids["bram"], "c": cm})


def test_a_conflict_resolved_by_the_teamleider_is_not_undone_by_a_laptop_resolution(server, anouk):
    cm, v = _eigen_cm(anouk, server)
    tessa = op_server(server, "tessa")
    try:
        _wijzig(tessa, cm, v, "Teamleider.")
        _wijzig(anouk, cm, v, "Laptop.")
        sync(server, anouk, "anouk")
        [c_lap] = conflicten.open_conflicten(anouk)
        [c_srv] = [c for c in conflicten.open_conflicten(tessa) if c.record_id == cm]
        conflicten.los_op(tessa, c_srv.id, c_srv.version, "server")  # the teamleider keeps the server's
    finally:
        tessa.engine.dispose()
    conflicten.los_op(anouk, c_lap.id, c_lap.version, "laptop")  # offline, the consulent takes the laptop's
    verslag = sync(server, anouk, "anouk")
    assert server.rij(CM, cm, "notitie") == "Teamleider."
    assert verslag.geweigerd == 2 and verslag.conflicten == 0  # the edit and the resolution, kept, with why
    redenen = {g.reden for g in synchroniseren.geweigerde(anouk)}
    assert len(redenen) == 1 and "al opgelost door Tessa" in redenen.pop()
    with server.system.engine.connect() as conn:
        assert conn.execute(select(C.c.oplossing).where(C.c.id == c_srv.id)).scalar_one() == "server"


def test_a_copied_laptop_file_is_refused_with_its_work_kept(server, tmp_path):
    """Two computers with one laptop file: the first to sync is the device; the copy's next sync is refused
    with a Dutch message (its audit lines would otherwise be silently skipped), and nothing on it is lost."""
    import shutil
    from pathlib import Path

    pad = meenemen(server, "anouk", tmp_path / "a.db")
    a = open_laptop(pad, "anouk")
    sync(server, a, "anouk")
    a.engine.dispose()
    for deel in ("", "-wal", "-shm"):
        if Path(f"{pad}{deel}").exists():
            shutil.copy(f"{pad}{deel}", f"{tmp_path / 'b.db'}{deel}")
    a, b = open_laptop(pad, "anouk"), open_laptop(tmp_path / "b.db", "anouk")
    try:
        dossiers.voeg_contactmoment_toe(a, server.eigen, VANDAAG, "huisbezoek", 30, "Notitie A", VANDAAG)
        dossiers.voeg_contactmoment_toe(b, server.eigen, VANDAAG, "huisbezoek", 30, "Notitie B", VANDAAG)
        sync(server, a, "anouk")
        with pytest.raises(synchroniseren.SyncFout, match="kopie"):
            sync(server, b, "anouk")
        assert synchroniseren.status(b).wachtend == 1  # kept on the copy
        with server.admin() as c:
            assert c.execute("SELECT count(*) FROM contactmoment WHERE notitie = 'Notitie B'").fetchone()[0] == 0
        assert synchroniseren.status(a).alles_verzonden
        sync(server, a, "anouk")  # the device itself goes on syncing, its resent lines are recognised
    finally:
        a.engine.dispose()
        b.engine.dispose()
