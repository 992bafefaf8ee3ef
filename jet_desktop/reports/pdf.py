"""PDF writer (reportlab platypus, A4) with the house header and footer, and story helpers.

Every page carries "organisatie · team · titel" at the top and, at the bottom, "Vertrouwelijk"
(left), "Afgedrukt door X op dd-mm-jjjj hh:mm" (middle) and "pagina X van Y" (right). Y is known
only when the whole document is laid out: each page refers to a form "pagina X van Y" that the
canvas defines on save (one pass; no page is kept to be drawn again).

All text from a store passes `_tekst` (domain.tekst.schoon): no control characters, and cut with
"…" where it could not fit — a table cell at about `MAX_REGELS_PER_CEL` lines of its column, a
heading or summary value at a few lines, the page header and footer at the page width — so no
name, school or note, however long, makes a row taller than a page (reportlab's LayoutError).
Paragraph text is always XML-escaped: a name like "<font size=40>" or "Jansen & Zn" is printed
as it is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from jet_desktop.codelists import RESOURCES_DIR
from jet_desktop.domain.errors import JetFout
from jet_desktop.domain.tekst import schoon
from jet_desktop.reports.columns import Column, format_value
from jet_desktop.reports.voortgang import KLAAR, Voortgang, schrijf_heel


class RapportFout(JetFout, ValueError):
    """A report could not be laid out; the message holds no personal data."""


def _registreer_lettertype() -> tuple[str, str]:
    """DejaVu Sans (resources/fonts, embedded as a subset): every letter a family name can have —
    Şahin, Yıldız, Żak, Nguyễn — where the built-in Helvetica knows only Latin-1."""
    namen = ("JetSans", "JetSans-Bold")
    if namen[0] not in pdfmetrics.getRegisteredFontNames():
        for naam, bestand in zip(namen, ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")):
            pdfmetrics.registerFont(TTFont(naam, str(RESOURCES_DIR / "fonts" / bestand)))
        pdfmetrics.registerFontFamily(namen[0], normal=namen[0], bold=namen[1], italic=namen[0], boldItalic=namen[1])
    return namen


FONT, FONT_BOLD = _registreer_lettertype()
# page and font streams compressed without the ASCII85 text armour (reportlab's default, for 7-bit
# channels): a fifth smaller and less CPU per page; a PDF file is binary anyway
rl_config.useA85 = 0
# the mean width of a lower-case letter in em: turns a column's width hint (characters) into points
TEKEN_BREEDTE = stringWidth("abcdefghijklmnopqrstuvwxyz", FONT, 1) / 26
MARGIN = 15 * mm
TABLE_FONT_SIZE = 8

HEADER_GREY = colors.HexColor("#dfe4ea")
ZEBRA = colors.HexColor("#f3f5f7")
MARK = colors.HexColor("#fbe3e1")  # rows that need attention (e.g. a breached norm)
LINE = colors.HexColor("#9aa5b1")

MAX_REGELS_PER_CEL = 12  # a table cell shows at most about this many lines of its column; then "…"
MAX_KOP = 300  # characters of a heading, title or subtitle
MAX_WAARDE = 600  # characters of a value in a key_values block
MAX_ALINEA = 20_000  # characters of a paragraph (paragraphs split across pages)


def _tekst(text, max_lengte: int | None = None) -> str:
    """Text from a store made fit for the PDF: one line, no control characters, at most `max_lengte`."""
    return schoon("" if text is None else str(text), max_lengte, meerregelig=False)


def _past(text: str, font: str, size: float, breedte: float) -> str:
    """`text` cut (with "…") to fit `breedte` points on one line."""
    if stringWidth(text, font, size) <= breedte:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= breedte:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


STYLES = {
    "heading": ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4,
                              keepWithNext=1),
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=2),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=10, leading=13, spaceAfter=8,
                               textColor=colors.HexColor("#444444")),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, spaceBefore=3, spaceAfter=4),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=TABLE_FONT_SIZE, leading=TABLE_FONT_SIZE + 2),
    "kv_key": ParagraphStyle("kv_key", fontName=FONT_BOLD, fontSize=9, leading=11.5),
    "kv_value": ParagraphStyle("kv_value", fontName=FONT, fontSize=9, leading=11.5),
}


@dataclass
class ReportMeta:
    titel: str
    organisatie: str
    team: str
    afgedrukt_door: str
    afgedrukt_op: datetime
    subtitel: str = ""
    liggend: bool = False

    @property
    def pagesize(self):
        return landscape(A4) if self.liggend else A4


def _canvas_class(meta: ReportMeta):
    class NumberedCanvas(rl_canvas.Canvas):
        """Draws header and footer on every page as it is finished; "pagina X van Y" is a form
        (XObject) per page, defined on save when Y is known — so a page goes to the document at
        once instead of being kept (memory bounded by the compressed pages, not their drawing)."""

        def showPage(self):
            self._decorate()
            self.doForm(f"jetpagina{self._pageNumber}")
            super().showPage()

        def save(self):
            total = self._pageNumber - 1
            width, _height = self._pagesize
            for n in range(1, total + 1):
                self.beginForm(f"jetpagina{n}")
                self.setFont(FONT, 8)
                self.setFillColor(colors.HexColor("#333333"))
                self.drawRightString(width - MARGIN, 8 * mm, f"pagina {n} van {total}")
                self.endForm()
            super().save()

        def _decorate(self) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setStrokeColor(LINE)
            self.setLineWidth(0.5)
            # header
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#333333"))
            kop = " · ".join(_tekst(p, MAX_KOP) for p in (meta.organisatie, meta.team, meta.titel) if p)
            self.drawString(MARGIN, height - 10 * mm, _past(kop, FONT, 8, width - 2 * MARGIN))
            self.line(MARGIN, height - 11.5 * mm, width - MARGIN, height - 11.5 * mm)
            # footer
            y = 8 * mm
            self.line(MARGIN, y + 4 * mm, width - MARGIN, y + 4 * mm)
            self.setFont(FONT_BOLD, 8)
            self.drawString(MARGIN, y, "Vertrouwelijk")
            self.setFont(FONT, 8)
            op = f" op {meta.afgedrukt_op:%d-%m-%Y %H:%M}"
            # the middle third of the line, between "Vertrouwelijk" and "pagina X van Y"
            wie = _past(_tekst(meta.afgedrukt_door, MAX_KOP), FONT, 8,
                        (width - 2 * MARGIN) / 2 - stringWidth("Afgedrukt door " + op, FONT, 8))
            self.drawCentredString(width / 2, y, f"Afgedrukt door {wie}{op}")
            self.restoreState()

    return NumberedCanvas


def build_pdf(path_or_stream, meta: ReportMeta, story: list, voortgang: Voortgang | None = None) -> None:
    """Lay out `story` (platypus flowables) on A4 with the title block, header and footer.

    `path_or_stream`: a file name (str or Path; written whole or not at all, reports/voortgang.py) or
    a binary stream. `voortgang(done, total, "Rijen opmaken")`: called as the rows of the story's data
    tables are laid out; it may raise `Geannuleerd`, which stops the layout (no file is written)."""
    teller = None
    if voortgang is not None:
        tabellen = [f for f in story if isinstance(f, _ReportTable)]
        teller = _Teller(sum(len(t.rows) for t in tabellen), voortgang)
        for t in tabellen:
            t.teller = teller
        voortgang(0, teller.total, "Rijen opmaken")
    with schrijf_heel(path_or_stream) as doel:
        _build(doel, meta, story)
    if teller is not None:
        voortgang(teller.total, teller.total, KLAAR)


def _build(path_or_stream, meta: ReportMeta, story: list) -> None:
    if isinstance(path_or_stream, os.PathLike):
        path_or_stream = os.fspath(path_or_stream)
    doc = SimpleDocTemplate(
        path_or_stream,
        pagesize=meta.pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_tekst(meta.titel, MAX_KOP),
        author=_tekst(meta.afgedrukt_door, MAX_KOP),
        creator="JET Desktop",
        subject=_tekst(meta.subtitel or meta.titel, MAX_KOP),
    )
    head: list = [Paragraph(escape(_tekst(meta.titel, MAX_KOP)), STYLES["title"])]
    if meta.subtitel:
        head.append(Paragraph(escape(_tekst(meta.subtitel, MAX_KOP)), STYLES["subtitle"]))
    else:
        head.append(Spacer(1, 6))
    try:
        doc.build(head + list(story), canvasmaker=_canvas_class(meta))
    except LayoutError:  # its message quotes the flowable, i.e. names: never shown or printed
        raise RapportFout("Het rapport kon niet worden opgemaakt: een tekst past niet op een pagina.") from None


# --- story helpers ---------------------------------------------------------------------------


def heading(text: str) -> Paragraph:
    return Paragraph(escape(_tekst(text, MAX_KOP)), STYLES["heading"])


def paragraph(text: str) -> Paragraph:
    return Paragraph(escape(_tekst(text, MAX_ALINEA)), STYLES["body"])


def key_values(pairs: Iterable[tuple[str, str]], keep_with_next: bool = False) -> Table:
    """A two-column summary block: bold label, value (`keep_with_next`: not parted from what follows)."""
    data = [[Paragraph(escape(_tekst(k, MAX_KOP)), STYLES["kv_key"]),
             Paragraph(escape(_tekst(v, MAX_WAARDE)), STYLES["kv_value"])] for k, v in pairs]
    t = Table(data, colWidths=[45 * mm, "*"], hAlign="LEFT", spaceAfter=6)
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    t.keepWithNext = keep_with_next
    return t


class _Teller:
    """Rows of the document's data tables laid out so far, for `build_pdf(voortgang=...)`."""

    def __init__(self, total: int, voortgang):
        self.done, self.total, self.voortgang = 0, total, voortgang

    def bij(self, n: int) -> None:
        self.done += n
        if self.voortgang is not None:
            self.voortgang(min(self.done, self.total), self.total, "Rijen opmaken")


class _Cel(Paragraph):
    """A table cell's Paragraph that breaks its lines once per width: a Table measures its cells
    on wrap, again after a split and again to draw them; the lines depend only on the width."""

    _gemeten: tuple | None = None

    def wrap(self, availWidth, availHeight):
        if self._gemeten is not None and self._gemeten[0] == availWidth:
            return self._gemeten[1]
        uit = super().wrap(availWidth, availHeight)
        self._gemeten = (availWidth, uit)
        return uit


class _Tabel(Table):
    """A Table that draws its plain one-line text cells through one PDFTextObject per run of such
    cells (reportlab makes a new one, with its font, for every cell): the same glyphs at the same
    places in the same order, less drawing work. Other cells (Paragraphs) are drawn as Table does.
    (The fill colour is graphics state: it carries over the "ET BT" between two cells.)"""

    _tekstobj = None

    def _drawCell(self, cellval, cellstyle, pos, size):
        if (type(cellval) is not str or "\n" in cellval or cellstyle.valign != "TOP"
                or cellstyle.alignment not in ("LEFT", "RIGHT") or cellstyle.href or cellstyle.destination
                or cellstyle.direction or cellstyle.shaping):
            self._tekst_uit()  # what came before first: the page's text in the order Table draws it
            return super()._drawCell(cellval, cellstyle, pos, size)
        if not cellval:
            return None
        t = self._tekstobj
        if t is None:
            t = self._tekstobj = self.canv.beginText()
            self._tekststijl = None
        else:
            # a text object per cell with its font, as before (text copied or extracted: a cell a line)
            t._code.append("ET BT")
            t._curSubset = -1
        vorig = self._tekststijl
        if vorig is None or (vorig.fontname, vorig.fontsize, vorig.leading) != (
                cellstyle.fontname, cellstyle.fontsize, cellstyle.leading):
            t.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
        if vorig is None or vorig.color != cellstyle.color:
            t.setFillColor(cellstyle.color)
        self._tekststijl = cellstyle
        colpos, rowpos = pos
        colwidth, rowheight = size
        y = rowpos + rowheight - cellstyle.topPadding - cellstyle.fontsize
        if cellstyle.alignment == "LEFT":
            x = colpos + cellstyle.leftPadding
        else:
            x = colpos + colwidth - cellstyle.rightPadding - stringWidth(cellval, cellstyle.fontname,
                                                                          cellstyle.fontsize)
        t.setTextOrigin(x, y)
        t.textLine(cellval)
        return None

    def _tekst_uit(self) -> None:
        if self._tekstobj is not None:
            self.canv.drawText(self._tekstobj)
            self._tekstobj = None

    def _drawLines(self):
        self._tekst_uit()  # the text before the lines, as Table draws them
        super()._drawLines()


_HEEL = 300  # rows left that are laid out as one Table (as before issue 11): little to split again
HOOGER_DAN_EEN_PAGINA = 2 * A4[1]  # pt: a height no frame of a report has


class _ReportTable(Flowable):
    """A table whose column widths follow the frame width; built when the frame is known.

    Long lists are laid out a page at a time: `wrap`/`split` build a reportlab Table of only the
    next chunk of rows (a little more than a page), split it where the page ends, and hand the rest
    on as a new _ReportTable from that row, so every row is measured about once — linear in the
    rows, where one Table of all rows is measured again at every page (quadratic). The pages look
    as one Table would make them: the header row repeated, the zebra restarting on every page (as
    reportlab does after a split), the totals row at the very end.
    Text that does not fit its column is wrapped (Paragraph); short text stays a plain string,
    which keeps long lists (thousands of rows) fast.
    """

    def __init__(self, columns, rows, totals, marked, start: int = 0, widths: list[float] | None = None,
                 teller: _Teller | None = None, rij_hoogte: float = 12.0, cellen: dict | None = None):
        super().__init__()
        self.columns = list(columns)
        self.rows = rows
        self.totals = totals
        self.marked = marked  # a set of row indexes into rows
        self.start = start
        self.teller = teller
        self._widths_for: tuple[float, list[float]] | None = (None, widths) if widths is not None else None
        self._table: Table | None = None
        self._built_for: float | None = None
        self._n = 0  # rows (of rows) in self._table
        self._height = 0.0
        self._wrapped: tuple = (None, None, 0.0, 0.0)
        self.rij_hoogte = rij_hoogte  # points per row (a low guess, then the mean of the last chunk)
        # the cells of rows already made (row index -> cells), and the header row, per column widths:
        # a chunk that grows, or the rows a page split hands on, are not made again
        self._cellen: dict = cellen if cellen is not None else {}

    def _widths(self, avail: float) -> list[float]:
        """Natural width per column (header or widest of the first 300 values, in points);
        numbers and dates keep theirs, text columns share what is left."""
        if self._widths_for is not None and self._widths_for[0] in (None, avail):
            return self._widths_for[1]
        pad = 7
        natural = []
        for i, col in enumerate(self.columns):
            w = stringWidth(col.header, FONT_BOLD, TABLE_FONT_SIZE)
            if col.width:
                natural.append(max(col.width * TABLE_FONT_SIZE * TEKEN_BREEDTE, w) + pad)
                continue
            for r in self.rows[:300]:
                tekst = format_value(col.kind, r[i] if i < len(r) else None)[:200]  # wider is cut to 45 letters
                w = max(w, stringWidth(tekst, FONT, TABLE_FONT_SIZE))
            if not col.numeric and col.kind != "date":
                w = min(w, 45 * TABLE_FONT_SIZE * TEKEN_BREEDTE)
            natural.append(w + pad)
        total = sum(natural) or 1.0
        if total <= avail * 0.6:  # a small table stays compact
            out = [w * 1.15 for w in natural]
        elif total <= avail:
            out = [avail * w / total for w in natural]
        else:
            fixed = [not c.width and (c.numeric or c.kind == "date") for c in self.columns]
            fixed_total = sum(w for w, f in zip(natural, fixed) if f)
            flex_total = sum(w for w, f in zip(natural, fixed) if not f) or 1.0
            room = max(avail - fixed_total, avail * 0.3)
            scale_fixed = min(1.0, (avail - room) / fixed_total) if fixed_total else 1.0
            out = [w * scale_fixed if f else room * w / flex_total for w, f in zip(natural, fixed)]
        self._widths_for = (avail, out)
        return out

    def _chunk(self, avail: float, n: int) -> Table:
        """A Table of the header and rows[start:start+n] (+ the totals row when that reaches the end)."""
        widths = self._widths(avail)
        cache = self._cellen
        if cache.get("widths") != widths:
            cache.clear()
            cache["widths"] = list(widths)
            header_style = ParagraphStyle("th", parent=STYLES["cell"], fontName=FONT_BOLD)
            header_right = ParagraphStyle("thr", parent=header_style, alignment=TA_RIGHT)
            cache["kop"] = [_Cel(escape(_tekst(c.header, MAX_KOP)), header_right if c.numeric else header_style)
                            for c in self.columns]
        data = [cache["kop"]]
        # characters per cell: MAX_REGELS_PER_CEL lines of the column (lower-case letters' mean width)
        per_regel = [max(int((w - 6) / (TABLE_FONT_SIZE * TEKEN_BREEDTE)), 4) for w in widths]
        cell_style = STYLES["cell"]
        breedtes = cache.setdefault("breedte", {})  # text -> points, for the values that repeat

        def breedte(text: str) -> float:
            w = breedtes.get(text)
            if w is None:
                w = stringWidth(text, FONT, TABLE_FONT_SIZE)
                if len(breedtes) < 20_000:
                    breedtes[text] = w
            return w

        def cells(row):
            out = []
            for i, col in enumerate(self.columns):
                text = _tekst(format_value(col.kind, row[i] if i < len(row) else None),
                              per_regel[i] * MAX_REGELS_PER_CEL)
                # measured, not estimated: a text wider than its column wraps instead of running over
                if not col.numeric and breedte(text) > widths[i] - 6:
                    out.append(_Cel(escape(text), cell_style))
                else:
                    out.append(text)
            return out

        end = min(self.start + n, len(self.rows))
        for i in range(self.start, end):
            rij = cache.get(i)
            if rij is None:
                rij = cache[i] = cells(self.rows[i])
            data.append(rij)
        totals = self.totals is not None and end == len(self.rows)
        if totals:
            data.append(cells(self.totals))
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, TABLE_FONT_SIZE),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, LINE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if end > self.start:
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, end - self.start), [colors.white, ZEBRA]))
        for i, col in enumerate(self.columns):
            if col.numeric:
                style.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
        for r in range(self.start, end):
            if r in self.marked:
                style.append(("BACKGROUND", (0, r - self.start + 1), (-1, r - self.start + 1), MARK))
        if totals:
            style += [
                ("FONT", (0, -1), (-1, -1), FONT_BOLD, TABLE_FONT_SIZE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("BACKGROUND", (0, -1), (-1, -1), colors.white),
            ]
        t = _Tabel(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(TableStyle(style))
        self._n = end - self.start
        return t

    def _build(self, avail: float, avail_height: float) -> Table:
        """The Table of the next chunk: all the rest, or rows enough to be taller than `avail_height`
        (then it splits, or does not fit, exactly as the whole table would)."""
        # a heading kept with its table (keepWithNext) measures the table with a huge height (reportlab's
        # KeepTogether: 0x7fffffff): taller than any page is enough for its decision, and measuring all the
        # rest as one Table is quadratic in the rows (reportlab's _calc_height), three times over
        avail_height = min(avail_height, HOOGER_DAN_EEN_PAGINA)
        if (self._table is not None and self._built_for == avail
                and (self.start + self._n >= len(self.rows) or self._height > avail_height)):
            return self._table
        # a short rest is one Table (splitting it again costs little); a long one is cut, the chunk's
        # rows guessed from the rows' mean height so far and grown until the chunk is tall enough
        rest = len(self.rows) - self.start
        n = rest if rest <= _HEEL else max(int(avail_height / self.rij_hoogte) + 2, 4)
        while True:
            t = self._chunk(avail, n)
            h = t.wrap(avail, avail_height)[1]
            if self.start + n >= len(self.rows) or h > avail_height:
                break
            n = n * 3 // 2 + 1
        self._table, self._built_for, self._height = t, avail, h
        self._wrapped = (avail, avail_height, t._width, h)
        return t

    def wrap(self, availWidth, availHeight):
        availHeight = min(availHeight, HOOGER_DAN_EEN_PAGINA)  # as _build
        t = self._build(availWidth, availHeight)
        if self._wrapped[:2] == (availWidth, availHeight):  # just measured by _build: not again
            return self._wrapped[2:]
        return t.wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        parts = self._build(availWidth, availHeight).split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first = parts[0]
        n = len(first._cellvalues) - 1  # rows of this page (its header row is repeated)
        if self.teller is not None:
            self.teller.bij(n)
        if self.start + n >= len(self.rows) or len(self.rows) - self.start <= _HEEL:
            return parts  # the rest is only the totals row, or a short rest that reportlab splits on
        hoogte = sum(first._rowHeights[1:]) / n if n else self.rij_hoogte
        start = self.start + n
        cellen = {k: v for k, v in self._cellen.items() if not isinstance(k, int) or k >= start}
        return [first, _ReportTable(self.columns, self.rows, self.totals, self.marked, start,
                                    self._widths(availWidth), self.teller, max(hoogte * 0.9, 6.0), cellen)]

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)
        if self.teller is not None:
            self.teller.bij(self._n)


def table(columns: list[Column], rows: Sequence[Sequence], totals: Sequence | None = None,
          marked: Iterable[int] = ()) -> Flowable:
    """A data table: header row repeated on every page, zebra rows, numbers right-aligned in
    Dutch notation, long text wrapped, an optional bold totals row; `marked` row indexes
    (0-based in `rows`) get a red tint."""
    return _ReportTable(columns, list(rows), totals, set(marked))
