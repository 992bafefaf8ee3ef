"""The Monitor toegang charts for the PDF, as vector graphics (reportlab.graphics, no images).

The same three charts as the screen (ui/pages/monitor_page.py, drawn by ui/charts.py):

- the wachtlijst over time: the number waiting on every Monday (a line, the area under it
  lightly filled, month labels on the x axis, the last value labelled);
- the caseload per consulent today: a horizontal bar per consulent with a mark at its capacity
  (FTE × norm), red when the caseload is above it;
- the doorverwijzingen per vorm van jeugdhulp: a horizontal bar per vorm with its count.

Each chart is a `reportlab.graphics.shapes.Drawing` (a platypus Flowable) built from paths and
text in the fonts the PDF registers (reports/pdf.py): sharp at any zoom, a few kilobytes, and its
titles and labels are text in the PDF.

Publication (`drempel`): a plotted count from 1 to drempel-1 is not drawn, exactly like the table
shows it as "<drempel" (domain.publicatie): the line breaks there and a grey band from 0 to the
drempel marks the week; a bar is replaced by a grey block up to the drempel with the text "<5".
The scales are set from the values that are shown (and the drempel), so the size of an axis
never tells a hidden value either. A caption under each chart says what was left out.
Capacity (FTE × norm) is not a count of persons and is always shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from jet_desktop.domain.grafiekschaal import nette_stap
from jet_desktop.domain.publicatie import is_klein, marker
from jet_desktop.notatie import getal
from jet_desktop.reports.pdf import FONT, FONT_BOLD, STYLES, _past, _tekst

BLAUW = colors.HexColor("#3c6e9f")
VLAK = colors.HexColor("#dbe5ef")  # the area under the line (the screen's blue at 40/255 on white)
ROOD = colors.HexColor("#c0392b")
GRIJS = colors.HexColor("#666666")
RASTER = colors.HexColor("#e3e7ec")
ONDERDRUKT = colors.HexColor("#c9ced4")  # where a suppressed value would be
DONKER = colors.HexColor("#222222")
MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

BREEDTE = 175 * mm  # fits the A4 portrait frame (180 mm) of reports/pdf.py
LIJN_HOOGTE = 200.0  # pt
RIJ_HOOGTE = 15.0  # pt per bar
MAX_STAVEN = 40  # bars per drawing; more continue in a next drawing ("vervolg"), never taller than a page
TITEL_GROOTTE = 10
TEKST_GROOTTE = 7.5
LEEG = "Geen gegevens in deze periode."


@dataclass(frozen=True)
class MonitorReeksen:
    """The series the screen plots (ui.pages.monitor_page.MonitorBeeld), for the PDF."""

    wachtlijst: Sequence[tuple[date, int]] = ()  # (maandag, aantal wachtend)
    caseload: Sequence = ()  # services.caseload.ConsulentRij (naam, belasting, capaciteit)
    doorverwijzingen: Sequence[tuple[str, int]] = ()  # (vorm van jeugdhulp, aantal)
    caseload_peildatum: date | None = None


def bereken_reeksen(store, van: date, tot: date, peildatum: date) -> MonitorReeksen:
    """The series as the screen computes them (ui.pages.monitor_page.bereken_beeld): the wachtlijst over
    at least the last year up to `tot`, the caseload on `peildatum`, the doorverwijzingen in [van, tot]."""
    from jet_desktop.reports import monitor_reeksen
    from jet_desktop.services import caseload

    wachtlijst = monitor_reeksen.wachtlijst_per_week(store, min(van, tot - timedelta(days=364)), tot)
    team = caseload.consulenten(store, peildatum)
    door = monitor_reeksen.doorverwijzingen_per_vorm(store, van, tot)
    return MonitorReeksen(wachtlijst, team, door, peildatum)


def _datum(d: date) -> str:
    return f"{d:%d-%m-%Y}"


def _s(x, y, tekst, grootte=TEKST_GROOTTE, anker="start", kleur=DONKER, vet=False) -> String:
    return String(x, y, tekst, fontName=FONT_BOLD if vet else FONT, fontSize=grootte, fillColor=kleur,
                  textAnchor=anker)


def _drawing(hoogte: float, titel: str) -> Drawing:
    d = Drawing(BREEDTE, hoogte)
    d.hAlign = "LEFT"
    d.add(_s(0, hoogte - TITEL_GROOTTE, _past(_tekst(titel, 300), FONT_BOLD, TITEL_GROOTTE, BREEDTE),
             TITEL_GROOTTE, vet=True))
    return d


def _bijschrift(tekst: str) -> Paragraph:
    from xml.sax.saxutils import escape

    return Paragraph(escape(_tekst(tekst, 2000)), STYLES["body"])


# --- the wachtlijst over time ------------------------------------------------------------------


def wachtlijst_grafiek(punten: Sequence[tuple[date, int]], drempel: int | None = None) -> list[Flowable]:
    """Line chart: the number waiting on every Monday, and its caption."""
    titel = "Wachtlijst: aantal wachtend op maandag"
    punten = list(punten)
    d = _drawing(LIJN_HOOGTE, titel)
    if not punten:
        d.add(_s(BREEDTE / 2, LIJN_HOOGTE / 2, LEEG, anker="middle", kleur=GRIJS))
        return [d]
    verborgen = [bool(drempel) and is_klein(v, drempel) for _, v in punten]
    zichtbaar = [v for (_, v), weg in zip(punten, verborgen) if not weg]
    hoogste = max([*zichtbaar, drempel if any(verborgen) else 0, 0])
    stap = nette_stap(hoogste)
    ymax = max(stap, math.ceil(hoogste / stap) * stap)
    links = 6 + stringWidth(getal(ymax), FONT, TEKST_GROOTTE) + 4
    onder, boven, rechts = 30.0, LIJN_HOOGTE - TITEL_GROOTTE - 22, BREEDTE - 8
    breed, hoog = rechts - links, boven - onder
    n = len(punten)

    def x(i: float) -> float:
        return links + (breed * i / (n - 1) if n > 1 else breed / 2)

    def y(v: float) -> float:
        return onder + v / ymax * hoog

    vak = breed / (n - 1) / 2 if n > 1 else breed / 2  # half the room of a week

    # the axis title, the grid and the y labels
    d.add(_s(links, boven + 8, "aantal wachtend", kleur=GRIJS))
    v = 0.0
    while v <= ymax + 1e-9:
        d.add(Line(links, y(v), rechts, y(v), strokeColor=RASTER, strokeWidth=0.6))
        d.add(_s(links - 4, y(v) - TEKST_GROOTTE * 0.35, getal(v), anker="end", kleur=GRIJS))
        v += stap
    # the weeks left out: a grey band from 0 to the drempel where the line is missing (from the shown
    # week before to the shown week after; at either end half a week beyond), adjacent weeks as one
    i = 0
    while i < n:
        if verborgen[i]:
            j = i
            while j + 1 < n and verborgen[j + 1]:
                j += 1
            x0 = x(i - 1) if i > 0 else max(links, x(i) - vak)
            x1 = x(j + 1) if j + 1 < n else min(rechts, x(j) + vak)
            d.add(Rect(x0, y(0), x1 - x0, y(drempel) - y(0), fillColor=ONDERDRUKT, strokeColor=None))
            i = j + 1
        else:
            i += 1
    # the line per run of shown weeks, the area under it lightly filled; a lone week as a dot
    runs, run = [], []
    for i, weg in enumerate(verborgen):
        if weg:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(i)
    if run:
        runs.append(run)
    for run in runs:
        xy = [c for i in run for c in (x(i), y(punten[i][1]))]
        if len(run) == 1:
            d.add(Circle(xy[0], xy[1], 1.8, fillColor=BLAUW, strokeColor=None))
            continue
        vlak = [*xy, x(run[-1]), y(0), x(run[0]), y(0)]
        d.add(Polygon(vlak, fillColor=VLAK, strokeColor=None))
        d.add(PolyLine(xy, strokeColor=BLAUW, strokeWidth=1.5, strokeLineJoin=1))
    d.add(Line(links, y(0), rechts, y(0), strokeColor=GRIJS, strokeWidth=0.6))
    # x labels: the first Monday of each month, thinned to fit; the year at the first and in January
    maand_idx = [i for i, (dag, _) in enumerate(punten) if i == 0 or dag.month != punten[i - 1][0].month]
    ruimte = stringWidth("mrt 2026", FONT, TEKST_GROOTTE) + 8
    elke = max(1, math.ceil(len(maand_idx) * ruimte / max(breed, 1)))
    for k, i in enumerate(maand_idx):
        if k % elke:
            continue
        dag = punten[i][0]
        label = f"{MAANDEN[dag.month - 1]} {dag.year}" if (k == 0 or dag.month == 1) else MAANDEN[dag.month - 1]
        d.add(Line(x(i), y(0), x(i), y(0) - 3, strokeColor=GRIJS, strokeWidth=0.6))
        d.add(_s(min(max(x(i), links + ruimte / 2), rechts - ruimte / 2), onder - 12, label, anker="middle",
                 kleur=GRIJS))
    d.add(_s(rechts, 0, "week (peildatum: maandag)", anker="end", kleur=GRIJS))
    # the last value, labelled
    laatste = punten[-1][1]
    tekst, hoogte = (marker(drempel), drempel) if verborgen[-1] else (getal(laatste), laatste)
    d.add(_s(x(n - 1) - 2, y(hoogte) + 4, tekst, anker="end", vet=True))
    if any(verborgen):
        d.add(Rect(links, 0, 9, 6, fillColor=ONDERDRUKT, strokeColor=None))
        d.add(_s(links + 12, 0, f"= {marker(drempel)}: niet getoond", kleur=GRIJS))

    bijschrift = (f"Aantal aanmeldingen op de wachtlijst (triage naar het JET, nog geen dossier) op elke maandag "
                  f"van {_datum(punten[0][0])} t/m {_datum(punten[-1][0])}.")
    if drempel:
        weg = sum(verborgen)
        bijschrift += (f" Publicatieversie: {weg} van de {n} weken met 1 t/m {drempel - 1} wachtenden zijn niet "
                       f"getoond (grijs, '{marker(drempel)}')." if weg else
                       f" Publicatieversie: geen week had 1 t/m {drempel - 1} wachtenden; niets weggelaten.")
    return [d, _bijschrift(bijschrift)]


# --- horizontal bars -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Staaf:
    label: str
    waarde: int
    referentie: float | None = None  # capacity: a mark, and the bar red when the value is above it


def _staven(titel: str, staven: list[_Staaf], drempel: int | None, legenda: str = "", leeg: str = LEEG
            ) -> list[Drawing]:
    """Horizontal bars as on the screen (ui.charts.StaafGrafiek): label, bar, value; MAX_STAVEN per drawing."""
    if not staven:
        d = _drawing(TITEL_GROOTTE + 40, titel)
        d.add(_s(BREEDTE / 2, 10, leeg, anker="middle", kleur=GRIJS))
        return [d]
    verborgen = [bool(drempel) and is_klein(s.waarde, drempel) for s in staven]
    teksten = [marker(drempel) if weg else getal(s.waarde) for s, weg in zip(staven, verborgen)]
    # one scale for every part: from what is shown, the references and (when something is hidden) the drempel
    hoogste = max([s.waarde for s, weg in zip(staven, verborgen) if not weg]
                  + [s.referentie or 0 for s in staven] + [drempel if any(verborgen) else 0, 0])
    label_w = min(max(stringWidth(_tekst(s.label, 300), FONT, TEKST_GROOTTE) for s in staven) + 8, BREEDTE * 0.42)
    waarde_w = max(stringWidth(t, FONT, TEKST_GROOTTE) for t in teksten) + 8
    plot_w = BREEDTE - label_w - waarde_w - 4
    schaal = plot_w / hoogste if hoogste > 0 else 0
    heeft_legenda = bool(legenda) or any(verborgen)
    delen = []
    for start in range(0, len(staven), MAX_STAVEN):
        deel = range(start, min(start + MAX_STAVEN, len(staven)))
        boven = TITEL_GROOTTE + 8
        legenda_h = 16 if heeft_legenda else 4
        hoogte = boven + len(deel) * RIJ_HOOGTE + legenda_h
        d = _drawing(hoogte, titel if start == 0 else f"{titel} (vervolg)")
        for k, i in enumerate(deel):
            s = staven[i]
            ry = hoogte - boven - (k + 1) * RIJ_HOOGTE  # the row's bottom
            tekst_y = ry + RIJ_HOOGTE / 2 - TEKST_GROOTTE * 0.35
            d.add(_s(label_w - 6, tekst_y, _past(_tekst(s.label, 300), FONT, TEKST_GROOTTE, label_w - 8), anker="end"))
            if verborgen[i]:
                breed = drempel * schaal
                d.add(Rect(label_w, ry + RIJ_HOOGTE * 0.18, breed, RIJ_HOOGTE * 0.64, fillColor=ONDERDRUKT,
                           strokeColor=None))
            else:
                over = s.referentie is not None and s.waarde > s.referentie
                breed = s.waarde * schaal
                if breed > 0:
                    d.add(Rect(label_w, ry + RIJ_HOOGTE * 0.18, breed, RIJ_HOOGTE * 0.64,
                               fillColor=ROOD if over else BLAUW, strokeColor=None))
            rx = label_w + (s.referentie or 0) * schaal
            # the value after the bar, and after the capacity mark when that is close behind it
            tx = label_w + breed + 4
            if s.referentie is not None and rx >= tx - 6 and rx < tx + stringWidth(teksten[i], FONT, TEKST_GROOTTE) + 2:
                tx = rx + 4
            d.add(_s(tx, tekst_y, teksten[i]))
            if s.referentie is not None:
                d.add(Line(rx, ry + 1.5, rx, ry + RIJ_HOOGTE - 1.5, strokeColor=DONKER, strokeWidth=1.6))
        d.add(Line(label_w, legenda_h, label_w, hoogte - boven, strokeColor=GRIJS, strokeWidth=0.6))
        if heeft_legenda:
            lx = label_w
            if legenda:
                d.add(Line(lx, 1, lx, 8, strokeColor=DONKER, strokeWidth=1.6))
                d.add(_s(lx + 5, 1.5, legenda, kleur=GRIJS))
                lx += 5 + stringWidth(legenda, FONT, TEKST_GROOTTE) + 14
            if any(verborgen):
                d.add(Rect(lx, 1, 9, 6, fillColor=ONDERDRUKT, strokeColor=None))
                d.add(_s(lx + 12, 1.5, f"= {marker(drempel)}: niet getoond", kleur=GRIJS))
        delen.append(d)
    return delen


def _onderdrukt_zin(staven: list[_Staaf], drempel: int | None, wat: str, eenheid: str) -> str:
    if not drempel:
        return ""
    weg = [s.label for s in staven if is_klein(s.waarde, drempel)]
    if not weg:
        return f" Publicatieversie: geen {wat} met 1 t/m {drempel - 1} {eenheid}; niets weggelaten."
    return (f" Publicatieversie: {len(weg)} {wat} met 1 t/m {drempel - 1} {eenheid} zijn niet getoond "
            f"(grijs, '{marker(drempel)}').")


def caseload_grafiek(rijen: Sequence, peildatum: date | None, drempel: int | None = None) -> list[Flowable]:
    """Bars: active dossiers per consulent (services.caseload.ConsulentRij) against capacity, and the caption."""
    op = f" ({_datum(peildatum)})" if peildatum else ""
    titel = f"Caseload per consulent vandaag{op}: actieve dossiers"
    staven = [_Staaf(r.naam, int(r.belasting), r.capaciteit) for r in rijen]
    delen = _staven(titel, staven, drempel, legenda="= capaciteit (FTE × norm); rood = erboven",
                    leeg="Geen actieve jeugdconsulenten.")
    bijschrift = (f"Actieve dossiers per jeugdconsulent op de peildatum{op} (de caseload van vandaag, niet die "
                  f"van de periode), met de capaciteit: FTE × de norm per FTE.")
    bijschrift += _onderdrukt_zin(staven, drempel, "consulenten", "actieve dossiers")
    return [*delen, _bijschrift(bijschrift)]


def doorverwijzingen_grafiek(per_vorm: Sequence[tuple[str, int]], drempel: int | None = None) -> list[Flowable]:
    """Bars: doorverwijzingen per vorm van jeugdhulp, and the caption."""
    staven = [_Staaf(vorm, int(n)) for vorm, n in per_vorm]
    delen = _staven("Doorverwijzingen per vorm van jeugdhulp", staven, drempel)
    bijschrift = ("Aantallen (geen unieke jeugdigen) in de periode: toewijzingen per productcategorie en "
                  "overdrachten door het triagebesluit.")
    bijschrift += _onderdrukt_zin(staven, drempel, "vormen", "doorverwijzingen")
    return [*delen, _bijschrift(bijschrift)]


def grafieken(reeksen: MonitorReeksen, drempel: int | None = None, kop: Flowable | None = None) -> list[Flowable]:
    """The three charts in the screen's order, each kept together with its caption (and the first with
    `kop`, the section's heading: a heading never ends a page alone)."""
    delen = [
        wachtlijst_grafiek(reeksen.wachtlijst, drempel),
        caseload_grafiek(reeksen.caseload, reeksen.caseload_peildatum, drempel),
        doorverwijzingen_grafiek(reeksen.doorverwijzingen, drempel),
    ]
    if kop is not None:
        delen[0] = [kop, *delen[0]]
    return [KeepTogether(d) for d in delen]
