"""The built artifact (build_installer.py, docs/installer.md): built with PyInstaller, its self-test run from a
folder without the source tree or the venv, its .tar.gz and .deb unpacked and run; the Windows installer
script compiled with NSIS against a stub payload. Under CI a missing PyInstaller or makensis fails."""

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from pg import in_ci

from jet_desktop import __version__

ROOT = Path(__file__).resolve().parents[1]


def _build_installer():
    spec = importlib.util.spec_from_file_location("build_installer", ROOT / "build_installer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _nodig(programma: str) -> None:
    if shutil.which(programma) is None and importlib.util.find_spec(programma) is None:
        if in_ci():
            pytest.fail(f"{programma} ontbreekt (scripts/bootstrap.sh installeert het)")
        pytest.skip(f"{programma} ontbreekt")


def _schoon(thuis: Path) -> dict:
    thuis.mkdir(exist_ok=True)
    return {"PATH": "/usr/bin:/bin", "HOME": str(thuis), "LANG": "C.UTF-8"}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """One build for this module (about 2-3 minutes): dist/ with the folder, the .tar.gz and the .deb."""
    _nodig("PyInstaller")
    d = tmp_path_factory.mktemp("build")
    uitslag = subprocess.run([sys.executable, str(ROOT / "build_installer.py"), "--uitvoer", str(d / "dist"),
                              "--werkmap", str(d / "werk")], capture_output=True, text=True, timeout=1200)
    assert uitslag.returncode == 0, uitslag.stdout[-3000:] + uitslag.stderr[-3000:]
    return d / "dist", uitslag.stdout


@pytest.mark.installer
@pytest.mark.timeout(1500)
def test_the_build_runs_its_self_test_and_every_check_passes(build):
    _dist, uit = build
    assert "==> zelftest van de build, buiten de broncode en de venv" in uit
    assert f"JET Desktop {__version__} zelftest (bevroren build, linux)" in uit
    assert "Zelftest geslaagd: 8 van 8 controles." in uit and "FOUT" not in uit


@pytest.mark.installer
@pytest.mark.timeout(600)
def test_the_tar_gz_unpacked_elsewhere_runs_without_source_tree_or_venv(build, tmp_path):
    dist, _ = build
    archief = dist / f"jet-desktop-{__version__}-linux-x86_64.tar.gz"
    with tarfile.open(archief) as tar:
        tar.extractall(tmp_path, filter="tar")
    programma = tmp_path / "jet-desktop" / "jet-desktop"
    env = _schoon(tmp_path / "thuis")
    versie = subprocess.run([str(programma), "--version"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert versie.stdout.strip() == f"jet-desktop {__version__}"
    uitslag = subprocess.run([str(programma), "--self-test"], capture_output=True, text=True, env=env, cwd=tmp_path,
                             timeout=300)
    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr
    assert "Zelftest geslaagd" in uitslag.stdout
    # the build carries what the application loads by file name: migrations, code lists, fonts, Dutch Qt
    intern = tmp_path / "jet-desktop" / "_internal"
    assert (intern / "jet_desktop" / "db" / "versions").is_dir() and list((intern / "jet_desktop" / "db" / "versions").glob("0011_*.py"))
    assert list((intern / "jet_desktop" / "resources" / "fonts").glob("*.ttf"))
    vertalingen = [p.name for p in (intern / "PySide6" / "Qt" / "translations").glob("*.qm")]
    assert "qtbase_nl.qm" in vertalingen and not any(n.endswith("_de.qm") for n in vertalingen)


@pytest.mark.installer
@pytest.mark.timeout(600)
def test_a_build_without_its_migrations_fails_its_self_test_and_so_the_build(build, tmp_path):
    """What the self-test is for: a data file the spec left out is caught at the build, not at a municipality."""
    dist, _ = build
    kapot = tmp_path / "jet-desktop"
    shutil.copytree(dist / "jet-desktop", kapot, symlinks=True)
    shutil.rmtree(kapot / "_internal" / "jet_desktop" / "db")
    uitslag = subprocess.run([str(kapot / "jet-desktop"), "--self-test"], capture_output=True, text=True,
                             env=_schoon(tmp_path / "thuis"), cwd=tmp_path, timeout=300)
    assert uitslag.returncode == 1
    assert "FOUT  Gegevensset:" in uitslag.stdout and "Zelftest MISLUKT" in uitslag.stdout
    bi = _build_installer()
    with pytest.raises(bi.BouwFout, match="de zelftest van de build is mislukt"):
        bi.zelftest(kapot)


@pytest.mark.installer
@pytest.mark.timeout(600)
def test_the_deb_installs_the_folder_in_opt_with_a_command_and_a_menu_entry(build, tmp_path):
    dist, _ = build
    deb = dist / f"jet-desktop_{__version__}_amd64.deb"
    info = subprocess.run(["dpkg-deb", "--field", str(deb), "Package", "Version", "Depends"], capture_output=True,
                          text=True, check=True).stdout
    assert "Package: jet-desktop" in info and f"Version: {__version__}" in info and "libxcb-cursor0" in info
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path / "root")], check=True)
    wortel = tmp_path / "root"
    assert (wortel / "opt" / "jet-desktop" / "jet-desktop").is_file()
    opdracht = (wortel / "usr" / "bin" / "jet-desktop").read_text(encoding="utf-8")
    assert 'exec /opt/jet-desktop/jet-desktop "$@"' in opdracht and os.access(wortel / "usr" / "bin" / "jet-desktop", os.X_OK)
    menu = (wortel / "usr" / "share" / "applications" / "jet-desktop.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/jet-desktop/jet-desktop" in menu and "Name=JET Desktop" in menu
    uitslag = subprocess.run([str(wortel / "opt" / "jet-desktop" / "jet-desktop"), "--self-test"], capture_output=True,
                             text=True, env=_schoon(tmp_path / "thuis"), cwd=tmp_path, timeout=300)
    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr


def test_the_windows_installer_script_compiles_against_a_stub_payload(tmp_path):
    _nodig("makensis")
    uitslag = subprocess.run([sys.executable, str(ROOT / "build_installer.py"), "--nsis-controle", "--uitvoer",
                              str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr
    setup = tmp_path / f"JET-Desktop-{__version__}-setup-stub.exe"
    assert setup.read_bytes()[:2] == b"MZ" and setup.stat().st_size > 50_000


def test_a_mistake_in_the_installer_script_fails_the_compile(tmp_path, monkeypatch):
    """makensis runs with -WX: a warning (an unused variable, a missing file) is an error, as a typo is."""
    _nodig("makensis")
    bi = _build_installer()
    fout = tmp_path / "jet-desktop.nsi"
    tekst = bi.NSIS_SCRIPT.read_text(encoding="utf-8")
    fout.write_text(tekst.replace('File /r "${BRON}\\*.*"', 'File /r "${BRON}\\bestaat-niet\\*.*"'), encoding="utf-8")
    monkeypatch.setattr(bi, "NSIS_SCRIPT", fout)
    with pytest.raises(bi.BouwFout, match="makensis is mislukt"):
        bi.nsis_controle(tmp_path, __version__)


def test_the_installer_script_writes_the_machine_profile_where_the_application_reads_it():
    """The silent options write teamserver.ini with the keys jet_desktop/teamserverprofiel.py reads, in
    the folder platformdirs gives on Windows (C:\\ProgramData\\Gemeente\\JET Desktop)."""
    from jet_desktop.paths import APP_AUTHOR, APP_NAME
    from jet_desktop.teamserverprofiel import BESTAND, PER_SLEUTEL, SECTIE

    tekst = (ROOT / "installer" / "windows" / "jet-desktop.nsi").read_text(encoding="utf-8")
    assert '!define PROFIEL_MAP "$APPDATA\\${UITGEVER}\\${NAAM}"' in tekst
    assert f'!define NAAM "{APP_NAME}"' in tekst and f'!define UITGEVER "{APP_AUTHOR}"' in tekst
    for sleutel in PER_SLEUTEL:
        assert f'WriteINIStr "${{PROFIEL_MAP}}\\{BESTAND}" "{SECTIE}" "{sleutel}"' in tekst
    assert "RequestExecutionLevel admin" in tekst and "SetShellVarContext all" in tekst
    # the uninstaller removes the program, never the users' data folder
    verwijderen = tekst.split('Section "Uninstall"', 1)[1]
    assert "LOCALAPPDATA" not in verwijderen.split("\n", 3)[-1] and "PROFIEL_MAP" not in verwijderen


# --- the Windows installer run, under Wine (wine64: the installer is 64-bit, like the program) ---------------
def _wine() -> str:
    for kandidaat in ("wine64", "/usr/lib/wine/wine64"):
        if shutil.which(kandidaat) or Path(kandidaat).exists():
            return shutil.which(kandidaat) or kandidaat
    if in_ci():
        pytest.fail("wine64 ontbreekt (scripts/bootstrap.sh installeert het)")
    pytest.skip("wine64 ontbreekt")


@pytest.fixture(scope="module")
def windows(tmp_path_factory):
    """A fresh Wine prefix: a stand-in Windows to run the real installer (around a stub payload) in."""
    _nodig("makensis")
    wine = _wine()
    prefix = tmp_path_factory.mktemp("wine") / "prefix"
    env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}
    subprocess.run([wine, "wineboot", "-i"], env=env, capture_output=True, timeout=600, check=True)

    def draai(*opdracht: str) -> subprocess.CompletedProcess:
        uit = subprocess.run([wine, *opdracht], env=env, capture_output=True, text=True, timeout=300)
        server = Path(wine).with_name("wineserver64") if Path(wine).is_absolute() else "wineserver"
        subprocess.run([str(server) if Path(str(server)).exists() else "wineserver", "-w"], env=env, timeout=300)
        return uit  # -w: until every process of the prefix ended (the uninstaller runs from a copy in %TEMP%)

    return prefix / "drive_c", draai


def _setup(tmp_path: Path, versie: str, extra: str | None = None) -> Path:
    bi = _build_installer()
    stub = tmp_path / f"stub-{versie}" / "jet-desktop"
    (stub / "_internal").mkdir(parents=True, exist_ok=True)
    for naam in ("jet-desktop.exe", "JET Desktop.exe"):
        (stub / naam).write_bytes(b"MZ " + versie.encode())
    (stub / "_internal" / "base_library.zip").write_bytes(versie.encode())
    if extra:
        (stub / "_internal" / extra).write_text("van een oudere versie", encoding="utf-8")
    return bi.nsis(stub, tmp_path / f"JET-Desktop-{versie}-setup.exe", versie)


@pytest.mark.installer
@pytest.mark.timeout(1200)
def test_the_windows_installer_installs_silently_upgrades_and_uninstalls_without_touching_user_data(windows, tmp_path):
    from jet_desktop.teamserverprofiel import lees_bestand

    c, draai = windows
    programma = c / "Program Files" / "JET Desktop"
    profiel = c / "ProgramData" / "Gemeente" / "JET Desktop" / "teamserver.ini"
    menu = c / "ProgramData" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "JET Desktop"
    gebruikers = [p for p in (c / "users").iterdir() if p.name.lower() != "public"]
    data = gebruikers[0] / "AppData" / "Local" / "Gemeente" / "JET Desktop"
    data.mkdir(parents=True, exist_ok=True)
    (data / "jet.db").write_bytes(b"de gegevensset van een consulent")

    # a wrong option: refused, exit code 2, nothing installed
    assert draai(str(_setup(tmp_path, "0.10.0", extra="oud.pyd")), "/S", "/SSLMODE=prefer").returncode == 2
    assert not programma.exists() and not profiel.exists()

    # first install, silently, with the machine-wide team-server profile
    oud = str(_setup(tmp_path, "0.10.0", extra="oud.pyd"))
    assert draai(oud, "/S", "/TEAMSERVER=jet-db.gemeente.local", "/POORT=6432", "/DATABASE=jetprod",
                 "/SSLMODE=verify-ca").returncode == 0
    assert {p.name for p in programma.iterdir()} == {"jet-desktop.exe", "JET Desktop.exe", "_internal", "uninstall.exe"}
    assert (programma / "_internal" / "oud.pyd").exists()
    assert lees_bestand(profiel) == {"host": "jet-db.gemeente.local", "port": 6432, "database": "jetprod",
                                     "sslmode": "verify-ca"}  # read back by the application's own reader
    assert {p.name for p in menu.iterdir()} == {"JET Desktop.lnk", "JET Desktop verwijderen.lnk"}
    sleutel = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\JET Desktop"
    register = draai("reg", "query", sleutel).stdout
    assert "DisplayVersion    REG_SZ    0.10.0" in register and 'uninstall.exe" /S' in register

    # the newer version over it, silently, without /TEAMSERVER: the old program's files go, IT's profile stays
    assert draai(str(_setup(tmp_path, "0.11.0")), "/S").returncode == 0
    assert (programma / "jet-desktop.exe").read_bytes() == b"MZ 0.11.0"
    assert not (programma / "_internal" / "oud.pyd").exists()
    assert lees_bestand(profiel)["host"] == "jet-db.gemeente.local"
    assert "DisplayVersion    REG_SZ    0.11.0" in draai("reg", "query", sleutel).stdout

    # removed silently: the program, its menu entry and registry key go; the user's data and IT's profile stay
    assert draai(str(programma / "uninstall.exe"), "/S").returncode == 0
    assert not programma.exists() and not menu.exists()
    assert draai("reg", "query", sleutel).returncode != 0
    assert (data / "jet.db").read_bytes() == b"de gegevensset van een consulent"
    assert profiel.exists()
