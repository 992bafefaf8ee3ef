"""Headless subcommands of `jet-desktop`, one module each.

A command module has `NAME`, `HELP`, `configure(parser)` (arguments; keep imports light, this
runs at every start) and `run(args) -> int` (the work; import heavy modules inside).
`jet_desktop.cli` registers the modules listed in `COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

COMMANDS = (
    "jet_desktop.commands.toegang_import",
    "jet_desktop.commands.demo_toegang",
    "jet_desktop.commands.monitor",
    "jet_desktop.commands.matched_care",
    "jet_desktop.commands.wachtlijst",
    "jet_desktop.commands.caseload",
    "jet_desktop.commands.backup",
    "jet_desktop.commands.restore",
)


def add_db_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="SQLite-bestand (standaard: in de gebruikersmap)")
    p.add_argument("--url", metavar="URL", help="SQLAlchemy-URL, bijv. postgresql+psycopg://... (in plaats van --db)")


def db_url(db: str | None, url: str | None) -> str:
    """--url as given, else the SQLite file --db, else the default file in the user data directory."""
    from jet_desktop.paths import default_db_path, sqlite_url

    if url:
        return url
    path = Path(db) if db else default_db_path()  # as sqlite_pad()
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite_url(path)


def args_url(args) -> str:
    return db_url(getattr(args, "db", None), getattr(args, "url", None))


def sqlite_pad(args) -> Path:
    """The SQLite file of --db, or the default store in the user data directory."""
    from jet_desktop.paths import default_db_path

    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def open_store(args):
    """The Store of --db/--url, migrated; the medewerker is the OS user (for updated_by)."""
    import getpass

    from jet_desktop.storage.store import Store

    return Store.open(args_url(args), user=getpass.getuser())


def datum_arg(text: str) -> date:
    """argparse type for JJJJ-MM-DD (or DD-MM-JJJJ), with a Dutch message."""
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            from datetime import datetime

            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"geen geldige datum: {text!r} (gebruik JJJJ-MM-DD)")


def fail(message: str, code: int = 1) -> int:
    print(message, file=sys.stderr)
    return code
