"""Can Qt open a window on this Linux desktop? Which Debian packages are missing if not?

Qt opens windows through a platform plugin (`libqxcb.so` for X11, `libqwayland.so` for Wayland) that
needs more system libraries than Qt needs offscreen: libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0 and
friends. Without them the first start aborts (SIGABRT, exit 134) with an English message about
"no Qt platform plugin". scripts/bootstrap.sh asks this module (`--pakketten`) which packages to install
and, when it cannot install them (not root, no apt-get), lets it name them exactly; scripts/run.sh
starts Qt once with the plugin (`--probe`) before the window opens.

    python -m jet_desktop.platform_check              report in Dutch; exit 0 good, 1 packages missing
    python -m jet_desktop.platform_check --pakketten  only the Debian package names, one line
    python -m jet_desktop.platform_check --probe      also start Qt with the plugin (exit 2: it failed)

Nothing here imports Qt: the plugin is found through importlib, checked with `ldd`, probed in a child.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

PLUGINS = {"xcb": "libqxcb.so", "wayland": "libqwayland.so"}

# Sonames whose Debian package does not follow the policy's rule (see debian_pakket)
UITZONDERINGEN = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgmodule-2.0.so.0": "libglib2.0-0",
    "libGLdispatch.so.0": "libglvnd0",
    "libz.so.1": "zlib1g",
    "libgcc_s.so.1": "libgcc-s1",
    "libstdc++.so.6": "libstdc++6",
}

_NIET_GEVONDEN = re.compile(r"^\s*(\S+\.so[.\d]*)\s+=>\s+not found", re.MULTILINE)


def debian_pakket(soname: str) -> str:
    """The Debian package that ships a shared library, by Debian policy 8.1: the soname without ".so.",
    lower case, with a hyphen before the version when the name ends in a digit
    (libxcb-icccm.so.4 -> libxcb-icccm4, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0)."""
    if soname in UITZONDERINGEN:
        return UITZONDERINGEN[soname]
    naam, _, versie = soname.partition(".so")
    versie = versie.lstrip(".").split(".")[0]
    naam = naam.lower()
    if not versie:
        return naam
    return f"{naam}-{versie}" if naam[-1].isdigit() else f"{naam}{versie}"


def ontbrekend(ldd_uitvoer: str) -> list[str]:
    """The sonames `ldd` could not find, in its order, each once."""
    return list(dict.fromkeys(_NIET_GEVONDEN.findall(ldd_uitvoer)))


def kies_platform(env: Mapping[str, str]) -> str | None:
    """The platform plugin Qt will load for a window: QT_QPA_PLATFORM's first choice, else Wayland in a
    Wayland session, else X11 when DISPLAY is set; None when there is no display (or offscreen)."""
    if gevraagd := env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip():
        return gevraagd if gevraagd in PLUGINS else None
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    if env.get("DISPLAY"):
        return "xcb"
    if env.get("WAYLAND_DISPLAY"):
        return "wayland"
    return None


def plugin_pad(platform: str) -> Path | None:
    """PySide6's own plugin file for `platform`, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    pad = Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms" / PLUGINS[platform]
    return pad if pad.is_file() else None


def _draai(args: list[str], env: Mapping[str, str] | None = None, timeout: float = 60) -> tuple[int, str]:
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return -1, str(exc)
    return r.returncode, r.stdout + r.stderr


def apt_beschikbaar(naam: str, draai: Callable = _draai) -> bool:
    """Does apt know the package (a candidate to install)?"""
    code, uit = draai(["apt-cache", "policy", naam])
    m = re.search(r"Candidate:\s*(\S+)", uit)
    return code == 0 and m is not None and m.group(1) != "(none)"


def kies_naam(naam: str, beschikbaar: Callable[[str], bool] | None) -> str:
    """Ubuntu 24.04 and Debian 13 renamed some libraries for 64-bit time (libglib2.0-0t64): take the
    name apt knows. Without package lists (a fresh machine) the policy name stays."""
    if beschikbaar is None or beschikbaar(naam) or not beschikbaar(f"{naam}t64"):
        return naam
    return f"{naam}t64"


@dataclass
class Uitkomst:
    platform: str | None
    plugin: Path | None = None
    sonames: list[str] = field(default_factory=list)  # missing
    pakketten: list[str] = field(default_factory=list)  # the Debian packages that ship them
    probe: str | None = None  # why starting Qt with the plugin failed (None: it worked, or not tried)

    @property
    def goed(self) -> bool:
        return not self.sonames and self.probe is None


def controleer(env: Mapping[str, str] | None = None, ldd: Callable[[Path], str] | None = None,
               beschikbaar: Callable[[str], bool] | None = None, platform: str | None = None) -> Uitkomst:
    """Check the plugin of the platform Qt will use (`ldd` of the plugin: its libraries and theirs)."""
    env = os.environ if env is None else env
    platform = platform or kies_platform(env)
    if platform is None:
        return Uitkomst(None)
    pad = plugin_pad(platform)
    if pad is None:
        return Uitkomst(platform)
    if ldd is None:
        if shutil.which("ldd") is None:
            return Uitkomst(platform, pad)
        ldd = _ldd
    sonames = ontbrekend(ldd(pad))
    if beschikbaar is None and shutil.which("apt-cache"):
        beschikbaar = apt_beschikbaar
    pakketten = list(dict.fromkeys(kies_naam(debian_pakket(s), beschikbaar) for s in sonames))
    return Uitkomst(platform, pad, sonames, pakketten)


def _ldd(pad: Path) -> str:
    return _draai(["ldd", str(pad)])[1]


PROBE = "from PySide6.QtWidgets import QApplication; QApplication([])"


def probe(platform: str, env: Mapping[str, str] | None = None, draai: Callable = _draai) -> str | None:
    """Start Qt with `platform` in a child process (it aborts when the plugin cannot load); None when it
    started, else the reason in Dutch."""
    env = dict(os.environ if env is None else env, QT_QPA_PLATFORM=platform)
    code, uit = draai([sys.executable, "-c", PROBE], env=env, timeout=60)
    if code == 0:
        return None
    return reden(platform, uit, env)


def reden(platform: str, qt_uitvoer: str, env: Mapping[str, str]) -> str:
    """Qt's English abort message as a Dutch reason (Qt also blames xcb-cursor when the display is gone)."""
    if "could not connect to display" in qt_uitvoer or "Failed to create wl_display" in qt_uitvoer:
        scherm = env.get("DISPLAY") if platform == "xcb" else env.get("WAYLAND_DISPLAY")
        return (f"Qt kan geen verbinding maken met het beeldscherm {scherm or '(niet ingesteld)'}. Start JET Desktop "
                "in de grafische sessie zelf, of zonder venster met QT_QPA_PLATFORM=offscreen.")
    if m := re.search(r"(xcb-cursor0 or libxcb-cursor0) is needed", qt_uitvoer):
        return f"Qt mist {m.group(1)}: installeer libxcb-cursor0."
    laatste = [r for r in qt_uitvoer.strip().splitlines() if r.strip()][-3:]
    return "Qt kan zijn venster-plugin niet laden: " + " / ".join(laatste)


def melding(u: Uitkomst) -> str:
    """The Dutch report; names the packages exactly."""
    if u.platform is None:
        return "Geen beeldscherm: JET Desktop kan alleen zonder venster (offscreen) starten; niets te controleren."
    if u.plugin is None:
        return f"De Qt-plugin voor {u.platform} is niet gevonden; is PySide6 geïnstalleerd?"
    regels = []
    if u.sonames:
        regels.append(f"Qt kan geen venster openen ({u.platform}): deze systeembibliotheken ontbreken: "
                      f"{', '.join(u.sonames)}.")
        regels.append(f"Installeer ze als beheerder (root):\n    sudo apt-get install {' '.join(u.pakketten)}")
    if u.probe:
        regels.append(u.probe)
    return "\n".join(regels) or f"Qt kan vensters openen ({u.platform}): alle bibliotheken zijn aanwezig."


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m jet_desktop.platform_check",
                                description="Controleert of Qt hier een venster kan openen.")
    p.add_argument("--pakketten", action="store_true", help="alleen de ontbrekende Debian-pakketten, op één regel")
    p.add_argument("--probe", action="store_true", help="start Qt ook echt met de plugin (in een apart proces)")
    p.add_argument("--platform", choices=sorted(PLUGINS), help="deze plugin controleren (anders: die Qt kiest)")
    args = p.parse_args(argv)
    u = controleer(platform=args.platform)
    if args.pakketten:
        print(" ".join(u.pakketten))
        return 0
    if args.probe and u.platform and u.plugin and not u.sonames:
        u.probe = probe(u.platform)
    tekst = melding(u)
    print(tekst, file=sys.stdout if u.goed else sys.stderr)
    return 0 if u.goed else 1 if u.sonames else 2


if __name__ == "__main__":
    raise SystemExit(main())
