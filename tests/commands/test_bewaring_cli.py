"""`jet-desktop bewaring lijst|vernietig` end to end on a SQLite store (jet_desktop/commands/bewaring.py)."""

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select, update

from jet_desktop.cli import main
from jet_desktop.storage.models import (
    Aanmelding,
    Auditregel,
    ConsulentWijziging,
    Contactmoment,
    Dossier,
    Gezin,
    Gezinslid,
    Jeugdige,
    Triagebesluit,
)
from jet_desktop.storage.store import Store

D, A, J, R = Dossier.__table__, Aanmelding.__table__, Jeugdige.__table__, Auditregel.__table__
OUD = datetime(2000, 1, 10, 12, 0, tzinfo=timezone.utc)  # closed and last changed long ago: past the term


@pytest.fixture
def store_pad(tmp_path, jet):
    """Three dossiers: two closed in 2000 (past the term), one closed recently (within it)."""
    pad = tmp_path / "jet.db"
    store = Store.open_file(pad, user="Test")
    c = jet.consulent(store, "Anouk de Vries")
    nummers = {}
    for naam in ("Zwaantje", "Wiebren", "Recent"):
        did = jet.dossier(store, c, voornaam=naam, achternaam="Quispel", hulpvraag=f"Zorgen om {naam}.")
        from jet_desktop.services import dossiers

        dossiers.sluit_af(store, did, jet.version(store, D, did), jet.vandaag, "doelen_bereikt", "", jet.vandaag)
        with store.engine.connect() as conn:
            nummers[naam] = conn.execute(select(A.c.dossiernummer).join(D, D.c.aanmelding_id == A.c.id)
                                         .where(D.c.id == did)).scalar_one()
    with store.engine.begin() as conn:
        for t in (D, A, J, Triagebesluit.__table__, Contactmoment.__table__, ConsulentWijziging.__table__,
                  Gezin.__table__, Gezinslid.__table__):
            conn.execute(update(t).values(updated_at=OUD))
        conn.execute(update(D).values(afgesloten_op=OUD.date()))
        recent = conn.execute(select(D.c.id).join(A, A.c.id == D.c.aanmelding_id)
                              .where(A.c.dossiernummer == nummers["Recent"])).scalar_one()
        conn.execute(update(D).where(D.c.id == recent).values(afgesloten_op=date.today(),
                                                              updated_at=datetime.now(timezone.utc)))
    store.engine.dispose()
    return pad, nummers


def _vernietigd(pad) -> set[str]:
    store = Store.open_file(pad)
    with store.engine.connect() as conn:
        rows = conn.execute(select(A.c.dossiernummer).join(D, D.c.aanmelding_id == A.c.id)
                            .where(D.c.vernietigd_op.is_not(None))).scalars().all()
    store.engine.dispose()
    return set(rows)


def _audit(pad):
    store = Store.open_file(pad)
    with store.engine.connect() as conn:
        rows = conn.execute(select(R).where(R.c.actie == "vernietigen").order_by(R.c.volgnummer)).all()
    store.engine.dispose()
    return rows


def test_lijst_shows_numbers_and_dates_without_names(store_pad, capsys):
    pad, nr = store_pad
    assert main(["bewaring", "lijst", "--db", str(pad)]) == 0
    out = capsys.readouterr().out
    assert "Bewaartermijn: 20 jaar na de laatste wijziging (instelling)" in out
    assert "2 afgesloten dossier(s)" in out
    assert nr["Zwaantje"] in out and nr["Wiebren"] in out and nr["Recent"] not in out
    assert "10-01-2000" in out and "10-01-2020" in out
    assert "Zwaantje" not in out and "Quispel" not in out
    assert main(["bewaring", "lijst", "--db", str(pad), "--peildatum", "2020-01-09"]) == 0
    assert "Geen afgesloten dossiers" in capsys.readouterr().out


def test_vernietig_named_dossiers_with_ja(store_pad, capsys):
    pad, nr = store_pad
    assert main(["bewaring", "vernietig", "--db", str(pad), "--dossier", nr["Zwaantje"], "--ja"]) == 0
    out = capsys.readouterr().out
    assert f"vernietigd van 1 dossier(s): {nr['Zwaantje']}" in out
    assert "reservekopieën" in out
    assert _vernietigd(pad) == {nr["Zwaantje"]}
    regel, = _audit(pad)
    assert (regel.client, regel.namens) == (nr["Zwaantje"], "opdrachtregel")


def test_vernietig_alle(store_pad, capsys):
    pad, nr = store_pad
    assert main(["bewaring", "vernietig", "--db", str(pad), "--alle", "--ja"]) == 0
    assert _vernietigd(pad) == {nr["Zwaantje"], nr["Wiebren"]}
    assert main(["bewaring", "vernietig", "--db", str(pad), "--alle", "--ja"]) == 0
    assert "er is niets vernietigd" in capsys.readouterr().out


def test_refuses_without_confirmation_when_there_is_no_terminal(store_pad, capsys, monkeypatch):
    pad, _ = store_pad
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["bewaring", "vernietig", "--db", str(pad), "--alle"]) == 2
    assert "--ja" in capsys.readouterr().err
    assert _vernietigd(pad) == set()


@pytest.mark.parametrize("antwoord, code", [("nee", 1), ("ja", 0)])
def test_asks_on_a_terminal(store_pad, capsys, monkeypatch, antwoord, code):
    pad, nr = store_pad
    vragen = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: vragen.append(prompt) or antwoord)
    assert main(["bewaring", "vernietig", "--db", str(pad), "--dossier", nr["Wiebren"]]) == code
    assert "1 dossier(s)" in vragen[0] and "niet ongedaan" in vragen[0]
    assert _vernietigd(pad) == ({nr["Wiebren"]} if antwoord == "ja" else set())


def test_refuses_a_dossier_within_its_term_and_an_unknown_number(store_pad, capsys):
    pad, nr = store_pad
    assert main(["bewaring", "vernietig", "--db", str(pad), "--dossier", nr["Zwaantje"],
                 "--dossier", nr["Recent"], "--ja"]) == 1
    err = capsys.readouterr().err
    assert "Niets vernietigd" in err and nr["Recent"] in err and "nog niet verstreken" in err
    assert main(["bewaring", "vernietig", "--db", str(pad), "--dossier", "1999-00001", "--ja"]) == 1
    assert "1999-00001" in capsys.readouterr().err
    assert _vernietigd(pad) == set()


def test_vernietig_needs_a_choice(store_pad, capsys):
    pad, _ = store_pad
    with pytest.raises(SystemExit) as exc:
        main(["bewaring", "vernietig", "--db", str(pad), "--ja"])
    assert exc.value.code == 2
    assert "--dossier" in capsys.readouterr().err
