"""A local demo team server (`./scripts/teamserver.sh`): a PostgreSQL cluster in the user's data directory
on 127.0.0.1, set up by `teamserver init`, with demo data and a login per demo medewerker.

Only for trying it out: the cluster listens on 127.0.0.1 alone, every login (IT's too) is checked with
SCRAM-SHA-256, and the passwords are the demo's, printed at the end. A real team server is set up by
IT as docs/teamserver.md says.
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

ADMIN = "jet_it"
DATABASE = "jet"
DEMO_WACHTWOORD = "Demo-Teamserver-2026"  # every demo medewerker's password (never for real data)
POORT = 54329


def vind_binary(naam: str) -> str | None:
    """A PostgreSQL server program (`initdb`, `pg_ctl`): on the PATH, else the newest of Debian's
    /usr/lib/postgresql/*/bin (the tests' throwaway clusters find theirs here too: tests/pg.py)."""
    return shutil.which(naam) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{naam}"), reverse=True)), None)


def _binaries() -> dict[str, str]:
    uit = {}
    for naam in ("initdb", "pg_ctl"):
        pad = vind_binary(naam)
        if pad is None:
            raise SystemExit(
                f"PostgreSQL ({naam}) is niet gevonden. Installeer PostgreSQL 15 of nieuwer:\n"
                "  Debian/Ubuntu: sudo apt-get install postgresql-15\n"
                "  macOS (Homebrew): brew install postgresql@15\n"
                "  Windows: de installer van https://www.postgresql.org/download/windows/\n"
                "en start dit script opnieuw.")
        uit[naam] = pad
    return uit


def _als_gebruiker() -> dict:
    """PostgreSQL weigert als root te draaien: dan als de systeemgebruiker postgres (of nobody)."""
    if os.geteuid() != 0:
        return {}
    for naam in ("postgres", "nobody"):
        try:
            p = pwd.getpwnam(naam)
            return {"user": p.pw_uid, "group": p.pw_gid, "extra_groups": []}
        except KeyError:
            continue
    raise SystemExit("Als root is een gebruiker 'postgres' of 'nobody' nodig om PostgreSQL te draaien.")


def _run(args: list[str], als: dict, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "LC_ALL": "C.UTF-8"}, **als, **kw)
    if proc.returncode != 0:
        raise SystemExit(f"{Path(args[0]).name} mislukte:\n{proc.stdout}{proc.stderr}")
    return proc


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="teamserver.sh", description="Start een lokale demo-teamserver.")
    p.add_argument("--poort", type=int, default=int(os.environ.get("JET_TEAMSERVER_POORT", POORT)))
    p.add_argument("--jeugdigen", type=int, default=2000)
    p.add_argument("--stop", action="store_true", help="stop de demo-teamserver")
    args = p.parse_args(argv)
    from jet_desktop.paths import data_dir

    basis = data_dir() / "demo-teamserver"
    data = basis / "data"
    wwbestand = basis / "it-wachtwoord"
    bin_ = _binaries()
    als = _als_gebruiker()
    if args.stop:
        if data.exists():
            _run([bin_["pg_ctl"], "stop", "-D", str(data), "-m", "fast"], als)
        print("Demo-teamserver gestopt.")
        return 0
    nieuw = not (data / "PG_VERSION").exists()
    if nieuw:
        basis.mkdir(parents=True, exist_ok=True)
        wwbestand.write_text(secrets.token_urlsafe(18))
        wwbestand.chmod(0o600)
        pwfile = basis / ".pw"
        pwfile.write_text(wwbestand.read_text())
        if als:
            os.chown(basis, als["user"], als["group"])
            os.chown(pwfile, als["user"], als["group"])
        try:
            _run([bin_["initdb"], "-D", str(data), "-U", ADMIN, "--pwfile", str(pwfile), "-A", "scram-sha-256",
                  "-E", "UTF8", "--no-instructions"], als)
        finally:
            pwfile.unlink(missing_ok=True)
    status = subprocess.run([bin_["pg_ctl"], "status", "-D", str(data)], capture_output=True, **als)
    if status.returncode != 0:
        _run([bin_["pg_ctl"], "start", "-w", "-D", str(data), "-l", str(basis / "server.log"),
              "-o", f"-c listen_addresses=127.0.0.1 -p {args.poort} -k {basis}"], als)
    admin_ww = wwbestand.read_text().strip()
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=args.poort, user=ADMIN, password=admin_ww, dbname="postgres",
                         autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone() is None:
            conn.execute(f"CREATE DATABASE {DATABASE}")
    admin_url = f"postgresql+psycopg://{ADMIN}:{admin_ww}@127.0.0.1:{args.poort}/{DATABASE}"
    from jet_desktop.reports import teamserverfuncties
    from jet_desktop.services import teamserver

    for regel in teamserver.init(admin_url, "beheer", "Functioneel Beheer", DEMO_WACHTWOORD,
                                  extra=teamserverfuncties.installeer).regels:
        print(regel)
    from jet_desktop.services.aanmeldingen import zonder_aanmeldingen
    from jet_desktop.storage.store import Store

    store = Store.open(admin_url, user="demo", migrate=False)
    try:
        if zonder_aanmeldingen(store):
            from jet_desktop.demo.generator import generate

            print(f"Demogegevens laden ({args.jeugdigen} jeugdigen)…")
            generate(admin_url, jeugdigen=args.jeugdigen, seed=1)
        namen = teamserver.demo_logins(store, DEMO_WACHTWOORD)
    finally:
        store.engine.dispose()
    werk_url = f"postgresql+psycopg://127.0.0.1:{args.poort}/{DATABASE}?sslmode=disable"
    print(f"\nDemo-teamserver draait op 127.0.0.1:{args.poort} (gegevens in {basis}).")
    print(_profiel(args.poort))
    print("Of: ./scripts/run.sh --url " + werk_url)
    print(f"Gebruikers (wachtwoord {DEMO_WACHTWOORD}):")
    for naam in namen:
        print(f"  {naam}")
    print(f"Beheer door IT: {ADMIN} (wachtwoord in {wwbestand}); stoppen: ./scripts/teamserver.sh --stop")
    return 0


def _profiel(poort: int) -> str:
    """This user's team server profile points at the demo, unless they have one of their own already."""
    from jet_desktop import teamserverprofiel as tp

    try:
        bestaand = tp.laad()
    except tp.ProfielFout:
        bestaand = None
    if bestaand is not None and (bestaand.host, bestaand.port) != ("127.0.0.1", poort):
        return f"Uw teamserverprofiel wijst naar {bestaand.waar}: kies in het aanmeldvenster Wijzigen… of gebruik --url."
    pad = tp.bewaar(tp.maak({"host": "127.0.0.1", "port": poort, "database": DATABASE, "sslmode": "disable"}))
    return f"Aanmelden: ./scripts/run.sh (het teamserverprofiel {pad} wijst naar deze demo)."


if __name__ == "__main__":
    sys.exit(main())
