"""storage/verbinding.py: a team server that cannot be reached is a Dutch message naming host and port, within
the connect_timeout, never the driver's English text; a wrong password is left to the sign-in."""

import socket

import psycopg
import pytest
from sqlalchemy import create_engine
from sqlalchemy import exc as sa

from jet_desktop.storage import verbinding


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def verbind(url: str):
    engine = create_engine(url)
    try:
        with verbinding.vertaald(url), engine.connect():
            pass
    finally:
        engine.dispose()


def test_connection_refused_names_host_and_port():
    poort = vrije_poort()  # nothing listens there
    url = f"postgresql+psycopg://127.0.0.1:{poort}/jet?sslmode=disable&connect_timeout=5"
    with pytest.raises(verbinding.ServerOnbereikbaar) as fout:
        verbind(url)
    assert str(fout.value).startswith(f"De teamserver 127.0.0.1 (poort {poort}) is niet bereikbaar: de verbinding "
                                      "werd geweigerd")


def test_a_server_that_does_not_answer_is_a_time_out_in_seconds():
    with socket.socket() as stil:  # accepts the TCP connection, never says a word
        stil.bind(("127.0.0.1", 0))
        stil.listen(1)
        poort = stil.getsockname()[1]
        url = verbinding.met_verbindingstijd(f"postgresql+psycopg://127.0.0.1:{poort}/jet?sslmode=disable", 2)
        assert "connect_timeout=2" in url
        with pytest.raises(verbinding.ServerOnbereikbaar, match="antwoordde niet binnen 2 seconden"):
            verbind(url)


def test_an_unknown_host_name():
    url = "postgresql+psycopg://geen-server.invalid:5432/jet?connect_timeout=5"
    with pytest.raises(verbinding.ServerOnbereikbaar, match=r"geen-server.invalid \(poort 5432\).*servernaam is onbekend"):
        verbind(url)


@pytest.mark.parametrize("tekst, reden", [
    ('root certificate file "/home/x/.postgresql/root.crt" does not exist', "CA-certificaat (sslrootcert) ontbreekt"),
    ("SSL error: certificate verify failed", "certificaat van de server is niet te vertrouwen"),
    ("server does not support SSL, but SSL was required", "geen versleutelde verbinding"),
    ("received invalid response to SSL negotiation: H", "niet als een PostgreSQL-server"),
])
def test_tls_failures_in_dutch(tekst, reden):
    fout = verbinding.onbereikbaar(sa.OperationalError("connect", {}, psycopg.OperationalError(tekst)),
                                   "postgresql+psycopg://jet-db:5432/jet")
    assert fout is not None and "De teamserver jet-db (poort 5432) is niet bereikbaar" in str(fout) and reden in str(fout)


def test_a_missing_database_and_a_wrong_password(pg_cluster):
    url = pg_cluster.url("bestaat_niet")
    with pytest.raises(verbinding.ServerOnbereikbaar, match="heeft geen database „bestaat_niet”"):
        verbind(url)
    wrong = sa.OperationalError("connect", {}, psycopg.OperationalError(
        'connection failed: FATAL:  password authentication failed for user "anouk"'))
    assert verbinding.onbereikbaar(wrong, url) is None  # the sign-in's own message (InlogFout)
    assert verbinding.onbereikbaar(ValueError("connection refused"), url) is None


def test_a_url_with_its_own_timeout_or_no_postgresql_is_left_as_it_is():
    assert verbinding.met_verbindingstijd("postgresql+psycopg://h/jet?connect_timeout=9") == \
        "postgresql+psycopg://h/jet?connect_timeout=9"
    assert verbinding.met_verbindingstijd("sqlite:///x.db") == "sqlite:///x.db"
