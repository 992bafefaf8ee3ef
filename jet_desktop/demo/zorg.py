"""Demo stage 5, care in the dossiers: an ondersteuningsplan with Verklarende Analyse for most active and
many closed dossiers; toewijzingen (category, intensiteit, length, cost; ~8 % DVO maatwerk) with step-ups
and stapeling. From its own seeded stream (`zrng`), so adding it left the rest of the data set as it was."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from jet_desktop.demo import teksten as tx
from jet_desktop.demo.basis import OP, TW, Besluit
from jet_desktop.demo.schrijver import Writer
from jet_desktop.domain.dates import add_months


class ZorgStap:
    """Stage 5 of _Generator (generator.py), called per dossier by stage 4: plan and toewijzingen."""

    def _zorg(self, w: Writer, b: Besluit, did: uuid.UUID, geopend: date, einde: date | None, wie: str) -> None:
        rng, vandaag = self.zrng, self.vandaag
        # nothing is registered in a closed dossier, nor after today; care arranged before the dossier closes
        # may start after it (JET hands over to the specialist)
        grens = einde or vandaag
        v = b.plan.voornaam
        s = self.stats.setdefault("zorg", {"plannen": 0, "toewijzingen": 0, "dvo": 0, "jeugdigen": 0,
                                           "opschaling": 0, "samen": 0, "na_elkaar": 0})
        if rng.random() < (0.85 if einde is None else 0.6):
            if einde is None:
                vastgesteld = self._werkdag(geopend + timedelta(days=rng.randrange(7, 36)))
            else:  # settled before closing
                span = (einde - geopend).days
                vastgesteld = geopend + timedelta(days=rng.randrange(min(7, span), min(36, span) + 1))
            concept = vastgesteld > grens  # too new to be settled: a draft with the analysis so far
            w.add(OP, {"id": self.uid(rng), "dossier_id": did,
                       "va_kind": rng.choice(tx.VA_KIND).format(v=v),
                       "va_ouders": rng.choice(tx.VA_OUDERS),
                       "va_school": rng.choice(tx.VA_SCHOOL).format(v=v),
                       "va_netwerk": "" if concept and rng.random() < 0.5 else rng.choice(tx.VA_NETWERK).format(v=v),
                       "va_bestaanszekerheid": "" if concept else rng.choice(tx.VA_BESTAANSZEKERHEID),
                       "doelen": "" if concept else " ".join(d.format(v=v) for d in rng.sample(tx.DOELEN, 2)),
                       "vastgesteld_op": None if concept else vastgesteld,
                       "evaluatiedatum": None if concept else add_months(vastgesteld, rng.choice([3, 3, 6])),
                       **self.stamp(min(geopend + timedelta(days=3), grens), wie, None if concept else vastgesteld,
                                    rng)})
            s["plannen"] += 1
        if b.uitkomst not in self.kies_tw_categorie or rng.random() >= (
                0.85 if b.uitkomst == "specialistische_jeugdhulp" else 0.15):
            return
        # the first toewijzing a few weeks after the start (the Verklarende Analyse comes first)
        start = self._werkdag(geopend + timedelta(days=rng.randrange(14, 50)))
        if start > vandaag:
            return
        categorie = self.kies_tw_categorie[b.uitkomst](rng)
        eerste = self._toewijzing(did, categorie, self.kies_tw_intensiteit[categorie](rng), start, geopend, wie,
                                  grens)
        # rows are complete before they are added: adding may flush the batch (see _schrijf_aanmeldingen)
        tweede = None
        r = rng.random()
        if r < 0.12 and self.niveau[eerste["intensiteit"]] < 4:
            # opschaling: a heavier toewijzing within 180 days of the first start; the first one stops then
            op = self._werkdag(start + timedelta(days=rng.randrange(30, 170)))
            if op <= vandaag:
                hoger = [c for c, n in self.niveau.items() if n > self.niveau[eerste["intensiteit"]]]
                zelfde = categorie in ("45", "41", "40") and rng.random() < 0.6
                cat = categorie if zelfde else rng.choice(["41", "43"])
                toegestaan = [c for c in hoger if c in tx.INTENSITEIT_PER_CATEGORIE[cat]] or hoger
                tweede = self._toewijzing(did, cat, rng.choice(toegestaan), op, geopend, wie, grens)
                gestopt = op - timedelta(days=1)
                if eerste["einddatum"] is None or eerste["einddatum"] > gestopt:
                    eerste["einddatum"] = gestopt
                    eerste["updated_at"] = max(eerste["updated_at"], tweede["created_at"])
                s["opschaling"] += 1
        elif r < 0.24:
            # verticale stapeling: a second toewijzing running alongside the first
            samen = self._werkdag(start + timedelta(days=rng.randrange(0, 40)))
            if samen <= vandaag and (eerste["einddatum"] is None or samen <= eerste["einddatum"]):
                cat = rng.choice(tx.SAMEN_MET[categorie])
                tweede = self._toewijzing(did, cat, self.kies_tw_intensiteit[cat](rng), samen, geopend, wie, grens)
                s["samen"] += 1
        elif r < 0.32 and eerste["einddatum"] is not None:
            # horizontale stapeling: one following the other within weeks
            na = self._werkdag(eerste["einddatum"] + timedelta(days=rng.randrange(3, 42)))
            if na <= vandaag:
                cat = categorie if rng.random() < 0.7 else self.kies_tw_categorie[b.uitkomst](rng)
                tweede = self._toewijzing(did, cat, self.kies_tw_intensiteit[cat](rng), na, geopend, wie, grens)
                s["na_elkaar"] += 1
        for row in (eerste, tweede) if tweede else (eerste,):
            w.add(TW, row)
            s["toewijzingen"] += 1
            s["dvo"] += row["contractvorm"] == "dvo"
        s["jeugdigen"] += 1

    def _toewijzing(self, did: uuid.UUID, categorie: str, intensiteit: str, start: date, geopend: date,
                    wie: str, uiterlijk: date) -> dict:
        """A toewijzing row, registered a few days before its start (at the latest on `uiterlijk`)."""
        rng = self.zrng
        lo, hi = tx.DUUR_MAANDEN[categorie]
        dagen = max(14, round(rng.uniform(lo, hi) * 30.4))
        lo, hi = tx.KOSTEN_PER_MAAND[categorie]
        factor = 1.0 if categorie in tx.VAST_TARIEF else tx.INTENSITEIT_FACTOR[intensiteit]
        kosten = rng.uniform(lo, hi) * factor * dagen / 30.4
        if categorie in tx.KOSTEN_GRENZEN:
            kosten = min(max(kosten, tx.KOSTEN_GRENZEN[categorie][0]), tx.KOSTEN_GRENZEN[categorie][1])
        dvo = categorie == "50" or rng.random() < 0.05
        return {"id": self.uid(rng), "dossier_id": did, "productcategorie": categorie,
                "product": rng.choice(tx.PRODUCTEN[categorie]), "intensiteit": intensiteit,
                "aanbieder": rng.choice(tx.AANBIEDERS_PER_CATEGORIE[categorie]), "startdatum": start,
                # mostly a planned end; some open-ended
                "einddatum": None if rng.random() < 0.12 else start + timedelta(days=dagen),
                "geschatte_kosten": int(round(kosten, -1)), "contractvorm": "dvo" if dvo else "profiel",
                "dvo_motivering": rng.choice(tx.DVO_MOTIVERING) if dvo else "", "deleted_at": None,
                **self.stamp(max(geopend, min(start - timedelta(days=rng.randrange(0, 10)), uiterlijk)),
                             wie, rng=rng)}
