"""The `jet-desktop` command: no arguments opens the GUI; subcommands do headless jobs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jet_desktop import __version__


def db_url(db: str | None, url: str | None) -> str:
    """--url as given, else the SQLite file --db, else the default file in the user data directory."""
    from jet_desktop.paths import default_db_path, sqlite_url

    if url:
        return url
    path = Path(db) if db else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite_url(path)


def _db_url(args) -> str:
    return db_url(args.db, getattr(args, "url", None))


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="SQLite-bestand (standaard: in de gebruikersmap)")
    p.add_argument("--url", metavar="URL", help="SQLAlchemy-URL, bijv. postgresql+psycopg://... (in plaats van --db)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jet-desktop", description="JET Desktop — Jeugdexpertteam")
    parser.add_argument("--version", action="version", version=f"jet-desktop {__version__}")
    _add_db(parser)
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="vul een store met realistische demogegevens")
    _add_db(demo)
    demo.add_argument("--jeugdigen", type=int, default=2000, help="aantal jeugdigen (standaard 2000)")
    demo.add_argument("--seed", type=int, default=1, help="toevalszaad: zelfde zaad, zelfde gegevens")

    migrate = sub.add_parser("migrate", help="breng het schema naar de nieuwste versie")
    _add_db(migrate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from jet_desktop.ui.app import run_gui

        return run_gui(db_url(args.db, args.url))
    if args.command == "demo":
        from jet_desktop.demo.generator import generate

        def progress(done: int, total: int, label: str) -> None:
            print(f"\r{label}: {done}/{total}      ", end="", file=sys.stderr, flush=True)

        summary = generate(_db_url(args), jeugdigen=args.jeugdigen, seed=args.seed, progress=progress)
        print(file=sys.stderr)
        print(summary)
        return 0
    if args.command == "migrate":
        from jet_desktop.storage.engine import make_engine
        from jet_desktop.storage.migrations import upgrade_to_head

        upgrade_to_head(make_engine(_db_url(args)))
        print("Schema is bijgewerkt.")
        return 0
    return 2
