"""Demo stage 2, gezinnen: parents and carers (gezag), siblings, addresses in a dozen wijken, schools;
the jeugdigen, each with the plan of their aanmelding(en) (some return years later)."""

from __future__ import annotations

import random
from datetime import timedelta

from jet_desktop.demo import teksten as tx
from jet_desktop.demo.basis import GL, G, J, Plan, hoofdletter
from jet_desktop.demo.keuze import Keuze
from jet_desktop.demo.plan import aanmelddag_gewichten
from jet_desktop.demo.schrijver import Writer
from jet_desktop.domain.dates import add_months, full_years


def _bsn(rng: random.Random, used: set) -> str:
    """A fresh nine-digit number that passes the eleven-test (weights 9..2 and -1)."""
    while True:
        digits = [rng.randrange(1, 7)] + [rng.randrange(10) for _ in range(7)]
        last = sum((9 - i) * d for i, d in enumerate(digits)) % 11
        if last <= 9:
            bsn = "".join(map(str, digits)) + str(last)
            if bsn not in used:
                used.add(bsn)
                return bsn


def _split_achternaam(naam: str) -> tuple[str, str]:
    """'van der Ploeg' -> ('van der', 'Ploeg'): Faker writes the tussenvoegsel in the surname."""
    for t in ("van der ", "van den ", "van de ", "van 't ", "in 't ", "van ", "de ", "den ", "der ", "ter ", "te ",
              "'t "):
        if naam.startswith(t):
            return t.strip(), naam[len(t):]
    return "", naam


class GezinnenStap:
    """Stage 2 of _Generator (generator.py): gezinnen, ouders and jeugdigen, and the plans of their aanmeldingen."""

    def _dag_keuze(self) -> Keuze:
        """Aanmelddatum: working days, busier in recent years and after the summer, quiet in the holidays."""
        return Keuze(aanmelddag_gewichten(self.start, self.vandaag))

    def _gezinnen(self, w: Writer) -> list[Plan]:
        rng, vandaag = self.rng, self.vandaag
        kies_dag = self._dag_keuze()
        leeftijd = Keuze(dict(enumerate([3, 3, 4, 4, 5, 6, 7, 8, 8, 8, 8, 8, 9, 9, 9, 8, 7, 5, 2.5, 1.5, 1, 0.7,
                                          0.5, 0.4])))
        used_bsn: set = set()
        plans: list[Plan] = []
        n_kinderen = n_gezinnen = n_ouders = 0
        while n_kinderen < self.jeugdigen:
            gezin_id = self.uid()
            wijk, plaats, pc4, straten = self.wijken[self.kies_wijk(rng)]
            adres = f"{rng.choice(straten)} {rng.randrange(1, 160)}{rng.choice(['', '', '', '', 'a', '-2'])}"
            postcode = f"{pc4 + rng.randrange(3)} {rng.choice('ABCDEGHJKLMNPRSTVWX')}{rng.choice('ABCDEGHJKLNPRSTVXZ')}"
            huisarts = rng.choice(self.huisartsen)
            eerste = kies_dag(rng)
            # parents and carers
            vader_naam = rng.choice(self.pool_achternaam)
            moeder_naam = vader_naam if rng.random() < 0.25 else rng.choice(self.pool_achternaam)
            vorm = rng.random()
            if vorm < 0.60:
                ouders = [(f"{rng.choice(self.pool_v)} {moeder_naam}", "moeder", rng.random() < 0.97),
                          (f"{rng.choice(self.pool_m)} {vader_naam}", "vader", rng.random() < 0.9)]
                kind_naam = vader_naam
            elif vorm < 0.86:  # single mother, the children mostly carry the father's name
                ouders = [(f"{rng.choice(self.pool_v)} {moeder_naam}", "moeder", True)]
                kind_naam = vader_naam if rng.random() < 0.6 else moeder_naam
            elif vorm < 0.91:
                ouders = [(f"{rng.choice(self.pool_m)} {vader_naam}", "vader", True)]
                kind_naam = vader_naam
            elif vorm < 0.93:
                ouders = [(f"{rng.choice(self.pool_v)} {moeder_naam}", "ouder", True),
                          (f"{rng.choice(self.pool_v)} {rng.choice(self.pool_achternaam)}", "ouder", rng.random() < 0.8)]
                kind_naam = moeder_naam
            elif vorm < 0.98:  # foster family; a GI holds gezag as voogd
                pleeg = rng.choice(self.pool_achternaam)
                ouders = [(f"{rng.choice(self.pool_v)} {pleeg}", "pleegouder", False),
                          (f"{rng.choice(self.pool_m)} {pleeg}", "pleegouder", False),
                          (f"{self.naam()} ({rng.choice(tx.VASTE_VERWIJZERS['gi'])})", "voogd", True)]
                kind_naam = vader_naam
            else:  # with grandparents
                ouders = [(f"{rng.choice(self.pool_v)} {moeder_naam}", "grootouder", False),
                          (f"{rng.choice(self.pool_v)} {rng.choice(self.pool_achternaam)}", "moeder", True)]
                kind_naam = moeder_naam
            tussen, kern = _split_achternaam(kind_naam)
            w.add(G, {"id": gezin_id, "naam": f"Gezin {hoofdletter(kind_naam)}", **self.stamp(eerste)})
            n_gezinnen += 1
            for naam, relatie, gezag in ouders:
                telefoon = (f"088-{rng.randrange(1000000, 9999999)}" if relatie == "voogd"
                            else f"06-{rng.randrange(10000000, 99999999)}" if rng.random() < 0.95 else "")
                w.add(GL, {"id": self.uid(), "gezin_id": gezin_id, "naam": naam, "relatie": relatie, "gezag": gezag,
                           "telefoon": telefoon, "deleted_at": None, **self.stamp(eerste)})
                n_ouders += 1
            # children: ages a few years apart, siblings often referred together ("één gezin, één plan")
            aantal = rng.choices((1, 2, 3), weights=(68, 24, 8))[0]
            ouder_leeftijd = leeftijd(rng)
            voornamen: set = set()
            for k in range(aantal):
                if n_kinderen >= self.jeugdigen:
                    break
                if k == 0:
                    datum = eerste
                elif rng.random() < 0.65:
                    datum = eerste
                else:
                    datum = self._werkdag(eerste + timedelta(days=rng.randrange(1, 120)))
                    if datum > vandaag:
                        datum = eerste
                jaren = ouder_leeftijd - (0 if k == 0 else rng.randrange(1, 5) * k)
                if jaren < 0 and rng.random() < 0.85:  # no younger child yet (rarely: one on the way)
                    break
                ongeboren = jaren < 0 or rng.random() < 0.004
                if ongeboren and k == 0 and aantal > 1:  # an unborn child is the youngest
                    ongeboren = False
                if ongeboren:
                    geboren, uitgerekend = None, datum + timedelta(days=rng.randrange(20, 270))
                    uitgerekend = min(uitgerekend, add_months(datum, 9))
                    jaren = -1
                else:
                    geboren = datum - timedelta(days=jaren * 365 + rng.randrange(5, 360) + jaren // 4)
                    uitgerekend = None
                    jaren = full_years(geboren, datum)
                geslacht = "x" if rng.random() < 0.005 else rng.choice("mv")
                while True:
                    voornaam = rng.choice(self.pool_m if geslacht == "m" or (geslacht == "x" and rng.random() < .5)
                                          else self.pool_v)
                    if voornaam not in voornamen:
                        voornamen.add(voornaam)
                        break
                school = self._school(jaren)
                jid = self.uid()
                w.add(J, {"id": jid, "gezin_id": gezin_id, "voornaam": voornaam, "tussenvoegsel": tussen,
                          "achternaam": kern, "geboortedatum": geboren, "uitgerekende_datum": uitgerekend,
                          "bsn": _bsn(rng, used_bsn) if (geboren is not None and rng.random() < 0.86) else None,
                          "geslacht": geslacht, "adres": adres, "postcode": postcode, "woonplaats": plaats,
                          "wijk": wijk, "school": school, **self.stamp(datum)})
                n_kinderen += 1
                plan = Plan(datum, rng.random(), jid, voornaam, geboren, uitgerekend, school, wijk, huisarts)
                plans.append(plan)
                # some return years later (the earlier case is closed by then)
                terug = datum
                while geboren is not None and rng.random() < (0.24 if terug is datum else 0.15):
                    terug = self._werkdag(terug + timedelta(days=rng.randrange(300, 1100)))
                    if terug > vandaag or full_years(geboren, terug) > 26:
                        break
                    plan.volgende = terug
                    plan = Plan(terug, rng.random(), jid, voornaam, geboren, None,
                                 self._school(full_years(geboren, terug)) if rng.random() < 0.5 else school,
                                 wijk, huisarts)
                    plans.append(plan)
        self.stats.update(jeugdigen=n_kinderen, gezinnen=n_gezinnen, ouders=n_ouders)
        plans.sort(key=lambda p: (p.datum, p.volgorde))
        return plans

    def _school(self, jaren: int) -> str:
        rng = self.rng
        if jaren < 0:
            return ""
        if jaren < 4:
            return rng.choice(tx.KINDEROPVANG) if rng.random() < 0.4 else ""
        if jaren < 12:
            return rng.choice(tx.SPECIAAL_ONDERWIJS) if rng.random() < 0.06 else rng.choice(tx.BASISSCHOLEN)
        if jaren < 16:
            return rng.choice(tx.SPECIAAL_ONDERWIJS[1:]) if rng.random() < 0.05 else rng.choice(tx.VOORTGEZET)
        if jaren < 19:
            return rng.choice(tx.VOORTGEZET if rng.random() < 0.5 else tx.MBO)
        return rng.choice(tx.MBO) if rng.random() < 0.35 else ""
