"""A model-based test of offline home visits (issue 13): five laptops, each its own encrypted store with its
own skewed clock, against a real team server. Hypothesis picks what happens: laptops going on- and offline,
notes, plan edits, new aanmeldingen, tombstones, the teamleider's edits and reassignments on the server, and
syncs in any order. After everyone has synced:

- every value ever written on a laptop is current on the server, or held as the laptop side of a conflict, or
  kept as geweigerd on that laptop, or superseded by a later edit from the same laptop;
- each laptop equals the server for its part; no row is there twice; both audit chains verify.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select
from teamserver.team import WW

from jet_desktop.domain.enums import Rol
from jet_desktop.services import audit, caseload, correcties, dossiers, synchroniseren, teamserver, zorg
from jet_desktop.storage import models
from jet_desktop.storage import store as store_module
from jet_desktop.storage.models import Contactmoment, Dossier, Ondersteuningsplan, SyncConflict
from jet_desktop.storage.store import Store
from sync.laptops import meenemen, op_server, open_laptop, raw, sync

CM, D, OP, C = Contactmoment.__table__, Dossier.__table__, Ondersteuningsplan.__table__, SyncConflict.__table__
VANDAAG = date(2026, 11, 25)
LAPTOPS = 5
KLOKKEN = [timedelta(days=d) for d in (-3, 0, 2, 5, -9)]  # each laptop's clock is this far off


class Klok:
    """The laptops' wrong clocks: every `utcnow` the services use on that laptop runs off by its skew."""

    def __init__(self, monkeypatch):
        self.afwijking = timedelta(0)
        nu = lambda: datetime.now(timezone.utc) + self.afwijking  # noqa: E731
        for module in (models, store_module, audit, zorg):
            monkeypatch.setattr(module, "utcnow", nu)


@pytest.mark.timeout(900)  # 4 examples x 30 steps against the server (about 110 s idle)
def test_five_laptops_against_the_team_server(server, jet, tmp_path_factory, monkeypatch):
    klok = Klok(monkeypatch)
    teller = iter(range(10**6))

    class Model(RuleBasedStateMachine):
        @initialize()
        def opzetten(self):
            ronde = next(teller)
            self.map = tmp_path_factory.mktemp(f"laptops{ronde}")
            self.consulenten, self.laptops, self.online = [], [], []
            self.geschreven: list[tuple[int, str, uuid.UUID, str, str]] = []  # laptop, tabel, record, veld, waarde
            self.notities: dict[str, int] = {}  # note text -> laptop that added it
            for i in range(LAPTOPS):
                naam = f"m{ronde}c{i}"
                mid = teamserver.gebruiker(server.system, naam, f"Consulent {ronde}-{i}", Rol.CONSULENT, WW, start=False)
                for j in range(2):
                    jet.dossier(server.system, mid, voornaam=f"Kind{ronde}{i}{j}", achternaam="Model")
                self.consulenten.append((naam, mid))
            for i, (naam, _mid) in enumerate(self.consulenten):
                pad = meenemen(server, naam, self.map / f"laptop{i}.db")
                self.laptops.append(open_laptop(pad, naam))
                self.online.append(True)

        def teardown(self):
            klok.afwijking = timedelta(0)
            for laptop in getattr(self, "laptops", []):
                laptop.engine.dispose()

        def _dossiers(self, i: int) -> list[uuid.UUID]:
            with self.laptops[i].engine.connect() as conn:
                return sorted(conn.execute(select(D.c.id).where(D.c.afgesloten_op.is_(None))).scalars())

        def _op(self, i: int):
            klok.afwijking = KLOKKEN[i]
            return self.laptops[i]

        @rule(i=st.integers(0, LAPTOPS - 1), k=st.integers(0, 9))
        def notitie(self, i, k):
            laptop, ds = self._op(i), self._dossiers(i)
            if not ds:
                return
            tekst = f"Notitie {uuid.uuid4().hex[:10]}"
            dossiers.voeg_contactmoment_toe(laptop, ds[k % len(ds)], VANDAAG, "huisbezoek", 30, tekst, VANDAAG)
            self.notities[tekst] = i

        @rule(i=st.integers(0, LAPTOPS - 1), k=st.integers(0, 9))
        def plan(self, i, k):
            laptop, ds = self._op(i), self._dossiers(i)
            if not ds:
                return
            did = ds[k % len(ds)]
            huidig = zorg.ondersteuningsplan(laptop, did)
            waarde = f"Doel {uuid.uuid4().hex[:10]}"
            zorg.sla_plan_op(laptop, did, huidig.version if huidig else None, zorg.PlanInvoer(doelen=waarde))
            pid = zorg.ondersteuningsplan(laptop, did).id
            self.geschreven.append((i, "ondersteuningsplan", pid, "doelen", waarde))

        @rule(i=st.integers(0, LAPTOPS - 1), k=st.integers(0, 9))
        def notitie_wijzigen_of_weg(self, i, k):
            laptop = self._op(i)
            with laptop.engine.connect() as conn:
                rijen = conn.execute(select(CM.c.id, CM.c.version, CM.c.dossier_id).join(D, D.c.id == CM.c.dossier_id)
                                     .where(CM.c.deleted_at.is_(None), D.c.afgesloten_op.is_(None))
                                     .order_by(CM.c.id)).all()
            if not rijen:
                return
            r = rijen[k % len(rijen)]
            if k % 3 == 0:
                correcties.verwijder_contactmoment(laptop, r.id, r.version, "dubbel")
                return
            waarde = f"Aangevuld {uuid.uuid4().hex[:10]}"
            correcties.wijzig_contactmoment(laptop, r.id, r.version, correcties.ContactInvoer(
                VANDAAG, "huisbezoek", 45, waarde), VANDAAG, "aangevuld")
            self.geschreven.append((i, "contactmoment", r.id, "notitie", waarde))

        @rule(i=st.integers(0, LAPTOPS - 1))
        def nieuwe_aanmelding(self, i):
            laptop = self._op(i)
            reg = jet.aanmelding(laptop, voornaam=f"Nieuw{uuid.uuid4().hex[:6]}", achternaam="Thuisbezoek")
            self.geschreven.append((i, "aanmelding", reg.aanmelding_id, "hulpvraag",
                                    "Zorgen over gedrag thuis en op school."))

        @rule(k=st.integers(0, 99))
        def teamleider_wijzigt(self, k):
            klok.afwijking = timedelta(0)
            with server.system.engine.connect() as conn:
                plannen = conn.execute(select(OP.c.dossier_id).order_by(OP.c.id)).scalars().all()
            if not plannen:
                return
            tessa = op_server(server, "tessa")
            try:
                did = plannen[k % len(plannen)]
                huidig = zorg.ondersteuningsplan(tessa, did)
                zorg.sla_plan_op(tessa, did, huidig.version, zorg.PlanInvoer(doelen=f"Teamleider {k}"))
            finally:
                tessa.engine.dispose()

        @rule(k=st.integers(0, 99), naar=st.integers(0, LAPTOPS - 1))
        def teamleider_verdeelt(self, k, naar):
            klok.afwijking = timedelta(0)
            ids = [mid for _n, mid in self.consulenten]
            with server.system.engine.connect() as conn:
                rijen = conn.execute(select(D.c.id, D.c.version, D.c.consulent_id).where(
                    D.c.consulent_id.in_(ids), D.c.afgesloten_op.is_(None)).order_by(D.c.id)).all()
            r = rijen[k % len(rijen)]
            if r.consulent_id == ids[naar]:
                return
            tessa = op_server(server, "tessa")
            try:
                caseload.wijzig_consulent(tessa, r.id, r.version, ids[naar], "herverdeling", VANDAAG)
            finally:
                tessa.engine.dispose()

        @rule(i=st.integers(0, LAPTOPS - 1))
        def online_offline(self, i):
            self.online[i] = not self.online[i]

        @precondition(lambda self: any(self.online))
        @rule(i=st.integers(0, LAPTOPS - 1))
        def synchroniseer(self, i):
            if self.online[i]:
                sync(server, self._op(i), self.consulenten[i][0])

        @invariant()
        def status_liegt_niet(self):
            for laptop in getattr(self, "laptops", []):
                s = synchroniseren.status(laptop)
                assert not s.alles_verzonden or s.wachtend == 0

        def controleer(self):
            klok.afwijking = timedelta(0)
            for i in range(LAPTOPS):  # everyone online and synced (twice: the second fetches the others' work)
                sync(server, self.laptops[i], self.consulenten[i][0])
            for i in range(LAPTOPS):
                sync(server, self.laptops[i], self.consulenten[i][0])
                assert synchroniseren.status(self.laptops[i]).alles_verzonden
            with server.system.engine.connect() as conn:
                conflicten = conn.execute(select(C.c.apparaat_id, C.c.record_id, C.c.veld, C.c.laptop)).all()
                notities = conn.execute(select(CM.c.notitie)).scalars().all()
                for tekst in self.notities:  # no note lost, none twice (or refused and kept on its laptop)
                    if notities.count(tekst) != 1:
                        assert notities.count(tekst) == 0 and self._geweigerd(self.notities[tekst], tekst), tekst
                laatste: dict = {}
                for i, tabel, rid, veld, waarde in self.geschreven:
                    laatste[(i, tabel, rid, veld)] = waarde  # a later edit of the same laptop supersedes
                apparaten = {synchroniseren.laptop(lp).apparaat_id: n for n, lp in enumerate(self.laptops)}
                for (i, tabel, rid, veld), waarde in laatste.items():
                    t = models.SQLModel.metadata.tables[tabel]
                    op_server_nu = conn.execute(select(t.c[veld]).where(t.c.id == rid)).scalar()
                    gehouden = any(apparaten[a] == i and r == rid and v == veld and lw == f'"{waarde}"'
                                   for a, r, v, lw in conflicten)
                    assert op_server_nu == waarde or gehouden or self._geweigerd(i, waarde), (tabel, veld, waarde)
            for i, laptop in enumerate(self.laptops):  # each laptop equals the server for its part
                mid = self.consulenten[i][1]
                with server.system.engine.connect() as conn:
                    op_srv = set(conn.execute(select(D.c.id, D.c.version).where(
                        (D.c.consulent_id == mid) | (D.c.tweede_consulent_id == mid))).all())
                    cm_srv = set(conn.execute(select(CM.c.id, CM.c.version, CM.c.notitie).join(D, D.c.id == CM.c.dossier_id)
                                              .where((D.c.consulent_id == mid) | (D.c.tweede_consulent_id == mid))).all())
                with laptop.engine.connect() as conn:
                    assert set(conn.execute(select(D.c.id, D.c.version)).all()) == op_srv
                    assert set(conn.execute(select(CM.c.id, CM.c.version, CM.c.notitie)).all()) == cm_srv
                systeem = raw(laptop)
                try:
                    assert audit.verifieer(systeem).ok
                finally:
                    systeem.engine.dispose()
            assert audit.verifieer(server.system).ok

        def _geweigerd(self, i: int, waarde: str) -> bool:
            return any(waarde in g.velden for g in synchroniseren.geweigerde(self.laptops[i]))

    class MetControle(Model):
        def teardown(self):
            try:
                if getattr(self, "laptops", None):
                    self.controleer()
            finally:
                super().teardown()

    run_state_machine_as_test(MetControle, settings=settings(
        max_examples=4, stateful_step_count=30, deadline=None,
        suppress_health_check=list(HealthCheck)))


assert Store  # the type of the laptops
