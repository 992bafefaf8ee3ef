"""Two application instances on one store: two Store objects, each with its own engine and connections,
on one SQLite file (or one PostgreSQL database). Saves are serialized: a committed write is never lost, and
of two conflicting saves of the same record the later one is refused naming the other user, with nothing
of it written."""

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from jet_desktop.services import caseload, dossiers, triage, zorg
from jet_desktop.services.zorg import PlanInvoer, ToewijzingInvoer
from jet_desktop.storage.models import (
    Aanmelding,
    ConsulentWijziging,
    Contactmoment,
    Klikgesprek,
    Ondersteuningsplan,
    Toewijzing,
    Triagebesluit,
)
from jet_desktop.storage.store import StaleEditError, Store

A, P, K, CW = Aanmelding.__table__, Ondersteuningsplan.__table__, Klikgesprek.__table__, ConsulentWijziging.__table__
C, T, TW = Contactmoment.__table__, Triagebesluit.__table__, Toewijzing.__table__
GEOPEND = date(2026, 11, 10)


class Instanties:
    """Two "running applications": each opens the store itself, as `jet-desktop` does at start-up."""

    def __init__(self, url):
        self.url = url
        self.anouk = Store.open(url, user="Anouk de Vries")
        self.bram = Store.open(url, user="Bram Jansen")
        self.extra: list[Store] = []

    def nog_een(self, user: str) -> Store:
        s = Store.open(self.url, user=user)
        self.extra.append(s)
        return s

    def close(self):
        for s in (self.anouk, self.bram, *self.extra):
            s.engine.dispose()


@pytest.fixture
def inst(any_url):
    i = Instanties(any_url)
    yield i
    i.close()


@pytest.fixture
def did(inst, jet):
    return jet.dossier(inst.anouk, jet.consulent(inst.anouk, "Anouk de Vries"), geopend_op=GEOPEND)


def count(store, table, *where):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def test_the_two_instances_do_not_share_an_engine(inst):
    assert inst.anouk.engine is not inst.bram.engine  # else this file would test one instance twice


def test_stale_plan_from_the_other_instance_is_refused_naming_its_user(inst, did):
    zorg.sla_plan_op(inst.anouk, did, None, PlanInvoer(va_kind="Eerste versie."))
    geladen_a = zorg.ondersteuningsplan(inst.anouk, did)
    geladen_b = zorg.ondersteuningsplan(inst.bram, did)
    assert geladen_a.version == geladen_b.version == 1
    zorg.sla_plan_op(inst.bram, did, geladen_b.version, PlanInvoer(va_kind="Bram: slaapt slecht."))
    with pytest.raises(StaleEditError) as exc:
        zorg.sla_plan_op(inst.anouk, did, geladen_a.version, PlanInvoer(va_kind="Anouk: somber."))
    assert exc.value.changed_by == "Bram Jansen" and exc.value.changed_at is not None
    assert "Bram Jansen" in str(exc.value) and "niet opgeslagen" in str(exc.value)
    nu = zorg.ondersteuningsplan(inst.anouk, did)  # Bram's committed write is kept
    assert (nu.version, nu.va_kind, nu.updated_by) == (2, "Bram: slaapt slecht.", "Bram Jansen")
    # re-applied on the fresh version, Anouk's text is saved
    zorg.sla_plan_op(inst.anouk, did, nu.version, PlanInvoer(va_kind="Anouk: somber."))
    assert zorg.ondersteuningsplan(inst.bram, did).va_kind == "Anouk: somber."


def test_refused_klikgesprek_writes_nothing(inst, did, jet):
    chantal = jet.consulent(inst.anouk, "Chantal Bakker")
    versie = dossiers.detail(inst.anouk, did).version
    caseload.zet_tweede_persoon(inst.bram, did, dossiers.detail(inst.bram, did).version, chantal, jet.vandaag)
    klik, wissels = count(inst.anouk, K), count(inst.anouk, CW)
    with pytest.raises(StaleEditError) as exc:  # the klikgesprek row is inserted before the version check
        caseload.registreer_klikgesprek(inst.anouk, did, versie, "geen_klik", jet.vandaag, "Geen klik.", chantal)
    assert exc.value.changed_by == "Bram Jansen"
    assert (count(inst.bram, K), count(inst.bram, CW)) == (klik, wissels)
    assert dossiers.detail(inst.bram, did).consulent == "Anouk de Vries"


def test_refused_triage_revision_writes_no_decision(inst, jet):
    aid = jet.wachtend(inst.anouk)
    versie = jet.version(inst.anouk, A, aid)
    invoer = triage.BesluitInvoer("zelf_oppakken", "hoog", "Herzien: de zorgen zijn groter.", jet.vandaag)
    triage.neem_besluit(inst.bram, aid, versie, invoer, jet.vandaag)
    besluiten = count(inst.anouk, T, T.c.aanmelding_id == aid)
    with pytest.raises(StaleEditError, match="Bram Jansen"):
        triage.neem_besluit(inst.anouk, aid, versie, triage.BesluitInvoer(
            "zelf_oppakken", "spoed", "Herzien door Anouk: spoed.", jet.vandaag), jet.vandaag)
    assert count(inst.anouk, T, T.c.aanmelding_id == aid) == besluiten == 2
    [huidig] = [b for b in triage.besluit_historie(inst.anouk, aid) if b.actueel]
    assert huidig.motivering == "Herzien: de zorgen zijn groter."


def test_removed_toewijzing_cannot_be_changed_from_the_other_instance(inst, did):
    tid = zorg.voeg_toewijzing_toe(inst.anouk, did, ToewijzingInvoer(
        "45", "Gezinsbehandeling thuis", "middel", "fjild", date(2026, 11, 16), None, 6500))
    [t] = zorg.toewijzingen(inst.bram, did)
    zorg.verwijder_toewijzing(inst.anouk, tid, t.version)
    with pytest.raises(StaleEditError, match="bestaat niet meer"):
        zorg.beeindig_toewijzing(inst.bram, tid, t.version, date(2027, 1, 31))
    with inst.anouk.engine.connect() as conn:
        assert conn.execute(select(TW.c.einddatum).where(TW.c.id == tid)).scalar_one() is None


# ------------------------------------------------------------------------------------- concurrency

def _run(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a writer hangs"


def test_two_saves_at_the_same_moment_exactly_one_wins_and_the_other_names_it(inst, did):
    zorg.sla_plan_op(inst.anouk, did, None, PlanInvoer(doelen="start"))
    for ronde in range(8):
        versie = zorg.ondersteuningsplan(inst.anouk, did).version
        start = threading.Barrier(2)
        uitkomst: dict[str, object] = {}

        def opslaan(store):
            start.wait()
            try:
                zorg.sla_plan_op(store, did, versie, PlanInvoer(doelen=f"{store.user} ronde {ronde}"))
                uitkomst[store.user] = "opgeslagen"
            except StaleEditError as exc:
                uitkomst[store.user] = exc

        _run([threading.Thread(target=opslaan, args=(s,)) for s in (inst.anouk, inst.bram)])
        winnaars = [u for u, r in uitkomst.items() if r == "opgeslagen"]
        verliezers = [r for r in uitkomst.values() if isinstance(r, StaleEditError)]
        assert len(winnaars) == 1 and len(verliezers) == 1, uitkomst
        assert verliezers[0].changed_by == winnaars[0]
        nu = zorg.ondersteuningsplan(inst.bram, did)
        assert (nu.version, nu.doelen, nu.updated_by) == (versie + 1, f"{winnaars[0]} ronde {ronde}", winnaars[0])


def test_two_first_saves_at_the_same_moment_make_one_plan(inst, jet):
    consulent = jet.consulent(inst.anouk, "Anouk de Vries")
    for _ in range(5):
        did = jet.dossier(inst.anouk, consulent, geopend_op=GEOPEND)
        start = threading.Barrier(2)
        uitkomst: dict[str, object] = {}

        def opslaan(store):
            start.wait()
            try:
                zorg.sla_plan_op(store, did, None, PlanInvoer(va_kind=f"Plan van {store.user}"))
                uitkomst[store.user] = "opgeslagen"
            except StaleEditError as exc:
                uitkomst[store.user] = exc

        _run([threading.Thread(target=opslaan, args=(s,)) for s in (inst.anouk, inst.bram)])
        [winnaar] = [u for u, r in uitkomst.items() if r == "opgeslagen"]
        [verliezer] = [r for r in uitkomst.values() if isinstance(r, StaleEditError)]
        assert verliezer.changed_by == winnaar
        assert count(inst.anouk, P, P.c.dossier_id == did) == 1
        assert zorg.ondersteuningsplan(inst.anouk, did).va_kind == f"Plan van {winnaar}"


def test_concurrent_writers_lose_no_committed_write(inst, did):
    """Four instances edit one plan at once (read, add a line, save; on a refused save read again and
    re-apply) and add contactmomenten. Every save that returned is in the store: no line is missing from
    the plan, its version counts every accepted save, every contactmoment is there."""
    zorg.sla_plan_op(inst.anouk, did, None, PlanInvoer(doelen=""))
    stores = [inst.anouk, inst.bram, inst.nog_een("Chantal Bakker"), inst.nog_een("Daan de Wit")]
    rondes = 12
    geweigerd = {s.user: 0 for s in stores}
    fouten: list[BaseException] = []
    notities: list[str] = []

    def werk(store):
        try:
            for n in range(rondes):
                while True:
                    p = zorg.ondersteuningsplan(store, did)
                    regels = p.doelen + f"\n{store.user} {n}"
                    try:
                        zorg.sla_plan_op(store, did, p.version, PlanInvoer(doelen=regels))
                        break
                    except StaleEditError as exc:
                        assert exc.changed_by in {s.user for s in stores}
                        geweigerd[store.user] += 1
                notitie = f"Contact {store.user} {n}"
                dossiers.voeg_contactmoment_toe(store, did, GEOPEND + timedelta(days=n % 10), "telefonisch", 15,
                                                notitie, date(2026, 11, 25))
                notities.append(notitie)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            fouten.append(exc)

    _run([threading.Thread(target=werk, args=(s,)) for s in stores])
    assert fouten == []
    p = zorg.ondersteuningsplan(inst.anouk, did)
    verwacht = {f"{s.user} {n}" for s in stores for n in range(rondes)}
    regels = p.doelen.split("\n")
    assert sorted(regels) == sorted(verwacht)  # each accepted save once, none lost
    assert p.version == 1 + len(stores) * rondes
    with inst.bram.engine.connect() as conn:
        opgeslagen = set(conn.execute(select(C.c.notitie).where(C.c.dossier_id == did)).scalars())
    assert opgeslagen == set(notities) and len(notities) == len(stores) * rondes
