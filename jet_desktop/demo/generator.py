"""A realistic, reproducible demo data set, bulk-inserted with SQLAlchemy Core.

Same seed and `vandaag` give the same rows, ids and timestamps included: every random
choice comes from one seeded `random.Random` (Faker, seeded too, only fills name pools
once), UUIDs are drawn from it and timestamps derive from the generated dates, never
from the clock. Scales to 100,000 jeugdigen: rows are plain dicts inserted in batches
(executemany) in one transaction, never ORM objects.

The story the data tells (history of `HISTORY_YEARS` up to `vandaag`):
- a team of jeugdconsulenten (FTE 0.5-1.0) with a teamleider and a functioneel beheerder,
  past absences and one or two consulenten absent today;
- gezinnen with parents/carers (gezag), siblings, addresses in a dozen wijken, ~30 schools;
- aanmeldingen on working days, busier in recent years and after the summer, some
  jeugdigen returning years later; ~72 % via external referrers;
- triage within 0-15 working days, ~5 % revised; the newest aanmeldingen still undecided;
- JET outcomes wait a few weeks for a consulent (longer in busy periods); those still
  waiting on `vandaag` form the wachtlijst (about four weeks of JET intake); or, with
  `wachtlijst=N`, a team in a crisis with N waiting (aanmeldingen.py `_crisis`);
- dossiers of months (mean ~150 days) with klikgesprek, consulent changes (geen klik, absence,
  herverdeling), contactmomenten, and the active caseload on `vandaag` about the team's
  capacity (FTE x caseload norm);
- care in the dossiers (`_zorg`): an ondersteuningsplan with Verklarende Analyse for most
  active and many closed dossiers; toewijzingen for most specialistische_jeugdhulp dossiers
  and ~15 % of zelf_oppakken ones (mostly ambulant, cost by category, intensiteit and length,
  ~8 % DVO maatwerk), with step-ups within 180 days and stapeling (two at once, or one
  following another within weeks). These draw from their own seeded stream (`self.zrng`), so
  adding them left the rest of the data set as it was.

The stages, in the order they run (each a mixin of `_Generator`, drawing from the same streams in the
same order as when they were one file; tests/demo/test_generator_identiek.py holds the fingerprint):
- basis.py: the shared state, name pools and small tools; schrijver.py: the batched writer;
- team.py: the team and its absences; gezinnen.py: gezinnen, ouders and jeugdigen;
- aanmeldingen.py: triage, the wachtlijst, the aanmelding and triagebesluit rows;
- dossiers.py: dossiers, klikgesprekken, consulent changes, contactmomenten; zorg.py: plans and toewijzingen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from jet_desktop.demo.aanmeldingen import WACHTLIJST_MINIMUM, AanmeldingenStap
from jet_desktop.demo.basis import A, Basis
from jet_desktop.demo.dossiers import DossiersStap
from jet_desktop.demo.gezinnen import GezinnenStap
from jet_desktop.demo.plan import DUUR_SCHAAL_GRENZEN, HISTORY_YEARS, PlanFout, Teamplan, maak_plan
from jet_desktop.demo.schrijver import Writer
from jet_desktop.demo.team import TeamStap
from jet_desktop.demo.zorg import ZorgStap
from jet_desktop.domain.errors import JetFout

__all__ = ["BATCH", "DUUR_SCHAAL_GRENZEN", "HISTORY_YEARS", "MAX_JEUGDIGEN", "MIN_JEUGDIGEN", "WACHTLIJST_MINIMUM",
           "Demo", "DemoGeweigerd", "generate", "maak"]

BATCH = 10_000  # rows per insert (read at every generate: a test makes it small)
MIN_JEUGDIGEN = 50
MAX_JEUGDIGEN = 300_000  # ~4.5 million rows (a few minutes); more would take long for nothing a demo needs


# -------------------------------------------------------------------------------------------- the entry

class DemoGeweigerd(JetFout, ValueError):
    """No demo data written (Dutch message): a size out of bounds, or a store that is not empty or not JET's."""


@dataclass(frozen=True)
class Demo:
    """What `maak` wrote: the Dutch summary, the figures it is made of (`stats`) and the plan it followed."""

    samenvatting: str
    stats: dict
    plan: Teamplan


def generate(url: str, jeugdigen: int = 2000, seed: int = 1, progress=None, vandaag: date | None = None,
             wachtlijst: int | None = None) -> str:
    """Fill an empty store with demo data; returns a one-paragraph Dutch summary (`maak` gives its figures too).

    `progress(done, total, label)` is called after every batch. Refuses (DemoGeweigerd, nothing
    written) a size outside MIN_JEUGDIGEN..MAX_JEUGDIGEN, a `wachtlijst` (a team in a crisis with that
    many waiting) below 0 or above what the size allows (plan.max_wachtlijst), a store that already holds
    aanmeldingen (demo data never mixes with real data), and a database that holds tables but is no JET
    store (it is never migrated and filled). A file that does not open raises WachtwoordzinFout.
    """
    return maak(url, jeugdigen, seed, progress, vandaag, wachtlijst).samenvatting


def maak(url: str, jeugdigen: int = 2000, seed: int = 1, progress=None, vandaag: date | None = None,
         wachtlijst: int | None = None) -> Demo:
    """`generate`, returning the summary with its figures and the plan."""
    if not MIN_JEUGDIGEN <= jeugdigen <= MAX_JEUGDIGEN:
        from jet_desktop.notatie import getal

        raise DemoGeweigerd(f"Demogegevens: kies tussen {MIN_JEUGDIGEN} en {getal(MAX_JEUGDIGEN)} jeugdigen "
                            f"(niet {getal(jeugdigen)}).")
    if wachtlijst is not None and wachtlijst < 0:
        raise DemoGeweigerd(f"Demogegevens: --wachtlijst kan niet negatief zijn (niet {wachtlijst}).")
    vandaag = vandaag or date.today()
    try:  # the bound of --wachtlijst first: nothing is opened for a plan that cannot be
        maak_plan(jeugdigen, vandaag, wachtlijst=wachtlijst)
    except PlanFout as exc:
        raise DemoGeweigerd(f"Demogegevens: {exc}") from None
    from jet_desktop.storage.herkenning import vreemde_tabellen
    from jet_desktop.storage.store import Store

    if vreemde_tabellen(url):  # a wrong key or a non-database file: WachtwoordzinFout; the file is left as it was
        raise DemoGeweigerd("Deze database is geen JET-gegevensset (er staan andere tabellen in); er zijn geen "
                            "demogegevens geladen en er is niets gewijzigd. Kies een nieuw bestand.")
    engine = Store.open(url).engine  # an older store is copied before it is migrated (storage/bijwerken.py)
    try:
        with engine.connect() as conn:
            if conn.execute(select(func.count()).select_from(A)).scalar_one():
                raise DemoGeweigerd("Deze gegevensset bevat al aanmeldingen; demogegevens worden alleen in een lege "
                                    "gegevensset geladen, zodat ze nooit met echte gegevens vermengen.")
        from jet_desktop.services import settings  # the team's own caseload norm, if it set one

        norm = settings.instellingen(Store(engine, "demo")).caseload_norm_per_fte
        plan = maak_plan(jeugdigen, vandaag, norm, wachtlijst)
        gen = _Generator(seed, vandaag, jeugdigen, norm, plan)
        with engine.begin() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:  # a big page cache: the random UUID keys make index inserts jump around the file
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
            w = Writer(conn, progress, total_hint=jeugdigen * 10, batch=BATCH)
            gen.run(w)
            if sqlite:
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
        w.report("Klaar")
        return Demo(gen.samenvatting(w), gen.stats, plan)
    finally:
        engine.dispose()


class _Generator(Basis, TeamStap, GezinnenStap, AanmeldingenStap, DossiersStap, ZorgStap):
    """All stages on one state (basis.Basis); `run` calls them in their order."""

    def run(self, w: Writer) -> None:
        team = self._team(w)
        plans = self._gezinnen(w)
        besluiten = self._triage(plans, team)
        self._schrijf_aanmeldingen(w, besluiten)
        self._dossiers(w, team, [b for b in besluiten if b.geopend is not None])
        w.flush()
        self._realisme(team)

    def _realisme(self, team: dict) -> None:
        """The figures that show the data looks like a real team: dossier length, caseload, wachtlijst."""
        cons = team["consulenten"]
        ratio = [c.actief / c.capaciteit for c in cons if c.capaciteit]
        self.stats["realisme"] = {
            "duur_afgesloten": self.stats["duur_afgesloten"],  # mean days of the closed dossiers
            "caseload_gemiddeld": sum(c.actief for c in cons) / len(cons),  # active dossiers per consulent
            "norm_gemiddeld": sum(c.capaciteit for c in cons) / len(cons),  # capaciteit(fte, norm) per consulent
            "caseload_min": min(c.actief for c in cons), "caseload_max": max(c.actief for c in cons),
            # the team's load against its capacity, and the lowest and highest consulent against their own
            "ratio_gemiddeld": sum(c.actief for c in cons) / max(1, sum(c.capaciteit for c in cons)),
            "ratio_min": min(ratio), "ratio_max": max(ratio),
            "wachtlijst": self.stats["wachtlijst"], "crisis": self.plan.wachtlijst is not None}

    # ---- the summary

    def samenvatting(self, w: Writer) -> str:
        s = self.stats

        from jet_desktop.notatie import decimaal
        from jet_desktop.notatie import getal as n

        ext = round(100 * s["extern"] / max(s["aanmeldingen"], 1))
        z = s.get("zorg") or dict.fromkeys(("plannen", "toewijzingen", "dvo", "jeugdigen", "opschaling", "samen",
                                            "na_elkaar"), 0)
        dvo = round(100 * z["dvo"] / max(z["toewijzingen"], 1))
        r = s["realisme"]

        def pct(x: float) -> str:
            return f"{n(100 * x)}%"

        leiders = f"{n(s['teamleiders'])} teamleider{'s' if s['teamleiders'] > 1 else ''}"
        crisis = (" Het team zit in een crisis: er is plaats voor een deel van de instroom, de wachtlijst groeit."
                  if r["crisis"] else "")
        gevraagd = self.plan.wachtlijst
        if gevraagd is not None and gevraagd != r["wachtlijst"]:  # a small N: spoed and returning jeugdigen
            # wait outside the crisis' queue, and a crisis lasts at least CRISIS_MIN_DAGEN (docs/demo.md)
            crisis += (f" Gevraagd waren {n(gevraagd)} wachtenden; bij {n(s['jeugdigen'])} jeugdigen kan de "
                       f"wachtlijst niet zo kort worden gemaakt, het werden er {n(r['wachtlijst'])}.")
        return (
            f"Demogegevens geladen (peildatum {self.vandaag:%d-%m-%Y}, aanmeldingen vanaf {self.start:%d-%m-%Y}): "
            f"{n(s['jeugdigen'])} jeugdigen in {n(s['gezinnen'])} gezinnen met {n(s['ouders'])} ouders en "
            f"verzorgers; {n(s['aanmeldingen'])} aanmeldingen ({ext}% via een externe verwijzer), waarvan "
            f"{n(s['triage'])} nog wachten op een triagebesluit en {n(s['wachtlijst'])} op de wachtlijst staan; "
            f"{n(s['herzien'])} triagebesluiten zijn herzien. {n(s['dossiers'])} dossiers, waarvan {n(s['actief'])} "
            f"actief, met {n(s['contactmomenten'])} contactmomenten en {n(w.counts.get('klikgesprek', 0))} "
            f"klikgesprekken. Het team telt {n(s['consulenten'])} jeugdconsulenten (capaciteit {n(s['capaciteit'])} "
            f"dossiers; {n(s['nu_afwezig'])} vandaag afwezig), {leiders} en 1 functioneel beheerder. "
            f"Zorg: {n(z['plannen'])} ondersteuningsplannen; {n(z['toewijzingen'])} toewijzingen voor "
            f"{n(z['jeugdigen'])} dossiers ({dvo}% DVO maatwerk), {n(z['opschaling'])} keer opgeschaald binnen "
            f"180 dagen, {n(z['samen'])} keer twee tegelijk en {n(z['na_elkaar'])} keer kort na elkaar. "
            f"Realisme: een afgesloten dossier duurde gemiddeld {n(r['duur_afgesloten'])} dagen; een jeugdconsulent "
            f"heeft gemiddeld {decimaal(r['caseload_gemiddeld'])} actieve dossiers bij een norm van "
            f"{decimaal(r['norm_gemiddeld'])} ({pct(r['ratio_gemiddeld'])}; per jeugdconsulent laagste "
            f"{pct(r['ratio_min'])}, hoogste {pct(r['ratio_max'])} van de eigen norm); {n(r['wachtlijst'])} aanmeldingen wachten op "
            f"een jeugdconsulent.{crisis}")
