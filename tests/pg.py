"""A throwaway PostgreSQL cluster for the test session.

One cluster per session (initdb + pg_ctl on 127.0.0.1, a free port, the unix socket in
the cluster's temp directory, trust authentication, no fsync); every test that needs
PostgreSQL gets its own database in it. Used by the fixtures in tests/conftest.py.

Authentication: trust for the superuser `postgres`, SCRAM-SHA-256 for every other login.

PostgreSQL refuses to run as root, so when the tests run as root the cluster runs as an
unprivileged system user (``postgres`` or ``nobody``, else one made with ``useradd``).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "postgres"
_UNPRIVILEGED_CANDIDATES = ("postgres", "nobody")
_CREATED_USER = "jet-pgtest"


class PgUnavailable(RuntimeError):
    """The PostgreSQL server binaries are not installed (skip, or fail on CI)."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def find_binaries() -> dict[str, str]:
    """Paths of initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/*/bin."""
    from jet_desktop.demo.teamserver import vind_binary

    found = {}
    for name in ("initdb", "pg_ctl"):
        path = vind_binary(name)
        if path is None:
            raise PgUnavailable(
                f"PostgreSQL server binary `{name}` not found on PATH or in /usr/lib/postgresql/*/bin; "
                "install PostgreSQL 15 (e.g. apt-get install postgresql-15) to run the PostgreSQL tests"
            )
        found[name] = path
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as_user() -> pwd.struct_passwd | None:
    """The user the server runs as: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in _UNPRIVILEGED_CANDIDATES + (_CREATED_USER,):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _CREATED_USER],
                   check=True, capture_output=True)
    return pwd.getpwnam(_CREATED_USER)


@dataclass
class PgCluster:
    initdb: str
    pg_ctl: str
    base: Path = field(init=False)
    port: int = field(init=False, default=0)
    _user: pwd.struct_passwd | None = field(init=False, default=None)
    _started: bool = field(init=False, default=False)

    @property
    def datadir(self) -> Path:
        return self.base / "data"

    @property
    def logfile(self) -> Path:
        return self.base / "server.log"

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        kw = {}
        if self._user is not None:
            kw = {"user": self._user.pw_uid, "group": self._user.pw_gid, "extra_groups": []}
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        env.pop("PGDATA", None)
        proc = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, cwd=self.base, env=env,
                              **kw)
        if proc.returncode != 0:
            log = self.logfile.read_text(errors="replace")[-3000:] if self.logfile.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}")
        return proc

    def start(self) -> "PgCluster":
        self._user = _run_as_user()
        self.base = Path(tempfile.mkdtemp(prefix="jet-pgtest-"))
        if self._user is not None:
            os.chown(self.base, self._user.pw_uid, self._user.pw_gid)
        self._run(self.initdb, "-D", str(self.datadir), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C", "--no-sync", "--no-instructions")
        # the superuser (the tests' admin) needs no password; every other login is checked as on a team
        # server (SCRAM-SHA-256): a medewerker's own login, a wrong or changed password, a disabled account
        hba = self.datadir / "pg_hba.conf"
        hba.write_text(f"local all all trust\nhost all {SUPERUSER} 127.0.0.1/32 trust\n"
                       "host all all 127.0.0.1/32 scram-sha-256\n")
        if self._user is not None:
            os.chown(hba, self._user.pw_uid, self._user.pw_gid)
        last_error: Exception | None = None
        for _attempt in range(3):  # the free port may be taken between probing and binding
            self.port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base} -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            try:
                self._run(self.pg_ctl, "start", "-w", "-t", "60", "-D", str(self.datadir), "-l", str(self.logfile),
                          "-o", options, timeout=90)
                self._started = True
                return self
            except RuntimeError as exc:
                last_error = exc
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"PostgreSQL did not start: {last_error}")

    def stop(self) -> None:
        try:
            if self._started:
                self._run(self.pg_ctl, "stop", "-D", str(self.datadir), "-m", "immediate", "-w", "-t", "30")
                self._started = False
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    # -- databases ----------------------------------------------------------------------

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def _admin(self):
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres",
                               autocommit=True)

    def create_database(self, template: str | None = None) -> str:
        """A new, uniquely named database (a copy of `template` when given); returns its name."""
        name = f"jet_test_{uuid.uuid4().hex[:16]}"
        sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        with self._admin() as conn:
            conn.execute(sql)
        return name

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_cluster() -> PgCluster:
    """Start a cluster; raises PgUnavailable when the binaries are absent."""
    binaries = find_binaries()
    return PgCluster(binaries["initdb"], binaries["pg_ctl"]).start()
