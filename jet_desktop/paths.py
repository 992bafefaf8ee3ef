"""Where the application keeps its files (platformdirs: per-user data directory)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "JET Desktop"
APP_AUTHOR = "Gemeente"

_PAKKET = Path(__file__).resolve().parent


def _meegeleverd(naam: str) -> Path:
    """A data folder that ships with the program. Installed from a wheel it lies inside the package
    (jet_desktop/resources, jet_desktop/db: pyproject.toml [tool.setuptools.package-dir]); in a source
    checkout, and an editable install of one, it is the top-level folder beside jet_desktop/."""
    binnen = _PAKKET / naam
    return binnen if binnen.is_dir() else _PAKKET.parent / naam


def resources_dir() -> Path:
    """The code lists and fonts (`resources/`)."""
    return _meegeleverd("resources")


def migrations_dir() -> Path:
    """The Alembic environment and migrations (`db/`)."""
    return _meegeleverd("db")


def data_dir() -> Path:
    """Override with JET_DATA_DIR (tests, portable installs)."""
    if env := os.environ.get("JET_DATA_DIR"):
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)


def default_db_path() -> Path:
    return data_dir() / "jet.db"


# SQLCipher page size of every encrypted store: four times the default 4096, because decrypting
# and checking a page has a fixed cost besides its bytes (benchmarks/bench_encryptie.py: 4 KB pages
# 1.17x slower). Part of the file format: a store opens only with the page size it was written with.
CIPHER_PAGE_SIZE = 16384


def sqlite_url(path: str | Path, wachtwoordzin: str | None = None) -> str:
    """SQLAlchemy URL of a SQLite file (built here so the GUI can start before SQLAlchemy loads).

    With a wachtwoordzin the file is opened through SQLCipher (storage/versleuteling.py)."""
    pad = Path(path).expanduser().resolve()
    if wachtwoordzin is None:
        return f"sqlite:///{pad}"
    from urllib.parse import quote

    return f"sqlite+pysqlcipher://:{quote(wachtwoordzin, safe='')}@/{pad}?cipher_page_size={CIPHER_PAGE_SIZE}"
