"""Builds JET Desktop for the machine it runs on (docs/installer.md).

    python build_installer.py                 # dist/jet-desktop/ + its packages, self-tested
    python build_installer.py --ongetrimd     # the same without trimming (to measure what trimming saves)
    python build_installer.py --nsis-controle # only compile the Windows installer script against a stub payload

1. PyInstaller makes one folder, dist/jet-desktop/, from installer/jet-desktop.spec.
2. The built program runs its own `--self-test` from a copy in a temporary folder outside the source tree,
   with an environment that has no venv and no PYTHONPATH: a module or data file the build left out fails the
   build here. A failed self-test stops the build with exit code 1.
3. Linux: dist/jet-desktop-<versie>-linux-x86_64.tar.gz and dist/jet-desktop_<versie>_amd64.deb.
   Windows: dist/JET-Desktop-<versie>-setup.exe with NSIS (installer/windows/jet-desktop.nsi).

Exit codes: 0 built and self-tested, 1 a step failed (its message says which), 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPEC = ROOT / "installer" / "jet-desktop.spec"
NSIS_SCRIPT = ROOT / "installer" / "windows" / "jet-desktop.nsi"
DESKTOP_FILE = ROOT / "installer" / "linux" / "jet-desktop.desktop"
WINDOWS = sys.platform == "win32"
PROGRAMMA = "jet-desktop.exe" if WINDOWS else "jet-desktop"
# what Qt's window plugin needs on a Debian/Ubuntu desktop beyond a base system (the .deb's Depends)
DEB_DEPENDS = ("libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libdbus-1-3, libxcb-cursor0, "
               "libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xinerama0")


class BouwFout(Exception):
    """A build step that failed; its message says which and why."""


def versie() -> str:
    """The version of jet_desktop/__init__.py, read as text (the build does not import the application)."""
    tekst = (ROOT / "jet_desktop" / "__init__.py").read_text(encoding="utf-8")
    gevonden = re.search(r'^__version__\s*=\s*"([^"]+)"', tekst, re.M)
    if not gevonden:
        raise BouwFout("jet_desktop/__init__.py noemt geen __version__")
    return gevonden.group(1)


def grootte(pad: Path) -> int:
    if pad.is_file():
        return pad.stat().st_size
    return sum(f.stat().st_size for f in pad.rglob("*") if f.is_file() and not f.is_symlink())


def mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB"


def stap(tekst: str) -> None:
    print(f"==> {tekst}", flush=True)


def pyinstaller(uitvoer: Path, werkmap: Path, ongetrimd: bool) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BouwFout("PyInstaller ontbreekt: installeer het met pip install -e '.[build]'") from None
    env = dict(os.environ, JET_BUILD_ONGETRIMD="1" if ongetrimd else "0")
    opdracht = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                "--distpath", str(uitvoer), "--workpath", str(werkmap), str(SPEC)]
    if subprocess.run(opdracht, cwd=ROOT, env=env).returncode:
        raise BouwFout("PyInstaller is mislukt (zie de meldingen hierboven)")
    map_ = uitvoer / "jet-desktop"
    if not (map_ / PROGRAMMA).exists():
        raise BouwFout(f"{map_ / PROGRAMMA} ontbreekt na PyInstaller")
    return map_


def schone_omgeving(thuis: Path) -> dict[str, str]:
    """What the self-test runs with: no venv, no PYTHONPATH, no JET_* settings of the builder, its own home."""
    env = {"HOME": str(thuis), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    if WINDOWS:
        for naam in ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "TEMP", "TMP", "COMSPEC"):
            if naam in os.environ:
                env[naam] = os.environ[naam]
        env["PATH"] = os.environ.get("SYSTEMROOT", r"C:\Windows") + r"\System32"
        env["USERPROFILE"] = env["LOCALAPPDATA"] = env["APPDATA"] = str(thuis)
    else:
        env["PATH"] = "/usr/bin:/bin"
    return env


def zelftest(map_: Path) -> None:
    """Runs the built program's --self-test from a copy outside the source tree; BouwFout when it fails."""
    with tempfile.TemporaryDirectory(prefix="jet-build-zelftest-") as tmp:
        kopie = Path(tmp) / "jet-desktop"
        shutil.copytree(map_, kopie, symlinks=True)
        thuis = Path(tmp) / "thuis"
        thuis.mkdir()
        begin = time.perf_counter()
        uitslag = subprocess.run([str(kopie / PROGRAMMA), "--self-test"], cwd=tmp, env=schone_omgeving(thuis),
                                 capture_output=True, text=True, timeout=600)
        print(uitslag.stdout, end="", flush=True)
        if uitslag.returncode:
            print(uitslag.stderr, end="", file=sys.stderr)
            raise BouwFout(f"de zelftest van de build is mislukt (code {uitslag.returncode}): de build is "
                           "onvolledig en wordt niet verpakt")
        print(f"    zelftest in {time.perf_counter() - begin:.1f} s", flush=True)


def tar_gz(map_: Path, uitvoer: Path, v: str) -> Path:
    doel = uitvoer / f"jet-desktop-{v}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(doel, "w:gz", compresslevel=6) as tar:
        tar.add(map_, arcname="jet-desktop")
    return doel


def deb(map_: Path, uitvoer: Path, v: str) -> Path | None:
    """A .deb that installs the folder in /opt/jet-desktop, `jet-desktop` on the PATH and a menu entry."""
    if not shutil.which("dpkg-deb"):
        print("    dpkg-deb ontbreekt: geen .deb (alleen de .tar.gz)", flush=True)
        return None
    arch = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
    with tempfile.TemporaryDirectory(prefix="jet-deb-") as tmp:
        wortel = Path(tmp) / "pakket"
        shutil.copytree(map_, wortel / "opt" / "jet-desktop", symlinks=True)
        bin_ = wortel / "usr" / "bin" / "jet-desktop"
        bin_.parent.mkdir(parents=True)
        # a script, not a symlink: PyInstaller's program finds its _internal folder next to itself
        bin_.write_text('#!/bin/sh\nexec /opt/jet-desktop/jet-desktop "$@"\n', encoding="utf-8")
        bin_.chmod(0o755)
        menu = wortel / "usr" / "share" / "applications"
        menu.mkdir(parents=True)
        shutil.copy(DESKTOP_FILE, menu / "jet-desktop.desktop")
        debian = wortel / "DEBIAN"
        debian.mkdir()
        (debian / "control").write_text(
            f"Package: jet-desktop\nVersion: {v}\nArchitecture: {arch}\nMaintainer: JET Desktop <jet@example.nl>\n"
            f"Installed-Size: {grootte(wortel) // 1024}\nDepends: {DEB_DEPENDS}\nSection: misc\nPriority: optional\n"
            "Description: JET Desktop voor het Jeugdexpertteam\n"
            " Aanmeldingen, triage, wachtlijst, caseload en de monitor toegang. De gegevens van de\n"
            " gebruikers (in ~/.local/share/JET) blijven staan bij verwijderen en bijwerken.\n",
            encoding="utf-8")
        doel = uitvoer / f"jet-desktop_{v}_{arch}.deb"
        uitslag = subprocess.run(["dpkg-deb", "--build", "--root-owner-group", "-Zgzip", str(wortel), str(doel)],
                                 capture_output=True, text=True)
        if uitslag.returncode:
            raise BouwFout(f"dpkg-deb is mislukt: {uitslag.stderr.strip()}")
    return doel


def makensis() -> str:
    for kandidaat in ("makensis", r"C:\Program Files (x86)\NSIS\makensis.exe", r"C:\Program Files\NSIS\makensis.exe"):
        if shutil.which(kandidaat) or Path(kandidaat).exists():
            return shutil.which(kandidaat) or kandidaat
    raise BouwFout("makensis (NSIS) ontbreekt: installeer NSIS 3 (Windows: nsis.sourceforge.io; "
                   "Debian: apt-get install nsis)")


def nsis(bron: Path, doel: Path, v: str) -> Path:
    """Compiles installer/windows/jet-desktop.nsi around the folder `bron` into `doel`."""
    numeriek = ".".join((re.findall(r"\d+", v) + ["0", "0", "0"])[:3]) + ".0"
    opdracht = [makensis(), "-V2", "-WX", f"-DVERSIE={v}", f"-DVERSIE_NUMERIEK={numeriek}",
                f"-DBRON={bron}", f"-DUITVOER={doel}", str(NSIS_SCRIPT)]
    uitslag = subprocess.run(opdracht, capture_output=True, text=True)
    if uitslag.returncode or not doel.exists():
        raise BouwFout(f"makensis is mislukt:\n{uitslag.stdout}{uitslag.stderr}".rstrip())
    return doel


def nsis_controle(uitvoer: Path, v: str) -> Path:
    """The Windows installer script compiled against a stub payload (the two programs and a data file as
    placeholders): its syntax, its pages and its options are checked on a machine without Windows."""
    with tempfile.TemporaryDirectory(prefix="jet-nsis-stub-") as tmp:
        stub = Path(tmp) / "jet-desktop"
        (stub / "_internal").mkdir(parents=True)
        for naam in ("jet-desktop.exe", "JET Desktop.exe"):
            (stub / naam).write_bytes(b"MZ stub")
        (stub / "_internal" / "base_library.zip").write_bytes(b"stub")
        return nsis(stub, uitvoer / f"JET-Desktop-{v}-setup-stub.exe", v)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_installer.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--uitvoer", type=Path, default=ROOT / "dist", help="waar de build komt (standaard dist/)")
    parser.add_argument("--werkmap", type=Path, default=ROOT / "build", help="PyInstallers werkmap (build/)")
    parser.add_argument("--ongetrimd", action="store_true", help="zonder het weglaten van ongebruikte Qt-modules")
    parser.add_argument("--nsis-controle", action="store_true",
                        help="alleen het Windows-installatiescript vertalen tegen een lege payload")
    args = parser.parse_args(argv)
    try:
        v = versie()
        args.uitvoer.mkdir(parents=True, exist_ok=True)
        if args.nsis_controle:
            stap(f"NSIS-script vertalen tegen een lege payload (versie {v})")
            print(f"    {nsis_controle(args.uitvoer, v)}", flush=True)
            return 0
        begin = time.perf_counter()
        stap(f"PyInstaller: JET Desktop {v}, één map{' (ongetrimd)' if args.ongetrimd else ''}")
        map_ = pyinstaller(args.uitvoer, args.werkmap, args.ongetrimd)
        print(f"    {map_}: {mb(grootte(map_))} in {time.perf_counter() - begin:.0f} s", flush=True)
        stap("zelftest van de build, buiten de broncode en de venv")
        zelftest(map_)
        pakketten = []
        if WINDOWS:
            stap("NSIS-installatieprogramma")
            pakketten.append(nsis(map_, args.uitvoer / f"JET-Desktop-{v}-setup.exe", v))
        else:
            stap("pakketten")
            pakketten.append(tar_gz(map_, args.uitvoer, v))
            pakketten.append(deb(map_, args.uitvoer, v))
        for p in filter(None, pakketten):
            print(f"    {p}: {mb(grootte(p))}", flush=True)
        print(f"Klaar in {time.perf_counter() - begin:.0f} s.", flush=True)
        return 0
    except BouwFout as exc:
        print(f"build_installer.py: {exc}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as exc:
        print(f"build_installer.py: {exc.cmd[0]} reageerde niet binnen {exc.timeout} s", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
