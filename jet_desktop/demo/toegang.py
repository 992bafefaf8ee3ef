"""A realistic, reproducible registration file of the other toegangsvormen (for the import).

Writes the layout of domain.md "Monitor toegang" for POH Jeugd, Jeugdondersteuner and
Amaryllis: one row per traject, as such a register would export it (CSV as Excel writes it,
dates dd-mm-jjjj; or XLSX with real date cells). Same seed and arguments give the same file.

The story the numbers tell:
- POH Jeugd: about 41 % zelf geholpen and 47 % doorverwezen to jeugdhulp (specialistisch or via
  the Jeugdexpertteam), of the own cases half within 2 gesprekken, 80 % within 5 and 75 %
  within 10 weeks (the Heerenveen letter, footnote 2); the Jeugdondersteuner (school) and
  Amaryllis (wijkteam) help more themselves and refer more to the voorliggend veld;
- gesprekken 1-12; referrals come after a few talks, own support takes weeks to months;
- about 5 % of the trajecten still run on `tot` (no einddatum, no uitkomst);
- some jeugdigen come back for a second traject (same or another toegangsvorm).

Streams rows (csv writer / openpyxl write-only), so 1,000,000 rows take seconds, not memory.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from jet_desktop.demo.keuze import Keuze
from jet_desktop.domain.enums import Toegangsvorm, TrajectUitkomst
from jet_desktop.domain.toegang_rijen import KOLOMMEN

U = TrajectUitkomst
VORMEN = {Toegangsvorm.POH_JEUGD: 45, Toegangsvorm.JEUGDONDERSTEUNER: 35, Toegangsvorm.AMARYLLIS: 20}
UITKOMSTEN = {
    Toegangsvorm.POH_JEUGD: {U.ZELF_GEHOLPEN: 41, U.VOORLIGGEND_VELD: 7.5, U.SPECIALISTISCH: 33, U.VIA_JET: 14,
                             U.GESTOPT: 4.5},
    Toegangsvorm.JEUGDONDERSTEUNER: {U.ZELF_GEHOLPEN: 52, U.VOORLIGGEND_VELD: 18, U.SPECIALISTISCH: 10,
                                     U.VIA_JET: 13, U.GESTOPT: 7},
    Toegangsvorm.AMARYLLIS: {U.ZELF_GEHOLPEN: 58, U.VOORLIGGEND_VELD: 12, U.SPECIALISTISCH: 13, U.VIA_JET: 11,
                             U.GESTOPT: 6},
}
# gesprekken: own support 50 % <= 2 and 80 % <= 5; a referral after a few talks; stopping early
GESPREKKEN_EIGEN = {1: 20, 2: 30, 3: 12, 4: 10, 5: 8, 6: 5, 7: 4, 8: 3, 9: 3, 10: 2, 11: 2, 12: 1}
GESPREKKEN_VERWIJZING = {1: 30, 2: 35, 3: 20, 4: 10, 5: 3, 6: 2}
GESPREKKEN_GESTOPT = {1: 50, 2: 30, 3: 20}
EIGEN_BINNEN_10_WEKEN = 0.69  # of own cases with 2+ gesprekken; with the one-talk cases ~75 % overall
LOPEND = 0.05
TWEEDE_TRAJECT = 0.08
ZELFDE_VORM_BIJ_TWEEDE = 0.6


def standaard_periode(vandaag: date | None = None) -> tuple[date, date]:
    """The default period: 1 January three years ago up to today."""
    vandaag = vandaag or date.today()
    return date(vandaag.year - 3, 1, 1), vandaag


def trajecten(rijen: int, seed: int, van: date, tot: date):
    """Yields (toegangsvorm, client_id, startdatum, einddatum|None, gesprekken, uitkomst|None)."""
    if tot < van:
        raise ValueError("tot ligt vóór van")
    rng = random.Random(seed)
    vorm_keuze = Keuze(VORMEN)
    uitkomst_keuze = {v: Keuze(m) for v, m in UITKOMSTEN.items()}
    eigen, verwijzing, gestopt = Keuze(GESPREKKEN_EIGEN), Keuze(GESPREKKEN_VERWIJZING), Keuze(GESPREKKEN_GESTOPT)
    dagen = (tot - van).days
    offset = rng.randrange(10**8)
    pool: list[tuple[str, int]] = []  # (client_id, day number of the einddatum) of closed trajecten
    nieuwe_jeugdigen = 0
    datums = [van + timedelta(i) for i in range(dagen + 1)]
    kans = rng.random

    def getal(a: int, b: int) -> int:  # getal(a, b), but cheaper
        return a + int(kans() * (b - a + 1))

    for _ in range(rijen):
        vorm = vorm_keuze(rng)
        client = start = None
        if pool and kans() < TWEEDE_TRAJECT:
            i = int(kans() * len(pool))
            client, eind_eerder = pool[i]
            pool[i] = pool[-1]
            pool.pop()
            start = eind_eerder + getal(14, 365)
            if start > dagen:
                client = start = None  # no room for a second traject before `tot`: a new jeugdige instead
            elif kans() >= ZELFDE_VORM_BIJ_TWEEDE:
                vorm = rng.choice([v for v in VORMEN if v != vorm])
        if client is None:
            client = f"J{(nieuwe_jeugdigen * 73_856_093 + offset) % 10**8:08d}"  # unique: coprime to 10**8
            nieuwe_jeugdigen += 1

        if kans() < LOPEND:
            if start is None:
                start = dagen - getal(0, min(120, dagen))
            yield vorm, client, datums[start], None, getal(1, 6), None
            continue

        uitkomst = uitkomst_keuze[vorm](rng)
        if uitkomst is U.ZELF_GEHOLPEN:
            gesprekken = eigen(rng)
            if gesprekken == 1:
                duur = 0
            elif kans() < EIGEN_BINNEN_10_WEKEN:
                duur = getal(7 * (gesprekken - 1) // 2 + 1, 70) if gesprekken < 10 else 70
            else:
                duur = getal(71, 300)
        elif uitkomst is U.GESTOPT:
            gesprekken = gestopt(rng)
            duur = 0 if gesprekken == 1 else getal(7, 90)
        else:
            gesprekken = verwijzing(rng)
            duur = 0 if gesprekken == 1 else getal(5 * gesprekken, 60)
        if start is None:
            start = getal(0, max(0, dagen - duur))
        eind = start + duur
        if eind > dagen:  # a second traject that has not ended by `tot`: still running
            yield vorm, client, datums[start], None, max(1, gesprekken // 2), None
            continue
        if len(pool) < 20_000:
            pool.append((client, eind))
        yield vorm, client, datums[start], datums[eind], gesprekken, uitkomst


def schrijf_toegang_bestand(path, rijen: int, seed: int = 1, van: date | None = None, tot: date | None = None,
                            formaat: str = "csv", scheidingsteken: str = ";",
                            progress: Callable[[int, int], None] | None = None) -> int:
    """Write `rijen` trajecten to `path` (CSV in UTF-8 with BOM, or XLSX); returns the number written."""
    if formaat not in ("csv", "xlsx"):
        raise ValueError(f"onbekend formaat {formaat!r} (csv of xlsx)")
    if van is None or tot is None:
        standaard_van, standaard_tot = standaard_periode()
        van, tot = van or standaard_van, tot or standaard_tot
    path = Path(path)
    rows = trajecten(rijen, seed, van, tot)
    stap = max(1, min(50_000, rijen // 20 or 1))
    if formaat == "xlsx":
        return _schrijf_xlsx(path, rows, rijen, progress, stap)
    teksten: dict[date, str] = {}

    def tekst(d: date | None) -> str:
        if d is None:
            return ""
        s = teksten.get(d)
        if s is None:
            s = teksten[d] = d.strftime("%d-%m-%Y")
        return s

    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=scheidingsteken)
        w.writerow(KOLOMMEN)
        buffer = []
        for vorm, client, start, eind, gesprekken, uitkomst in rows:
            buffer.append((vorm.label, client, tekst(start), tekst(eind), gesprekken,
                           uitkomst.label if uitkomst else ""))
            n += 1
            if len(buffer) >= 10_000:
                w.writerows(buffer)
                buffer.clear()
            if progress and n % stap == 0:
                progress(n, rijen)
        w.writerows(buffer)
    if progress:
        progress(n, rijen)
    return n


def _schrijf_xlsx(path: Path, rows, rijen: int, progress, stap: int) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Trajecten")
    ws.append(list(KOLOMMEN))
    n = 0
    for vorm, client, start, eind, gesprekken, uitkomst in rows:
        ws.append([vorm.label, client, start, eind, gesprekken, uitkomst.label if uitkomst else None])
        n += 1
        if progress and n % stap == 0:
            progress(n, rijen)
    wb.save(path)
    if progress:
        progress(n, rijen)
    return n
