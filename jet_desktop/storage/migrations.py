"""Schema migrations through Alembic (scripts in the top-level `db/` folder; jet_desktop/db when installed)."""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from jet_desktop.paths import migrations_dir
from jet_desktop.storage.schema_version import HEAD_REVISION

MIGRATIONS_DIR = migrations_dir()


def alembic_config():
    from alembic.config import Config  # imported lazily: alembic is slow to import

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_up_to_date(engine: Engine) -> bool:
    """Cheap check at start-up, without importing Alembic."""
    return current_revision(engine) == HEAD_REVISION


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild a table (copy, DROP, rename); with foreign keys on, the
            # DROP of a table other rows point at fails. Off for the migration (the pragma only
            # works outside a transaction), checked afterwards, back on for the pooled connection.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                if sqlite:  # the driver begins a transaction only before DML: without this every CREATE TABLE
                    # committed on its own, and a migration that failed halfway (a full disk) left a store
                    # with tables but no schema version, which no later run could open
                    conn.exec_driver_sql("BEGIN")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("Migratie afgebroken: verwijzingen tussen tabellen kloppen niet meer.")
        finally:
            if sqlite:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def ensure_schema(engine: Engine) -> None:
    if not is_up_to_date(engine):
        upgrade_to_head(engine)
