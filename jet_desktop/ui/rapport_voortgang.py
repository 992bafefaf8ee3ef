"""A long report made off the GUI thread, with a progress dialog that has Annuleren.

`maak_met_voortgang(parent, werk, label, on_done, on_error)` runs `werk(voortgang, geannuleerd)`
on a worker (ui/workers.py): the report function reports `voortgang(done, total, label)` and polls
`geannuleerd()`, which turns true when Annuleren is pressed. A cancelled report raises
`Geannuleerd` (no file written); the user is told so in Dutch, and `on_error` is not called.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from jet_desktop.reports.voortgang import Geannuleerd
from jet_desktop.ui import workers

GEANNULEERD_TEKST = "Het rapport is geannuleerd; er is geen bestand geschreven."


def maak_met_voortgang(parent: QWidget, werk: Callable, label: str, on_done: Callable,
                       on_error: Callable | None = None,
                       on_geannuleerd: Callable[[], None] | None = None) -> QProgressDialog:
    stop = threading.Event()
    dialog = QProgressDialog(label, "Annuleren", 0, 0, parent)
    dialog.setWindowTitle("Rapport maken")
    # not modal: a modal QProgressDialog runs the event loop inside setValue, where the result could
    # arrive and close it mid-call; the page disables its own button while the report is made
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    afgelopen = []

    def annuleren() -> None:  # Annuleren, Escape or the close button (not the close of a finished dialog)
        if afgelopen:
            return
        stop.set()
        dialog.setLabelText("Annuleren…")

    dialog.canceled.connect(annuleren)

    def progress(done: int, total: int, tekst: str) -> None:
        if stop.is_set() or afgelopen:
            return
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        dialog.setLabelText(f"{label} {tekst.lower()}: {done:,} van {total:,} rijen".replace(",", "."))

    def klaar(result) -> None:
        afgelopen.append(True)
        dialog.close()
        on_done(result)

    def mislukt(exc, tb: str = "") -> None:
        afgelopen.append(True)
        dialog.close()
        if isinstance(exc, Geannuleerd):
            if on_geannuleerd is not None:
                on_geannuleerd()
            QMessageBox.information(parent, "Geannuleerd", GEANNULEERD_TEKST)
            return
        if on_error is not None:
            on_error(exc, tb)

    dialog.stop = stop
    workers.run_in_background(lambda p: werk(p, stop.is_set), on_done=klaar, on_error=mislukt, on_progress=progress)
    dialog.setValue(0)
    return dialog
