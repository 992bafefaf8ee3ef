"""`jet-desktop plan --dossier NR --pdf FILE [--volledig]`: a PDF and exit 0; an unknown dossier, a dossier
without a plan: a Dutch message on stderr, exit 1; a --pdf in a folder that does not exist: exit 2; never a
traceback, never a file."""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from jet_desktop import cli
from jet_desktop.commands import COMMANDS
from jet_desktop.services import dossiers, zorg
from jet_desktop.services.aanmeldingen import OuderInvoer

PLAN = "jet_desktop.commands.plan"


def test_plan_is_registered_as_a_command():
    """`jet-desktop plan` exists only when jet_desktop/commands/__init__.py lists the module in COMMANDS."""
    assert PLAN in COMMANDS


@pytest.fixture
def db(sqlite_store, jet, monkeypatch):
    if PLAN not in cli.COMMANDS:  # the tests of the command itself also before it is registered
        monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, PLAN))
    s = sqlite_store
    did = jet.dossier(s, jet.consulent(s, "Anouk de Vries"), voornaam="<b>Vet</b>", achternaam="& Zn",
                      ouders=[OuderInvoer("Ria Bakker", gezag=True)])
    zorg.sla_plan_op(s, did, None, zorg.PlanInvoer(va_kind="Slaapt slecht.", doelen="Rustiger slapen.",
                                                   vastgesteld_op=jet.vandaag, evaluatiedatum=date(2027, 2, 20)))
    zorg.voeg_toewijzing_toe(s, did, zorg.ToewijzingInvoer("45", "Gezinsbehandeling", "middel", "wadden",
                                                           jet.vandaag, None, 6500))
    zonder_plan = jet.dossier(s, jet.consulent(s, "Bram Jansen"))
    nummers = dossiers.detail(s, did).dossiernummer, dossiers.detail(s, zonder_plan).dossiernummer
    pad = Path(s.engine.url.database)
    s.engine.dispose()
    return pad, nummers


def _tekst(pad: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(pad).pages)


def test_plan_writes_the_family_plan(db, tmp_path, capsys):
    pad, (nummer, _) = db
    out = tmp_path / "plan.pdf"
    assert cli.main(["plan", "--db", str(pad), "--dossier", nummer, "--pdf", str(out)]) == 0
    assert f"Ondersteuningsplan van dossier {nummer} geschreven naar {out}." in capsys.readouterr().out
    t = _tekst(out)
    assert "Slaapt slecht." in t and "Gezinsbehandeling" in t and "20-02-2027" in t and "€" not in t
    assert "<b>Vet</b> & Zn" in t


def test_plan_volledig_writes_the_whole_dossier(db, tmp_path, capsys):
    pad, (nummer, _) = db
    out = tmp_path / "dossier.pdf"
    assert cli.main(["plan", "--db", str(pad), "--dossier", nummer, "--pdf", str(out), "--volledig"]) == 0
    assert "Dossier (volledig)" in capsys.readouterr().out
    t = _tekst(out)
    assert "Triagebesluiten" in t and "€ 6.500" in t


@pytest.mark.parametrize("nummer", ["2026-99999", "<script>", ""])
def test_an_unknown_dossier_is_a_dutch_message_and_exit_1(db, tmp_path, capsys, nummer):
    pad, _ = db
    out = tmp_path / "plan.pdf"
    assert cli.main(["plan", "--db", str(pad), "--dossier", nummer, "--pdf", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bestaat niet" in err and "Er is niets afgedrukt." in err and "Traceback" not in err
    assert not out.exists()


def test_a_dossier_without_a_plan_is_exit_1(db, tmp_path, capsys):
    pad, (_, zonder) = db
    out = tmp_path / "plan.pdf"
    assert cli.main(["plan", "--db", str(pad), "--dossier", zonder, "--pdf", str(out)]) == 1
    err = capsys.readouterr().err
    assert "nog geen ondersteuningsplan" in err and "Traceback" not in err and not out.exists()


def test_a_bad_path_is_exit_2(db, tmp_path, capsys):
    pad, (nummer, _) = db
    for doel in (tmp_path / "bestaat-niet" / "plan.pdf", tmp_path):
        assert cli.main(["plan", "--db", str(pad), "--dossier", nummer, "--pdf", str(doel)]) == 2
        err = capsys.readouterr().err
        assert "Er is niets afgedrukt." in err and "Traceback" not in err
    assert not (tmp_path / "bestaat-niet").exists()


def test_dossier_and_pdf_are_required(db, capsys):
    pad, _ = db
    with pytest.raises(SystemExit) as exc:
        cli.main(["plan", "--db", str(pad)])
    assert exc.value.code == 2 and "Traceback" not in capsys.readouterr().err
