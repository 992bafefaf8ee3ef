"""Long reports (issue 11): laid out a page at a time — every row exactly once, the header on every
page, the same pages as one Table of all rows would give; progress reaches the total; a cancel
(from the progress callback or the check) leaves no file and writes the audit lines docs/audit.md names."""

import re
from datetime import date, datetime
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from jet_desktop.reports import caseloadoverzicht, pdf, wachtlijstrapport
from jet_desktop.reports.columns import Column
from jet_desktop.reports.pdf import ReportMeta, build_pdf, heading, table
from jet_desktop.reports.voortgang import Geannuleerd
from jet_desktop.reports.xlsx import Sheet, write_xlsx
from jet_desktop.storage.models import Auditregel

META = ReportMeta(titel="Lang rapport", organisatie="Gemeente", team="Team", afgedrukt_door="Anne",
                  afgedrukt_op=datetime(2026, 11, 25, 9, 5), liggend=True)
COLS = [Column("Dossiernr.", width=11), Column("Naam", width=16), Column("Datum", "date", width=11),
        Column("Aantal", "int", width=8)]


def _rows(n):
    # every 23rd name wraps over several lines: rows of different heights
    return [(f"D-{i:05d}", f"Naam {i}" + (" met een heel lange dubbele achternaam erbij" if i % 23 == 0 else ""),
             date(2026, 1, 1 + i % 28), i) for i in range(n)]


def _pagina_teksten(rows, totals=None, cls=None):
    buf = BytesIO()
    t = table(COLS, rows, totals=totals, marked=range(0, len(rows), 7))
    if cls is not None:
        t.__class__ = cls
    build_pdf(buf, META, [heading("Lijst"), t])
    buf.seek(0)
    return [p.extract_text() for p in PdfReader(buf).pages]


def test_every_row_exactly_once_and_the_header_on_every_page():
    n = 3000
    pages = _pagina_teksten(_rows(n), totals=("Totaal", None, None, 4_498_500))
    assert len(pages) > 50
    seen = [m for p in pages for m in re.findall(r"D-\d{5}", p)]
    assert sorted(seen) == [f"D-{i:05d}" for i in range(n)]  # each row once, none lost
    for i, p in enumerate(pages, start=1):
        assert f"pagina {i} van {len(pages)}" in p
        if i > 1:  # (page 1: the title; the heading keeps with the table, which starts on page 2, as before)
            assert "Dossiernr." in p and "Naam" in p  # the header row repeated
    assert "4.498.500" in pages[-1] and "Totaal" in pages[-1]


class _EenTabel(pdf._ReportTable):
    """The layout before issue 11: one Table of all rows, split again on every page."""

    def _build(self, avail, avail_height):
        if self._table is None:
            self._table = self._chunk(avail, len(self.rows))
        return self._table

    def split(self, availWidth, availHeight):
        return self._build(availWidth, availHeight).split(availWidth, availHeight)


@pytest.mark.parametrize("n", [1, 40, 700])
def test_same_pages_as_one_table_of_all_rows(n):
    totals = ("Totaal", None, None, 1)
    assert _pagina_teksten(_rows(n), totals) == _pagina_teksten(_rows(n), totals, _EenTabel)


def test_progress_reaches_the_total_and_only_goes_up():
    calls = []
    buf = BytesIO()
    build_pdf(buf, META, [table(COLS, _rows(1500)), heading("Nog een"), table(COLS, _rows(500))],
              voortgang=lambda d, t, label: calls.append((d, t)))
    assert calls[0] == (0, 2000) and calls[-1] == (2000, 2000)
    assert len(calls) > 20  # a call per page, not only at the start and the end
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_cancel_mid_way_leaves_no_file(tmp_path):
    out = tmp_path / "rapport.pdf"
    out_oud = tmp_path / "ouder.pdf"
    out_oud.write_bytes(b"oud")

    def voortgang(done, total, _label):
        if done > total / 2:
            raise Geannuleerd()

    for doel in (out, out_oud):
        with pytest.raises(Geannuleerd):
            build_pdf(doel, META, [table(COLS, _rows(2000))], voortgang=voortgang)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ouder.pdf"]  # no half file, no temporary file
    assert out_oud.read_bytes() == b"oud"  # an earlier file of that name as it was


def test_xlsx_progress_cancel_and_text_stays_text(tmp_path):
    rows = [(f"=SOM({i})", "+31 6", date(2026, 1, 1), i) for i in range(5000)]
    calls = []
    out = tmp_path / "lijst.xlsx"
    write_xlsx(out, [Sheet("Lijst", COLS, rows, intro=["Titel", "Regel twee"])],
               voortgang=lambda d, t, label: calls.append((d, t)))
    assert calls[0] == (0, 5000) and calls[-1] == (5000, 5000)
    ws = openpyxl.load_workbook(out)["Lijst"]
    assert ws["A1"].value == "Titel" and ws["A1"].font.bold and ws.freeze_panes == "A5"
    assert [c.value for c in ws[4]] == ["Dossiernr.", "Naam", "Datum", "Aantal"]
    cell = ws["A5"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=SOM(0)", "s", True)  # never a formula
    assert ws["C5"].number_format == "dd-mm-yyyy" and ws["D5"].value == 0
    assert ws.max_row == 5004 and ws.auto_filter.ref == "A4:D5004"

    def stop(done, total, _label):
        if done >= 2000:
            raise Geannuleerd()

    with pytest.raises(Geannuleerd):
        write_xlsx(tmp_path / "weg.xlsx", [Sheet("Lijst", COLS, rows)], voortgang=stop)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lijst.xlsx"]


def test_a_cancel_clicked_once_the_file_is_in_place_is_too_late_not_a_false_message(tmp_path):
    """Annuleren between putting the file in place and "Klaar": the report is done (the file is there);
    it must not say "geannuleerd, geen bestand geschreven" (and audit that) about a file it wrote."""
    from jet_desktop.reports.voortgang import KLAAR, melder

    for naam, schrijf in (("r.pdf", lambda doel, m: build_pdf(doel, META, [table(COLS, _rows(300))], voortgang=m)),
                          ("r.xlsx", lambda doel, m: write_xlsx(doel, [Sheet("Lijst", COLS, _rows(300))], voortgang=m))):
        gevraagd = {"stop": False}
        labels = []

        def voortgang(_d, _t, label, gevraagd=gevraagd, labels=labels, doel=tmp_path / naam):
            labels.append(label)
            if label == KLAAR:
                assert doel.exists()  # the file is in place when KLAAR comes
                gevraagd["stop"] = True  # the user clicks Annuleren now

        schrijf(tmp_path / naam, melder(voortgang, lambda g=gevraagd: g["stop"]))  # no Geannuleerd
        assert labels[-1] == KLAAR and (tmp_path / naam).stat().st_size > 1000


def test_a_heading_kept_with_a_long_table_never_lays_out_the_whole_table_at_once(tmp_path, monkeypatch):
    """keepWithNext measures the next flowable with a huge height (reportlab's KeepTogether): the whole
    rest as one Table, whose height reportlab computes in quadratic time, three times per heading. That
    made the matched-care team lists superlinear (87.6 s for 50,000 rows). A chunk is at most ~a page."""
    from reportlab.platypus import tables

    grootte = []
    orig = tables.Table._calc_height

    def meet(self, *a, **k):
        grootte.append(len(self._cellvalues))
        return orig(self, *a, **k)

    monkeypatch.setattr(tables.Table, "_calc_height", meet)
    out = tmp_path / "team.pdf"
    build_pdf(out, META, [heading("Eerste lijst"), table(COLS, _rows(3000)), heading("Tweede lijst"),
                          table(COLS, _rows(3000))])
    assert max(grootte) < 400  # was 3,001: the whole table
    tekst = [p.extract_text() for p in PdfReader(out).pages]
    assert sum(t.count("D-0") for t in tekst) == 6000  # every row once
    tweede = next(i for i, t in enumerate(tekst) if "Tweede lijst" in t)
    assert "D-00000" in tekst[tweede].split("Tweede lijst", 1)[1]  # the heading is on the page of its first rows


def _regels(store):
    R = Auditregel.__table__
    with store.engine.connect() as conn:
        return [(r.actie, r.objecttype, r.omschrijving) for r in conn.execute(select(R).order_by(R.c.volgnummer))]


def test_wachtlijstrapport_finished_one_line_cancelled_two_and_no_file(sqlite_store, jet, tmp_path):
    for i in range(3):
        jet.wachtend(sqlite_store, voornaam=f"Kind{i}")
    voor = len(_regels(sqlite_store))
    calls = []
    uit = tmp_path / "uit"
    uit.mkdir()
    wachtlijstrapport.maak_pdf(sqlite_store, uit / "af.pdf", jet.vandaag,
                               voortgang=lambda d, t, label: calls.append((d, t)))
    assert calls[0] == (0, 6) and calls[-1] == (6, 6)  # the rows of both tables: per urgentie (3) and the list (3)
    (export,) = _regels(sqlite_store)[voor:]  # one line for a finished report, as before
    assert export[:2] == ("export", "rapport") and export[2].startswith("wachtlijstrapport PDF, peildatum")

    voor = len(_regels(sqlite_store))
    with pytest.raises(Geannuleerd):
        wachtlijstrapport.maak_pdf(sqlite_store, uit / "weg.pdf", jet.vandaag, geannuleerd=lambda: True)
    assert sorted(p.name for p in uit.iterdir()) == ["af.pdf"]
    export, geannuleerd = _regels(sqlite_store)[voor:]
    assert export[:2] == ("export", "rapport")  # written before the layout, as for every report
    assert geannuleerd == ("openen", "rapport",
                           "wachtlijstrapport PDF geannuleerd tijdens het opmaken: geen bestand geschreven")


@pytest.mark.parametrize("formaat", ["pdf", "xlsx"])
def test_caseloadoverzicht_cancelled_leaves_no_file(sqlite_store, jet, tmp_path, formaat):
    anna = jet.consulent(sqlite_store, "Anna Bos", 1.0)
    jet.dossier(sqlite_store, anna, voornaam="Eva", achternaam="Smit")
    uit = tmp_path / "uit"
    uit.mkdir()
    with pytest.raises(Geannuleerd):
        caseloadoverzicht.maak(sqlite_store, uit / f"c.{formaat}", formaat, jet.vandaag, geannuleerd=lambda: True)
    assert list(uit.iterdir()) == []
    assert _regels(sqlite_store)[-1] == ("openen", "rapport", f"caseloadoverzicht {formaat.upper()} geannuleerd "
                                                              "tijdens het opmaken: geen bestand geschreven")
