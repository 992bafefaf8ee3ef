"""One version, raised with each release and schema migration (jet_desktop/versie.py has the rule)."""

import re
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from jet_desktop import __version__, cli
from jet_desktop.storage.migrations import alembic_config
from jet_desktop.versie import SCHEMA_VERSIES, als_tupel

ROOT = Path(__file__).resolve().parents[1]


def _revisies_van_oud_naar_nieuw() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in script.walk_revisions("base", "heads")][::-1]


def test_the_newest_migration_has_its_version_and_the_code_is_not_older():
    revisies = _revisies_van_oud_naar_nieuw()
    nieuwste = revisies[-1]
    assert nieuwste in SCHEMA_VERSIES, (
        f"Migration {nieuwste} has no line in jet_desktop/versie.py SCHEMA_VERSIES: add "
        f'"{nieuwste}": "{__version__}" (and raise __version__ if this release did not yet)')
    assert als_tupel(__version__) >= als_tupel(SCHEMA_VERSIES[nieuwste])


def test_every_migration_has_a_version_and_the_versions_only_go_up():
    revisies = _revisies_van_oud_naar_nieuw()
    assert set(SCHEMA_VERSIES) == set(revisies)
    versies = [als_tupel(SCHEMA_VERSIES[r]) for r in revisies]
    assert versies == sorted(versies)


def test_the_version_is_three_numbers_and_compares_as_numbers():
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert als_tupel("0.10.0") > als_tupel("0.9.0")
    assert als_tupel(__version__) >= (0, 7, 0)


def test_the_changelogs_top_heading_names_the_version():
    koppen = [r for r in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines() if r.startswith("## ")]
    assert koppen and __version__ in koppen[0], f"CHANGELOG.md's first heading should name {__version__}: {koppen[:1]}"


def test_pyproject_takes_the_version_from_the_package():
    tekst = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in tekst and 'version = {attr = "jet_desktop.__version__"}' in tekst


def test_jet_desktop_version_prints_it(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"jet-desktop {__version__}"
