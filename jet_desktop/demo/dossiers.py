"""Demo stage 4, dossiers: the start with a consulent, klikgesprek, consulent changes (geen klik, absence,
herverdeling), contactmomenten, and closing dates: dossiers last months (plan.py: the team is as big as
that work), all lengths fine-tuned together within `DUUR_SCHAAL_GRENZEN` so the active caseload on `vandaag`
is about the team's capacity; the care in each dossier is stage 5 (zorg.py)."""

from __future__ import annotations

import math
from datetime import timedelta

from jet_desktop.demo import teksten as tx
from jet_desktop.demo.basis import CW, Besluit, C, D, K
from jet_desktop.demo.plan import DUUR_MEDIAAN, DUUR_SCHAAL_GRENZEN, DUUR_SIGMA
from jet_desktop.demo.schrijver import Writer
from jet_desktop.domain.enums import ConsulentRol, KlikResultaat, WijzigingsReden


class DossiersStap:
    """Stage 4 of _Generator (generator.py): the dossiers and what happens in them."""

    def _dossiers(self, w: Writer, team: dict, gestart: list[Besluit]) -> None:
        rng, vandaag = self.rng, self.vandaag
        consulenten = team["consulenten"]
        # a natural length per dossier (months); one time scale for all, within DUUR_SCHAAL_GRENZEN, chosen so
        # that the dossiers still open on `vandaag` are about the team's capacity (the active caseload)
        mu = {k: math.log(m) for k, m in DUUR_MEDIAAN.items()}
        basis = [rng.lognormvariate(mu.get(b.uitkomst, mu["specialistische_jeugdhulp"]), DUUR_SIGMA)
                 for b in gestart]
        doel = round(team["capaciteit"] * rng.uniform(0.93, 1.07))
        verhoudingen = sorted((vandaag - b.geopend).days / d for b, d in zip(gestart, basis)
                              if b.plan.volgende is None)
        laag, hoog = DUUR_SCHAAL_GRENZEN
        schaal = min(hoog, max(laag, verhoudingen[doel])) if doel < len(verhoudingen) else hoog
        duren = [max(1.0, schaal * d) for d in basis]
        # re-estimate the work for the progress bar
        w.total = w.done + sum(len(rows) for rows in w.buffers.values()) + round(
            len(gestart) * 3.5 + sum(min(15, 2 + int(d) // 18) for d in duren))
        actief = contacten = wissels = geen_klik = gesloten = gesloten_dagen = 0
        for b, duur in zip(gestart, duren):
            p, geopend = b.plan, b.geopend
            einde = geopend + timedelta(days=int(duur))
            if p.volgende is not None:
                einde = min(einde, self._werkdag_terug(p.volgende - timedelta(days=30)))
            if p.volgende is None and (vandaag - geopend).days < duur:  # still open on `vandaag`
                einde = None
                actief += 1
            else:
                einde = max(geopend, self._werkdag_terug(einde))
                gesloten += 1
                gesloten_dagen += (einde - geopend).days
            eind = einde or vandaag
            did = self.uid()
            # primary consulent: the intended one if there, else someone present (weighted by FTE; for
            # the dossiers still open today, by room left, so the caseload ends up near capacity)
            if b.beoogd and rng.random() < 0.8 and not b.beoogd.afwezig_op(geopend):
                cons = b.beoogd
            elif einde is None:
                cons = self._met_ruimte(team, geopend)
            else:
                cons = self._aanwezig(team, geopend)
            tweede = None
            if rng.random() < 0.4:
                tweede = self._iemand_anders(consulenten, cons)
            wijzigingen = [(geopend, ConsulentRol.PRIMAIR, None, cons, WijzigingsReden.TOEWIJZING, "")]
            if tweede:
                wijzigingen.append((geopend, ConsulentRol.TWEEDE, None, tweede, WijzigingsReden.TOEWIJZING, ""))
            segmenten = [(geopend, cons)]  # who is primary from when
            # klikgesprek, usually within two weeks
            klik = None
            if rng.random() < 0.97:
                klik = self._werkdag(geopend + timedelta(days=rng.randrange(0, 15)))
                if klik > eind:
                    klik = geopend
                geen = rng.random() < 0.05
                w.add(K, {"id": self.uid(), "dossier_id": did, "medewerker_id": cons.id, "datum": klik,
                          "resultaat": (KlikResultaat.GEEN_KLIK if geen else KlikResultaat.KLIK).value,
                          "toelichting": rng.choice(["Jongere voelt zich niet gehoord.", "Ouders willen een ander.",
                                                     "Geen vertrouwen opgebouwd."]) if geen else "",
                          **self.stamp(klik, cons.naam)})
                if geen:
                    geen_klik += 1
                    nieuw = self._ander(team, klik, cons, tweede)
                    wijzigingen.append((klik, ConsulentRol.PRIMAIR, cons, nieuw, WijzigingsReden.GEEN_KLIK,
                                        "Geen klik na kennismaking."))
                    segmenten.append((klik, nieuw))
                    cons = nieuw
            # a past absence of the consulent during the dossier: the teamleider reassigned it
            start_na = klik or geopend
            for van, tot in cons.afwezig:
                if start_na < van <= eind and tot < vandaag and (tot - van).days >= 10 and rng.random() < 0.6:
                    nieuw = self._ander(team, van, cons, tweede)
                    wijzigingen.append((van, ConsulentRol.PRIMAIR, cons, nieuw, WijzigingsReden.AFWEZIGHEID,
                                        f"Afwezigheid van {cons.naam}."))
                    segmenten.append((van, nieuw))
                    cons = nieuw
                    break
            span = (eind - geopend).days
            if span > 40 and rng.random() < 0.03:
                datum = self._werkdag_terug(geopend + timedelta(days=rng.randrange(21, span)))
                if datum > segmenten[-1][0]:
                    nieuw = self._ander(team, datum, cons, tweede)
                    wijzigingen.append((datum, ConsulentRol.PRIMAIR, cons, nieuw, WijzigingsReden.HERVERDELING,
                                        "Herverdeling caseload."))
                    segmenten.append((datum, nieuw))
                    cons = nieuw
            if tweede and span > 40 and rng.random() < 0.04:
                datum = self._werkdag_terug(geopend + timedelta(days=rng.randrange(14, span)))
                nieuw_tweede = self._iemand_anders(consulenten, cons, tweede)
                wijzigingen.append((max(datum, geopend), ConsulentRol.TWEEDE, tweede, nieuw_tweede,
                                    WijzigingsReden.TWEEDE, ""))
                tweede = nieuw_tweede
            # contactmomenten: kennismaking first, afsluiting last, the rest spread over the open period
            aantal = max(2, min(15, 2 + span // 18 + rng.randrange(-1, 2)))
            dagen = [geopend]
            if einde is not None:
                dagen.append(einde)
            while len(dagen) < aantal:
                dagen.append(self._werkdag_terug(geopend + timedelta(days=rng.randrange(span + 1))))
            dagen = sorted(max(d, geopend) for d in dagen)
            laatste = max(dagen[-1], wijzigingen[-1][0], klik or geopend, einde or geopend)
            reden = self.kies_afsluit[b.uitkomst](rng) if einde else ""
            w.add(D, {"id": did, "aanmelding_id": b.aanmelding_id, "geopend_op": geopend, "consulent_id": cons.id,
                      "tweede_consulent_id": tweede.id if tweede else None, "afgesloten_op": einde,
                      "afsluitreden": reden,
                      "afsluit_toelichting": rng.choice(tx.AFSLUIT_TOELICHTING[reden]) if einde else "",
                      **self.stamp(geopend, cons.naam, laatste)})
            for datum, rol, van, naar, reden, toelichting in wijzigingen:
                w.add(CW, {"id": self.uid(), "dossier_id": did, "rol": rol.value, "van_id": van.id if van else None,
                           "naar_id": naar.id, "datum": datum, "reden": reden.value, "toelichting": toelichting,
                           **self.stamp(datum, "demo" if reden is WijzigingsReden.TOEWIJZING else naar.naam)})
            wissels += len(wijzigingen)
            if einde is None:
                cons.actief += 1
            self._zorg(w, b, did, geopend, einde, cons.naam)
            s = 0
            for j, d in enumerate(dagen):
                while s + 1 < len(segmenten) and segmenten[s + 1][0] <= d:
                    s += 1
                wie = segmenten[s][1]
                if j == 0:
                    soort, notitie = "huisbezoek", tx.KENNISMAKING.format(v=p.voornaam)
                elif einde is not None and j == len(dagen) - 1:
                    soort, notitie = rng.choice(["huisbezoek", "kantoor", "telefonisch"]), tx.AFSLUITING
                else:
                    soort = self.kies_contact(rng)
                    notitie = rng.choice(tx.CONTACT_NOTITIE[soort]).format(v=p.voornaam)
                w.add(C, {"id": self.uid(), "dossier_id": did, "medewerker_id": wie.id, "datum": d, "type": soort,
                          "duur_minuten": rng.choice(tx.CONTACT_DUUR[soort]), "notitie": notitie, "deleted_at": None,
                          **self.stamp(d, wie.naam)})
            contacten += len(dagen)
        self.stats.update(dossiers=len(gestart), actief=actief, contactmomenten=contacten, wisselingen=wissels,
                          geen_klik=geen_klik, duur_schaal=schaal, gesloten=gesloten,
                          duur_afgesloten=gesloten_dagen / gesloten if gesloten else 0.0)
