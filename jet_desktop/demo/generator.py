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
- JET outcomes wait for a consulent (wait times vary with busy periods); those still
  waiting on `vandaag` form the wachtlijst (about 1-2 % of aanmeldingen);
- dossiers with klikgesprek, consulent changes (geen klik, absence, herverdeling),
  contactmomenten, and closing dates chosen so the active caseload on `vandaag` is
  about the team's capacity (FTE x caseload norm);
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

from datetime import date

from sqlalchemy import func, select

from jet_desktop.demo.aanmeldingen import WACHTLIJST_MIN_FRACTIE, AanmeldingenStap
from jet_desktop.demo.basis import HISTORY_YEARS, A, Basis
from jet_desktop.demo.dossiers import MAX_DUUR_SCHAAL, DossiersStap
from jet_desktop.demo.gezinnen import GezinnenStap
from jet_desktop.demo.schrijver import Writer
from jet_desktop.demo.team import TeamStap
from jet_desktop.demo.zorg import ZorgStap
from jet_desktop.domain.errors import JetFout
from jet_desktop.storage.migrations import ensure_schema

__all__ = ["BATCH", "HISTORY_YEARS", "MAX_DUUR_SCHAAL", "MAX_JEUGDIGEN", "MIN_JEUGDIGEN", "WACHTLIJST_MIN_FRACTIE",
           "DemoGeweigerd", "generate"]

BATCH = 10_000  # rows per insert (read at every generate: a test makes it small)
MIN_JEUGDIGEN = 50
MAX_JEUGDIGEN = 200_000  # ~2.2 million rows; more would take hours and gigabytes for nothing a demo needs


# -------------------------------------------------------------------------------------------- the entry

class DemoGeweigerd(JetFout, ValueError):
    """No demo data written (Dutch message): a size out of bounds, or a store that is not empty or not JET's."""


def generate(url: str, jeugdigen: int = 2000, seed: int = 1, progress=None, vandaag: date | None = None) -> str:
    """Fill an empty store with demo data; returns a one-paragraph Dutch summary.

    `progress(done, total, label)` is called after every batch. Refuses (DemoGeweigerd, nothing
    written) a size outside MIN_JEUGDIGEN..MAX_JEUGDIGEN, a store that already holds aanmeldingen
    (demo data never mixes with real data), and a database that holds tables but is no JET store
    (it is never migrated and filled). A file that does not open raises WachtwoordzinFout.
    """
    if not MIN_JEUGDIGEN <= jeugdigen <= MAX_JEUGDIGEN:
        from jet_desktop.notatie import getal

        raise DemoGeweigerd(f"Demogegevens: kies tussen {MIN_JEUGDIGEN} en {getal(MAX_JEUGDIGEN)} jeugdigen "
                            f"(niet {getal(jeugdigen)}).")
    vandaag = vandaag or date.today()
    from jet_desktop.storage.herkenning import vreemde_tabellen
    from jet_desktop.storage.store import Store

    if vreemde_tabellen(url):  # a wrong key or a non-database file: WachtwoordzinFout; the file is left as it was
        raise DemoGeweigerd("Deze database is geen JET-gegevensset (er staan andere tabellen in); er zijn geen "
                            "demogegevens geladen en er is niets gewijzigd. Kies een nieuw bestand.")
    engine = Store.open(url, migrate=False).engine
    try:
        ensure_schema(engine)
        with engine.connect() as conn:
            if conn.execute(select(func.count()).select_from(A)).scalar_one():
                raise DemoGeweigerd("Deze gegevensset bevat al aanmeldingen; demogegevens worden alleen in een lege "
                                    "gegevensset geladen, zodat ze nooit met echte gegevens vermengen.")
        from jet_desktop.services import settings  # the team's own caseload norm, if it set one

        norm = settings.instellingen(Store(engine, "demo")).caseload_norm_per_fte
        gen = _Generator(seed, vandaag, jeugdigen, norm)
        with engine.begin() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:  # a big page cache: the random UUID keys make index inserts jump around the file
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
            w = Writer(conn, progress, total_hint=jeugdigen * 10, batch=BATCH)
            gen.run(w)
            if sqlite:
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
        w.report("Klaar")
        return gen.samenvatting(w)
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

    # ---- the summary

    def samenvatting(self, w: Writer) -> str:
        s = self.stats

        from jet_desktop.notatie import getal as n

        ext = round(100 * s["extern"] / max(s["aanmeldingen"], 1))
        z = s.get("zorg") or dict.fromkeys(("plannen", "toewijzingen", "dvo", "jeugdigen", "opschaling", "samen",
                                            "na_elkaar"), 0)
        dvo = round(100 * z["dvo"] / max(z["toewijzingen"], 1))
        return (
            f"Demogegevens geladen (peildatum {self.vandaag:%d-%m-%Y}, aanmeldingen vanaf {self.start:%d-%m-%Y}): "
            f"{n(s['jeugdigen'])} jeugdigen in {n(s['gezinnen'])} gezinnen met {n(s['ouders'])} ouders en "
            f"verzorgers; {n(s['aanmeldingen'])} aanmeldingen ({ext}% via een externe verwijzer), waarvan "
            f"{n(s['triage'])} nog wachten op een triagebesluit en {n(s['wachtlijst'])} op de wachtlijst staan; "
            f"{n(s['herzien'])} triagebesluiten zijn herzien. {n(s['dossiers'])} dossiers, waarvan {n(s['actief'])} "
            f"actief, met {n(s['contactmomenten'])} contactmomenten en {n(w.counts.get('klikgesprek', 0))} "
            f"klikgesprekken. Het team telt {s['consulenten']} jeugdconsulenten (capaciteit {n(s['capaciteit'])} "
            f"dossiers; {s['nu_afwezig']} vandaag afwezig), {s['teamleiders']} "
            f"teamleider{'s' if s['teamleiders'] > 1 else ''} en 1 functioneel beheerder. "
            f"Zorg: {n(z['plannen'])} ondersteuningsplannen; {n(z['toewijzingen'])} toewijzingen voor "
            f"{n(z['jeugdigen'])} dossiers ({dvo}% DVO maatwerk), {n(z['opschaling'])} keer opgeschaald binnen "
            f"180 dagen, {n(z['samen'])} keer twee tegelijk en {n(z['na_elkaar'])} keer kort na elkaar.")
