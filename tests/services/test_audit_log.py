"""The audit log's read side (services/audit.py): the hash chain verifies, tampering is found at the
exact line, the database refuses edits, the viewer queries filter in SQL, the CSV export, and only
the functioneel beheerder (or the system) may read it. On SQLite and PostgreSQL."""

import csv
import io
import threading
import time
import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from jet_desktop.domain.enums import AuditActie, Rol
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.models import Auditregel
from jet_desktop.storage.store import Store

R = Auditregel.__table__


def url_van(store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def schrijf_regels(store, n, **kw) -> None:
    for i in range(n):
        audit.log(store, kw.get("actie", AuditActie.OPENEN), "dossier", uuid.uuid4(), kw.get("client", "2026-00001"),
                  f"Dossier geopend ({i + 1})")


def zonder_triggers(store) -> None:
    """What an attacker with database rights could do: switch the append-only triggers off."""
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER auditregel_geen_update"))
            conn.execute(text("DROP TRIGGER auditregel_geen_delete"))
        else:
            conn.execute(text("ALTER TABLE auditregel DISABLE TRIGGER USER"))


def volgnummers(store) -> list[int]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(R.c.volgnummer).order_by(R.c.volgnummer)).scalars())


@pytest.fixture
def tz_amsterdam(monkeypatch):
    """Local time is Europe/Amsterdam (CET, UTC+1 in November) for this test."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def op_tijdstip(monkeypatch, moment: datetime):
    monkeypatch.setattr(audit, "utcnow", lambda: moment)


# ------------------------------------------------------------------------------ the chain


def test_chain_verifies_after_parallel_appends_from_two_stores(any_store):
    tweede = Store.open(url_van(any_store), user="Tweede Proces")
    fouten = []

    def schrijver(store, naam):
        try:
            for i in range(60):
                audit.log(store, AuditActie.OPENEN, "dossier", uuid.uuid4(), f"2026-{i:05d}", f"{naam} {i}")
        except Exception as exc:  # pragma: no cover - reported by the assert below
            fouten.append(exc)

    threads = [threading.Thread(target=schrijver, args=(s, n)) for s, n in ((any_store, "een"), (tweede, "twee"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    tweede.engine.dispose()

    assert fouten == []
    assert volgnummers(any_store) == list(range(1, 121))  # no duplicate, no gap
    v = audit.verifieer(any_store)
    assert v.ok and v.breuk is None and v.aantal == 120
    assert v.laatste_hash == audit.kop(any_store)[1] and len(v.laatste_hash) == 64
    assert v.melding.startswith("Auditlog in orde: 120 regels; laatste hash ")


def test_empty_log_verifies(any_store):
    v = audit.verifieer(any_store)
    assert v.ok and v.aantal == 0 and v.laatste_hash == "0" * 64


def test_verifying_streams_in_chunks(any_store, monkeypatch):
    monkeypatch.setattr(audit, "CHUNK", 7)
    schrijf_regels(any_store, 30)
    gezien = []
    v = audit.verifieer(any_store, voortgang=lambda d, t: gezien.append((d, t)))
    assert v.ok and v.aantal == 30
    assert gezien == [(7, 30), (14, 30), (21, 30), (28, 30)]


def test_changed_line_is_reported_at_its_volgnummer(any_store):
    schrijf_regels(any_store, 10)
    zonder_triggers(any_store)
    with any_store.engine.begin() as conn:
        conn.execute(update(R).where(R.c.volgnummer == 4).values(omschrijving="Niets gebeurd"))
    v = audit.verifieer(any_store)
    assert not v.ok
    assert v.breuk.volgnummer == 4 and "gewijzigd" in v.breuk.reden
    assert v.melding.startswith("Auditlog GEBROKEN bij regel 4: ")


def test_changed_line_with_recomputed_hash_breaks_the_next_link(any_store):
    """Recomputing the changed line's own hash does not help: line 5 no longer points at it."""
    from jet_desktop.domain.auditketen import regel_hash

    schrijf_regels(any_store, 10)
    zonder_triggers(any_store)
    with any_store.engine.begin() as conn:
        r = dict(conn.execute(select(R).where(R.c.volgnummer == 4)).one()._mapping)
        r["omschrijving"] = "Niets gebeurd"
        conn.execute(update(R).where(R.c.volgnummer == 4).values(omschrijving=r["omschrijving"],
                                                                 hash=regel_hash(r["vorige_hash"], r)))
    v = audit.verifieer(any_store)
    assert v.breuk.volgnummer == 5 and "verwijst niet" in v.breuk.reden


def test_deleted_middle_line_is_reported(any_store):
    schrijf_regels(any_store, 10)
    zonder_triggers(any_store)
    with any_store.engine.begin() as conn:
        conn.execute(delete(R).where(R.c.volgnummer == 6))
    v = audit.verifieer(any_store)
    assert not v.ok and v.breuk.volgnummer == 6 and "ontbreekt" in v.breuk.reden


def test_deleted_last_line_is_reported_by_the_chain_head(any_store):
    schrijf_regels(any_store, 10)
    zonder_triggers(any_store)
    with any_store.engine.begin() as conn:
        conn.execute(delete(R).where(R.c.volgnummer == 10))
    v = audit.verifieer(any_store)
    assert not v.ok and v.breuk.volgnummer == 10 and "aan het eind ontbreken" in v.breuk.reden


def test_line_added_past_the_chain_head_is_reported(any_store):
    """INSERT is not refused by the triggers: a well-formed line appended without moving the head."""
    from jet_desktop.domain.auditketen import regel_hash

    schrijf_regels(any_store, 5)
    kop_nummer, kop_hash = audit.kop(any_store)
    velden = dict(volgnummer=6, tijdstip=datetime.now(timezone.utc), medewerker_id=None, medewerker="Niemand",
                  rol="systeem", namens="", actie="openen", objecttype="dossier", object_id="", client="2026-00001",
                  omschrijving="Ingevoegd")
    with any_store.engine.begin() as conn:
        conn.execute(R.insert().values(id=uuid.uuid4(), vorige_hash=kop_hash, hash=regel_hash(kop_hash, velden),
                                       **velden))
    v = audit.verifieer(any_store)
    assert not v.ok and v.breuk.volgnummer == 6 and "na de ketenkop" in v.breuk.reden


def test_the_database_refuses_update_and_delete(any_store):
    schrijf_regels(any_store, 3)
    voor = audit.regels(any_store)
    for stmt in (update(R).where(R.c.volgnummer == 2).values(omschrijving="anders"),
                 delete(R).where(R.c.volgnummer == 3), delete(R)):
        with pytest.raises(DBAPIError, match="Het auditlog kan niet worden gewijzigd of verwijderd"):
            with any_store.engine.begin() as conn:
                conn.execute(stmt)
    assert audit.regels(any_store) == voor
    assert audit.verifieer(any_store).ok


# ------------------------------------------------------------------------------ the viewer's queries


def test_filters_narrow_the_lines_newest_first(any_store):
    anouk = Store(any_store.engine, user="Anouk de Vries", user_id=uuid.uuid4(), rol=Rol.CONSULENT)
    bram = Store(any_store.engine, user="Bram Jansen", user_id=uuid.uuid4(), rol=Rol.TEAMLEIDER, namens="Anouk")
    audit.log(anouk, AuditActie.OPENEN, "dossier", uuid.uuid4(), "2026-00001", "Dossier geopend")
    audit.log(bram, AuditActie.WIJZIGEN, "dossier", uuid.uuid4(), "2026-00001", "Contactmoment toegevoegd")
    audit.log(anouk, AuditActie.AFDRUKKEN, "rapport", None, "", "Wachtlijstrapport afgedrukt")
    audit.log(bram, AuditActie.OPENEN, "dossier", uuid.uuid4(), "2026-00002", "Dossier geopend")

    alle = audit.regels(any_store)
    assert [r.volgnummer for r in alle] == [4, 3, 2, 1]
    assert audit.aantal(any_store) == 4
    assert [r.volgnummer for r in audit.regels(any_store, medewerker="anouk")] == [3, 1]  # case-insensitive part
    assert [r.volgnummer for r in audit.regels(any_store, actie=AuditActie.OPENEN)] == [4, 1]
    assert [r.volgnummer for r in audit.regels(any_store, client="2026-00001")] == [2, 1]
    assert [r.volgnummer for r in audit.regels(any_store, medewerker="Bram", actie="openen")] == [4]
    assert audit.aantal(any_store, medewerker="bram", client="2026-00001") == 1
    assert audit.regels(any_store, medewerker="100%_") == []  # LIKE wildcards are taken literally

    r = alle[2]
    assert (r.medewerker, r.rol, r.rol_label, r.namens, r.actie_label, r.client) == (
        "Bram Jansen", "teamleider", "Teamleider", "Anouk", "Gewijzigd", "2026-00001")
    assert r.tijdstip.tzinfo is not None and r.medewerker_id == bram.user_id


def test_paging_by_offset_and_by_keyset_pinned_to_a_head(any_store):
    schrijf_regels(any_store, 25)
    eerste = audit.regels(any_store, limit=10)
    assert [r.volgnummer for r in eerste] == list(range(25, 15, -1))
    assert [r.volgnummer for r in audit.regels(any_store, limit=10, offset=10)] == list(range(15, 5, -1))
    assert [r.volgnummer for r in audit.regels(any_store, limit=10, voor=eerste[-1].volgnummer)] == list(range(15, 5, -1))
    schrijf_regels(any_store, 3)  # written while the viewer is open: pinned pages do not shift
    assert [r.volgnummer for r in audit.regels(any_store, limit=10, offset=10, tot_en_met=25)] == list(range(15, 5, -1))
    assert audit.aantal(any_store, tot_en_met=25) == 25 and audit.aantal(any_store) == 28
    b = audit.bereik(any_store, tot_en_met=25)
    assert (b.aantal, b.eerste, b.laatste) == (25, 1, 25)
    assert [r.volgnummer for r in audit.regels(any_store, limit=3, vanaf=20, tot_en_met=21)] == [21, 20]
    assert audit.bereik(any_store, client="bestaat-niet") == audit.Bereik(0, None, None)


def test_van_tot_are_local_dates_inclusive(any_store, monkeypatch, tz_amsterdam):
    # 24-11 23:30 UTC is 25-11 00:30 in Amsterdam; 25-11 22:59 UTC is 25-11 23:59; 25-11 23:00 UTC is 26-11
    for moment in (datetime(2026, 11, 24, 22, 59, tzinfo=timezone.utc), datetime(2026, 11, 24, 23, 30, tzinfo=timezone.utc),
                   datetime(2026, 11, 25, 22, 59, tzinfo=timezone.utc), datetime(2026, 11, 25, 23, 0, tzinfo=timezone.utc)):
        op_tijdstip(monkeypatch, moment)
        schrijf_regels(any_store, 1)
    dag = audit.regels(any_store, van=date(2026, 11, 25), tot=date(2026, 11, 25))
    assert [r.volgnummer for r in dag] == [3, 2]
    assert [f"{r.tijdstip:%d-%m %H:%M}" for r in dag] == ["25-11 23:59", "25-11 00:30"]
    assert audit.aantal(any_store, van=date(2026, 11, 26)) == 1
    assert audit.aantal(any_store, tot=date(2026, 11, 24)) == 1
    assert audit.verifieer(any_store).ok  # the hash is over the stored UTC time, whatever the time zone


# ------------------------------------------------------------------------------ export


def test_export_csv_for_a_period_and_its_own_log_line(any_store, monkeypatch, tz_amsterdam):
    for dag in (3, 10, 10, 20):
        op_tijdstip(monkeypatch, datetime(2026, 11, dag, 12, 0, tzinfo=timezone.utc))
        schrijf_regels(any_store, 1, client=f"2026-000{dag}")
    op_tijdstip(monkeypatch, datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc))
    buf = io.StringIO()

    assert audit.exporteer_csv(any_store, buf, date(2026, 11, 4), date(2026, 11, 20)) == 3

    inhoud = buf.getvalue()
    assert inhoud.startswith("\ufeffVolgnummer;Tijdstip;Medewerker-id;Medewerker;Rol;Namens;Actie;Objecttype;"
                             "Object-id;Dossiernummer;Omschrijving;Vorige hash;Hash\r\n")
    rijen = list(csv.reader(io.StringIO(inhoud.lstrip("\ufeff")), delimiter=";"))
    assert [r[0] for r in rijen[1:]] == ["2", "3", "4"]
    assert rijen[1][1] == "2026-11-10T13:00:00+01:00"  # local time, ISO with offset
    assert rijen[1][9] == "2026-00010" and rijen[1][6] == "openen"
    alle = {r.volgnummer: r for r in audit.regels(any_store)}
    assert rijen[3][11:] == [alle[4].vorige_hash, alle[4].hash]

    export = audit.regels(any_store, limit=1)[0]
    assert export.volgnummer == 5 and export.actie == AuditActie.EXPORT.value and export.objecttype == "auditlog"
    assert export.omschrijving == "Auditlog geëxporteerd (CSV), periode 04-11-2026 t/m 20-11-2026: 3 regels"
    assert audit.verifieer(any_store).ok


def test_export_to_a_file_is_utf8_with_bom(sqlite_store, tmp_path):
    medewerker = Store(sqlite_store.engine, user="Eliza Çelik", rol=Rol.BEHEERDER, user_id=uuid.uuid4())
    schrijf_regels(medewerker, 2)
    pad = tmp_path / "audit.csv"
    assert audit.exporteer_csv(medewerker, pad) == 2
    ruw = pad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbfVolgnummer;") and "Eliza Çelik".encode() in ruw
    assert audit.regels(medewerker, limit=1)[0].omschrijving.endswith("periode begin t/m heden: 2 regels")


# ------------------------------------------------------------------------------ who may read it


@pytest.mark.parametrize("rol", [Rol.CONSULENT, Rol.TEAMLEIDER])
def test_only_the_functioneel_beheerder_reads_the_log(any_store, rol, tmp_path):
    schrijf_regels(any_store, 2)
    store = Store(any_store.engine, user="Iemand", user_id=uuid.uuid4(), rol=rol)
    for poging in (lambda: audit.regels(store), lambda: audit.aantal(store), lambda: audit.verifieer(store),
                   lambda: audit.exporteer_csv(store, tmp_path / "x.csv")):
        with pytest.raises(GeenToegang, match="het auditlog inzien en exporteren"):
            poging()
    assert not (tmp_path / "x.csv").exists()
    with any_store.engine.connect() as conn:
        acties = conn.execute(select(R.c.actie).where(R.c.volgnummer > 2)).scalars().all()
    assert acties == ["geweigerd"] * 4  # each refused attempt is a line of its own; no export line

    beheerder = Store(any_store.engine, user="Beheer", user_id=uuid.uuid4(), rol=Rol.BEHEERDER)
    assert audit.aantal(beheerder) == 6 and audit.verifieer(beheerder).ok
