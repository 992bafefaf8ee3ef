"""One exception hierarchy: every error the application raises on purpose is a JetFout, and a missing
right (GeenToegang) is no OSError, so `except OSError` never reports it as a file error."""

import pytest

from jet_desktop.commands.foutmeldingen import OpdrachtFout
from jet_desktop.demo.generator import DemoGeweigerd
from jet_desktop.domain.errors import JetFout, ValidationError
from jet_desktop.reports.pdf import RapportFout
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.services.inloggen import InlogFout
from jet_desktop.services.toegang_bestand import BestandFout
from jet_desktop.storage.backup import BackupFout
from jet_desktop.storage.bestand import WachtwoordzinFout
from jet_desktop.storage.store import StaleEditError
from jet_desktop.ui.workers import NietGelukt


@pytest.mark.parametrize("soort", [ValidationError, GeenToegang, StaleEditError, WachtwoordzinFout, BackupFout,
                                   InlogFout, NietGelukt, OpdrachtFout, DemoGeweigerd, RapportFout, BestandFout])
def test_every_own_error_is_a_jetfout_and_none_is_an_oserror(soort):
    assert issubclass(soort, JetFout)
    assert not issubclass(soort, OSError)


def test_geen_toegang_is_not_caught_as_a_file_error():
    with pytest.raises(GeenToegang):
        try:
            raise GeenToegang("Geen toegang: als jeugdconsulent mag u niet het auditlog bekijken.")
        except OSError:  # a file or the disk, never a right
            pytest.fail("GeenToegang was caught as an OSError")


def test_validation_error_still_is_a_value_error():
    assert issubclass(ValidationError, ValueError)


def test_a_refused_right_in_the_cli_is_reported_as_a_right_not_a_file_error(tmp_path, monkeypatch, capsys):
    """`audit export --out` writes through uitvoerbestand, which turns an OSError into "Kan ... niet schrijven":
    a refusal inside it must reach the user as the refusal it is, not as a file that could not be written."""
    from jet_desktop import cli
    from jet_desktop.services import audit

    monkeypatch.chdir(tmp_path)
    assert cli.main(["migrate", "--db", "jet.db", "--onversleuteld"]) == 0
    melding = "Geen toegang: als jeugdconsulent mag u niet het auditlog exporteren."

    def geweigerd(*_a, **_k):
        raise GeenToegang(melding)

    monkeypatch.setattr(audit, "exporteer_csv", geweigerd)
    capsys.readouterr()
    code = cli.main(["audit", "export", "--db", "jet.db", "--van", "2026-01-01", "--tot", "2026-12-31",
                     "--out", "a.csv"])
    err = capsys.readouterr().err
    assert code == 1 and melding in err, err  # commands/audit.py reports a refusal with exit 1
    assert "niet schrijven" not in err and "afgebroken" not in err
    assert not (tmp_path / "a.csv").exists()
