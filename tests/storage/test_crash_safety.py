"""A process killed at any moment (SIGKILL) leaves a store that opens, passes the integrity check,
and holds every transaction it reported committed (issue 4, "crash safety")."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from jet_desktop.storage.backup import controleer
from jet_desktop.storage.models import Aanmelding
from jet_desktop.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]

SCHRIJVER = r"""
import sys
from datetime import date
from jet_desktop.services.aanmeldingen import AanmeldingInvoer, registreer
from jet_desktop.storage.store import Store

store = Store.open_file(sys.argv[1], user="Crashtest")
n = 0
while True:
    n += 1
    r = registreer(store, AanmeldingInvoer(voornaam=f"Kind{n}", achternaam=sys.argv[2], geboortedatum=date(2015, 1, 1),
                                           verwijzer_route="huisarts", aanmelddatum=date(2026, 11, 2),
                                           hulpvraag="Zorgen over gedrag thuis en op school."), date(2026, 11, 25))
    sys.stdout.write(f"{r.aanmelding_id}\n")  # only after the transaction committed
    sys.stdout.flush()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL bestaat alleen op POSIX-systemen")
def test_killed_writers_lose_nothing_that_was_reported_committed(tmp_path):
    db = tmp_path / "jet.db"
    Store.open_file(db).engine.dispose()  # created and migrated before the writers start
    rng = random.Random(20261125)
    gemeld: set[str] = set()
    for ronde in range(6):
        proc = subprocess.Popen([sys.executable, "-c", SCHRIJVER, str(db), f"Ronde{ronde}"], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        eerste = proc.stdout.readline()  # wait until it writes, then kill it at a random moment
        assert eerste, "the writer did not start"
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate()
        regels = [eerste] + rest.splitlines()
        gemeld.update(r.strip() for r in regels if r.strip().count("-") == 4)  # a whole UUID line only
    assert len(gemeld) >= 6
    controleer(db)  # opens, PRAGMA integrity_check ok, known schema
    store = Store.open_file(db)
    with store.engine.connect() as conn:
        aanwezig = {str(i) for i in conn.execute(select(Aanmelding.__table__.c.id)).scalars()}
    store.engine.dispose()
    assert gemeld <= aanwezig
