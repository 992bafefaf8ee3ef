"""The demo's plan: a team, an intake and dossier lengths that belong together at every size.

Pure (no Qt, no database, no randomness), so the plan for 300,000 jeugdigen can be checked without
generating it; the generator (generator.py) follows it and its summary shows what came out.

The model, in the order `maak_plan` works it out:
- intake: `AANMELDINGEN_PER_JEUGDIGE` aanmeldingen per jeugdige over `HISTORY_YEARS`, spread over the
  working days by `aanmelddag_gewichten` (busier in recent years, after the summer, quiet in the holidays),
  returns `TERUGKEER` days after the first; `JET_AANDEEL` of them are triaged to JET (zelf oppakken or
  specialistische jeugdhulp) and start a dossier some weeks after the aanmelding (`VERTRAGING`);
- dossiers last months: a lognormal length per dossier (`DUUR_MEDIAAN`, `DUUR_SIGMA`), the same at every
  size (the generator may stretch or shrink all of them together by at most `DUUR_SCHAAL_GRENZEN` to hit
  the team's capacity exactly);
- the team is as big as the work: the active caseload on `vandaag` (dossiers started and not yet over)
  divided by a consulent's mean capacity (FTE x caseload norm, domain/caseload.py) gives the number of
  jeugdconsulenten; a teamleider per `CONSULENTEN_PER_TEAMLEIDER`;
- the wachtlijst is what that gives: a normal team starts an aanmelding a few weeks after the triage
  (`VERTRAGING`), so about three to four weeks of JET intake are waiting;
- a team in a crisis (`wachtlijst=N`) has capacity for only part of its intake (`benutting`) for
  `crisis_dagen`, long enough that N aanmeldingen are waiting on `vandaag` with the team still at its
  norm; the team is then smaller than a normal team for the same intake.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from jet_desktop.domain.caseload import capaciteit
from jet_desktop.domain.dates import add_months

HISTORY_YEARS = 4
# measured on generated data (tests/demo/test_plan.py checks the generator still gives these)
AANMELDINGEN_PER_JEUGDIGE = 1.118  # some jeugdigen return, TERUGKEER days after their first aanmelding
TERUGKEER = (300, 1100)
JET_AANDEEL = 0.60  # of the aanmeldingen: triaged to zelf oppakken or specialistische jeugdhulp
# a dossier's natural length in days: median per uitkomst, lognormal spread; mean ~155 days (5 months)
DUUR_MEDIAAN = {"zelf_oppakken": 150.0, "specialistische_jeugdhulp": 110.0}
DUUR_AANDEEL = {"zelf_oppakken": 2 / 3, "specialistische_jeugdhulp": 1 / 3}
DUUR_SIGMA = 0.5
DUUR_SCHAAL_GRENZEN = (0.8, 1.25)  # the generator's fine-tuning of all lengths together
FTE_KEUZE = (0.5, 0.6, 0.67, 0.72, 0.8, 0.8, 0.89, 0.9, 1.0, 1.0)
MIN_CONSULENTEN = 3
CONSULENTEN_PER_TEAMLEIDER = 15
AFWEZIG_AANDEEL = 0.06  # absent today (one at least, two from 12 consulenten)
# a crisis: the team can start this share of its intake while the list grows, never less than the minimum
CRISIS_BENUTTING = 0.6
CRISIS_MIN_BENUTTING = 0.1
CRISIS_MIN_DAGEN = 60
CRISIS_MARGE_DAGEN = 120  # the crisis starts at least this long after the first aanmelding
HOOG_AANDEEL = 0.265  # of the JET outcomes: urgentie hoog (aanmeldingen.py)
SPOED_AANDEEL = 0.035  # and spoed
TERUGKEER_KANS = 0.22  # an aanmelding whose jeugdige returns (given time: TERUGKEER days; gezinnen.py)
HOOG_VOORRANG = 90  # in a crisis a 'hoog' aanmelding is started as if it had been decided this much earlier


def begin_historie(vandaag: date) -> date:
    """The first day of aanmeldingen: `HISTORY_YEARS` before `vandaag`, on a working day."""
    d = add_months(vandaag, -12 * HISTORY_YEARS)
    return d + timedelta(days=7 - d.weekday()) if d.weekday() >= 5 else d


def aanmelddag_gewichten(start: date, vandaag: date) -> dict[date, float]:
    """The relative number of aanmeldingen per working day from `start` up to `vandaag`."""
    seizoen = {1: 1.05, 2: 1.05, 3: 1.1, 4: 0.95, 5: 1.0, 6: 1.0, 7: 0.6, 8: 0.55, 9: 1.2, 10: 1.15, 11: 1.15,
               12: 0.8}
    totaal = (vandaag - start).days or 1
    gewichten = {}
    d = start
    while d <= vandaag:
        if d.weekday() < 5:
            trend = 0.8 + 0.45 * (d - start).days / totaal
            kerst = 0.3 if (d.month == 12 and d.day >= 24) or (d.month == 1 and d.day == 1) else 1.0
            gewichten[d] = trend * seizoen[d.month] * kerst
        d += timedelta(days=1)
    return gewichten


def gemiddelde_capaciteit(norm: float) -> float:
    """A jeugdconsulent's mean capacity: the mean of capaciteit(fte, norm) over the FTEs the demo draws."""
    return sum(capaciteit(f, norm) for f in FTE_KEUZE) / len(FTE_KEUZE)


def _vertraging() -> list[float]:
    """The days from the aanmelding to the start with a consulent in a normal team, as a distribution
    (aanmeldingen.py: triage in a few working days, then normaal 6 + ~16 days, hoog 4 + ~8, spoed within days,
    3 % much longer)."""
    kern = [0.0] * 200
    for aandeel, vast, gemiddeld in ((0.70, 11, 16.0), (0.265, 9, 8.0), (0.035, 1, 1.5)):
        for t in range(vast, 200):
            kern[t] += 0.97 * aandeel * (math.exp(-(t - vast) / gemiddeld) - math.exp(-(t + 1 - vast) / gemiddeld))
    for t in range(56, 171):  # +45..160 days on the usual wait
        kern[t] += 0.03 / 115
    return kern


VERTRAGING = _vertraging()


def _overleving(t: float) -> float:
    """The share of dossiers still open `t` days after their start (at scale 1)."""
    if t <= 0:
        return 1.0
    return sum(a * 0.5 * math.erfc((math.log(t) - math.log(DUUR_MEDIAAN[k])) / (DUUR_SIGMA * math.sqrt(2)))
               for k, a in DUUR_AANDEEL.items())


def gemiddelde_duur() -> float:
    """The mean natural dossier length in days."""
    return sum(a * m * math.exp(DUUR_SIGMA ** 2 / 2) for (k, m), a in
               zip(DUUR_MEDIAAN.items(), DUUR_AANDEEL.values()))


@dataclass(frozen=True)
class Teamplan:
    jeugdigen: int
    wachtlijst: int | None  # asked for (`--wachtlijst`), or None: what the team's capacity gives
    vandaag: date
    start: date  # the first aanmelding
    aanmeldingen: int  # expected over the whole history
    aanmeldingen_per_werkdag: float  # in the last three months
    jet_per_dag: float  # JET outcomes per calendar day in the last three months
    starts_per_dag: float  # dossiers started per calendar day lately (less than jet_per_dag in a crisis)
    consulenten: int
    teamleiders: int
    afwezig: int  # jeugdconsulenten absent on `vandaag`
    capaciteit: float  # expected: consulenten x mean capacity
    actief: float  # the active caseload the intake and dossier lengths give on `vandaag`
    duur_gemiddeld: float  # a dossier's mean natural length, days
    duur_afgesloten: float  # expected mean length of the dossiers closed by `vandaag`, days
    wachtend: float  # expected waiting on `vandaag`
    crisis_dagen: int  # 0: no crisis
    benutting: float  # the share of JET intake started during the crisis (1.0: none)
    max_wachtlijst: int  # the most `wachtlijst` may ask at this size


class PlanFout(ValueError):
    """A plan that cannot be: more waiting than the intake can give (Dutch message)."""


def max_wachtlijst(jeugdigen: int, vandaag: date) -> int:
    """The longest wachtlijst a crisis can give at this size."""
    return maak_plan(jeugdigen, vandaag).max_wachtlijst


def maak_plan(jeugdigen: int, vandaag: date, norm: float = 16.0, wachtlijst: int | None = None) -> Teamplan:
    """The team, intake and dossier lengths for `jeugdigen` (and a crisis with `wachtlijst` waiting)."""
    start = begin_historie(vandaag)
    gewichten = aanmelddag_gewichten(start, vandaag)
    som = sum(gewichten.values())
    dagen = (vandaag - start).days
    # aanmeldingen per day index (0 = start): first ones by the weights, returns some years later
    eerste = [0.0] * (dagen + 1)
    for d, g in gewichten.items():
        eerste[(d - start).days] = jeugdigen * g / som
    lo, hi = TERUGKEER
    cum = [0.0]
    for x in eerste:
        cum.append(cum[-1] + x)
    terug = [(cum[max(0, i - lo + 1)] - cum[max(0, i - hi)]) / (hi - lo) for i in range(dagen + 1)]
    factor = (AANMELDINGEN_PER_JEUGDIGE - 1) * jeugdigen / max(sum(terug), 1e-9)
    aanm = [e + factor * t for e, t in zip(eerste, terug)]
    aanmeldingen = sum(aanm)
    jet = [JET_AANDEEL * a for a in aanm]
    recent = [aanm[(d - start).days] for d in gewichten if (vandaag - d).days < 91]
    per_werkdag = sum(recent) / max(len(recent), 1)
    jet_per_dag = sum(jet[-91:]) / 91
    # waiting in a normal team: decided, not started yet (the newest few dozen are still in triage)
    wacht0 = sum(jet[dagen - t] * (1 - sum(VERTRAGING[:t + 1])) for t in range(min(dagen + 1, len(VERTRAGING))))
    wacht0 = max(0.0, wacht0 - JET_AANDEEL * max(8, min(48, 4 * math.sqrt(aanmeldingen / 100))))
    max_crisis = dagen - CRISIS_MARGE_DAGEN
    maximum = round(wacht0 + (1 - CRISIS_MIN_BENUTTING) * sum(jet[dagen - max_crisis:]))

    # the crisis: how long and how much of the intake the team can start meanwhile
    crisis, benutting = 0, 1.0
    if wachtlijst is not None:
        if wachtlijst > maximum:
            from jet_desktop.notatie import getal

            raise PlanFout(f"--wachtlijst: bij {getal(jeugdigen)} jeugdigen kunnen hoogstens {getal(maximum)} "
                           f"aanmeldingen wachten (niet {getal(wachtlijst)}); kies er minder of meer jeugdigen.")
        extra = wachtlijst - wacht0
        if extra > 0:
            crisis = round(min(max_crisis, max(CRISIS_MIN_DAGEN, extra / (jet_per_dag * (1 - CRISIS_BENUTTING)))))
            instroom = sum(jet[dagen - crisis:])
            benutting = max(CRISIS_MIN_BENUTTING, 1 - extra / instroom)
    # dossiers started per day index: the JET intake, each after its wait; in a crisis the intake decided
    # before it still starts so, and from its first day a steady stream from the queue (aanmeldingen._crisis)
    begin = dagen - crisis
    starts = [0.0] * (dagen + 1)
    for i, x in enumerate(jet):
        if x and (not crisis or i < begin):
            for t, p in enumerate(VERTRAGING[:dagen + 1 - i]):
                starts[i + t] += x * p
    if crisis:
        # outside the queue, starting as ever: spoed, the earlier case of a jeugdige who returned by `vandaag`
        # (most of the old aanmeldingen, none of the new), and hoog of the crisis' first HOOG_VOORRANG days
        lo, hi = TERUGKEER
        rij = 0.0
        for i in range(begin, dagen + 1):
            terug = TERUGKEER_KANS * min(1.0, max(0.0, (dagen - i - lo) / (hi - lo)))
            buiten = SPOED_AANDEEL + (1 - SPOED_AANDEEL) * terug
            if i < begin + HOOG_VOORRANG:
                buiten += (1 - buiten) * HOOG_AANDEEL
            rij += (1 - buiten) * jet[i]
            for t, p in enumerate(VERTRAGING[:dagen + 1 - i]):
                starts[i + t] += buiten * jet[i] * p
        stroom = max(0.0, rij - wachtlijst) / crisis
        for i in range(begin, dagen + 1):
            starts[i] += stroom
    actief = sum(s * _overleving(dagen - i) for i, s in enumerate(starts))
    # closed by `vandaag`: mean length of the dossiers that ended before their age
    cum_n = cum_t = 0.0
    dichtheid_n, dichtheid_t = [0.0] * (dagen + 2), [0.0] * (dagen + 2)
    vorig = 1.0
    for t in range(1, dagen + 2):
        s = _overleving(t)
        p = vorig - s
        vorig = s
        cum_n += p
        cum_t += p * (t - 0.5)
        dichtheid_n[t], dichtheid_t[t] = cum_n, cum_t
    gesloten_n = sum(s * dichtheid_n[dagen - i] for i, s in enumerate(starts))
    gesloten_t = sum(s * dichtheid_t[dagen - i] for i, s in enumerate(starts))
    gem_cap = gemiddelde_capaciteit(norm)
    consulenten = max(MIN_CONSULENTEN, round(actief / gem_cap))
    return Teamplan(
        jeugdigen=jeugdigen, wachtlijst=wachtlijst, vandaag=vandaag, start=start, aanmeldingen=round(aanmeldingen),
        aanmeldingen_per_werkdag=per_werkdag, jet_per_dag=jet_per_dag,
        starts_per_dag=sum(starts[-91:]) / 91, consulenten=consulenten,
        teamleiders=max(1, round(consulenten / CONSULENTEN_PER_TEAMLEIDER)),
        afwezig=max(1 if consulenten < 12 else 2, round(AFWEZIG_AANDEEL * consulenten)),
        capaciteit=consulenten * gem_cap, actief=actief, duur_gemiddeld=gemiddelde_duur(),
        duur_afgesloten=gesloten_t / max(gesloten_n, 1e-9),
        wachtend=float(wachtlijst) if wachtlijst is not None else wacht0,
        crisis_dagen=crisis, benutting=benutting, max_wachtlijst=maximum)
