"""The demo generator writes exactly the same data set for the same seed, row for row and byte for byte,
whatever module holds which stage (jet_desktop/demo/ was split per stage; these fingerprints were taken
from the code before the split). A change here means the data set changed: a deliberate change of the
story, a migration that adds a column, or Faker's name lists after an upgrade, updates the fingerprints
in the same commit and says why (the failing assertion names the tables that differ).

Changed deliberately in issue 11: the team, intake and dossier lengths now scale together (demo/plan.py),
so the team of a 300-jeugdigen store is 3 consulenten instead of 8 and every later draw differs; the
summary has its realism sentence. The crisis fingerprint (`wachtlijst=60`) is new."""

import hashlib
import sqlite3
from datetime import date

import pytest

from jet_desktop.demo.generator import generate
from jet_desktop.paths import sqlite_url

VANDAAG = date(2026, 11, 25)
# the tables the generator fills (the rest of the schema belongs to the migrations)
TABELLEN = ("aanmelding", "afwezigheid", "consulentwijziging", "contactmoment", "dossier", "gezin", "gezinslid",
            "jeugdige", "klikgesprek", "medewerker", "ondersteuningsplan", "toewijzing", "triagebesluit")
# per table: sha256 (first 16 hex digits) of its column names and its rows, sorted, as reprs of the stored
# values; "samenvatting" is the returned summary. For generate(jeugdigen=300, seed=2, vandaag=VANDAAG).
VINGERAFDRUK = {
    "samenvatting": "b2aa7c2178314fab",
    "aanmelding": "9f77b7373f35a0d4",
    "afwezigheid": "01aeedd353079070",
    "consulentwijziging": "af02618c1eda0a67",
    "contactmoment": "ccc28ffa6e9dc712",
    "dossier": "3ee74fe269e2cbf2",
    "gezin": "db7c388435be6546",
    "gezinslid": "f361f60bac6dea04",
    "jeugdige": "8a4c3bd8d6131a2a",
    "klikgesprek": "163ed3fd6855658b",
    "medewerker": "7a3b05879e4962f1",
    "ondersteuningsplan": "f6aef7524015e1fe",
    "toewijzing": "bb2460641d84e22a",
    "triagebesluit": "185add16635b3d85",
}
# the same with a team in a crisis: generate(jeugdigen=300, seed=2, vandaag=VANDAAG, wachtlijst=60)
VINGERAFDRUK_CRISIS = VINGERAFDRUK | {
    "samenvatting": "779f0e70c350b3e6",
    "aanmelding": "1e3fc66374549d88",
    "consulentwijziging": "658df88f3e7177dc",
    "contactmoment": "85ae90b51ed7b009",
    "dossier": "475efb5a3fe57d8e",
    "klikgesprek": "0e556e8b609120d5",
    "ondersteuningsplan": "c4688cb22941ef50",
    "toewijzing": "096d74aec4bdde0c",
    "triagebesluit": "5ad74b6fae59248a",
}


def vingerafdruk(pad, samenvatting: str) -> dict[str, str]:
    def kort(h) -> str:
        return h.hexdigest()[:16]

    uit = {"samenvatting": kort(hashlib.sha256(samenvatting.encode()))}
    conn = sqlite3.connect(pad)
    try:
        for t in TABELLEN:
            h = hashlib.sha256(repr([k[1] for k in conn.execute(f'PRAGMA table_info("{t}")')]).encode())
            for r in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{t}"')):
                h.update(b"\n" + r.encode())
            uit[t] = kort(h)
    finally:
        conn.close()
    return uit


@pytest.mark.parametrize("wachtlijst, verwacht", [(None, VINGERAFDRUK), (60, VINGERAFDRUK_CRISIS)])
def test_same_seed_gives_the_same_data_set_byte_for_byte(tmp_path, wachtlijst, verwacht):
    pad = tmp_path / "demo.db"
    samenvatting = generate(sqlite_url(pad), jeugdigen=300, seed=2, vandaag=VANDAAG, wachtlijst=wachtlijst)
    gevonden = vingerafdruk(pad, samenvatting)
    anders = sorted(t for t in gevonden.keys() | verwacht.keys() if gevonden.get(t) != verwacht.get(t))
    assert not anders, f"andere demogegevens in {anders}: {gevonden}"
