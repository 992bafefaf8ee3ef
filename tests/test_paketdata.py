"""resources/ and db/ are found by an installed package too, not only from a source checkout.

pyproject.toml ships them inside the wheel as jet_desktop/resources and jet_desktop/db
([tool.setuptools.package-dir]); jet_desktop/paths.py looks inside the package first, then beside it."""

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from jet_desktop import __version__, paths

ROOT = Path(__file__).resolve().parents[1]


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_of_the_source_is_listed_for_the_wheel():
    """The package list is explicit (the mapped resources/ and db/ rule out automatic discovery):
    a new package under jet_desktop/ must be added there, or the wheel lacks it."""
    in_bron = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "jet_desktop").rglob("__init__.py")}
    gelijst = set(_setuptools()["packages"])
    assert in_bron - gelijst == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert gelijst - in_bron == {"jet_desktop.resources", "jet_desktop.resources.fonts", "jet_desktop.db",
                                 "jet_desktop.db.versions"}
    assert _setuptools()["package-dir"] == {"jet_desktop.resources": "resources", "jet_desktop.db": "db"}


def test_every_data_file_is_matched_by_the_package_data():
    data = _setuptools()["package-data"]
    for map_ in ("resources", "db"):
        for f in (ROOT / map_).rglob("*"):
            if f.is_dir() or "__pycache__" in f.parts or (f.suffix == ".py" and map_ == "db"):
                continue  # .py files of a listed package are modules: always in the wheel
            pakket = ".".join(("jet_desktop", map_, *f.parent.relative_to(ROOT / map_).parts))
            assert pakket in _setuptools()["packages"], f"{map_}/{f.relative_to(ROOT / map_)}: list {pakket}"
            assert any(f.match(patroon) for patroon in data[pakket]), f"{map_}/{f.relative_to(ROOT / map_)}: not in the wheel"


def test_a_checkout_uses_the_top_level_folders():
    assert paths.resources_dir() == ROOT / "resources"
    assert paths.migrations_dir() == ROOT / "db"
    assert (paths.migrations_dir() / "env.py").is_file() and (paths.resources_dir() / "verwijzers.csv").is_file()


def test_an_installed_package_uses_its_own_folders(tmp_path, monkeypatch):
    pakket = tmp_path / "site-packages" / "jet_desktop"
    (pakket / "resources").mkdir(parents=True)
    (pakket / "db").mkdir()
    (tmp_path / "site-packages" / "resources").mkdir()  # someone else's top-level folder: not ours
    monkeypatch.setattr(paths, "_PAKKET", pakket)
    assert paths.resources_dir() == pakket / "resources"
    assert paths.migrations_dir() == pakket / "db"


@pytest.mark.wheel
def test_the_built_wheel_runs_installed_without_the_source_tree(tmp_path):
    bron = tmp_path / "bron"  # a copy: building in the checkout would leave build/ and *.egg-info behind
    bron.mkdir()
    zonder = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copy(ROOT / "pyproject.toml", bron)
    for map_ in ("jet_desktop", "resources", "db"):
        shutil.copytree(ROOT / map_, bron / map_, ignore=zonder)
    dist, doel, elders = tmp_path / "dist", tmp_path / "doel", tmp_path / "elders"
    elders.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(dist), str(bron)], check=True, timeout=300)
    [wiel] = dist.glob("*.whl")
    assert wiel.name == f"jet_desktop-{__version__}-py3-none-any.whl"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(doel), str(wiel)], check=True,
                   timeout=300)
    assert (doel / "jet_desktop" / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (doel / "jet_desktop" / "db" / "versions" / "0001_case_flow.py").is_file()
    assert not (doel / "resources").exists() and not (doel / "db").exists()  # no top-level names of ours

    # -S: not the venv's .pth files (the editable install of a checkout); only the wheel and the dependencies
    env = {k: v for k, v in os.environ.items() if not k.startswith("JET_") and k != "PYTHONPATH"}
    env |= {"PYTHONPATH": os.pathsep.join([str(doel), sysconfig.get_paths()["purelib"]]),
            "JET_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}

    def draai(*args):
        return subprocess.run([sys.executable, "-S", *args], cwd=elders, env=env, capture_output=True, text=True,
                              timeout=300)

    r = draai("-c", "import jet_desktop, jet_desktop.paths as p, jet_desktop.codelists as c; "
                    "print(jet_desktop.__file__); print(p.resources_dir()); print(p.migrations_dir()); "
                    "print(len(c.uit_bestanden().verwijzers))")
    assert r.returncode == 0, r.stderr
    bestand, resources, db, routes = r.stdout.split("\n")[:4]
    assert Path(bestand).is_relative_to(doel) and not Path(bestand).is_relative_to(ROOT)
    assert (Path(resources), Path(db)) == (doel / "jet_desktop" / "resources", doel / "jet_desktop" / "db")
    assert int(routes) > 5
    r = draai("-m", "jet_desktop", "demo", "--db", str(tmp_path / "demo.db"), "--onversleuteld", "--jeugdigen", "50")
    assert r.returncode == 0, r.stdout + r.stderr
    r = draai("-m", "jet_desktop", "--version")
    assert r.stdout.strip() == f"jet-desktop {__version__}"
    r = draai("-m", "jet_desktop", "wachtlijst", "--db", str(tmp_path / "demo.db"), "--pdf", str(tmp_path / "w.pdf"))
    assert r.returncode == 0, r.stderr  # the PDF embeds the fonts of jet_desktop/resources/fonts
    assert (tmp_path / "w.pdf").read_bytes().startswith(b"%PDF")
