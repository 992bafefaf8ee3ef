import os
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from pg import PgUnavailable, in_ci, start_cluster  # noqa: E402  (tests/pg.py; tests/ is on sys.path)

TEST_USER = "Test Gebruiker"


@pytest.fixture(autouse=True)
def _eigen_datamap(tmp_path_factory, monkeypatch):
    """Never the real user folders: JET_DATA_DIR (jet_desktop/paths.py) is a fresh temp folder in
    every test (a test may set its own); e.g. the print-preview folder lives there."""
    monkeypatch.setenv("JET_DATA_DIR", str(tmp_path_factory.mktemp("jet-data")))


# -- PostgreSQL: one throwaway cluster per session, one fresh database per test ----------


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


@pytest.fixture
def pg_url(pg_cluster):
    """URL (postgresql+psycopg://...) of a new, empty database, dropped after the test."""
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


# -- Stores: SQLite file, PostgreSQL database, or both -------------------------------------


def _open_store(url: str):
    from jet_desktop.storage.store import Store

    return Store.open(url, user=TEST_USER)


@pytest.fixture
def sqlite_store(tmp_path):
    """A migrated Store on a SQLite file in the test's temp directory."""
    from jet_desktop.storage.store import Store

    store = Store.open_file(tmp_path / "jet.db", user=TEST_USER)
    yield store
    store.engine.dispose()


@pytest.fixture
def pg_store(pg_url):
    """A migrated Store on a fresh PostgreSQL database."""
    store = _open_store(pg_url)
    yield store
    store.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request):
    """Runs the test once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue("sqlite_store" if request.param == "sqlite" else "pg_store")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request, tmp_path):
    """URL of an empty database, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        from jet_desktop.paths import sqlite_url

        return sqlite_url(tmp_path / "leeg.db")
    return request.getfixturevalue("pg_url")


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
