"""The `jet-desktop` command: no arguments opens the GUI; subcommands do headless jobs.

The report and import subcommands live in `jet_desktop.commands` (one module each).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from jet_desktop import __version__
from jet_desktop.commands import COMMANDS, add_db_arguments, args_url, fail


def _command_modules():
    return [importlib.import_module(name) for name in COMMANDS]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jet-desktop", description="JET Desktop — Jeugdexpertteam")
    parser.add_argument("--version", action="version", version=f"jet-desktop {__version__}")
    add_db_arguments(parser)
    parser.set_defaults(db=None, url=None)  # the subcommands' --db/--url only override when given
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="vul een store met realistische demogegevens")
    add_db_arguments(demo)
    demo.add_argument("--jeugdigen", type=int, default=2000, help="aantal jeugdigen (standaard 2000)")
    demo.add_argument("--seed", type=int, default=1, help="toevalszaad: zelfde zaad, zelfde gegevens")

    migrate = sub.add_parser("migrate", help="breng het schema naar de nieuwste versie")
    add_db_arguments(migrate)

    for module in _command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs a command; a wrong wachtwoordzin or a missing right is a Dutch message, not a traceback."""
    args = build_parser().parse_args(argv)
    from jet_desktop.commands import GeenWachtwoordzin

    try:
        return _run(args)
    except GeenWachtwoordzin as exc:
        return fail(str(exc), 2)
    except Exception as exc:
        from jet_desktop.services.autorisatie import GeenToegang
        from jet_desktop.storage.bestand import WachtwoordzinFout

        if isinstance(exc, (WachtwoordzinFout, GeenToegang)):
            return fail(str(exc), 2)
        raise


def _run(args) -> int:
    if args.command is None:
        from jet_desktop.commands import sqlite_pad
        from jet_desktop.ui.app import run_gui

        if args.url:
            return run_gui(url=args.url)
        pad = sqlite_pad(args)
        pad.parent.mkdir(parents=True, exist_ok=True)
        return run_gui(pad=pad)
    if args.command == "demo":
        from jet_desktop.demo.generator import generate

        def progress(done: int, total: int, label: str) -> None:
            print(f"\r{label}: {done}/{total}      ", end="", file=sys.stderr, flush=True)

        summary = generate(args_url(args), jeugdigen=args.jeugdigen, seed=args.seed, progress=progress)
        print(file=sys.stderr)
        print(summary)
        return 0
    if args.command == "migrate":
        from jet_desktop.storage.engine import make_engine
        from jet_desktop.storage.migrations import upgrade_to_head

        upgrade_to_head(make_engine(args_url(args)))
        print("Schema is bijgewerkt.")
        return 0
    return args.run(args)
