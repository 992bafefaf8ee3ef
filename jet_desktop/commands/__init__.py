"""Headless subcommands of `jet-desktop`, one module each.

A command module has `NAME`, `HELP`, `configure(parser)` (arguments; keep imports light, this
runs at every start) and `run(args) -> int` (the work; import heavy modules inside).
`jet_desktop.cli` registers the modules listed in `COMMANDS`.
"""

from __future__ import annotations

import argparse
import contextlib
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
    "jet_desktop.commands.plan",
    "jet_desktop.commands.backup",
    "jet_desktop.commands.restore",
    "jet_desktop.commands.versleutel",
    "jet_desktop.commands.wachtwoordzin",
    "jet_desktop.commands.audit",
    "jet_desktop.commands.bewaring",
    "jet_desktop.commands.teamserver",
    "jet_desktop.commands.sync",
)


def add_db_arguments(p: argparse.ArgumentParser, url: bool = True) -> None:
    """--db (and --url) on `p`. Not given, they leave the value alone (SUPPRESS): `jet-desktop --db F
    backup` keeps the F given before the subcommand. The top-level parser sets the defaults (None);
    `url=False` for commands that work on the SQLite file itself (an existing one: no --onversleuteld)."""
    p.add_argument("--db", metavar="BESTAND", default=argparse.SUPPRESS,
                   help="SQLite-bestand (standaard: in de gebruikersmap)")
    if not url:  # `jet-desktop --url … backup`: refused in Dutch (cli.main), never done on the local file instead
        p.set_defaults(alleen_bestand=True)
    if url:
        p.add_argument("--url", metavar="URL", default=argparse.SUPPRESS,
                       help="SQLAlchemy-URL, bijv. postgresql+psycopg://... (in plaats van --db)")
        p.add_argument("--onversleuteld", action="store_true", default=argparse.SUPPRESS,
                       help="een nieuwe gegevensset bewust NIET versleuteld aanmaken (anders: zet JET_PASSPHRASE)")


def db_url(db: str | None, url: str | None, onversleuteld: bool = False) -> str:
    """--url as given, else the SQLite file --db, else the default file in the user data directory;
    an encrypted file with the wachtwoordzin of `wachtwoordzin_voor`. A --db that is a folder, or in a
    folder that cannot be made, is an OpdrachtFout (Dutch message), not a traceback."""
    from jet_desktop.commands.foutmeldingen import OpdrachtFout, os_reden
    from jet_desktop.paths import default_db_path, sqlite_url

    if url is not None:  # --url "" (an empty variable) is refused, never the local file instead
        controleer_url(url)
        return url
    path = Path(db) if db else default_db_path()  # as sqlite_pad()
    db_map_fout(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OpdrachtFout(f"De map {path.parent} kan niet worden gemaakt: {os_reden(exc)}.", 2) from None
    return sqlite_url(path, wachtwoordzin_voor(path, onversleuteld))


from jet_desktop.commands.foutmeldingen import OpdrachtFout  # noqa: E402  (stdlib only: light)


class GeenWachtwoordzin(OpdrachtFout):
    def __init__(self, melding: str):
        super().__init__(melding, 2)


def wachtwoordzin_voor(path: Path, onversleuteld: bool = False) -> str | None:
    """The wachtwoordzin for a headless command: $JET_PASSPHRASE, else asked on a terminal.

    A plain store of an earlier version opens as it is (`jet-desktop versleutel` converts it).
    A new file is created encrypted with JET_PASSPHRASE; without it only when asked for explicitly
    (`onversleuteld`, the --onversleuteld flag), plain with a warning; otherwise refused
    (GeenWachtwoordzin): a store with children's data is never created unencrypted by accident."""
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
        raise GeenWachtwoordzin(f"{path} is versleuteld (of geen JET-gegevensset): zet de omgevingsvariabele "
                                "JET_PASSPHRASE of start de opdracht in een terminal.")
    if not onversleuteld:
        raise GeenWachtwoordzin(f"{path} bestaat nog niet. Een nieuwe gegevensset wordt versleuteld aangemaakt: "
                                "zet de omgevingsvariabele JET_PASSPHRASE op de wachtwoordzin, of geef "
                                "--onversleuteld om hem bewust zonder versleuteling aan te maken. "
                                "Er is niets aangemaakt.")
    print(f"Let op: {path.name} wordt een nieuwe, NIET versleutelde gegevensset (op verzoek: --onversleuteld).",
          file=sys.stderr)
    return None


def args_url(args) -> str:
    return db_url(getattr(args, "db", None), getattr(args, "url", None), getattr(args, "onversleuteld", False))


def sqlite_pad(args) -> Path:
    """The SQLite file of --db, or the default store in the user data directory."""
    from jet_desktop.paths import default_db_path

    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def open_store(args):
    """The Store of --db/--url, migrated. Headless commands act as the system (every right,
    domain/rollen.py) in the name of the OS user; the audit log records them "namens opdrachtregel".
    A database with tables that is no JET store is refused, never migrated (OpdrachtFout)."""
    from jet_desktop.storage.store import Store

    url = args_url(args)
    weiger_vreemde_gegevensset(url)
    # a wrong wachtwoordzin: WachtwoordzinFout; an older local store is copied before it is migrated, a newer
    # one refused untouched (storage/bijwerken.py)
    store = meld_bijgewerkt(Store.open(url))
    if store.engine.dialect.name == "sqlite":  # plain reservekopieën or a half-done re-key beside it: say so
        from jet_desktop.services.reservekopie import waarschuw

        waarschuw(Path(store.engine.url.database), store.engine.url.password, snel=True)
    return als_opdrachtregel(store)


def meld_bijgewerkt(store):
    """After Store.open: an upgrade of the store is said on stderr and written in its audit log."""
    if store.bijgewerkt is not None:
        from jet_desktop.domain.enums import AuditActie
        from jet_desktop.services import audit

        print(store.bijgewerkt.melding, file=sys.stderr)
        audit.log(als_opdrachtregel(store), AuditActie.BEHEER, "gegevensset", omschrijving=store.bijgewerkt.omschrijving)
    return store


def weiger_vreemde_gegevensset(url: str) -> None:
    """OpdrachtFout for a database that holds tables but no JET schema version (another program's
    SQLite file, a PostgreSQL database of something else): it is never migrated into a JET store,
    and a SQLite file is left byte for byte as it was (storage/herkenning.py)."""
    from sqlalchemy.engine import make_url

    from jet_desktop.storage.herkenning import vreemde_tabellen

    if vreemde_tabellen(url):
        u = make_url(url)
        naam = Path(u.database or "").name if u.drivername.startswith("sqlite") else "De database"
        raise OpdrachtFout(f"{naam} is geen JET-gegevensset (er staan andere tabellen in); er is niets gewijzigd. "
                           "Kies met --db of --url een JET-gegevensset of een nieuw bestand.", 2)


def db_map_fout(path: Path) -> None:
    """OpdrachtFout when the store path is a folder, a device or pipe (/dev/null, a FIFO) or a symlink
    loop (for the GUI, before any window opens)."""
    if path.is_dir():
        raise OpdrachtFout(f"{path} is een map, geen gegevensset: geef bij --db een bestand op "
                           f"(bijv. {path / 'jet.db'}).", 2)
    try:
        path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop, 3.13 OSError(ELOOP)
        raise OpdrachtFout(f"{path} is een snelkoppeling (symlink) die naar zichzelf terugwijst; geef bij --db "
                           "een gewoon bestand op.", 2) from None
    if path.exists() and not path.is_file():
        raise OpdrachtFout(f"{path} is geen gewoon bestand (maar een apparaat of pipe); geef bij --db een bestand "
                           "op. Er is niets gewijzigd.", 2)


def controleer_url(url: str) -> None:
    """OpdrachtFout for a --url SQLAlchemy cannot read (make_url raises ValueError on a bad port)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        if not url.strip():
            raise ValueError("leeg")
        make_url(url)
    except (ValueError, ArgumentError):
        raise OpdrachtFout("De --url is geen geldige database-URL; gebruik postgresql+psycopg://GEBRUIKER@SERVER/"
                           "DATABASE of --db BESTAND.", 2) from None


def als_opdrachtregel(store):
    """The Store acting for a headless command: the system, in the name of the OS user."""
    import getpass

    store.user, store.namens = f"{getpass.getuser()} (opdrachtregel)", "opdrachtregel"
    return store


@contextlib.contextmanager
def uitvoerbestand(out: str | Path):
    """Write an output file whole or not at all: the caller writes the path this yields (a temporary file
    beside `out`, same suffix), which replaces `out` only when the writing succeeded. A failure (a full
    disk, no right to write) leaves no half file and any earlier `out` as it was, and is raised as an
    OpdrachtFout with a Dutch message. Anything but a regular file (/dev/stdout, a pipe) is written as is."""
    from jet_desktop.commands.foutmeldingen import schrijffout
    from jet_desktop.tijdelijk_bestand import heel

    try:
        with heel(out) as schrijf_naar:
            yield schrijf_naar
    except OSError as exc:
        fout = schrijffout(Path(out), exc)
        _laat_stil_los(exc)
        raise fout from None


def _laat_stil_los(exc: BaseException) -> None:
    """Let go of what a failed writer left open (openpyxl's ZipFile): collected later, it would try to
    finish the file again on the full disk and print 'Exception ignored ... OSError' at exit."""
    import gc
    import traceback

    haak, sys.unraisablehook = sys.unraisablehook, lambda _u: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = haak


DATUM_JAREN = (1900, 2999)  # a date far outside breaks local-time arithmetic (year 0) and yearly loops


def datum_arg(text: str) -> date:
    """argparse type for JJJJ-MM-DD (or DD-MM-JJJJ) in the years DATUM_JAREN, with a Dutch message."""
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            from datetime import datetime

            d = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if not DATUM_JAREN[0] <= d.year <= DATUM_JAREN[1]:
            raise argparse.ArgumentTypeError(f"kies een datum in de jaren {DATUM_JAREN[0]} t/m {DATUM_JAREN[1]} "
                                             f"(niet {text!r})")
        return d
    raise argparse.ArgumentTypeError(f"geen geldige datum: {text!r} (gebruik JJJJ-MM-DD)")


def fail(message: str, code: int = 1) -> int:
    print(message, file=sys.stderr)
    return code
