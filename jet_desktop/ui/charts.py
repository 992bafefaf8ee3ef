"""Small chart widgets painted with QPainter (PySide6-Essentials has no QtCharts).

- `LijnGrafiek`: a series over time (the wachtlijst per week).
- `StaafGrafiek`: horizontal bars with a label and value each, optionally a reference mark per
  bar (caseload against capacity) that turns a bar red when it is passed.

Both take plain data (`set_data`) and keep no link to the store, so they can be fed from a
worker thread's result and grabbed to PNG in tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from jet_desktop.domain.grafiekschaal import nette_stap
from jet_desktop.notatie import getal

BLAUW = QColor("#3c6e9f")
ROOD = QColor("#c0392b")
GRIJS = QColor("#888888")
RASTER = QColor("#e3e7ec")
MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


class _Grafiek(QWidget):
    def __init__(self, titel: str, leeg_tekst: str = "Geen gegevens in deze periode.", parent=None):
        super().__init__(parent)
        self.titel = titel
        self.leeg_tekst = leeg_tekst
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 220)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor("white"))
        self.setPalette(pal)

    def sizeHint(self) -> QSize:
        return QSize(560, 320)

    def _titel(self, p: QPainter) -> float:
        f = QFont(self.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        p.setFont(f)
        p.setPen(QColor("#222"))
        h = QFontMetrics(f).height()
        p.drawText(QRectF(10, 6, self.width() - 20, h), Qt.AlignmentFlag.AlignLeft, self.titel)
        p.setFont(self.font())
        return 12 + h

    def _leeg(self, p: QPainter, top: float) -> None:
        p.setPen(GRIJS)
        p.drawText(QRectF(0, top, self.width(), self.height() - top), Qt.AlignmentFlag.AlignCenter, self.leeg_tekst)


class LijnGrafiek(_Grafiek):
    """Values per date (e.g. the number waiting on each Monday)."""

    def __init__(self, titel: str, parent=None):
        super().__init__(titel, parent=parent)
        self.punten: list[tuple[date, float]] = []

    def set_data(self, punten: list[tuple[date, float]]) -> None:
        self.punten = list(punten)
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self._titel(p)
        if not self.punten:
            self._leeg(p, top)
            return
        fm = QFontMetrics(self.font())
        hoogste = max(v for _, v in self.punten)
        stap = nette_stap(hoogste)
        ymax = max(stap, math.ceil(hoogste / stap) * stap)
        links = 12 + fm.horizontalAdvance(getal(ymax))
        plot = QRectF(links, top + 6, self.width() - links - 16, self.height() - top - 6 - fm.height() - 12)

        def y(v: float) -> float:
            return plot.bottom() - v / ymax * plot.height()

        n = len(self.punten)

        def x(i: int) -> float:
            return plot.left() + (plot.width() * i / (n - 1) if n > 1 else plot.width() / 2)

        # grid and y labels
        v = 0.0
        while v <= ymax + 1e-9:
            p.setPen(QPen(RASTER, 1))
            p.drawLine(QPointF(plot.left(), y(v)), QPointF(plot.right(), y(v)))
            p.setPen(GRIJS)
            p.drawText(QRectF(0, y(v) - fm.height() / 2, links - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, getal(v))
            v += stap
        # x labels: the first point of each month, thinned to fit
        maand_idx = [i for i, (d, _) in enumerate(self.punten) if i == 0 or d.month != self.punten[i - 1][0].month]
        ruimte = fm.horizontalAdvance("mrt 2026") + 12
        elke = max(1, math.ceil(len(maand_idx) * ruimte / max(plot.width(), 1)))
        p.setPen(GRIJS)
        for k, i in enumerate(maand_idx):
            if k % elke:
                continue
            d = self.punten[i][0]
            label = f"{MAANDEN[d.month - 1]} {d.year}" if (k == 0 or d.month == 1) else MAANDEN[d.month - 1]
            p.drawText(QRectF(x(i) - ruimte / 2, plot.bottom() + 4, ruimte, fm.height()),
                       Qt.AlignmentFlag.AlignHCenter, label)
        # the line, with the area under it lightly filled
        pad = QPainterPath(QPointF(x(0), y(self.punten[0][1])))
        for i, (_, val) in enumerate(self.punten[1:], start=1):
            pad.lineTo(x(i), y(val))
        vlak = QPainterPath(pad)
        vlak.lineTo(x(n - 1), plot.bottom())
        vlak.lineTo(x(0), plot.bottom())
        vlak.closeSubpath()
        vul = QColor(BLAUW)
        vul.setAlpha(40)
        p.fillPath(vlak, vul)
        p.setPen(QPen(BLAUW, 2))
        p.drawPath(pad)
        # the last value, labelled
        laatste = self.punten[-1][1]
        p.setPen(QColor("#222"))
        p.drawText(QRectF(x(n - 1) - 80, y(laatste) - fm.height() - 4, 78, fm.height()),
                   Qt.AlignmentFlag.AlignRight, getal(laatste))


@dataclass(frozen=True)
class Staaf:
    label: str
    waarde: float
    referentie: float | None = None  # e.g. capacity; the bar turns red when the value exceeds it
    tekst: str | None = None  # value text; default the number


class StaafGrafiek(_Grafiek):
    """Horizontal bars, one per label, largest scale fitted to the data."""

    def __init__(self, titel: str, referentie_naam: str = "", parent=None):
        super().__init__(titel, parent=parent)
        self.staven: list[Staaf] = []
        self.referentie_naam = referentie_naam

    def set_data(self, staven: list[Staaf]) -> None:
        self.staven = list(staven)
        self.setMinimumHeight(max(220, 60 + 22 * len(self.staven)))
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self._titel(p)
        if not self.staven:
            self._leeg(p, top)
            return
        fm = QFontMetrics(self.font())
        label_w = min(max(fm.horizontalAdvance(s.label) for s in self.staven) + 12, self.width() * 0.42)
        hoogste = max(max(s.waarde, s.referentie or 0) for s in self.staven)
        waarde_w = max(fm.horizontalAdvance(s.tekst or getal(s.waarde)) for s in self.staven) + 10
        legenda_h = fm.height() + 6 if self.referentie_naam else 0
        plot = QRectF(label_w, top + 4, self.width() - label_w - waarde_w - 12, self.height() - top - 8 - legenda_h)
        rij_h = min(26.0, plot.height() / len(self.staven))
        schaal = plot.width() / hoogste if hoogste > 0 else 0
        for i, s in enumerate(self.staven):
            ry = plot.top() + i * rij_h
            p.setPen(QColor("#222"))
            label = fm.elidedText(s.label, Qt.TextElideMode.ElideRight, int(label_w - 10))
            p.drawText(QRectF(4, ry, label_w - 10, rij_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       label)
            over = s.referentie is not None and s.waarde > s.referentie
            balk = QRectF(plot.left(), ry + rij_h * 0.18, s.waarde * schaal, rij_h * 0.64)
            p.fillRect(balk, ROOD if over else BLAUW)
            p.setPen(QColor("#222"))
            p.drawText(QRectF(balk.right() + 4, ry, waarde_w, rij_h), Qt.AlignmentFlag.AlignVCenter,
                       s.tekst or getal(s.waarde))
            if s.referentie is not None:
                rx = plot.left() + s.referentie * schaal
                p.setPen(QPen(QColor("#222"), 2))
                p.drawLine(QPointF(rx, ry + 2), QPointF(rx, ry + rij_h - 2))
        if self.referentie_naam:
            ly = self.height() - legenda_h
            p.setPen(QPen(QColor("#222"), 2))
            p.drawLine(QPointF(plot.left(), ly + 3), QPointF(plot.left(), ly + fm.height()))
            p.setPen(GRIJS)
            p.drawText(QRectF(plot.left() + 6, ly, plot.width(), fm.height() + 4), Qt.AlignmentFlag.AlignVCenter,
                       f"= {self.referentie_naam}; rood = erboven")
