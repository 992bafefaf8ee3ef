"""Attacks on the audit log with the triggers in place (issue 9): on SQLite `INSERT OR REPLACE` deletes
a conflicting line without firing the DELETE trigger, and the chain head could be rewound or rewritten
by a plain UPDATE; together they replaced, removed or forged the last lines and `verify` still passed.
Migration 0006 refuses every variant; what no local chain can prevent (someone who drops the triggers
and rebuilds the chain) is found with an anchor noted outside the store."""

import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError

from jet_desktop.domain.auditketen import Anker, lees_anker, regel_hash
from jet_desktop.domain.enums import AuditActie
from jet_desktop.services import audit
from jet_desktop.storage.models import Auditketen, Auditregel

R, K = Auditregel.__table__, Auditketen.__table__
REGEL_GEWEIGERD = "alleen aan het eind worden aangevuld"
KOP_GEWEIGERD = "ketenkop van het auditlog kan alleen één regel vooruit"


def schrijf(store, n=10):
    for i in range(n):
        audit.log(store, AuditActie.OPENEN, "dossier", uuid.uuid4(), "2026-00001", f"Dossier geopend ({i + 1})")


def regel(store, nummer) -> dict:
    with store.engine.connect() as conn:
        return dict(conn.execute(select(R).where(R.c.volgnummer == nummer)).one()._mapping)


def vervalste(nummer, vorige_hash, regel_id=None, omschrijving="Niets aan de hand"):
    velden = dict(volgnummer=nummer, tijdstip=datetime.now(timezone.utc), medewerker_id=None, medewerker="Iemand",
                  rol="systeem", namens="", actie="openen", objecttype="dossier", object_id="", client="2026-00002",
                  omschrijving=omschrijving)
    h = regel_hash(vorige_hash, velden)
    return dict(id=regel_id or uuid.uuid4(), vorige_hash=vorige_hash, hash=h, **velden), h


def replace_insert(conn, rij):
    """SQLite's INSERT OR REPLACE; PostgreSQL's nearest: INSERT … ON CONFLICT DO UPDATE."""
    if conn.dialect.name == "sqlite":
        conn.execute(R.insert().prefix_with("OR REPLACE").values(**rij))
    else:
        stmt = pg_insert(R).values(**rij)
        conn.execute(stmt.on_conflict_do_update(index_elements=[R.c.volgnummer],
                                                set_={c: stmt.excluded[c] for c in rij if c != "id"}))


def momentopname(store):
    with store.engine.connect() as conn:
        return (conn.execute(select(R).order_by(R.c.volgnummer)).all(),
                conn.execute(select(K)).all())


def geweigerd(store, aanval, melding):
    voor = momentopname(store)
    with pytest.raises(DBAPIError, match=melding):
        with store.engine.begin() as conn:
            aanval(conn)
    assert momentopname(store) == voor  # nothing changed
    v = audit.verifieer(store)
    assert v.ok and v.aantal == 10, v.melding


def test_replacing_the_last_line_is_refused(any_store):
    schrijf(any_store)
    negen, tien = regel(any_store, 9), regel(any_store, 10)

    def aanval(conn):
        rij, h = vervalste(10, negen["hash"], regel_id=tien["id"])
        replace_insert(conn, rij)
        conn.execute(update(K).where(K.c.id == 1).values(hash=h))

    geweigerd(any_store, aanval, REGEL_GEWEIGERD if any_store.engine.dialect.name == "sqlite"
              else "kan niet worden gewijzigd")

    def met_nieuw_id(conn):  # conflict on volgnummer only
        rij, h = vervalste(10, negen["hash"])
        replace_insert(conn, rij)
        conn.execute(update(K).where(K.c.id == 1).values(hash=h))

    geweigerd(any_store, met_nieuw_id, REGEL_GEWEIGERD if any_store.engine.dialect.name == "sqlite"
              else "kan niet worden gewijzigd")


def test_removing_the_last_lines_by_replace_and_rewinding_the_head_is_refused(sqlite_store):
    schrijf(sqlite_store)
    acht, tien = regel(sqlite_store, 8), regel(sqlite_store, 10)

    def aanval(conn):  # one forged line 9 whose id is line 10's: REPLACE deletes both 9 and 10
        rij, h = vervalste(9, acht["hash"], regel_id=tien["id"])
        replace_insert(conn, rij)
        conn.execute(update(K).where(K.c.id == 1).values(volgnummer=9, hash=h))

    geweigerd(sqlite_store, aanval, REGEL_GEWEIGERD)

    with sqlite_store.engine.connect() as conn:  # with recursive triggers the DELETE trigger fires as well
        conn.exec_driver_sql("PRAGMA recursive_triggers=ON")
        conn.commit()
        with pytest.raises(DBAPIError, match="Het auditlog"):
            with conn.begin():
                aanval(conn)
        conn.exec_driver_sql("PRAGMA recursive_triggers=OFF")
        conn.commit()
    assert audit.verifieer(sqlite_store).ok


def test_the_head_cannot_be_rewound_rewritten_or_replaced(any_store):
    schrijf(any_store)
    acht = regel(any_store, 8)
    sqlite = any_store.engine.dialect.name == "sqlite"
    aanvallen = [
        lambda c: c.execute(update(K).where(K.c.id == 1).values(volgnummer=8, hash=acht["hash"])),  # rewind
        lambda c: c.execute(update(K).where(K.c.id == 1).values(hash="f" * 64)),  # another hash
        lambda c: c.execute(update(K).where(K.c.id == 1).values(volgnummer=11)),  # ahead without a line
        lambda c: c.execute(update(K).where(K.c.id == 1).values(id=2)),
        lambda c: c.execute(K.delete()),
        lambda c: c.execute(K.insert().values(id=2, volgnummer=0, hash="0" * 64)),
        lambda c: c.execute(text("INSERT OR REPLACE INTO auditketen (id, volgnummer, hash) VALUES (1, 8, :h)")
                            if sqlite else text("TRUNCATE auditketen"), {"h": acht["hash"]}),
    ]
    for aanval in aanvallen:
        geweigerd(any_store, aanval, KOP_GEWEIGERD if sqlite else "Het auditlog|De ketenkop")


def test_forging_lines_in_the_middle_or_past_the_head_is_refused(any_store):
    schrijf(any_store)
    vier = regel(any_store, 4)
    sqlite = any_store.engine.dialect.name == "sqlite"

    def herschrijf_vanaf_vijf(conn):  # rebuild lines 5..10 with a consistent chain, then the head
        vorige = vier["hash"]
        for n in range(5, 11):
            rij, vorige = vervalste(n, vorige, omschrijving=f"vervalst {n}")
            replace_insert(conn, rij)
        conn.execute(update(K).where(K.c.id == 1).values(hash=vorige))

    geweigerd(any_store, herschrijf_vanaf_vijf, REGEL_GEWEIGERD if sqlite else "kan niet worden gewijzigd")

    kop_nummer, kop_hash = audit.kop(any_store)
    te_ver, _ = vervalste(kop_nummer + 2, kop_hash)
    verkeerde_vorige, _ = vervalste(kop_nummer + 1, "e" * 64)
    for rij in (te_ver, verkeerde_vorige):
        geweigerd(any_store, lambda c: c.execute(R.insert().values(**rij)), REGEL_GEWEIGERD)


# ------------------------------------------------------------------------------ what only an anchor finds


def herbouw_zonder_triggers(store, van: int, zet_triggers_terug: bool):
    """What anyone holding the key can do: drop the triggers, rewrite lines van.. and the head, recompute
    every hash (the chain is valid again), and put the triggers back."""
    from importlib import util

    from jet_desktop.storage.migrations import MIGRATIONS_DIR

    spec = util.spec_from_file_location("m0006", MIGRATIONS_DIR / "versions" / "0006_auditketen_kop.py")
    m0006 = util.module_from_spec(spec)
    spec.loader.exec_module(m0006)
    sqlite = store.engine.dialect.name == "sqlite"
    namen = audit.TRIGGERS["sqlite" if sqlite else "postgresql"]
    with store.engine.begin() as conn:
        oud_05 = {}
        if sqlite:
            for naam in namen:
                oud_05[naam] = conn.exec_driver_sql(f"SELECT sql FROM sqlite_master WHERE name = '{naam}'").scalar()
                conn.exec_driver_sql(f"DROP TRIGGER {naam}")
        else:
            conn.exec_driver_sql("ALTER TABLE auditregel DISABLE TRIGGER USER")
            conn.exec_driver_sql("ALTER TABLE auditketen DISABLE TRIGGER USER")
        rijen = [dict(r._mapping) for r in conn.execute(select(R).where(R.c.volgnummer >= van).order_by(R.c.volgnummer))]
        vorige = conn.execute(select(R.c.hash).where(R.c.volgnummer == van - 1)).scalar() or "0" * 64
        for r in rijen:
            r["omschrijving"] = "herschreven"
            r["vorige_hash"], r["hash"] = vorige, regel_hash(vorige, r)
            conn.execute(update(R).where(R.c.id == r["id"]).values(omschrijving=r["omschrijving"],
                                                                   vorige_hash=r["vorige_hash"], hash=r["hash"]))
            vorige = r["hash"]
        conn.execute(update(K).where(K.c.id == 1).values(hash=vorige))
        if zet_triggers_terug:
            if sqlite:
                for sql in oud_05.values():
                    conn.exec_driver_sql(sql)
            else:
                conn.exec_driver_sql("ALTER TABLE auditregel ENABLE TRIGGER USER")
                conn.exec_driver_sql("ALTER TABLE auditketen ENABLE TRIGGER USER")
    assert m0006.revision == "0006_auditketen_kop"


def test_verify_reports_triggers_that_were_dropped_or_disabled(any_store):
    schrijf(any_store)
    herbouw_zonder_triggers(any_store, 10, zet_triggers_terug=False)
    v = audit.verifieer(any_store)
    assert not v.ok and v.breuk is None and v.onbeschermd
    assert v.melding.startswith("Auditlog NIET BESCHERMD: de keten klopt (10 regels;")
    assert "auditregel_alleen_aan_het_eind" in v.melding


def test_a_rebuilt_chain_verifies_but_not_against_an_anchor(any_store):
    schrijf(any_store, 6)
    nummer, h = audit.anker(any_store)  # line 7, the anchor's own line
    assert (nummer, h) == audit.kop(any_store) and nummer == 7
    assert regel(any_store, 7)["omschrijving"].startswith("ketenkop als anker opgevraagd")
    schrijf(any_store, 3)
    anker = Anker(nummer, h)
    v = audit.verifieer(any_store, anker=anker)
    assert v.ok and v.melding.endswith(f"; anker 7:{h[:16]}… gevonden")
    assert audit.verifieer(any_store, anker=Anker(None, h)).ok  # the hash alone

    herbouw_zonder_triggers(any_store, 5, zet_triggers_terug=True)
    assert audit.verifieer(any_store).ok  # no local chain can see this …
    for a in (anker, Anker(None, h)):
        v = audit.verifieer(any_store, anker=a)  # … the anchor does
        assert not v.ok and v.breuk is None
        assert v.melding.startswith("Auditlog GEBROKEN ten opzichte van het anker")
    assert "regel 7 heeft niet de hash van het anker" in audit.verifieer(any_store, anker=anker).melding


def test_an_anchor_past_the_end_says_lines_were_removed():
    from jet_desktop.domain.auditketen import anker_fout

    assert "vóór het anker (regel 12)" in anker_fout(Anker(12, "a" * 64), 10, None, None)
    assert anker_fout(Anker(3, "a" * 64), 10, "a" * 64, None) is None
    assert anker_fout(Anker(None, "a" * 64), 10, None, 4) is None


def test_reading_an_anchor():
    h = "3F6C" + "0" * 60
    assert lees_anker(f" 12:{h} ") == Anker(12, h.lower())
    assert lees_anker(h) == Anker(None, h.lower())
    assert str(Anker(12, "a" * 64)) == "12:" + "a" * 64
    for fout in ("12:abc", "x:" + "a" * 64, "0:" + "a" * 64, "", "g" * 64):
        with pytest.raises(ValueError, match="Anker"):
            lees_anker(fout)


def test_encrypting_and_re_keying_keep_the_chain_and_its_triggers(tmp_path):
    """sqlcipher_export copies the data before the triggers: the guarded head survives both."""
    from jet_desktop.paths import sqlite_url
    from jet_desktop.storage.store import Store
    from jet_desktop.storage.versleuteling import versleutel, wijzig_wachtwoordzin

    db = tmp_path / "jet.db"
    store = Store.open_file(db)
    schrijf(store, 5)
    store.engine.dispose()
    versleutel(db, "een eerste wachtwoordzin")
    wijzig_wachtwoordzin(db, "een eerste wachtwoordzin", "een tweede wachtwoordzin")
    store = Store.open(sqlite_url(db, "een tweede wachtwoordzin"))
    try:
        v = audit.verifieer(store)
        assert v.ok and not v.onbeschermd and v.aantal >= 5, v.melding
        kop_nummer, _ = audit.kop(store)
        with pytest.raises(DBAPIError, match=KOP_GEWEIGERD):
            with store.engine.begin() as conn:
                conn.execute(update(K).where(K.c.id == 1).values(volgnummer=kop_nummer - 1))
    finally:
        store.engine.dispose()


def test_update_or_replace_is_refused_too(sqlite_store):
    schrijf(sqlite_store)
    geweigerd(sqlite_store, lambda c: c.exec_driver_sql(
        "UPDATE OR REPLACE auditregel SET volgnummer = 9 WHERE volgnummer = 10"), "kan niet worden gewijzigd")
