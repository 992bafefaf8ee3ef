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
    "jet_desktop.commands.versleutel",
    "jet_desktop.commands.wachtwoordzin",
    "jet_desktop.commands.audit",
    "jet_desktop.commands.bewaring",
)


def add_db_arguments(p: argparse.ArgumentParser, url: bool = True) -> None:
    """--db (and --url) on `p`. Not given, they leave the value alone (SUPPRESS): `jet-desktop --db F
    backup` keeps the F given before the subcommand. The top-level parser sets the defaults (None);
    `url=False` for commands that work on the SQLite file itself."""
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                   help="SQLite-bestand (standaard: in de gebruikersmap)")
    if url:
        p.add_argument("--url", metavar="URL", default=argparse.SUPPRESS,
                       help="SQLAlchemy-URL, bijv. postgresql+psycopg://... (in plaats van --db)")


def db_url(db: str | None, url: str | None) -> str:
    """--url as given, else the SQLite file --db, else the default file in the user data directory;
    an encrypted file with the wachtwoordzin of `wachtwoordzin_voor`."""
    from jet_desktop.paths import default_db_path, sqlite_url

    if url:
        return url
    path = Path(db) if db else default_db_path()  # as sqlite_pad()
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite_url(path, wachtwoordzin_voor(path))


class GeenWachtwoordzin(Exception):
    pass


def wachtwoordzin_voor(path: Path) -> str | None:
    """The wachtwoordzin for a headless command: $JET_PASSPHRASE, else asked on a terminal.

    A plain store of an earlier version opens as it is (`jet-desktop versleutel` converts it);
    a new file is created encrypted when JET_PASSPHRASE is set, else plain with a warning."""
    import getpass
    import os

    from jet_desktop.storage.bestand import is_versleuteld

    versleuteld = is_versleuteld(path)
    if versleuteld is False:
        return None
    if env := os.environ.get("JET_PASSPHRASE"):
        return env
    if versleuteld:
        if sys.stdin.isatty():
            return getpass.getpass(f"Wachtwoordzin voor {path.name}: ")
        raise GeenWachtwoordzin(f"{path} is versleuteld: zet de omgevingsvariabele JET_PASSPHRASE "
                                "of start de opdracht in een terminal.")
    print(f"Let op: {path.name} wordt een nieuwe, NIET versleutelde gegevensset "
          "(zet JET_PASSPHRASE om hem versleuteld aan te maken).", file=sys.stderr)
    return None


def args_url(args) -> str:
    return db_url(getattr(args, "db", None), getattr(args, "url", None))


def sqlite_pad(args) -> Path:
    """The SQLite file of --db, or the default store in the user data directory."""
    from jet_desktop.paths import default_db_path

    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def open_store(args):
    """The Store of --db/--url, migrated. Headless commands act as the system (every right,
    domain/rollen.py) in the name of the OS user; the audit log records them "namens opdrachtregel"."""
    from jet_desktop.storage.store import Store

    return als_opdrachtregel(Store.open(args_url(args)))


def als_opdrachtregel(store):
    """The Store acting for a headless command: the system, in the name of the OS user."""
    import getpass

    store.user, store.namens = f"{getpass.getuser()} (opdrachtregel)", "opdrachtregel"
    return store


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
