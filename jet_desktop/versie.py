"""Which release brought which schema migration; the version itself is `jet_desktop.__version__`.

The rule (docs/architecture.md, "Version"): every release raises `__version__` (pyproject.toml reads it
from there), and a release with a new Alembic migration in `db/versions/` raises at least the minor
number and adds one line here: the revision and the version that introduced it. A test
(tests/test_versie.py) checks that the newest migration has its line, that `__version__` is not older
than it, and that CHANGELOG.md's top heading names `__version__`.

The versions of 0001..0006 were assigned afterwards (the code said 0.1.0 throughout): 0.N.0 is the
release that brought migration 000N.
"""

from __future__ import annotations

SCHEMA_VERSIES: dict[str, str] = {
    "0001_case_flow": "0.1.0",
    "0002_wachtlijst_flag": "0.2.0",
    "0003_zorg_en_monitor": "0.3.0",
    "0004_toegang_periode_index": "0.4.0",
    "0005_beveiliging": "0.5.0",
    "0006_auditketen_kop": "0.6.0",
    "0007_wijzigingshistorie": "0.7.0",
    "0008_wachtlijst_indexen": "0.8.0",
    "0009_monitor_indexen": "0.8.0",
    "0010_codelijsten": "0.9.0",
    "0011_offline_sync": "0.10.0",
}


def als_tupel(versie: str) -> tuple[int, ...]:
    """"0.10.0" -> (0, 10, 0): versions compare by number, not as text."""
    return tuple(int(deel) for deel in versie.split("."))
