"""Waiting for the wachtlijst, which is read on a worker (ui/models/wachtlijst_model.py)."""

from __future__ import annotations

import time


def klaar(page_of_model, timeout_ms: int = 10_000):
    """Wait (running the event loop) until the list has arrived and no page is on its way; returns the argument."""
    from PySide6.QtCore import QEventLoop, QTimer

    model = getattr(page_of_model, "model", page_of_model)
    eind = time.monotonic() + timeout_ms / 1000
    while page_of_model.bezig or model.pages_pending():
        if time.monotonic() > eind:
            raise AssertionError("de wachtlijst kwam niet binnen de tijd")
        lus = QEventLoop()  # an event loop with a timer, as qtbot.wait does
        QTimer.singleShot(5, lus.quit)
        lus.exec()
    return page_of_model


def namen(page_of_model) -> list[str]:
    """The names on the list, every page fetched (waits for each)."""
    model = getattr(klaar(page_of_model), "model", page_of_model)
    uit = []
    for r in range(model.rowCount()):
        if not model.is_loaded(r):
            model.data(model.index(r, 1))
            klaar(model)
        uit.append(model.data(model.index(r, 1)))
    return uit
