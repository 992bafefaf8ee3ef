"""The first start on a plain Linux desktop: the check of Qt's window plugin (jet_desktop/platform_check.py)."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jet_desktop import platform_check as pc

ROOT = Path(__file__).resolve().parents[1]

# ldd of libqxcb.so on a fresh Debian 12 desktop (trimmed): Qt's own libraries found, the xcb extras not
LDD_VERS = """\
\tlinux-vdso.so.1 (0x00007ffd5b1f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f3c1c000000)
\tlibQt6Gui.so.6 => /venv/PySide6/Qt/lib/libQt6Gui.so.6 (0x00007f3c1b400000)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f3c1bfd0000)
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-image.so.0 => not found
\tlibxcb-render-util.so.0 => not found
\tlibX11-xcb.so.1 => not found
\tlibglib-2.0.so.0 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3c1ac00000)
"""


def test_the_missing_sonames_of_ldd_in_order_each_once():
    assert pc.ontbrekend(LDD_VERS) == [
        "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0",
        "libxcb-image.so.0", "libxcb-render-util.so.0", "libX11-xcb.so.1", "libglib-2.0.so.0"]
    assert pc.ontbrekend("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n\tstatically linked\n") == []


@pytest.mark.parametrize("soname, pakket", [
    ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libX11-xcb.so.1", "libx11-xcb1"), ("libX11.so.6", "libx11-6"),
    ("libEGL.so.1", "libegl1"), ("libGL.so.1", "libgl1"), ("libfontconfig.so.1", "libfontconfig1"),
    ("libdbus-1.so.3", "libdbus-1-3"), ("libwayland-cursor.so.0", "libwayland-cursor0"),
    ("libglib-2.0.so.0", "libglib2.0-0"), ("libz.so.1", "zlib1g"), ("libxcb-util.so.1", "libxcb-util1"),
])
def test_a_soname_maps_to_its_debian_package(soname, pakket):
    assert pc.debian_pakket(soname) == pakket


def test_the_t64_name_where_apt_knows_only_that_one():
    alleen_t64 = {"libglib2.0-0t64", "libxcb-icccm4"}.__contains__
    assert pc.kies_naam("libglib2.0-0", alleen_t64) == "libglib2.0-0t64"
    assert pc.kies_naam("libxcb-icccm4", alleen_t64) == "libxcb-icccm4"
    assert pc.kies_naam("libxcb-icccm4", lambda n: False) == "libxcb-icccm4"  # no package lists yet
    assert pc.kies_naam("libxcb-icccm4", None) == "libxcb-icccm4"


def test_apt_cache_policy_decides_what_apt_can_install():
    def apt(uit):
        return lambda args: (0, uit)

    assert pc.apt_beschikbaar("libxcb-icccm4", apt("libxcb-icccm4:\n  Installed: (none)\n  Candidate: 0.4.1-1.1\n"))
    assert not pc.apt_beschikbaar("libglib2.0-0", apt("libglib2.0-0:\n  Installed: (none)\n  Candidate: (none)\n"))
    assert not pc.apt_beschikbaar("bestaat-niet", lambda args: (0, "N: Unable to locate package bestaat-niet\n"))


def test_a_fresh_desktop_gets_the_exact_packages_and_an_apt_get_line():
    u = pc.controleer({"DISPLAY": ":0"}, ldd=lambda pad: LDD_VERS, beschikbaar=lambda n: not n.startswith("libglib"))
    assert u.platform == "xcb" and u.plugin.name == "libqxcb.so"
    assert u.pakketten == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0",
                           "libxcb-image0", "libxcb-render-util0", "libx11-xcb1", "libglib2.0-0"]
    tekst = pc.melding(u)
    assert "Qt kan geen venster openen (xcb)" in tekst and "libxcb-icccm.so.4" in tekst
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 " in tekst
    assert not u.goed


def test_the_platform_qt_will_use():
    assert pc.kies_platform({}) is None
    assert pc.kies_platform({"DISPLAY": ":0"}) == "xcb"
    assert pc.kies_platform({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}) is None
    assert pc.kies_platform({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}) == "wayland"
    assert pc.kies_platform({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"}) == "xcb"
    assert pc.kies_platform({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert pc.controleer({}).platform is None and pc.controleer({}).goed


def test_qts_abort_message_becomes_a_dutch_reason():
    qt = ("qt.qpa.xcb: could not connect to display :97\nqt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 "
          "is needed to load the Qt xcb platform plugin.\nThis application failed to start because no Qt platform "
          "plugin could be initialized.\n")
    assert pc.reden("xcb", qt, {"DISPLAY": ":97"}).startswith("Qt kan geen verbinding maken met het beeldscherm :97.")
    assert pc.reden("xcb", qt.split("\n", 1)[1], {}) == "Qt mist xcb-cursor0 or libxcb-cursor0: installeer libxcb-cursor0."
    assert pc.probe("xcb", {}, draai=lambda args, env, timeout: (0, "")) is None
    assert "Qt kan zijn venster-plugin niet laden" in pc.probe("xcb", {}, draai=lambda args, env, timeout: (-6, "boem"))


def test_pakketten_prints_one_line_for_the_shell(monkeypatch, capsys):
    monkeypatch.setattr(pc, "controleer", lambda platform=None: pc.Uitkomst("xcb", Path("x"), ["a.so.1"],
                                                                             ["libxcb-icccm4", "libxcb-keysyms1"]))
    assert pc.main(["--pakketten"]) == 0
    assert capsys.readouterr().out == "libxcb-icccm4 libxcb-keysyms1\n"
    assert pc.main([]) == 1
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in capsys.readouterr().err


# -- the shell side: scripts/qt_venster.sh (sourced by bootstrap.sh) with a fake python, apt-get and id --------


def _fake(map_: Path, naam: str, script: str) -> None:
    pad = map_ / naam
    pad.write_text("#!/bin/sh\n" + script)
    pad.chmod(0o755)


def _venster_sh(tmp_path, pakketten: str, uid: int, apt_get: bool = True):
    venv, bin_ = tmp_path / "venv", tmp_path / "bin"
    (venv / "bin").mkdir(parents=True)
    bin_.mkdir()
    log = tmp_path / "log"
    _fake(venv / "bin", "python", f'echo "python $*" >> {log}\n'
                                  f'if [ "$3" = --pakketten ]; then echo "{pakketten}"; exit 0; fi\n'
                                  f'[ -f {tmp_path}/installed ] && exit 0\necho "naam ze" >&2; exit 1\n')
    if apt_get:
        _fake(bin_, "apt-get", f'echo "apt-get $*" >> {log}\n[ "$1" = install ] && touch {tmp_path}/installed\nexit 0\n')
    _fake(bin_, "id", f"echo {uid}\n")
    env = {"PATH": f"{bin_}:/usr/bin:/bin", "VENV": str(venv), "DISPLAY": ":0", "HOME": str(tmp_path)}
    r = subprocess.run(["bash", "-c", f'set -euo pipefail; source {ROOT}/scripts/qt_venster.sh; echo verder'],
                       env=env, capture_output=True, text=True, timeout=60)
    return r, log.read_text() if log.exists() else ""


def test_bootstrap_installs_the_missing_packages_as_root(tmp_path):
    r, log = _venster_sh(tmp_path, "libxcb-icccm4 libxcb-keysyms1", uid=0)
    assert r.returncode == 0 and r.stdout.strip() == "verder", r.stderr
    assert "apt-get install -y -q libxcb-icccm4 libxcb-keysyms1" in log
    assert "libxcb-icccm4 libxcb-keysyms1" in r.stderr  # it says what it installs


def test_bootstrap_names_them_and_stops_when_not_root(tmp_path):
    r, log = _venster_sh(tmp_path, "libxcb-icccm4", uid=1000)
    assert r.returncode == 1 and "verder" not in r.stdout
    assert "apt-get" not in log and "python -m jet_desktop.platform_check\n" in log  # the Dutch report, exact names
    assert "naam ze" in r.stderr


def test_bootstrap_does_nothing_when_nothing_is_missing_or_there_is_no_display(tmp_path):
    r, log = _venster_sh(tmp_path, "", uid=0)
    assert r.returncode == 0 and "apt-get" not in log


# -- one real run: Xvfb (a display without a screen) ------------------------------------------------------


def _vrij_scherm() -> int:
    for n in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    pytest.skip("geen vrij X-schermnummer")


@pytest.fixture
def xvfb():
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is niet geïnstalleerd")
    n = _vrij_scherm()
    proc = subprocess.Popen(["Xvfb", f":{n}", "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                break
            time.sleep(0.05)
        yield f":{n}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND", "XDG_SESSION"))}
    return env | extra


def test_under_xvfb_the_xcb_plugin_loads_and_a_window_opens(xvfb):
    r = subprocess.run([sys.executable, "-m", "jet_desktop.platform_check", "--probe"], env=_env(DISPLAY=xvfb),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Qt kan vensters openen (xcb)" in r.stdout
    u = pc.controleer(_env(DISPLAY=xvfb))
    assert u.plugin is not None and u.plugin.name == "libqxcb.so" and u.sonames == []


def test_a_display_that_is_not_there_is_a_dutch_message_not_an_abort():
    """Exit 2 and the display named; on a machine without the xcb plugin's libraries (a fresh CI image:
    scripts/qt_venster.sh installs them only with a display) those are named first, exit 1 — a Dutch
    message either way, never Qt's abort."""
    n = _vrij_scherm()
    env = _env(DISPLAY=f":{n}")
    r = subprocess.run([sys.executable, "-m", "jet_desktop.platform_check", "--probe"], env=env,
                       capture_output=True, text=True, timeout=120)
    ontbreekt = pc.controleer(env).sonames
    if ontbreekt:
        assert r.returncode == 1 and ontbreekt[0] in r.stdout + r.stderr, r.stdout + r.stderr
    else:
        assert r.returncode == 2
        assert f"Qt kan geen verbinding maken met het beeldscherm :{n}." in r.stderr


def test_the_real_ldd_of_each_plugin_maps_to_packages_apt_knows():
    """On this machine, for real: whatever a plugin misses (here the Wayland one lacks libwayland-cursor0)
    is named as a package apt-get can install."""
    if shutil.which("ldd") is None:
        pytest.skip("geen ldd")
    for platform in pc.PLUGINS:
        u = pc.controleer({}, platform=platform)
        assert u.plugin is not None and u.plugin.is_file()
        assert len(u.pakketten) <= len(u.sonames)
        if u.pakketten and shutil.which("apt-cache") and pc.apt_beschikbaar("libc6"):  # package lists present
            assert all(pc.apt_beschikbaar(p) for p in u.pakketten), u.pakketten
