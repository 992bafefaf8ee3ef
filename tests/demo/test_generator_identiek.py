"""The demo generator writes exactly the same data set for the same seed, row for row and byte for byte,
whatever module holds which stage (jet_desktop/demo/ was split per stage; these fingerprints were taken
from the code before the split). A change here means the data set changed: a deliberate change of the
story, a migration that adds a column, or Faker's name lists after an upgrade, updates the fingerprints
in the same commit and says why (the failing assertion names the tables that differ)."""

import hashlib
import sqlite3
from datetime import date

from jet_desktop.demo.generator import generate
from jet_desktop.paths import sqlite_url

VANDAAG = date(2026, 11, 25)
# the tables the generator fills (the rest of the schema belongs to the migrations)
TABELLEN = ("aanmelding", "afwezigheid", "consulentwijziging", "contactmoment", "dossier", "gezin", "gezinslid",
            "jeugdige", "klikgesprek", "medewerker", "ondersteuningsplan", "toewijzing", "triagebesluit")
# per table: sha256 (first 16 hex digits) of its column names and its rows, sorted, as reprs of the stored
# values; "samenvatting" is the returned summary. For generate(jeugdigen=300, seed=2, vandaag=VANDAAG).
VINGERAFDRUK = {
    "samenvatting": "100e1a315a4a10e0",
    "aanmelding": "aa33ac22ddf47911",
    "afwezigheid": "c446ce782b77743f",
    "consulentwijziging": "73ee338e38926176",
    "contactmoment": "419027362f3625ba",
    "dossier": "78d4dc64d38281b8",
    "gezin": "f083597373ffe28f",
    "gezinslid": "e9ed42665e6498cd",
    "jeugdige": "2d8e02a0af18f578",
    "klikgesprek": "3e08d37b8fff7d13",
    "medewerker": "321dcbdf4507d652",
    "ondersteuningsplan": "5f8f4f0d24788f74",
    "toewijzing": "f2641fa9614d0432",
    "triagebesluit": "969fa2768cf2720b",
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


def test_same_seed_gives_the_same_data_set_byte_for_byte(tmp_path):
    pad = tmp_path / "demo.db"
    samenvatting = generate(sqlite_url(pad), jeugdigen=300, seed=2, vandaag=VANDAAG)
    gevonden = vingerafdruk(pad, samenvatting)
    anders = sorted(t for t in gevonden.keys() | VINGERAFDRUK.keys() if gevonden.get(t) != VINGERAFDRUK.get(t))
    assert not anders, f"andere demogegevens in {anders}: {gevonden}"
