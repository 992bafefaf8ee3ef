"""The wachtlijst on a large demo store, as a user meets it: populate + paint, typing in the filter, a header
sort per column, jumping to the middle and the end; for each the time until the result is painted and the
longest time the GUI thread was blocked meanwhile (a 5 ms heartbeat timer on the GUI thread: the largest gap
between its ticks, or the longest call that ran on the GUI thread, whichever is larger); peak RSS.

    python benchmarks/bench_wachtlijst.py --jeugdigen 100000 --wachtlijst 50000

Works against the code before the wachtlijst was read on a worker too (then everything is a call on the
GUI thread and "blocked" equals "painted"), so a run on the old tree gives the baseline.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_store import demo_store  # noqa: E402
from PySide6.QtCore import QEventLoop, QModelIndex, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def pauze(ms: int) -> None:
    """Let the event loop run for `ms`: an event loop with a timer (QTest.qWait or processEvents in a tight
    loop hit PySide6 6.12's refcount bug: "deallocating None" after some thousands of calls)."""
    lus = QEventLoop()
    QTimer.singleShot(ms, lus.quit)
    lus.exec()


class Hartslag:
    """A 5 ms timer on the GUI thread; `meet()` runs a measurement and tells the longest block in it."""

    def __init__(self):
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(self._tik)
        self.laatste = time.perf_counter()
        self.grootste = 0.0
        self.timer.start()

    def _tik(self):
        nu = time.perf_counter()
        self.grootste = max(self.grootste, nu - self.laatste)
        self.laatste = nu

    def begin(self):
        pauze(20)  # settle: the heartbeat ticks again
        self.laatste = time.perf_counter()
        self.grootste = 0.0

    def blok_ms(self) -> float:
        self._tik()
        return self.grootste * 1000


def bezig(page) -> bool:
    return bool(getattr(page.model, "bezig", False))


def zichtbaar_geladen(page) -> bool:
    """Every row in the viewport has its page (the old synchronous model: always)."""
    model, view = page.model, page.view
    if not hasattr(model, "is_loaded"):
        return True
    if model.pages_pending():
        return False
    boven = view.rowAt(0)
    onder = view.rowAt(view.viewport().height() - 1)
    if boven < 0:
        return True
    onder = model.rowCount() - 1 if onder < 0 else onder
    return all(model.is_loaded(r) for r in range(boven, onder + 1))


def wacht(cond, timeout_s: float = 120.0) -> None:
    eind = time.perf_counter() + timeout_s
    while not cond():
        if time.perf_counter() > eind:
            raise TimeoutError("de wachtlijst kwam niet")
        pauze(2)


def meet(hart: Hartslag, page, actie, klaar) -> tuple[float, float, float]:
    """(ms until painted, longest GUI-thread block in ms, ms the action's own call took on the GUI thread)."""
    hart.begin()
    t = time.perf_counter()
    actie()
    oproep = (time.perf_counter() - t) * 1000
    wacht(lambda: klaar() and zichtbaar_geladen(page))
    t_paint = time.perf_counter()
    page.view.viewport().repaint()
    geschilderd = (time.perf_counter() - t) * 1000
    blok = max(hart.blok_ms(), oproep, (time.perf_counter() - t_paint) * 1000)
    return geschilderd, blok, oproep


def mediaan(rijen: list[tuple[float, ...]]) -> tuple[float, ...]:
    return tuple(statistics.median(k) for k in zip(*rijen))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--wachtlijst", type=int, default=None, help="the store made with demo --wachtlijst N")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--scroll", action="store_true", help="also scroll through all rows page by page")
    args = ap.parse_args()
    path = demo_store(args.jeugdigen, args.fresh, wachtlijst=args.wachtlijst)

    from jet_desktop.services import wachtlijst
    from jet_desktop.storage.store import Store
    from jet_desktop.ui.models.wachtlijst_model import COLUMNS
    from jet_desktop.ui.pages.wachtlijst_page import FILTER_PAUZE_MS, WachtlijstPage

    app = QApplication([])
    store = Store.open_file(path)
    page = WachtlijstPage(store, date.today())
    page.resize(1200, 800)
    page.show()
    pauze(50)
    hart = Hartslag()
    n = args.repeat
    print(f"store: {path}; wachtlijst rows: {wachtlijst.tel(store)}; load average {open('/proc/loadavg').read().split()[:3]}")
    print(f"filter pause (debounce) {FILTER_PAUZE_MS} ms; medians of {n}; 'blocked' = longest GUI-thread block")

    # populate + paint (the page opened or refreshed)
    r = mediaan([meet(hart, page, page.refresh, lambda: not bezig(page)) for _ in range(n)])
    print(f"populated and painted            : {r[0]:7.1f} ms   blocked {r[1]:6.1f} ms")

    def leeg_filter():
        page.zoek.clear()
        page._pas_filter_toe()
        wacht(lambda: not bezig(page) and page.model.filter_text == "")
        pauze(20)

    # typing a search: each key on the GUI thread, then the debounce, the query and the paint
    for woord in ("a", "jan", "xqz"):
        metingen = []
        for _ in range(n):
            leeg_filter()
            hart.begin()
            toetsen = []
            for j, ch in enumerate(woord):
                t = time.perf_counter()
                QTest.keyClick(page.zoek, ch)
                toetsen.append((time.perf_counter() - t) * 1000)
                if j < len(woord) - 1:
                    pauze(60)  # typing at a steady pace, quicker than the pause
            t_laatste = time.perf_counter()
            wacht(lambda w=woord: page.model.filter_text == w and not bezig(page) and zichtbaar_geladen(page))
            page.view.viewport().repaint()
            metingen.append((max(toetsen), (time.perf_counter() - t_laatste) * 1000, max(hart.blok_ms(), *toetsen)))
        k, p, b = mediaan(metingen)
        print(f"typing {woord!r:6}: per key on GUI {k:6.1f} ms; last key to painted {p:7.1f} ms; blocked {b:6.1f} ms"
              f"  ({page.model.rowCount()} rows)")
    leeg_filter()

    # a header click per column (ascending), back to the default order after each
    header = page.view.horizontalHeader()
    for col, (titel, _key) in enumerate(COLUMNS):
        metingen = []
        for i in range(n):
            order = Qt.SortOrder.DescendingOrder if i % 2 else Qt.SortOrder.AscendingOrder
            metingen.append(meet(hart, page, lambda c=col, o=order: header.setSortIndicator(c, o),
                                 lambda: not bezig(page)))
        r = mediaan(metingen)
        print(f"sort on {titel:18}: painted {r[0]:7.1f} ms   blocked {r[1]:6.1f} ms")
    header.setSortIndicator(3, Qt.SortOrder.AscendingOrder)
    wacht(lambda: not bezig(page))

    # jumping: the scrollbar to the middle and to the end, Ctrl+End, and back to the top
    bar = page.view.verticalScrollBar()

    def spring(waarde):
        def actie():
            bar.setValue(waarde())
        return actie

    def ctrl_end():
        page.view.setFocus()
        QTest.keyClick(page.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)

    for naam, actie in (("middle (scrollbar)", spring(lambda: bar.maximum() // 2)),
                        ("end (scrollbar)", spring(lambda: bar.maximum())),
                        ("Ctrl+End", ctrl_end),
                        ("a third (scrollbar)", spring(lambda: bar.maximum() // 3))):
        metingen = []
        for _ in range(n):
            page.refresh()  # a fresh view: no pages kept from the run before
            wacht(lambda: not bezig(page))
            page.view.setCurrentIndex(QModelIndex())  # no current row: its page is not read with the view
            bar.setValue(0)
            pauze(20)
            # Ctrl+End scrolls once the view has laid out: painted when the bar is at the end
            klaar = (lambda: bar.value() == bar.maximum()) if naam == "Ctrl+End" else (lambda: True)
            metingen.append(meet(hart, page, actie, klaar))
        r = mediaan(metingen)
        print(f"jump to the {naam:19}: painted {r[0]:7.1f} ms   blocked {r[1]:6.1f} ms")

    if args.scroll:
        bar.setValue(0)
        t = time.perf_counter()
        for v in range(0, bar.maximum() + 1, max(bar.pageStep(), 1)):
            bar.setValue(v)
            wacht(lambda: zichtbaar_geladen(page))
            page.view.viewport().repaint()
        print(f"scroll through all rows page by page: {(time.perf_counter() - t) * 1000:7.0f} ms; rows held in "
              f"Python afterwards: {page.model.loaded_rows()}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS                         : {rss:7.0f} MB; load average {open('/proc/loadavg').read().split()[:3]}")
    app.quit()


if __name__ == "__main__":
    main()
