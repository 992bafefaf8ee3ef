"""Demo stage 3, aanmeldingen and triage: the outcome, urgentie and date of every triagebesluit (some
revised), who waits for a consulent and until when (the wachtlijst on `vandaag`: what the waits of a
normal team give, or a crisis of plan.py with `wachtlijst` waiting), the triage queue; then the
aanmelding and triagebesluit rows with their referrers and hulpvragen."""

from __future__ import annotations

import bisect
import math
from datetime import date, timedelta

from jet_desktop.codelists import uit_bestanden
from jet_desktop.demo import teksten as tx
from jet_desktop.demo.basis import A, Besluit, Plan, T
from jet_desktop.demo.plan import HOOG_VOORRANG
from jet_desktop.demo.schrijver import Writer
from jet_desktop.domain.dates import full_years
from jet_desktop.domain.enums import JET_UITKOMSTEN, HulpvraagCategorie

WACHTLIJST_MINIMUM = 5  # a normal team's wachtlijst has at least this many (a tiny demo shows something)


class AanmeldingenStap:
    """Stage 3 of _Generator (generator.py): triage decisions and the wachtlijst, then the aanmelding rows."""

    def _triage(self, plans: list[Plan], team: dict) -> list[Besluit]:
        rng, vandaag = self.rng, self.vandaag
        consulenten, leiders = team["consulenten"], team["leiders"]
        n = len(plans)
        besluiten = [Besluit(p) for p in plans]
        # the triage queue: a few dozen of the newest, mostly from the last days, some overdue
        k = max(8, min(48, round(4 * math.sqrt(n / 100))))
        kandidaten = [i for i in range(n) if (vandaag - plans[i].datum).days <= 21][-max(4 * k, 1):]
        if len(kandidaten) < k:
            kandidaten = list(range(max(0, n - 2 * k), n))
        sleutels = sorted(((rng.random() ** (1 + (vandaag - plans[i].datum).days / 2.5), i) for i in kandidaten),
                          reverse=True)
        open_triage = {i for _s, i in sleutels[:k]}
        totaal_dagen = (vandaag - self.start).days or 1
        piek = 0.4 * totaal_dagen  # a busy period in the past: longer waits then (visible in the trend)
        for i, b in enumerate(besluiten):
            p = b.plan
            b.aanmelding_id = self.uid()
            leeftijd = full_years(p.geboren, p.datum) if p.geboren else -1
            b.signalen = rng.random() < 0.10
            if i in open_triage:
                continue
            # outcome: safety signals push towards veiligheid, young adults towards ander domein
            u = self.kies_uitkomst(rng)
            if b.signalen and rng.random() < 0.3:
                u = "veiligheid"
            elif u == "veiligheid" and not b.signalen and rng.random() < 0.55:
                u = "zelf_oppakken"
            if leeftijd >= 18 and u in ("voorliggend_veld", "zelf_oppakken") and rng.random() < 0.35:
                u = "ander_domein"
            b.uitkomst = u
            r = rng.random()
            b.urgentie = ("spoed" if r < (0.2 if b.signalen else 0.035) else
                          "hoog" if r < (0.6 if b.signalen else 0.27) else "normaal")
            besloten = self._plus_werkdagen(p.datum, self.kies_triagedagen(rng))
            if b.urgentie == "spoed":
                besloten = self._plus_werkdagen(p.datum, rng.randrange(2))
            besloten = min(besloten, vandaag)
            b.door = rng.choice(leiders) if rng.random() < 0.2 else self._aanwezig(team, besloten)
            if rng.random() < 0.05:  # revised: the first decision stays as history
                herzien = self._plus_werkdagen(besloten, rng.randrange(2, 15))
                if herzien <= vandaag and (p.volgende is None or herzien < p.volgende):
                    b.eerder = (rng.choice([x for x in tx.UITKOMST_GEWICHT if x != u]), besloten)
                    besloten = herzien
            b.besloten = besloten
            if u not in JET_UITKOMSTEN:
                continue
            if rng.random() < 0.25:
                b.beoogd = consulenten[team["kies"](rng)]
            # waiting for a consulent: spoed within days, otherwise weeks (longer in busy periods), a few much longer
            if b.urgentie == "spoed":
                geopend = self._plus_werkdagen(besloten, rng.randrange(0, 5))
            else:
                t = (p.datum - self.start).days
                drukte = 1 + 0.8 * math.exp(-((t - piek) / 80) ** 2) + 0.15 * math.sin(t / 58)
                gemiddeld = 8 if b.urgentie == "hoog" else 16
                wacht = (4 if b.urgentie == "hoog" else 6) + rng.expovariate(1 / gemiddeld) * drukte
                if rng.random() < 0.03:
                    wacht += rng.uniform(45, 160)
                geopend = self._werkdag(besloten + timedelta(days=int(wacht)))
            if p.volgende is not None:  # the earlier case is finished well before the jeugdige returns
                geopend = max(besloten, min(geopend, self._werkdag_terug(p.volgende - timedelta(days=60))))
            b.geopend = geopend if geopend <= vandaag else None
        # a normal team: the wachtlijst is what the waits give; a few at least (the newest starts have not happened)
        if self.plan.wachtlijst is None:
            wachtend = sum(1 for b in besluiten if b.uitkomst in JET_UITKOMSTEN and b.geopend is None)
            if wachtend < WACHTLIJST_MINIMUM:
                gestart = sorted((b for b in besluiten if b.geopend is not None and b.plan.volgende is None),
                                 key=lambda b: (b.besloten, b.plan.volgorde), reverse=True)
                for b in gestart[:WACHTLIJST_MINIMUM - wachtend]:
                    b.geopend = None
        # and a spoed aanmelding waiting, since spoed never waits silently (the demo should show it)
        if not any(b.urgentie == "spoed" and b.geopend is None for b in besluiten if b.uitkomst in JET_UITKOMSTEN):
            spoed = [b for b in besluiten if b.uitkomst in JET_UITKOMSTEN and b.urgentie == "spoed"
                     and b.plan.volgende is None]
            if spoed:
                spoed[-1].geopend = None
        if self.plan.wachtlijst is not None:
            self._crisis(besluiten)
        return besluiten

    def _crisis(self, besluiten: list[Besluit]) -> None:
        """A team in a crisis: exactly `plan.wachtlijst` waiting on `vandaag`. Spoed and the earlier case of a
        returning jeugdige start as ever; the rest queue in order of triage (hoog `HOOG_VOORRANG` days ahead):
        the last ones wait, and those started during the crisis start in a steady stream (what the team's
        capacity allows), each no earlier than it would have anyway."""
        plan, vandaag = self.plan, self.vandaag
        rij = [b for b in besluiten if b.uitkomst in JET_UITKOMSTEN and b.urgentie != "spoed"
               and b.plan.volgende is None]
        buiten = sum(1 for b in besluiten if b.uitkomst in JET_UITKOMSTEN and b.geopend is None) - sum(
            1 for b in rij if b.geopend is None)
        wachten = max(0, min(len(rij), plan.wachtlijst - buiten))
        sleutels = [(b.besloten.toordinal() - (HOOG_VOORRANG if b.urgentie == "hoog" else 0), b.plan.volgorde)
                    for b in rij]
        volgorde = sorted(range(len(rij)), key=sleutels.__getitem__)
        gestart = len(rij) - wachten
        for i in volgorde[gestart:]:
            rij[i].geopend = None
        begin = vandaag - timedelta(days=plan.crisis_dagen)
        k0 = min(gestart, bisect.bisect_left([sleutels[i] for i in volgorde], (begin.toordinal(), -1.0)))
        stroom = gestart - k0
        for j, i in enumerate(volgorde[k0:gestart]):
            b = rij[i]
            slot = self._werkdag(begin + timedelta(days=int((j + 0.5) * plan.crisis_dagen / stroom)))
            geopend = max(slot, b.besloten if b.geopend is None else b.geopend)
            b.geopend = min(geopend, vandaag)

    def _schrijf_aanmeldingen(self, w: Writer, besluiten: list[Besluit]) -> None:
        rng = self.rng
        volgnummer: dict[int, int] = {}
        categorieen = [c.value for c in HulpvraagCategorie]
        stats = {"triage": 0, "wachtlijst": 0, "herzien": 0, "extern": 0}
        extern = {r.route for r in uit_bestanden().verwijzers if r.extern}
        for b in besluiten:
            p = b.plan
            jaar = p.datum.year
            volgnummer[jaar] = volgnummer.get(jaar, 0) + 1
            route = self.kies_route(rng)
            stats["extern"] += route in extern
            organisatie = self._verwijzer(route, p)
            contactpersoon = self.naam() if organisatie and rng.random() < 0.9 else ""
            leeftijd = full_years(p.geboren, p.datum) if p.geboren else -1
            if p.geboren is None:
                cats = rng.sample(["opvoeding", "bestaanszekerheid", "onveiligheid"], rng.choice([1, 1, 2]))
                hulpvraag = " ".join(rng.sample(tx.ONGEBOREN_HULPVRAAG, len(cats)))
            else:
                groep = "jong" if leeftijd < 4 else "school" if leeftijd < 18 else "volwassen"
                cats = []
                for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                    c = self.kies_categorie[groep](rng)
                    if c not in cats:
                        cats.append(c)
                if b.signalen and "onveiligheid" not in cats and rng.random() < 0.5:
                    cats.append("onveiligheid")
                hulpvraag = " ".join(rng.choice(tx.HULPVRAAG[c]).format(v=p.voornaam) for c in cats)
            cats.sort(key=categorieen.index)
            steun = rng.random() < 0.3
            laatste = b.geopend or b.besloten or p.datum
            wacht = b.uitkomst in JET_UITKOMSTEN and b.geopend is None
            stats["wachtlijst"] += wacht
            # ids first: adding a row may flush the batch, so a buffered row is never changed afterwards
            vorig = self.uid() if b.eerder else None
            bid = self.uid() if b.uitkomst else None
            w.add(A, {
                "id": b.aanmelding_id, "dossiernummer": f"{jaar}-{volgnummer[jaar]:05d}", "jeugdige_id": p.jeugdige_id,
                "aanmelddatum": p.datum, "verwijzer_route": route, "verwijzer_organisatie": organisatie,
                "verwijzer_contactpersoon": contactpersoon, "hulpvraag": hulpvraag,
                "hulpvraag_categorieen": ",".join(cats),
                "veiligheidssignalen": " ".join(rng.sample(tx.VEILIGHEIDSSIGNALEN, rng.choice([1, 1, 2])))
                if b.signalen else "",
                "regie": self.kies_regie(rng),
                "steunfiguur_naam": self.naam() if steun else "",
                "steunfiguur_relatie": rng.choice(tx.STEUNFIGUUR_RELATIE) if steun else "",
                "huidig_besluit_id": bid, "op_wachtlijst": wacht,
                "deleted_at": None, **self.stamp(p.datum, "demo", laatste)})
            if b.uitkomst is None:
                stats["triage"] += 1
                continue
            if b.eerder:  # the first decision stays as history; the revision points at it
                uitkomst, datum = b.eerder
                w.add(T, self._besluit_rij(vorig, b, uitkomst, datum, None))
                stats["herzien"] += 1
            w.add(T, self._besluit_rij(bid, b, b.uitkomst, b.besloten, vorig))
        self.stats.update(aanmeldingen=len(besluiten), **stats)

    def _besluit_rij(self, bid, b: Besluit, uitkomst: str, datum: date, vorig) -> dict:
        rng = self.rng
        org = rng.choice(tx.ORGANISATIES[uitkomst]) if uitkomst in tx.ORGANISATIES else ""
        motivering = rng.choice(tx.MOTIVERING[uitkomst])
        if vorig is not None:
            motivering += " Besluit herzien na nieuwe informatie."
        return {"id": bid, "aanmelding_id": b.aanmelding_id, "besloten_op": datum, "besloten_door_id": b.door.id,
                "uitkomst": uitkomst, "urgentie": b.urgentie, "motivering": motivering, "organisatie": org,
                "beoogd_consulent_id": b.beoogd.id if b.beoogd and uitkomst in JET_UITKOMSTEN else None,
                "vorig_besluit_id": vorig, **self.stamp(datum, b.door.naam)}

    def _verwijzer(self, route: str, p: Plan) -> str:
        rng = self.rng
        if route in ("huisarts", "zorgdomein", "poh_jeugd"):
            return p.huisarts if rng.random() < 0.85 else rng.choice(self.huisartsen)
        if route == "school":
            return p.school or rng.choice(tx.BASISSCHOLEN + tx.VOORTGEZET)
        if route == "amaryllis":
            return f"Amaryllis, team {p.wijk}"
        return rng.choice(tx.VASTE_VERWIJZERS.get(route, [""]))
