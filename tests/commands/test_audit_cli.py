"""`jet-desktop audit verify` and `audit export` end to end, on SQLite and PostgreSQL."""

import csv
import io
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import text, update

from jet_desktop.cli import main
from jet_desktop.domain.enums import AuditActie
from jet_desktop.services import audit
from jet_desktop.storage.models import Auditregel

R = Auditregel.__table__
GISTEREN, MORGEN = (date.today() + timedelta(days=d) for d in (-1, 1))  # around "now", also at midnight


@pytest.fixture
def log_store(any_store):
    """A store with 8 audit lines; yields (store, the --db/--url arguments)."""
    for i in range(8):
        audit.log(any_store, AuditActie.OPENEN, "dossier", uuid.uuid4(), f"2026-{i:05d}", f"Dossier geopend {i}")
    if any_store.engine.dialect.name == "sqlite":
        args = ["--db", any_store.engine.url.database]
    else:
        args = ["--url", any_store.engine.url.render_as_string(hide_password=False)]
    yield any_store, args


def test_verify_of_an_intact_log(log_store, capsys):
    store, db = log_store
    assert main(["audit", "verify", *db]) == 0
    out = capsys.readouterr().out
    assert out == f"Auditlog in orde: 8 regels; laatste hash {audit.kop(store)[1]}\n"


def test_verify_reports_the_changed_line_with_exit_1(log_store, capsys):
    store, db = log_store
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER auditregel_geen_update"))
        else:
            conn.execute(text("ALTER TABLE auditregel DISABLE TRIGGER USER"))
        conn.execute(update(R).where(R.c.volgnummer == 3).values(client="2026-99999"))
    assert main(["audit", "verify", *db]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Auditlog GEBROKEN bij regel 3: regel 3 is gewijzigd")


def test_export_to_stdout(log_store, capsysbinary):
    store, db = log_store
    assert main(["audit", "export", *db, "--van", f"{GISTEREN}", "--tot", f"{MORGEN}", "--format", "csv"]) == 0
    cap = capsysbinary.readouterr()
    assert cap.out.startswith(b"\xef\xbb\xbfVolgnummer;Tijdstip;")
    rijen = list(csv.reader(io.StringIO(cap.out.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rijen[1:]] == [str(n) for n in range(1, 9)]
    assert "8 regels" in cap.err.decode()
    laatste = audit.regels(store, limit=1)[0]  # the export logged itself
    assert laatste.volgnummer == 9 and laatste.actie == "export" and laatste.objecttype == "auditlog"


def test_export_to_a_file_outside_the_period_is_empty(log_store, tmp_path, capsys):
    _store, db = log_store
    out = tmp_path / "audit.csv"
    assert main(["audit", "export", *db, "--van", "2020-01-01", "--tot", "2020-12-31", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines() == [";".join(audit.CSV_KOPPEN)]
    assert f"0 regels geschreven naar {out}" in capsys.readouterr().err


def test_export_refuses_a_reversed_period_and_a_missing_store(tmp_path, capsys):
    db = str(tmp_path / "nergens.db")
    assert main(["audit", "verify", "--db", db]) == 1
    assert "bestaat niet" in capsys.readouterr().err
    assert not (tmp_path / "nergens.db").exists()
    assert main(["audit", "export", "--db", db, "--van", "2026-12-01", "--tot", "2026-11-01"]) == 1
    assert "ligt na --tot" in capsys.readouterr().err


def test_one_line_is_one_regel():
    from jet_desktop.services.audit import regels_tekst

    assert (regels_tekst(1), regels_tekst(0), regels_tekst(1234)) == ("1 regel", "0 regels", "1.234 regels")


def test_anker_then_verify_against_it(log_store, capsys):
    store, db = log_store
    assert main(["audit", "anker", *db]) == 0
    cap = capsys.readouterr()
    anker = cap.out.strip()
    assert anker == f"9:{audit.kop(store)[1]}" and "audit verify --anker 9:" in cap.err
    assert audit.regels(store, limit=1)[0].omschrijving.startswith("ketenkop als anker opgevraagd")

    assert main(["audit", "verify", *db, "--anker", anker]) == 0
    assert capsys.readouterr().out.endswith(f"; anker 9:{anker[2:18]}… gevonden\n")
    assert main(["audit", "verify", *db, "--anker", anker.split(":")[1]]) == 0
    capsys.readouterr()
    assert main(["audit", "verify", *db, "--anker", "12:" + "a" * 64]) == 1
    assert "het log eindigt bij regel 9, vóór het anker (regel 12)" in capsys.readouterr().out
    assert main(["audit", "verify", *db, "--anker", "5:" + "a" * 64]) == 1
    assert "regel 5 heeft niet de hash van het anker" in capsys.readouterr().out


def test_a_malformed_anker_is_a_message_with_exit_2(log_store, capsys):
    _store, db = log_store
    with pytest.raises(SystemExit) as e:
        main(["audit", "verify", *db, "--anker", "9:abc"])
    assert e.value.code == 2
    assert "Anker '9:abc': verwacht VOLGNUMMER:HASH" in capsys.readouterr().err
