"""Where the application keeps its files (platformdirs: per-user data directory)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "JET Desktop"
APP_AUTHOR = "Gemeente"


def data_dir() -> Path:
    """Override with JET_DATA_DIR (tests, portable installs)."""
    if env := os.environ.get("JET_DATA_DIR"):
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)


def default_db_path() -> Path:
    return data_dir() / "jet.db"


def sqlite_url(path: str | Path) -> str:
    """SQLAlchemy URL of a SQLite file (built here so the GUI can start before SQLAlchemy loads)."""
    return f"sqlite:///{Path(path).expanduser().resolve()}"
