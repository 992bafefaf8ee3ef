"""Every row: a random UUID id, a version, created/updated at and by (domain.md 'Where the data lives')."""

import uuid
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from jet_desktop.domain.enums import Rol
from jet_desktop.services import caseload, dossiers, medewerkers, settings
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.storage.models import CODELIJST_TABLES, TABLES, Dossier, Instelling
from jet_desktop.storage.store import Store


def fill_every_table(store, jet):
    teamleider = medewerkers.voeg_toe(store, "Tessa Teamleider", Rol.TEAMLEIDER)
    store.user_id = teamleider
    anouk, bram = jet.consulent(store, "Anouk"), jet.consulent(store, "Bram")
    did = jet.dossier(store, anouk, tweede_consulent_id=bram,
                      ouders=[OuderInvoer("Petra Jansen", gezag=True)])
    version = jet.version(store, Dossier.__table__, did)
    caseload.registreer_klikgesprek(store, did, version, "klik", jet.vandaag, "Goed contact")
    dossiers.voeg_contactmoment_toe(store, did, jet.vandaag, "huisbezoek", 60, "Kennismaking", jet.vandaag)
    caseload.markeer_afwezig(store, bram, date(2026, 12, 1), date(2026, 12, 14), "Vakantie")
    settings.put(store, "caseload_norm_per_fte", 18)
    from jet_desktop.services import zorg

    zorg.sla_plan_op(store, did, None, zorg.PlanInvoer(va_kind="Angstig.", doelen="Weer naar school."))
    zorg.voeg_toewijzing_toe(store, did, zorg.ToewijzingInvoer("45", "Gezinsbehandeling", "middel", "fjild",
                                                               jet.vandaag, None, 4000))
    from jet_desktop.services.toegang_import import importeer_bytes

    importeer_bytes(store, b"toegangsvorm;client_id;startdatum;einddatum;gesprekken;uitkomst\n"
                           b"POH Jeugd;P1;01-02-2026;;2;\nAmaryllis;P2;01-03-2026;20-03-2026;3;gestopt\n", "toegang.csv")


def test_every_table_has_uuid_ids_and_stamps(any_store, jet):
    started = datetime.now(timezone.utc) - timedelta(seconds=5)
    fill_every_table(any_store, jet)
    with any_store.engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(select(table)).all()
            assert rows, f"{table.name}: the flow should have written a row"
            ids = [r.id for r in rows]
            assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids), table.name
            assert len(set(ids)) == len(ids)
            if table in CODELIJST_TABLES:  # seeded by the migration (the template store's), not by the flow
                assert {r.updated_by for r in rows} == {"migratie"}, table.name
                continue
            for r in rows:
                assert isinstance(r.version, int) and r.version >= 1, table.name
                assert r.updated_by == "Test Gebruiker", table.name
                for stamp in (r.created_at, r.updated_at):
                    aware = stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
                    assert started <= aware <= datetime.now(timezone.utc) + timedelta(seconds=5), table.name
                assert r.updated_at >= r.created_at, table.name


def test_ids_are_not_sequential(sqlite_store, jet):
    ids = [jet.consulent(sqlite_store, f"Consulent {i}") for i in range(20)]
    # random UUIDs: no two share their first 8 hex digits by chance in practice, and they do not ascend
    assert len({i.hex[:8] for i in ids}) == 20
    assert ids != sorted(ids)


def test_an_update_stamps_the_user_who_made_it(any_store):
    settings.put(any_store, "norm_triage_werkdagen", 4)
    other = Store(any_store.engine, user="Functioneel Beheerder")
    settings.put(other, "norm_triage_werkdagen", 6)
    T = Instelling.__table__
    with any_store.engine.connect() as conn:
        row = conn.execute(select(T).where(T.c.sleutel == "norm_triage_werkdagen")).one()
    assert (row.version, row.updated_by, row.waarde) == (2, "Functioneel Beheerder", "6")
    assert settings.get(any_store, "norm_triage_werkdagen") == 6
    assert settings.instellingen(any_store).normen.triage_werkdagen == 6
