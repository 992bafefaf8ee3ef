"""The `jet-desktop` command: no arguments opens the GUI; subcommands do headless jobs.

The report and import subcommands live in `jet_desktop.commands` (one module each).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from jet_desktop import __version__
from jet_desktop.commands import COMMANDS, add_db_arguments, args_url, fail
from jet_desktop.commands.argumenten import ArgumentParser, geheel_getal
from jet_desktop.notatie import getal


def _command_modules():
    return [importlib.import_module(name) for name in COMMANDS]


# the bounds of `demo --jeugdigen` (demo/generator.py MIN_JEUGDIGEN, MAX_JEUGDIGEN; not imported: slow)
DEMO_MIN, DEMO_MAX = 50, 300_000


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="jet-desktop", description="JET Desktop — Jeugdexpertteam")
    parser.add_argument("--version", action="version", version=f"jet-desktop {__version__}",
                        help="toon het versienummer en stop")
    parser.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default=None,
                        metavar="NIVEAU", help="hoeveel het logboek (map logs in de gegevensmap) vastlegt: debug, "
                                               "info (standaard), warning of error; nooit persoonsgegevens")
    parser.add_argument("--self-test", action="store_true",
                        help="controleer deze installatie in een tijdelijke map (gegevensset, venster, PDF, XLSX, "
                             "auditketen) en stop; code 0 als alles werkt")
    add_db_arguments(parser)
    parser.set_defaults(db=None, url=None, onversleuteld=False)  # the subcommands' own only override when given
    sub = parser.add_subparsers(dest="command", title="opdrachten", metavar="OPDRACHT",
                                description="zonder opdracht start het venster; `jet-desktop OPDRACHT -h` "
                                            "geeft de hulp bij een opdracht")

    demo = sub.add_parser("demo", help="vul een store met realistische demogegevens",
                          description="Vult een nieuwe of lege gegevensset met fictieve demogegevens. Een gegevensset "
                                      "met aanmeldingen, of een database die geen JET-gegevensset is, wordt geweigerd.")
    add_db_arguments(demo)
    demo.add_argument("--jeugdigen", type=geheel_getal(DEMO_MIN, DEMO_MAX, "--jeugdigen"), default=2000, metavar="N",
                      help=f"aantal jeugdigen, {DEMO_MIN} t/m {getal(DEMO_MAX)} (standaard 2000)")
    demo.add_argument("--seed", type=geheel_getal(naam="--seed"), default=1,
                      help="toevalszaad: zelfde zaad, zelfde gegevens")
    demo.add_argument("--wachtlijst", type=geheel_getal(0, None, "--wachtlijst"), default=None, metavar="N",
                      help="een team in crisis: N aanmeldingen wachten op een jeugdconsulent (een klein N kan niet altijd "
                           "precies: de samenvatting zegt het dan; zonder deze "
                           "optie zo veel als capaciteit en instroom geven; het maximum hangt af van --jeugdigen, "
                           "bij 100.000 jeugdigen ruim 50.000)")

    migrate = sub.add_parser("migrate", help="breng het schema naar de nieuwste versie",
                             description="Brengt het schema van de gegevensset naar de nieuwste versie.")
    add_db_arguments(migrate)

    for module in _command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(p)
        p.set_defaults(run=module.run, op_de_teamserver=getattr(module, "OP_DE_TEAMSERVER", ""))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs a command. Every failure a user can cause is a Dutch message on stderr with exit code 1 or 2
    (commands/foutmeldingen.py); anything else is one Dutch line too, its stack in the log file."""
    args = build_parser().parse_args(argv)
    if args.self_test:
        if args.command:
            return fail("--self-test gaat niet samen met een opdracht.", 2)
        from jet_desktop import zelftest

        map_ = zelftest.voorbereid()  # its own data folder: the log and the settings too, removed afterwards
    from jet_desktop import logboek

    logboek.start(args.log_level)  # one log for the GUI and the commands (jet_desktop/logboek.py)
    log = logging.getLogger("jet_desktop.cli")
    log.info("JET Desktop %s gestart: %s", __version__, f"opdracht {args.command}" if args.command else "venster")
    try:
        code = zelftest.draai(map_) if args.self_test else _run(args)
        log.info("Klaar (code %s)", code)
        return code
    except BrokenPipeError:  # `jet-desktop ... | head`: the reader stopped; no second error at exit
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return fail("De uitvoer is afgebroken: het programma dat hem las, is gestopt.", 1)
    except KeyboardInterrupt:
        return fail("Afgebroken; wat nog niet was opgeslagen, is niet opgeslagen.", 130)
    except Exception as exc:
        from jet_desktop.commands.foutmeldingen import melding, onverwacht

        bekend = melding(exc)
        if bekend is None:
            return fail(*onverwacht(exc))  # its traceback is in the log
        log.warning("Afgebroken (code %s): %s", bekend[1], logboek.beschrijving(exc))
        return fail(*bekend)


def _run(args) -> int:
    if args.command is None:
        from jet_desktop.commands import controleer_url, db_map_fout, sqlite_pad

        if args.url:
            from sqlalchemy.engine import make_url

            controleer_url(args.url)
            make_url(args.url).get_dialect()  # a malformed --url or unknown database: a Dutch message, no window
            from jet_desktop.ui.app import run_gui

            return run_gui(url=args.url)
        pad = sqlite_pad(args)
        db_map_fout(pad)
        try:
            pad.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from jet_desktop.commands import OpdrachtFout
            from jet_desktop.meldingen import os_reden

            raise OpdrachtFout(f"De map {pad.parent} kan niet worden gemaakt: {os_reden(exc)}.", 2) from None
        from jet_desktop.storage.bestand import is_versleuteld

        if is_versleuteld(pad) is False:  # a plain file: another program's database is refused, never migrated
            from jet_desktop.commands import OpdrachtFout
            from jet_desktop.storage.herkenning import vreemd_bestand

            if vreemd_bestand(pad):
                raise OpdrachtFout(f"{pad.name} is geen JET-gegevensset (er staan andere tabellen in); er is niets "
                                   "gewijzigd. Kies met --db een JET-gegevensset of een nieuw bestand.", 2)
        from jet_desktop.ui.app import run_gui

        return run_gui(pad=pad, lokaal_gekozen=args.db is not None)  # --db: the local file pre-selected
    if args.command == "demo":
        if args.wachtlijst is not None:  # its bound depends on --jeugdigen: checked before anything is opened
            from datetime import date

            from jet_desktop.demo.plan import PlanFout, maak_plan

            try:
                maak_plan(args.jeugdigen, date.today(), wachtlijst=args.wachtlijst)
            except PlanFout as exc:
                return fail(f"jet-desktop demo: fout: {exc}", 2)
        from jet_desktop.demo.generator import DemoGeweigerd, generate

        voortgang = sys.stderr.isatty()

        def progress(done: int, total: int, label: str) -> None:
            if voortgang:
                print(f"\r{label}: {done}/{total}      ", end="", file=sys.stderr, flush=True)

        try:
            summary = generate(args_url(args), jeugdigen=args.jeugdigen, seed=args.seed, progress=progress,
                               wachtlijst=args.wachtlijst)
        except DemoGeweigerd as exc:
            return fail(str(exc), 1)
        finally:
            if voortgang:
                print(file=sys.stderr)
        print(summary)
        return 0
    if args.command == "migrate":
        from jet_desktop.commands import meld_bijgewerkt, weiger_vreemde_gegevensset
        from jet_desktop.storage.store import Store

        url = args_url(args)
        weiger_vreemde_gegevensset(url)  # a wrong wachtwoordzin: WachtwoordzinFout
        store = meld_bijgewerkt(Store.open(url))  # an older local store: a checked reservekopie first
        store.engine.dispose()
        print("Schema is bijgewerkt." if store.bijgewerkt else "Het schema was al bijgewerkt.")
        return 0
    if getattr(args, "alleen_bestand", False) and getattr(args, "url", None) is not None:  # also --url ""
        return fail(f"jet-desktop {args.command} werkt alleen op een lokaal gegevensbestand (--db), niet op een "
                    f"gedeelde gegevensset (--url). {args.op_de_teamserver}".rstrip(), 2)
    return args.run(args)
