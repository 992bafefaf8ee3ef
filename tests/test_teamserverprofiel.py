"""The workstation's team server profile (jet_desktop/teamserverprofiel.py): IT's machine-wide file, the user's
file over it key by key, a bad file a Dutch message naming it, never a password; the URL the sign-in uses."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from jet_desktop import teamserverprofiel as tp


def schrijf(pad: Path, tekst: str) -> Path:
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_the_files_are_in_the_tests_own_folders_never_the_real_ones(tmp_path):
    import os

    assert str(tp.gebruikersbestand()).startswith(os.environ["XDG_CONFIG_HOME"])
    assert str(tp.machinebestand()).startswith(os.environ["XDG_CONFIG_DIRS"])  # tests/conftest.py, not /etc/xdg
    assert tp.gebruikersbestand().name == tp.machinebestand().name == "teamserver.ini"


def test_without_files_there_is_no_profile():
    assert tp.laad() is None


def test_the_machine_default_alone_is_the_profile():
    schrijf(tp.machinebestand(), "[teamserver]\nhost = jet-db.gemeente.local\ndatabase = jet_team\n"
                                 "sslrootcert = /etc/jet/ca.crt\n")
    p = tp.laad()
    assert p == tp.Profiel("jet-db.gemeente.local", 5432, "jet_team", "verify-full", "/etc/jet/ca.crt")
    assert p.waar == "jet-db.gemeente.local:5432/jet_team"


def test_the_users_file_overrides_the_machine_default_key_by_key():
    schrijf(tp.machinebestand(), "[teamserver]\nhost = jet-db.gemeente.local\nport = 5432\ndatabase = jet\n")
    schrijf(tp.gebruikersbestand(), "[teamserver]\nport = 6543\n")
    p = tp.laad()
    assert (p.host, p.port, p.database) == ("jet-db.gemeente.local", 6543, "jet")


def test_saving_writes_only_what_differs_from_the_machine_default_and_no_password():
    schrijf(tp.machinebestand(), "[teamserver]\nhost = jet-db.gemeente.local\ndatabase = jet\n")
    tp.bewaar(tp.Profiel("jet-db.gemeente.local", 6543, "jet"))
    tekst = tp.gebruikersbestand().read_text(encoding="utf-8")
    assert "port = 6543" in tekst and "host" not in tekst.split("[teamserver]")[1]
    assert "password" not in tekst.lower() and "user" not in tekst.split("[teamserver]")[1]
    # IT moves the server: the user who only changed the port follows
    schrijf(tp.machinebestand(), "[teamserver]\nhost = jet-db2.gemeente.local\ndatabase = jet\n")
    assert tp.laad() == tp.Profiel("jet-db2.gemeente.local", 6543, "jet")
    # saving the machine's values again removes the user's file: the default applies
    tp.bewaar(tp.Profiel("jet-db2.gemeente.local", 5432, "jet"))
    assert not tp.gebruikersbestand().exists()


def test_without_a_machine_default_saving_writes_every_key_and_reads_back():
    p = tp.Profiel("10.1.2.3", 5433, "jet", "verify-ca", "C:\\ProgramData\\Gemeente\\JET Desktop\\ca.crt")
    tp.bewaar(p)
    assert tp.laad() == p
    tp.herstel_standaard()
    assert tp.laad() is None


@pytest.mark.parametrize("tekst, verwacht", [
    ("host = x\n", "geen geldig INI-bestand"),
    ("[server]\nhost = x\n", "geen sectie [teamserver]"),
    ("[teamserver]\nhost = jet-db\nport = vijf\n", "Poort: vul een geheel getal in van 1 tot en met 65535"),
    ("[teamserver]\nhost = jet-db\nport = 70000\n", "Poort: vul een geheel getal in van 1 tot en met 65535"),
    ("[teamserver]\nhost = jet-db\npoort = 5432\n", "onbekende sleutel „poort”"),
    ("[teamserver]\nhost = jet-db\npassword = geheim\n", "wachtwoord hoort niet in dit bestand"),
    ("[teamserver]\nhost = jet-db\nuser = anouk\n", "gebruikersnaam of wachtwoord hoort niet"),
    ("[teamserver]\nhost = postgresql://jet-db:5432\n", "Server: „postgresql://jet-db:5432” is geen servernaam"),
    ("[teamserver]\nhost = jet-db\nsslmode = prefer\n", "Beveiliging: kies"),
    ("[teamserver]\nhost = jet-db\nsslmode = disable\n", "zonder versleuteling mag alleen op deze computer"),
])
def test_a_bad_file_is_a_dutch_message_naming_it(tekst, verwacht):
    pad = schrijf(tp.gebruikersbestand(), tekst)
    with pytest.raises(tp.ProfielFout) as fout:
        tp.laad()
    assert str(pad) in str(fout.value) and verwacht in str(fout.value)


def test_a_file_that_is_no_text_is_a_message_too():
    pad = tp.machinebestand()
    pad.parent.mkdir(parents=True)
    pad.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(tp.ProfielFout, match="geen tekstbestand"):
        tp.laad()


def test_the_users_disable_over_the_machines_real_server_names_the_users_file():
    schrijf(tp.machinebestand(), "[teamserver]\nhost = jet-db.gemeente.local\n")
    pad = schrijf(tp.gebruikersbestand(), "[teamserver]\nsslmode = disable\n")
    with pytest.raises(tp.ProfielFout) as fout:
        tp.laad()
    assert str(pad) in str(fout.value) and "zonder versleuteling" in str(fout.value)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "::1"])
def test_no_encryption_only_on_this_computer(host):
    assert tp.fouten({**tp.STANDAARD, "host": host, "sslmode": "disable"}) == []


def test_the_url_has_host_port_database_and_options_but_no_user_or_password():
    url = tp.url(tp.Profiel("jet-db.gemeente.local", 6543, "jet team", "verify-full", "C:\\certs\\ca.crt"))
    delen = urlsplit(url)
    assert delen.scheme == "postgresql+psycopg"
    assert (delen.hostname, delen.port, delen.username, delen.password) == ("jet-db.gemeente.local", 6543, None, None)
    assert delen.path == "/jet%20team"
    query = parse_qs(delen.query)
    assert query["sslmode"] == ["verify-full"] and query["sslrootcert"] == ["C:\\certs\\ca.crt"]
    assert query["connect_timeout"] == [str(tp.VERBINDINGSTIJD)]
    from sqlalchemy.engine import make_url

    u = make_url(url)  # SQLAlchemy reads it back the same
    assert (u.host, u.port, u.database, u.username, u.query["sslrootcert"]) == \
        ("jet-db.gemeente.local", 6543, "jet team", None, "C:\\certs\\ca.crt")
    assert make_url(tp.url(tp.Profiel("::1", 5432, "jet", "disable"))).host == "::1"


def test_reading_the_profile_needs_no_database_library():
    import subprocess
    import sys

    code = ("import sys\nfrom jet_desktop import teamserverprofiel as tp\ntp.laad()\n"
            "tp.url(tp.Profiel('jet-db'))\nprint([m for m in ('sqlalchemy', 'psycopg', 'PySide6') if m in sys.modules])\n")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert uit.stdout.strip() == "[]"
