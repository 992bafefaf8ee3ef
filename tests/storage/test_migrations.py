"""Schema changes only through Alembic: empty -> head on SQLite and PostgreSQL, and back."""

import uuid
from datetime import date, datetime, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from jet_desktop.storage.engine import make_engine
from jet_desktop.storage.migrations import (
    alembic_config,
    current_revision,
    ensure_schema,
    is_up_to_date,
    upgrade_to_head,
)
from jet_desktop.storage.models import AUDIT_TABLES, HISTORIE_TABLES, SYNC_LAPTOP_TABLES, SYNC_SERVER_TABLES, TABLES
from jet_desktop.storage.schema_version import HEAD_REVISION

TABLE_NAMES = {t.name for t in TABLES + AUDIT_TABLES + HISTORIE_TABLES + SYNC_SERVER_TABLES + SYNC_LAPTOP_TABLES}


@pytest.fixture
def engine(any_url):
    engine = make_engine(any_url)
    yield engine
    engine.dispose()


def alembic(engine, fn, revision):
    """Run an Alembic command (upgrade/downgrade) on this engine, in one transaction."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        fn(cfg, revision)


def schema_snapshot(engine):
    insp = inspect(engine)
    return {t: sorted((c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t))
            for t in insp.get_table_names()} | {
        f"{t}.indexes": sorted(i["name"] for i in insp.get_indexes(t)) for t in insp.get_table_names()}


def test_head_revision_constant_is_alembics_script_head():
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD_REVISION]  # exactly one head, and it is the one the code expects


def test_every_migration_has_a_downgrade_chain_to_base():
    script = ScriptDirectory.from_config(alembic_config())
    chain = [rev.revision for rev in script.walk_revisions("base", "heads")]
    assert chain[0] == HEAD_REVISION
    assert script.get_revision(chain[-1]).down_revision is None


def test_empty_database_to_head(engine):
    assert current_revision(engine) is None
    assert not is_up_to_date(engine)
    upgrade_to_head(engine)
    assert current_revision(engine) == HEAD_REVISION
    assert is_up_to_date(engine)
    tables = set(inspect(engine).get_table_names())
    assert TABLE_NAMES <= tables
    assert tables - TABLE_NAMES == {"alembic_version"}


def test_migrated_schema_matches_the_models(engine):
    """A model change without a migration shows up here (Alembic autogenerate finds a difference)."""
    upgrade_to_head(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []


def test_migrating_twice_is_a_no_op(engine):
    upgrade_to_head(engine)
    before = schema_snapshot(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO gezin (id, version, created_at, updated_at, updated_by, naam) "
                          "VALUES (:id, 1, :now, :now, 'test', 'Gezin Bakker')"),
                     {"id": uuid.uuid4().hex if engine.dialect.name == "sqlite" else uuid.uuid4(),
                      "now": datetime.now(timezone.utc)})
    upgrade_to_head(engine)
    ensure_schema(engine)
    assert schema_snapshot(engine) == before
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        assert conn.execute(text("SELECT naam FROM gezin")).scalars().all() == ["Gezin Bakker"]


def test_downgrade_to_base_and_up_again(engine):
    upgrade_to_head(engine)
    head_schema = schema_snapshot(engine)
    alembic(engine, command.downgrade, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    alembic(engine, command.upgrade, "head")
    assert is_up_to_date(engine)
    assert schema_snapshot(engine) == head_schema


def test_ensure_schema_migrates_only_when_needed(engine):
    ensure_schema(engine)
    assert is_up_to_date(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'iets_anders'"))
    assert not is_up_to_date(engine)


# -- data written before a migration survives it ---------------------------------------------


def _insert(conn, table, **values):
    cols = ", ".join(values)
    params = ", ".join(f":{k}" for k in values)
    conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({params})"), values)


def test_0002_derives_op_wachtlijst_from_existing_data(engine):
    """0001 -> 0002: op_wachtlijst is filled from the decision in force and the dossiers."""
    if "0002_wachtlijst_flag" not in {r.revision for r in ScriptDirectory.from_config(alembic_config())
                                      .walk_revisions()}:
        pytest.skip("no 0002_wachtlijst_flag migration")
    alembic(engine, command.upgrade, "0001_case_flow")
    is_sqlite = engine.dialect.name == "sqlite"

    def new_id():
        u = uuid.uuid4()
        return (u.hex if is_sqlite else u), u

    now = datetime.now(timezone.utc)
    stamp = {"version": 1, "created_at": now, "updated_at": now, "updated_by": "migratietest"}
    ids = {}
    with engine.begin() as conn:
        gezin, _ = new_id()
        _insert(conn, "gezin", id=gezin, naam="Gezin Test", **stamp)
        consulent, _ = new_id()
        _insert(conn, "medewerker", id=consulent, naam="Anouk", rol="jeugdconsulent", fte=1.0, actief=True, **stamp)
        for n, (uitkomst, met_dossier) in enumerate([("zelf_oppakken", False), ("specialistische_jeugdhulp", False),
                                                     ("zelf_oppakken", True), ("voorliggend_veld", False),
                                                     (None, False)]):
            jeugdige, _ = new_id()
            _insert(conn, "jeugdige", id=jeugdige, gezin_id=gezin, voornaam=f"Kind{n}", tussenvoegsel="",
                    achternaam="Test", geslacht="x", adres="", postcode="", woonplaats="", wijk="", school="", **stamp)
            aid, key = new_id()
            ids[n] = key
            _insert(conn, "aanmelding", id=aid, dossiernummer=f"2026-{n:05d}", jeugdige_id=jeugdige,
                    aanmelddatum=date(2026, 1, 1), verwijzer_route="huisarts", verwijzer_organisatie="",
                    verwijzer_contactpersoon="", hulpvraag="x", hulpvraag_categorieen="", veiligheidssignalen="",
                    regie="onbekend", steunfiguur_naam="", steunfiguur_relatie="", **stamp)
            if uitkomst:
                bid, _ = new_id()
                _insert(conn, "triagebesluit", id=bid, aanmelding_id=aid, besloten_op=date(2026, 1, 2),
                        uitkomst=uitkomst, urgentie="normaal", motivering="motivering", organisatie="", **stamp)
                conn.execute(text("UPDATE aanmelding SET huidig_besluit_id = :b WHERE id = :a"), {"a": aid, "b": bid})
            if met_dossier:
                did, _ = new_id()
                _insert(conn, "dossier", id=did, aanmelding_id=aid, geopend_op=date(2026, 1, 3),
                        consulent_id=consulent, afsluitreden="", afsluit_toelichting="", **stamp)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, op_wachtlijst FROM aanmelding")).all()
    flags = {(uuid.UUID(r[0]) if isinstance(r[0], str) else r[0]): bool(r[1]) for r in rows}
    assert [flags[ids[n]] for n in range(5)] == [True, True, False, False, False]


def test_sqlite_foreign_keys_are_enforced_again_after_migrating(tmp_path):
    """Migrations switch SQLite's foreign keys off (table rebuilds); the pooled connection gets them back."""
    from sqlalchemy.exc import IntegrityError

    from jet_desktop.paths import sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "fk.db"))
    try:
        upgrade_to_head(engine)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        now = datetime.now(timezone.utc)
        with pytest.raises(IntegrityError), engine.begin() as conn:
            _insert(conn, "afwezigheid", id=uuid.uuid4().hex, medewerker_id=uuid.uuid4().hex, van=date(2026, 1, 1),
                    tot=date(2026, 1, 2), reden="", version=1, created_at=now, updated_at=now, updated_by="t")
    finally:
        engine.dispose()


def test_a_migration_that_fails_halfway_leaves_no_tables_and_the_next_run_succeeds(any_url):
    """One transaction on both engines: a full disk at the 20th CREATE TABLE (raised here as SQLite would)
    leaves an empty store, not tables without a schema version that no later run can open."""
    from sqlalchemy import event

    engine = make_engine(any_url)
    gemaakt = []

    def bij_create(_conn, _cursor, statement, *_a):
        if statement.lstrip().upper().startswith("CREATE TABLE"):
            gemaakt.append(statement)
            if len(gemaakt) == 20:
                raise OSError(28, "No space left on device")

    event.listen(engine, "before_cursor_execute", bij_create)
    with pytest.raises(OSError):
        upgrade_to_head(engine)
    event.remove(engine, "before_cursor_execute", bij_create)
    assert len(gemaakt) == 20
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []  # nothing of the first 19 kept
    upgrade_to_head(engine)
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()
