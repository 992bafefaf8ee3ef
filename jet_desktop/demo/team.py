"""Demo stage 1, the team: jeugdconsulenten (FTE 0.5-1.0) as many as the plan says (plan.py: the work the
intake and dossier lengths give), a teamleider per ~15 of them and a functioneel beheerder, past absences and
a few consulenten absent today; and who of them takes a case on a given day."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from jet_desktop.demo.basis import AF, M, Persoon
from jet_desktop.demo.keuze import Keuze
from jet_desktop.demo.plan import FTE_KEUZE
from jet_desktop.demo.schrijver import Writer
from jet_desktop.domain.caseload import capaciteit
from jet_desktop.domain.enums import Rol
from jet_desktop.domain.gebruikersnaam import uit_naam


class TeamStap:
    """Stage 1 of _Generator (generator.py): the team; and who is there to take a case on a day."""

    def _team(self, w: Writer) -> dict:
        rng, vandaag = self.rng, self.vandaag
        n = self.plan.consulenten
        begin = self.start - timedelta(days=rng.randrange(30, 400))
        namen: set = set()

        def uniek() -> str:
            while True:
                naam = self.naam()
                if naam not in namen:
                    namen.add(naam)
                    return naam

        consulenten = []
        for _ in range(n):
            c = Persoon(self.uid(), uniek(), fte=rng.choice(FTE_KEUZE))
            c.gewicht = c.fte * rng.uniform(0.85, 1.2)  # some take a little more than their share
            c.capaciteit = capaciteit(c.fte, self.norm)
            c.doel = c.capaciteit * c.gewicht / c.fte  # the active caseload they end up near
            consulenten.append(c)
        leiders = [Persoon(self.uid(), uniek()) for _ in range(self.plan.teamleiders)]
        beheerder = Persoon(self.uid(), uniek())
        bezet = set(w.conn.execute(select(M.c.gebruikersnaam).where(M.c.gebruikersnaam.is_not(None))).scalars())
        for p, rol in ([(c, Rol.CONSULENT) for c in consulenten] + [(t, Rol.TEAMLEIDER) for t in leiders]
                       + [(beheerder, Rol.BEHEERDER)]):
            w.add(M, {"id": p.id, "naam": p.naam, "rol": rol.value, "fte": p.fte, "actief": True, "deleted_at": None,
                      "gebruikersnaam": uit_naam(p.naam, bezet), "wachtwoord_hash": "",
                      **self.stamp(begin, "demo")})
        # absent today: a few consulenten (one or two in a small team), since a few days, for a few more weeks
        nu_afwezig = rng.sample(consulenten, min(n, self.plan.afwezig))
        for c in nu_afwezig:
            van = self._werkdag_terug(vandaag - timedelta(days=rng.randrange(1, 15)))
            tot = vandaag + timedelta(days=rng.randrange(7, 50))
            c.afwezig.append((van, tot))
        # past absences, never overlapping
        dagen = (vandaag - self.start).days
        for c in consulenten:
            for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
                reden = self.kies_afwezig(rng)
                lengte = {"Ziekte": rng.randrange(2, 15), "Verlof": rng.randrange(5, 22),
                          "Studieverlof": rng.randrange(1, 5), "Zwangerschapsverlof": 112,
                          "Langdurig ziek": rng.randrange(40, 150)}[reden]
                if dagen <= lengte + 60:
                    continue
                van = self._werkdag(self.start + timedelta(days=rng.randrange(dagen - lengte - 30)))
                tot = van + timedelta(days=lengte - 1)
                if tot >= vandaag or any(v <= tot and van <= t for v, t in c.afwezig):
                    continue
                c.afwezig.append((van, tot))
                self._afwezigheid(w, c, van, tot, reden)
        for c in nu_afwezig:
            van, tot = c.afwezig[0]
            self._afwezigheid(w, c, van, tot, rng.choice(["Ziekte", "Ziekte", "Langdurig ziek"]))
        for c in consulenten:
            c.afwezig.sort()
        cap = sum(c.capaciteit for c in consulenten)
        self.stats.update(consulenten=n, teamleiders=len(leiders), capaciteit=cap,
                          nu_afwezig=len(nu_afwezig))
        return {"consulenten": consulenten, "leiders": leiders, "capaciteit": cap,
                "kies": Keuze({i: c.gewicht for i, c in enumerate(consulenten)})}

    def _afwezigheid(self, w, c: Persoon, van: date, tot: date, reden: str) -> None:
        w.add(AF, {"id": self.uid(), "medewerker_id": c.id, "van": van, "tot": tot, "reden": reden,
                   "deleted_at": None, **self.stamp(van - timedelta(days=self.rng.randrange(0, 3)), c.naam)})
    def _aanwezig(self, team: dict, d: date) -> Persoon:
        consulenten, kies = team["consulenten"], team["kies"]
        for _ in range(20):
            c = consulenten[kies(self.rng)]
            if not c.afwezig_op(d):
                return c
        return c

    def _met_ruimte(self, team: dict, d: date) -> Persoon:
        """Of three colleagues present (drawn by FTE), the one with the most room: the active caseloads end
        near each one's own share (`doel`). Three, not the whole team: a team of 2,000 stays fast."""
        beste = self._aanwezig(team, d)
        for _ in range(2):
            c = self._aanwezig(team, d)
            if c.doel - c.actief > beste.doel - beste.actief:
                beste = c
        return beste

    def _iemand_anders(self, consulenten: list[Persoon], *niet: Persoon) -> Persoon:
        """Any consulent but these (the team has at least three: plan.MIN_CONSULENTEN)."""
        rng, n = self.rng, len(consulenten)
        while True:
            c = consulenten[int(rng.random() * n)]
            if c not in niet:
                return c

    def _ander(self, team: dict, d: date, *niet: Persoon | None) -> Persoon:
        for _ in range(30):
            c = self._aanwezig(team, d)
            if c not in niet:
                return c
        return next(c for c in team["consulenten"] if c not in niet)
