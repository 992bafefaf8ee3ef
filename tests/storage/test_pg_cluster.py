"""The throwaway PostgreSQL cluster the storage and service tests run on (tests/pg.py)."""

import pg
import pytest
from sqlalchemy import create_engine, inspect, text


def test_fresh_empty_database_per_test_on_loopback(pg_url, pg_cluster):
    assert pg_url.startswith("postgresql+psycopg://") and "@127.0.0.1:" in pg_url
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW server_version_num")).scalar().startswith("15")
            assert conn.execute(text("SHOW listen_addresses")).scalar() == "127.0.0.1"
            assert conn.execute(text("SHOW unix_socket_directories")).scalar() == str(pg_cluster.base)
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_another_test_gets_another_database(pg_url, pg_cluster):
    other = pg_cluster.create_database()
    try:
        assert pg_cluster.url(other) != pg_url
    finally:
        pg_cluster.drop_database(other)


def test_missing_binaries_are_reported(monkeypatch):
    import glob
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)  # nowhere on the PATH (demo/teamserver.vind_binary)
    monkeypatch.setattr(glob, "glob", lambda pattern: [])  # nor in /usr/lib/postgresql/*/bin
    with pytest.raises(pg.PgUnavailable, match="initdb"):
        pg.find_binaries()


@pytest.mark.parametrize("value, expected", [("true", True), ("1", True), ("yes", True), ("", False),
                                             ("false", False), ("0", False), (None, False)])
def test_ci_detection(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert pg.in_ci() is expected
