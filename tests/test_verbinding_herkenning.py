"""meldingen.is_verbinding_weg: a lost or refused connection to the PostgreSQL server, never a local SQLite file."""

import sqlite3

import psycopg
import pytest
from sqlalchemy import exc as sa

from jet_desktop.commands import foutmeldingen
from jet_desktop.meldingen import is_verbinding_verbroken, is_verbinding_weg
from jet_desktop.ui import foutmelding
from jet_desktop.ui.workers import NietGelukt, in_het_nederlands


def _sa(orig, invalidated=False):
    return sa.OperationalError("INSERT INTO contactmoment ...", {}, orig, connection_invalidated=invalidated)


@pytest.mark.parametrize("fout", [
    _sa(psycopg.OperationalError("server closed the connection unexpectedly"), invalidated=True),
    _sa(psycopg.OperationalError("connection failed: Connection refused")),
    sa.InterfaceError("SELECT 1", {}, psycopg.InterfaceError("the connection is closed")),
    psycopg.OperationalError("consuming input failed: server closed the connection unexpectedly"),
])
def test_a_lost_connection_is_recognised(fout):
    assert is_verbinding_weg(fout)
    assert foutmelding.voor_formulier(fout) == foutmelding.VERBINDING_WEG
    nl = in_het_nederlands(fout)
    assert isinstance(nl, NietGelukt) and "verbinding met de teamserver is verbroken" in str(nl)


@pytest.mark.parametrize("fout", [
    _sa(sqlite3.OperationalError("database is locked")),
    _sa(sqlite3.OperationalError("disk I/O error")),
    _sa(psycopg.errors.DiskFull("could not extend file")),
    ValueError("connection"),
])
def test_a_local_file_or_another_failure_is_not(fout):
    assert not is_verbinding_weg(fout)


def test_the_cli_tells_a_lost_connection_from_one_never_made():
    weg = _sa(psycopg.OperationalError("server closed the connection unexpectedly"), invalidated=True)
    assert is_verbinding_verbroken(weg)
    assert foutmeldingen.melding(weg) == (foutmeldingen.VERBINDING_VERBROKEN, 1)
    nooit = _sa(psycopg.OperationalError("connection failed: connection to server at \"127.0.0.1\", port 1 failed: "
                                         "Connection refused"))
    assert not is_verbinding_verbroken(nooit)
    tekst, code = foutmeldingen.melding(nooit)
    assert code == 1 and tekst.startswith("De databaseserver is niet bereikbaar: de verbinding werd geweigerd")
