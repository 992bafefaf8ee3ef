"""The wachtlijst on a large demo store: populate + paint, one filter keystroke, scrolling."""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_store import demo_store  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jeugdigen", type=int, default=100_000)
    ap.add_argument("--fresh", action="store_true")
    args = ap.parse_args()
    path = demo_store(args.jeugdigen, args.fresh)

    from jet_desktop.services import wachtlijst
    from jet_desktop.storage.store import Store
    from jet_desktop.ui.pages.wachtlijst_page import WachtlijstPage

    app = QApplication([])
    store = Store.open_file(path)
    page = WachtlijstPage(store, date.today())
    page.resize(1200, 800)
    page.show()
    app.processEvents()

    def populate_and_paint():
        page.refresh()
        page.view.viewport().repaint()

    def keystroke():
        page.zoek.setText("")
        app.processEvents()
        t = time.perf_counter()
        page.zoek.setText("a")  # one key: the model re-queries count + first page
        page.view.viewport().repaint()
        return (time.perf_counter() - t) * 1000

    def scroll_to_end():
        bar = page.view.verticalScrollBar()
        bar.setValue(0)
        for v in range(0, bar.maximum() + 1, max(bar.pageStep(), 1)):
            bar.setValue(v)
            page.view.viewport().repaint()

    populate = ms(populate_and_paint)
    keys = statistics.median(keystroke() for _ in range(7))
    page.zoek.setText("")
    app.processEvents()
    total = wachtlijst.tel(store)
    t = time.perf_counter()
    scroll_to_end()
    scroll = (time.perf_counter() - t) * 1000
    print(f"store: {path}; wachtlijst rows: {total}")
    print(f"wachtlijst populated and painted : {populate:7.1f} ms (median of 7)")
    print(f"one keystroke in the filter box  : {keys:7.1f} ms (median of 7)")
    print(f"scroll through all rows page by page: {scroll:7.0f} ms; rows held in Python afterwards: "
          f"{page.model.loaded_rows()} of {total}")


if __name__ == "__main__":
    main()
