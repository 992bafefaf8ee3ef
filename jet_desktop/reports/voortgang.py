"""Progress and cancelling of a long report, and writing its file whole or not at all.

A report function takes `voortgang(done, total, label)` (optional): it is called as the work goes
on (rows laid out, rows written) and may raise `Geannuleerd` to stop it; `geannuleerd()` (optional)
is a check polled at the same moments. `schrijf_heel(path_or_stream)` writes a path through a
temporary file in the same folder that replaces it only at the end: a cancelled or failed report
leaves no half-written file (and an earlier file of that name as it was).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator

from jet_desktop.domain.errors import JetFout
from jet_desktop.tijdelijk_bestand import heel

Voortgang = Callable[[int, int, str], None]


class Geannuleerd(JetFout):
    """The user stopped the report; nothing was written."""

    def __init__(self, message: str = "Het rapport is geannuleerd; er is geen bestand geschreven."):
        super().__init__(message)


KLAAR = "Klaar"  # the label of the last report, after the file was put in place: no longer to be cancelled


def melder(voortgang: Voortgang | None, geannuleerd: Callable[[], bool] | None) -> Voortgang | None:
    """One callback of both: reports progress, then raises Geannuleerd when the check says so (not at
    KLAAR: the file is written by then, and "geannuleerd, geen bestand geschreven" would be untrue)."""
    if voortgang is None and geannuleerd is None:
        return None

    def melden(done: int, total: int, label: str) -> None:
        if voortgang is not None:
            voortgang(done, total, label)
        if geannuleerd is not None and label != KLAAR and geannuleerd():
            raise Geannuleerd()

    return melden


@contextlib.contextmanager
def schrijf_heel(path_or_stream) -> Iterator:
    """Yields what to write to: a stream as it is, a path as a temporary file beside it
    (jet_desktop/tijdelijk_bestand.py) that replaces the path on success and is removed on any
    failure or cancel."""
    if not isinstance(path_or_stream, (str, os.PathLike)) or os.path.isdir(path_or_stream):
        yield path_or_stream  # a stream; a folder fails in the writer, naming the folder
        return
    with heel(path_or_stream) as schrijf_naar:  # a device or pipe is written as it is
        yield str(schrijf_naar)


def log_geannuleerd(store, rapport: str, formaat: str) -> None:
    """The second line of a cancelled report (docs/audit.md): its `export` line was written before the
    layout, as for every report; this one says that no file came of it. No dossiernummers: the
    export line names them."""
    from jet_desktop.domain.enums import AuditActie
    from jet_desktop.services import audit

    audit.log(store, AuditActie.OPENEN, "rapport", rapport,
              omschrijving=f"{rapport} {formaat.upper()} geannuleerd tijdens het opmaken: geen bestand geschreven")
