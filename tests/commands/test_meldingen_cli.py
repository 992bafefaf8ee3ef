"""Every failure a user can cause on the command line is a Dutch message with exit code 1 or 2, never a
traceback (issue 9). Each case runs `python -m jet_desktop ...` as a real process, as a user would: stdin
is not a terminal, the environment is hermetic (JET_DATA_DIR in tmp, no JET_PASSPHRASE unless the case
sets one). The full-disk cases use a real full disk (a 2 MB tmpfs; root only, else skipped)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VAN, TOT = "2024-01-01", "2024-12-31"
KOP = "toegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\n"
# argparse's own English, Python's English error texts and the English of the libraries underneath
ENGELS = ("Traceback", "usage:", "error:", "the following", "invalid", "unrecognized", "expected one", "expected at",
          "not allowed", "is required", "No such file", "Permission denied", "No space left", "Is a directory",
          "Errno", "could not", "failed", "Could not", "unable to", "database is locked", "disk is full", "sqlalche.me")
ZIN = "een heel goede wachtwoordzin voor de test"


@pytest.fixture(scope="module")
def w(tmp_path_factory) -> Path:
    """The work folder with the files the cases point at."""
    from jet_desktop.paths import sqlite_url
    from jet_desktop.storage.store import Store

    w = tmp_path_factory.mktemp("meldingen")
    (w / "map").mkdir()
    (w / "data").mkdir()
    Store.open(sqlite_url(w / "jet.db")).engine.dispose()  # a plain JET store (of an earlier version)
    Store.open(sqlite_url(w / "versleuteld.db", ZIN)).engine.dispose()
    shutil.copy(w / "jet.db", w / "kopie.db")
    shutil.copy(w / "jet.db", w / "nieuwer.db")  # made by a newer version: a schema version we do not know
    nieuwer = sqlite3.connect(w / "nieuwer.db")
    nieuwer.execute("UPDATE alembic_version SET version_num = 'ffff_uit_de_toekomst'")
    nieuwer.commit()
    nieuwer.close()
    data = bytearray((w / "jet.db").read_bytes())  # a damaged store: the pages after the first overwritten
    data[4096:] = os.urandom(len(data) - 4096)
    (w / "beschadigd.db").write_bytes(bytes(data))
    aanm = Store.open(sqlite_url(w / "aanmeldingen.db"), user="Test")
    from jet_desktop.services.aanmeldingen import AanmeldingInvoer, registreer

    registreer(aanm, AanmeldingInvoer(voornaam="Kind", achternaam="Jansen", geboortedatum=date(2015, 1, 1),
                                      verwijzer_route="huisarts", aanmelddatum=date(2026, 11, 2),
                                      hulpvraag="Zorgen over gedrag thuis en op school."), date(2026, 11, 25))
    aanm.engine.dispose()
    vreemd = sqlite3.connect(w / "vreemd.db")  # another program's SQLite file
    vreemd.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    vreemd.commit()
    vreemd.close()
    (w / "rommel.db").write_bytes(os.urandom(8192))  # not a database at all
    (w / "fout.csv").write_text(KOP + "GGD;C1;01-02-2019;;1;\nPOH Jeugd;C2;31-02-2019;;x;\n", encoding="utf-8")
    (w / "leeg.csv").write_text("", encoding="utf-8")
    (w / "binair.csv").write_bytes(b"\x00\x01\x02" * 100)
    (w / "kapot.xlsx").write_bytes(b"PK\x03\x04" + os.urandom(500))
    (w / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(500))
    (w / "goed.csv").write_text(KOP + "POH Jeugd;C1;01-02-2019;;1;\n", encoding="utf-8")
    from jet_desktop.demo.toegang import schrijf_toegang_bestand

    schrijf_toegang_bestand(w / "groot.csv", 20_000, seed=1, van=date(2019, 1, 1), tot=date(2024, 12, 31))
    return w


@pytest.fixture
def vol(tmp_path, w):
    """A full disk: a 2 MB tmpfs holding a copy of the JET store and filled up (free: `ruimte` bytes)."""
    pad = tmp_path / "vol"
    pad.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(pad)],
                                           capture_output=True).returncode != 0:
        pytest.skip("a real full disk needs root (mount -t tmpfs)")

    def vul(ruimte: int = 0) -> None:
        shutil.copy(w / "jet.db", pad / "jet.db")
        fd = os.open(pad / "vulsel", os.O_WRONLY | os.O_CREAT)
        try:
            for blok in (65536, 4096, 512, 1):  # to the last byte
                try:
                    while True:
                        os.write(fd, b"\0" * blok)
                except OSError:
                    pass
        finally:
            os.close(fd)
        if ruimte:
            os.truncate(pad / "vulsel", max(0, os.path.getsize(pad / "vulsel") - ruimte))

    try:
        yield Vol(pad, vul)
    finally:
        subprocess.run(["umount", str(pad)], check=False)


class Vol:
    def __init__(self, pad: Path, vul):
        self.pad, self.vul = pad, vul

    def __str__(self) -> str:
        return str(self.pad)


def jet(w: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    omgeving = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "HOME": str(w),
                "JET_DATA_DIR": str(w / "data"), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "jet_desktop", *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, env=omgeving, cwd=w)


# (id, arguments with {w} for the work folder and {vol} for the full disk, extra environment, text expected)
CASES = [
    # argparse: every subcommand with a missing or bad argument
    ("onbekende-opdracht", ["bogus"], {}, "ongeldige keuze"),
    ("onbekende-optie", ["--bestaat-niet"], {}, "onbekende argumenten"),
    ("db-zonder-waarde", ["--db"], {}, "hier hoort één waarde achter"),
    ("monitor-zonder-periode", ["monitor"], {}, "deze argumenten zijn verplicht: --van, --tot"),
    ("monitor-maand-13", ["monitor", "--van", "2024-13-01", "--tot", TOT], {}, "geen geldige datum"),
    ("monitor-datum-tekst", ["monitor", "--van", "gisteren", "--tot", TOT], {}, "geen geldige datum"),
    ("monitor-format", ["monitor", "--van", VAN, "--tot", TOT, "--format", "doc"], {}, "ongeldige keuze"),
    ("monitor-extra-argument", ["monitor", "--van", VAN, "--tot", TOT, "extra"], {}, "onbekende argumenten"),
    ("monitor-van-zonder-waarde", ["monitor", "--van"], {}, "hier hoort één waarde achter"),
    ("monitor-periode-omgekeerd", ["monitor", "--van", TOT, "--tot", VAN, "--db", "{w}/jet.db"], {}, "ligt na"),
    ("monitor-xlsx-zonder-out", ["monitor", "--van", VAN, "--tot", TOT, "--format", "xlsx"], {}, "verplicht"),
    ("matched-care-zonder-periode", ["matched-care"], {}, "verplicht"),
    ("matched-care-30-februari", ["matched-care", "--van", "2024-02-30", "--tot", TOT], {}, "geen geldige datum"),
    ("matched-care-team-en-publicatie", ["matched-care", "--van", VAN, "--tot", TOT, "--team", "--publicatie"], {},
     "gaat niet samen met"),
    ("matched-care-pdf-zonder-out", ["matched-care", "--van", VAN, "--tot", TOT, "--format", "pdf"], {},
     "verplicht"),
    ("wachtlijst-zonder-pdf", ["wachtlijst"], {}, "deze argumenten zijn verplicht: --pdf"),
    ("wachtlijst-peildatum", ["wachtlijst", "--pdf", "x.pdf", "--peildatum", "31-31-2024"], {}, "geen geldige datum"),
    ("caseload-zonder-out", ["caseload"], {}, "verplicht"),
    ("caseload-format", ["caseload", "--out", "x.csv", "--format", "csv"], {}, "ongeldige keuze"),
    ("import-zonder-soort", ["import"], {}, "verplicht"),
    ("import-zonder-bestand", ["import", "toegang"], {}, "verplicht"),
    ("import-onbekende-soort", ["import", "csv", "x.csv"], {}, "ongeldige keuze"),
    ("demo-toegang-zonder-out", ["demo-toegang"], {}, "verplicht"),
    ("demo-toegang-negatief", ["demo-toegang", "--out", "x.csv", "--rijen", "-1"], {}, "heel getal van 0"),
    ("demo-toegang-geen-getal", ["demo-toegang", "--out", "x.csv", "--rijen", "veel"], {}, "geen heel getal"),
    ("demo-toegang-te-veel", ["demo-toegang", "--out", "x.csv", "--rijen", "999999999"], {}, "t/m 10.000.000"),
    ("demo-toegang-periode", ["demo-toegang", "--out", "x.csv", "--van", TOT, "--tot", VAN], {}, "vóór"),
    ("demo-nul", ["demo", "--jeugdigen", "0"], {}, "van 50 t/m 300.000"),
    ("demo-negatief", ["demo", "--jeugdigen", "-5"], {}, "van 50 t/m 300.000"),
    ("demo-vijf-miljoen", ["demo", "--jeugdigen", "5000000"], {}, "van 50 t/m 300.000"),
    ("demo-seed", ["demo", "--seed", "abc"], {}, "geen heel getal"),
    ("backup-zonder-out", ["backup"], {}, "verplicht"),
    ("restore-zonder-from", ["restore"], {}, "verplicht"),
    ("audit-zonder-opdracht", ["audit"], {}, "verplicht"),
    ("audit-export-zonder-periode", ["audit", "export"], {}, "verplicht"),
    ("audit-export-datum", ["audit", "export", "--van", "1-1", "--tot", TOT], {}, "geen geldige datum"),
    ("bewaring-zonder-opdracht", ["bewaring"], {}, "verplicht"),
    ("bewaring-vernietig-zonder-keuze", ["bewaring", "vernietig"], {}, "is verplicht"),
    ("bewaring-peildatum", ["bewaring", "lijst", "--peildatum", "morgen"], {}, "geen geldige datum"),
    ("bewaring-vernietig-onbekend", ["bewaring", "vernietig", "--dossier", "2099-999", "--db", "{w}/jet.db"], {},
     "Niets vernietigd"),
    # the store: a folder, a garbage file, another program's database, a bad URL, a closed port
    ("db-is-map", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/map"], {}, "is een map"),
    ("db-is-map-voor-opdracht", ["--db", "{w}/map", "caseload", "--out", "x.pdf"], {}, "is een map"),
    ("gui-db-is-map", ["--db", "{w}/map"], {}, "is een map"),
    ("gui-db-in-een-bestand", ["--db", "{w}/goed.csv/jet.db"], {}, "kan niet worden gemaakt"),
    ("db-in-een-bestand", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/goed.csv/jet.db"], {},
     "kan niet worden gemaakt"),
    ("gui-db-vreemd", ["--db", "{w}/vreemd.db"], {}, "geen JET-gegevensset"),
    ("gui-url-onzin", ["--url", "onzin"], {}, "geen geldige database-URL"),
    ("gui-url-onbekend-type", ["--url", "foo://x/y"], {}, "onbekend databasetype"),
    ("db-rommel", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/rommel.db"], {}, "JET_PASSPHRASE"),
    ("db-rommel-met-zin", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/rommel.db"],
     {"JET_PASSPHRASE": ZIN}, "geen JET-gegevensset"),
    ("db-nieuwere-versie", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/nieuwer.db"], {}, "schemaversie"),
    ("db-beschadigd", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/beschadigd.db"], {}, "beschadigd"),
    ("db-vreemd", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/vreemd.db"], {}, "geen JET-gegevensset"),
    ("demo-vreemd", ["demo", "--db", "{w}/vreemd.db", "--jeugdigen", "50"], {}, "geen JET-gegevensset"),
    ("migrate-vreemd", ["migrate", "--db", "{w}/vreemd.db"], {}, "geen JET-gegevensset"),
    ("demo-rommel", ["demo", "--db", "{w}/rommel.db"], {"JET_PASSPHRASE": ZIN}, "geen JET-gegevensset"),
    ("demo-met-aanmeldingen", ["demo", "--db", "{w}/aanmeldingen.db", "--jeugdigen", "50"], {}, "al aanmeldingen"),
    ("url-onzin", ["monitor", "--van", VAN, "--tot", TOT, "--url", "onzin"], {}, "geen geldige database-URL"),
    ("url-onbekend-type", ["wachtlijst", "--pdf", "x.pdf", "--url", "foo://x/y"], {}, "onbekend databasetype"),
    ("url-poort-dicht", ["monitor", "--van", VAN, "--tot", TOT, "--url", "postgresql+psycopg://jet@127.0.0.1:1/jet"],
     {}, "niet bereikbaar"),
    ("migrate-url-poort-dicht", ["migrate", "--url", "postgresql+psycopg://jet@127.0.0.1:1/jet"], {},
     "niet bereikbaar"),
    # safe defaults: a new store is never created unencrypted unless asked for
    ("nieuwe-db-zonder-zin", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/nieuw.db"], {}, "--onversleuteld"),
    ("standaard-db-zonder-zin", ["demo", "--jeugdigen", "50"], {}, "--onversleuteld"),
    # wrong or missing wachtwoordzin
    ("migrate-verkeerde-zin", ["migrate", "--db", "{w}/versleuteld.db"], {"JET_PASSPHRASE": "fout fout fout fout"},
     "wachtwoordzin"),
    ("demo-verkeerde-zin", ["demo", "--db", "{w}/versleuteld.db"], {"JET_PASSPHRASE": "fout fout fout fout"},
     "wachtwoordzin"),
    ("migrate-zonder-zin", ["migrate", "--db", "{w}/versleuteld.db"], {}, "JET_PASSPHRASE"),
    ("audit-verify-zonder-zin", ["audit", "verify", "--db", "{w}/versleuteld.db"], {}, "JET_PASSPHRASE"),
    # bad import files
    ("import-ontbreekt", ["import", "toegang", "{w}/weg.csv", "--db", "{w}/jet.db"], {}, "bestaat niet"),
    ("import-foute-rijen", ["import", "toegang", "{w}/fout.csv", "--db", "{w}/jet.db"], {}, "niet ingelezen"),
    ("import-leeg", ["import", "toegang", "{w}/leeg.csv", "--db", "{w}/jet.db"], {}, "is leeg"),
    ("import-binair", ["import", "toegang", "{w}/binair.csv", "--db", "{w}/jet.db"], {}, "geen CSV- of XLSX"),
    ("import-kapotte-xlsx", ["import", "toegang", "{w}/kapot.xlsx", "--db", "{w}/jet.db"], {}, "geen geldig Excel"),
    ("import-oude-xls", ["import", "toegang", "{w}/oud.xls", "--db", "{w}/jet.db"], {}, "oud Excel-bestand"),
    ("import-map", ["import", "toegang", "{w}/map", "--db", "{w}/jet.db"], {}, "is een map"),
    # output files that cannot be written
    ("monitor-out-geen-map", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/jet.db", "--format", "csv",
                              "--out", "{w}/weg/x.csv"], {}, "bestaat niet"),
    ("monitor-out-is-map", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/jet.db", "--out", "{w}/map"], {},
     "is een map"),
    ("caseload-out-geen-map", ["caseload", "--db", "{w}/jet.db", "--out", "{w}/weg/x.pdf"], {}, "bestaat niet"),
    ("wachtlijst-pdf-geen-map", ["wachtlijst", "--db", "{w}/jet.db", "--pdf", "{w}/weg/x.pdf"], {}, "bestaat niet"),
    ("matched-care-out-geen-map", ["matched-care", "--van", VAN, "--tot", TOT, "--db", "{w}/jet.db", "--format",
                                   "xlsx", "--out", "{w}/weg/x.xlsx"], {}, "bestaat niet"),
    ("audit-export-out-geen-map", ["audit", "export", "--van", VAN, "--tot", TOT, "--db", "{w}/jet.db", "--out",
                                   "{w}/weg/x.csv"], {}, "bestaat niet"),
    ("demo-toegang-out-geen-map", ["demo-toegang", "--out", "{w}/weg/x.csv"], {}, "bestaat niet"),
    ("backup-db-ontbreekt", ["backup", "--db", "{w}/weg.db", "--out", "{w}/x.db"], {}, ""),
    ("restore-van-zichzelf", ["restore", "--db", "{w}/kopie.db", "--from", "{w}/kopie.db"], {}, ""),
    ("versleutel-ontbreekt", ["versleutel", "--db", "{w}/weg.db"], {"JET_NIEUWE_PASSPHRASE": ZIN}, ""),
    ("wachtwoordzin-onversleuteld", ["wachtwoordzin", "--db", "{w}/jet.db"], {}, "niet versleuteld"),
    # a full disk (real: a full tmpfs)
    ("vol-import", ["import", "toegang", "{w}/groot.csv", "--db", "{vol}/jet.db"], {"ruimte": "262144"},
     "De schijf is vol"),
    ("vol-monitor-out", ["monitor", "--van", VAN, "--tot", TOT, "--db", "{w}/jet.db", "--format", "pdf", "--out",
                         "{vol}/monitor.pdf"], {}, "De schijf is vol"),
    ("vol-matched-care-out", ["matched-care", "--van", VAN, "--tot", TOT, "--db", "{w}/jet.db", "--format", "xlsx",
                              "--out", "{vol}/mc.xlsx"], {}, "De schijf is vol"),
    ("vol-wachtlijst-pdf", ["wachtlijst", "--db", "{w}/jet.db", "--pdf", "{vol}/w.pdf"], {}, "De schijf is vol"),
    ("vol-caseload-out", ["caseload", "--db", "{w}/jet.db", "--format", "xlsx", "--out", "{vol}/c.xlsx"], {},
     "De schijf is vol"),
    ("vol-demo-toegang", ["demo-toegang", "--out", "{vol}/t.csv", "--rijen", "50000"], {}, "De schijf is vol"),
    ("vol-demo", ["demo", "--db", "{vol}/jet.db", "--jeugdigen", "300"], {"ruimte": "262144"}, "De schijf is vol"),
]


@pytest.mark.parametrize("naam,args,env,verwacht", CASES, ids=[c[0] for c in CASES])
def test_a_failure_is_a_dutch_message_not_a_traceback(request, w, naam, args, env, verwacht):
    env = dict(env)
    plaats = {"w": str(w)}
    if any("{vol}" in a for a in args):
        vol = request.getfixturevalue("vol")
        vol.vul(int(env.pop("ruimte", 0)))
        plaats["vol"] = str(vol)
    r = jet(w, *(a.format(**plaats) for a in args), env=env)
    assert r.returncode in (1, 2), (r.returncode, r.stdout, r.stderr)
    assert r.stderr.strip(), "a failure says why"
    for woord in ENGELS:
        assert woord not in r.stderr, f"{woord!r} in: {r.stderr}"
    assert verwacht in r.stderr
    if "{vol}" in " ".join(args):
        assert not [p.name for p in vol.pad.iterdir() if ".bezig" in p.name], "no half file left"
        (vol.pad / "vulsel").unlink()  # room again: the store is as it was, nothing half saved
        if "import" in args:
            conn = sqlite3.connect(vol.pad / "jet.db")
            try:
                assert conn.execute("SELECT count(*) FROM toegangtraject").fetchone() == (0,)
                assert conn.execute("SELECT count(*) FROM toegangimport").fetchone() == (0,)
            finally:
                conn.close()


def test_the_number_of_cases():
    assert len(CASES) >= 40


def test_an_unexpected_exception_is_one_dutch_line_and_its_stack_goes_to_the_log(tmp_path, monkeypatch, capsys):
    """The last resort in cli.main: no traceback, no exception text (it may hold a name) on stderr."""
    from jet_desktop import cli
    from jet_desktop.commands import foutmeldingen

    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("JET_DEBUG", raising=False)

    def kapot(_args):
        raise KeyError("Jan Jansen 123456782")

    monkeypatch.setattr(cli, "_run", kapot)
    assert cli.main(["monitor", "--van", VAN, "--tot", TOT]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Er ging iets onverwachts mis (KeyError)" in err
    assert "Jansen" not in err and "Traceback" not in err
    log = foutmeldingen.logbestand()
    assert str(log) in err and log == tmp_path / "logs" / "jet-desktop.log"
    tekst = log.read_text(encoding="utf-8")
    assert "KeyError" in tekst and "kapot" in tekst and "Jansen" not in tekst
    assert (log.stat().st_mode & 0o777) == 0o600
    monkeypatch.setenv("JET_DEBUG", "1")
    assert cli.main(["monitor", "--van", VAN, "--tot", TOT]) == 1
    assert "Traceback" in capsys.readouterr().err  # for whoever helps the user


def test_a_reader_that_stops_early_is_a_dutch_line_not_a_broken_pipe(w):
    """`jet-desktop ... | head`: the reader closes the pipe; one Dutch line, no 'Exception ignored' at exit."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "JET_DATA_DIR": str(w / "data")}
    p = subprocess.Popen([sys.executable, "-m", "jet_desktop", "demo-toegang", "--out", "/dev/stdout", "--rijen",
                          "200000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                         env=env, text=True)
    assert p.stdout.read(10)
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=120) in (1, 2)
    assert "Traceback" not in err and "Exception ignored" not in err and "EPIPE" not in err, err
    assert "is gestopt" in err
