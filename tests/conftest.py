import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

# -- Hermetic from the first import on ------------------------------------------------------------------
# Before any test module is imported (some read JET_* at import time, e.g. ui/app.py JET_QUIT_AFTER): none of
# the developer's JET_* variables (JET_PASSPHRASE, JET_GEBRUIKER, JET_DATA_DIR ...) reach a test or a
# subprocess it starts, and HOME and the XDG folders point at a temp folder, so neither Qt's QSettings
# (~/.config/JET/JET Desktop.conf) nor platformdirs ever see the real user's. Every test then gets its own
# (`_hermetisch` below). A test that wants a JET_* variable sets it itself (monkeypatch, or a subprocess env).
for _naam in [n for n in os.environ if n.startswith("JET_")]:
    del os.environ[_naam]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_XDG = {"XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share", "XDG_CACHE_HOME": ".cache",
        "XDG_STATE_HOME": ".local/state", "XDG_CONFIG_DIRS": "etc/xdg"}  # the last: IT's machine-wide teamserver.ini


def _thuis(map: Path) -> dict[str, str]:
    """HOME and the XDG folders in `map` (made), as environment variables."""
    env = {"HOME": str(map)}
    for naam, sub in _XDG.items():
        (map / sub).mkdir(parents=True, exist_ok=True)
        env[naam] = str(map / sub)
    return env


_SESSIE_THUIS = Path(tempfile.mkdtemp(prefix="jet-test-home-"))
os.environ.update(_thuis(_SESSIE_THUIS))

import pytest  # noqa: E402
from hermetisch import echte_instellingen  # noqa: E402  (tests/hermetisch.py)
from pg import PgUnavailable, in_ci, start_cluster  # noqa: E402  (tests/pg.py; tests/ is on sys.path)

TEST_USER = "Test Gebruiker"
_ECHTE_INSTELLINGEN_VOOR = echte_instellingen()


@pytest.fixture(autouse=True)
def _hermetisch(tmp_path_factory, monkeypatch):
    """Never the real user folders, in every test: no JET_* variable but JET_DATA_DIR
    (jet_desktop/paths.py), a fresh temp folder (a test may set its own; e.g. the print-preview
    folder lives there); HOME and XDG_* in a fresh temp folder; Qt's QSettings there too, also
    once Qt has read its paths (it reads them once per process)."""
    for naam in [n for n in os.environ if n.startswith("JET_")]:
        monkeypatch.delenv(naam)
    basis = tmp_path_factory.mktemp("jet-test")
    (basis / "data").mkdir()
    monkeypatch.setenv("JET_DATA_DIR", str(basis / "data"))
    thuis = _thuis(basis / "home")
    for naam, waarde in thuis.items():
        monkeypatch.setenv(naam, waarde)
    # on Linux Qt reads XDG_CONFIG_HOME when it first needs it; elsewhere its native format is the registry
    # or a plist, so the tests use INI files there (in the temp folder)
    if "PySide6.QtCore" in sys.modules or not sys.platform.startswith("linux"):
        from PySide6.QtCore import QSettings

        if not sys.platform.startswith("linux"):
            QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        for formaat in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(formaat, QSettings.Scope.UserScope, thuis["XDG_CONFIG_HOME"])


@pytest.fixture(autouse=True)
def _opruimen_op_de_gui_draad():
    """Once a GUI test switched the automatic garbage collector off for this process (ui/opruimer.py, as the
    application does), every test's garbage is collected after it, on this thread, by the same thresholds;
    without a running event loop the opruimer's timer would not."""
    yield
    opruimer = sys.modules.get("jet_desktop.ui.opruimer")
    if opruimer is not None and opruimer._actief is not None:
        opruimer._actief.ruim_op()


def pytest_unconfigure(config):
    shutil.rmtree(_SESSIE_THUIS, ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    """Says so, loudly, when the real user's JET settings changed during the run."""
    nu = echte_instellingen()
    gewijzigd = sorted(f for f in nu.keys() | _ECHTE_INSTELLINGEN_VOOR.keys()
                       if nu.get(f) != _ECHTE_INSTELLINGEN_VOOR.get(f))
    if gewijzigd:
        terminalreporter.write_sep("!", "LET OP: de echte JET-instellingen van de gebruiker zijn tijdens de testrun "
                                   f"gewijzigd: {', '.join(gewijzigd)} (een test die ze niet met rust liet, of de "
                                   "applicatie of een andere testrun tegelijk)", red=True)


# -- PostgreSQL: one throwaway cluster per session (per xdist worker), one fresh database per test ----


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster on 127.0.0.1 for this session, stopped and removed at the end.

    Without the server binaries the PostgreSQL tests are skipped, except on CI (CI=true),
    where they must run: there a missing binary fails them.
    """
    try:
        cluster = start_cluster()
    except PgUnavailable as exc:
        if in_ci():
            pytest.fail(f"CI is set, so the PostgreSQL tests must run: {exc}", pytrace=False)
        pytest.skip(str(exc))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster):
    """Name of a database migrated once per session (Alembic is the slow part of opening a store):
    every `pg_store` is a copy of it (CREATE DATABASE ... TEMPLATE), as fresh as a migrated one."""
    name = pg_cluster.create_database()
    _open_store(pg_cluster.url(name)).engine.dispose()  # a template must have no open connections
    return name


@pytest.fixture(scope="session")
def pg_teamserver_template(pg_cluster, pg_template):
    """Name of a database made a team server once per session (`teamserver init` on a copy of `pg_template`:
    roles, row-level security, the server's functions), without medewerkers: each test makes its own, with
    their logins (tests/logins.py). The roles are the cluster's, so every copy has them too."""
    from jet_desktop.reports import teamserverfuncties
    from jet_desktop.services import teamserver
    from jet_desktop.storage.teamserver import TeamserverFout

    name = pg_cluster.create_database(template=pg_template)
    try:
        teamserver.init(pg_cluster.url(name), extra=teamserverfuncties.installeer)
    except TeamserverFout as exc:  # everything is set up; the first functioneel beheerder is each test's own
        if "nog geen functioneel beheerder" not in str(exc):
            raise
    return name


def _wants_a_store(request) -> bool:
    """Is pg_url set up for pg_store (directly, or through any_store on PostgreSQL)?"""
    names = request.fixturenames
    if "pg_store" in names:
        return True
    callspec = getattr(request.node, "callspec", None)
    return "any_store" in names and callspec is not None and callspec.params.get("any_store") == "postgresql"


def _template(request) -> str | None:
    """The database pg_url copies: the team server's when the test signs medewerkers in (inloggen_als)."""
    if not _wants_a_store(request):
        return None
    if "inloggen_als" in request.fixturenames:
        return request.getfixturevalue("pg_teamserver_template")
    return request.getfixturevalue("pg_template")


@pytest.fixture
def pg_url(request, pg_cluster):
    """URL (postgresql+psycopg://...) of a new database, dropped after the test: empty, or, when the
    test also uses pg_store (which is this database), a copy of the migrated `pg_template` (of the team
    server's `pg_teamserver_template` when the test uses `inloggen_als`)."""
    template = _template(request)
    name = pg_cluster.create_database(template=template)
    yield pg_cluster.url(name)
    if "PySide6.QtCore" in sys.modules:  # a GUI test: its workers finish before their database goes
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10_000)
    pg_cluster.drop_database(name)


# -- Stores: SQLite file, PostgreSQL database, or both -------------------------------------


def _open_store(url: str):
    from jet_desktop.storage.store import Store

    return Store.open(url, user=TEST_USER)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite store migrated once per session (Alembic is the slow part of opening a new store); the
    stores of `new_sqlite_store` are copies of it. A copy is as fresh as a newly migrated store: it holds
    the schema and nothing else (a store has no identity of its own: no id, no timestamp of its making)."""
    from jet_desktop.storage.store import Store

    path = tmp_path_factory.mktemp("sjabloon") / "jet.db"
    Store.open_file(path).engine.dispose()
    assert not Path(f"{path}-wal").exists()  # all of it is in the file itself
    return path


@pytest.fixture
def new_sqlite_store(sqlite_template):
    """`new_sqlite_store(path, user=TEST_USER)`: a migrated Store on a new SQLite file `path` (a copy of
    the session's template); disposed after the test."""
    from jet_desktop.storage.store import Store

    stores = []

    def make(path: Path, user: str = TEST_USER):
        shutil.copyfile(sqlite_template, path)
        stores.append(Store.open_file(path, user=user))
        return stores[-1]

    yield make
    for store in stores:
        store.engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path, new_sqlite_store):
    """A migrated Store on a SQLite file in the test's temp directory."""
    return new_sqlite_store(tmp_path / "jet.db")


@pytest.fixture
def pg_store(pg_url):
    """A migrated Store on a fresh PostgreSQL database (the database of pg_url)."""
    store = _open_store(pg_url)
    yield store
    store.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request):
    """Runs the test once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue("sqlite_store" if request.param == "sqlite" else "pg_store")


@pytest.fixture
def inloggen_als():
    """`inloggen_als(store, medewerker_id)`: that medewerker's session. With any_store/pg_store on PostgreSQL the
    store is a team server (the test's system store is IT's superuser) and the session is the medewerker's own
    login, so row-level security is active; on SQLite it is the store in their name (tests/logins.py)."""
    from logins import InloggenAls

    als = InloggenAls()
    yield als
    als.sluit()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request, tmp_path):
    """URL of an empty database, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        from jet_desktop.paths import sqlite_url

        return sqlite_url(tmp_path / "leeg.db")
    return request.getfixturevalue("pg_url")


# -- Demo stores: generated once per session, copied per use -------------------------------------------


class DemoStores:
    """Demo stores (jet_desktop/demo/generator.py) made once per session for each set of arguments; a test
    gets its own copy, byte for byte what `generate` would write there (fixture `demo_stores`)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._made: dict[tuple, Path] = {}

    def copy(self, path: Path, jeugdigen: int = 300, seed: int = 1, vandaag: date = date(2026, 11, 25),
             wachtwoordzin: str | None = None) -> Path:
        """The demo store for these arguments at `path` (a new file; encrypted with `wachtwoordzin`)."""
        key = (jeugdigen, seed, vandaag, wachtwoordzin)
        if key not in self._made:
            from jet_desktop.demo.generator import generate
            from jet_desktop.paths import sqlite_url

            made = self.folder / f"demo-{len(self._made)}.db"
            generate(sqlite_url(made, wachtwoordzin), jeugdigen=jeugdigen, seed=seed, vandaag=vandaag)
            assert not Path(f"{made}-wal").exists()  # generate disposed its engine: all of it is in the file
            self._made[key] = made
        shutil.copyfile(self._made[key], path)
        return path


@pytest.fixture(scope="session")
def demo_stores(tmp_path_factory) -> DemoStores:
    return DemoStores(tmp_path_factory.mktemp("demo-stores"))


# -- Building cases through the service API -------------------------------------------------


class Jet:
    """Makes medewerkers, aanmeldingen, decisions and dossiers through the services (fixture `jet`)."""

    vandaag = date(2026, 11, 25)  # a Wednesday

    def __init__(self):
        self._n = 0

    def invoer(self, **kw):
        from jet_desktop.services.aanmeldingen import AanmeldingInvoer

        self._n += 1
        values = dict(voornaam=f"Kind{self._n}", achternaam="Jansen", geboortedatum=date(2015, 1, 1),
                      verwijzer_route="huisarts", aanmelddatum=date(2026, 11, 2),
                      hulpvraag="Zorgen over gedrag thuis en op school.")
        values.update(kw)
        return AanmeldingInvoer(**values)

    def aanmelding(self, store, bestaande_jeugdige_id=None, gezin_id=None, **kw):
        from jet_desktop.services.aanmeldingen import registreer

        return registreer(store, self.invoer(**kw), self.vandaag, bestaande_jeugdige_id=bestaande_jeugdige_id,
                          gezin_id=gezin_id)

    def version(self, store, table, row_id) -> int:
        from sqlalchemy import select

        with store.engine.connect() as conn:
            return conn.execute(select(table.c.version).where(table.c.id == row_id)).scalar_one()

    def count(self, store, table) -> int:
        from sqlalchemy import func, select

        with store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

    def besluit(self, store, aanmelding_id, uitkomst="zelf_oppakken", urgentie="normaal", organisatie="",
                besloten_op=None, motivering="Gezin heeft kortdurende steun van JET nodig."):
        from jet_desktop.services import triage
        from jet_desktop.storage.models import Aanmelding

        version = self.version(store, Aanmelding.__table__, aanmelding_id)
        invoer = triage.BesluitInvoer(uitkomst, urgentie, motivering, besloten_op or self.vandaag, organisatie)
        return triage.neem_besluit(store, aanmelding_id, version, invoer, self.vandaag)

    def wachtend(self, store, urgentie="normaal", uitkomst="zelf_oppakken", **kw):
        """An aanmelding on the wachtlijst; returns its id."""
        aid = self.aanmelding(store, **kw).aanmelding_id
        self.besluit(store, aid, uitkomst=uitkomst, urgentie=urgentie)
        return aid

    def consulent(self, store, naam, fte=1.0):
        from jet_desktop.domain.enums import Rol
        from jet_desktop.services import medewerkers

        return medewerkers.voeg_toe(store, naam, Rol.CONSULENT, fte)

    def dossier(self, store, consulent_id, tweede_consulent_id=None, urgentie="normaal", geopend_op=None, **kw):
        """A waiting aanmelding assigned to a consulent; returns the dossier id."""
        from jet_desktop.services import wachtlijst

        aid = self.wachtend(store, urgentie=urgentie, **kw)
        return wachtlijst.toewijzen(store, aid, consulent_id, geopend_op or self.vandaag, self.vandaag,
                                    tweede_consulent_id)


@pytest.fixture
def jet():
    return Jet()
