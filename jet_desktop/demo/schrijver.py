"""The demo generator's writer: rows buffered per table, inserted in batches in foreign-key order."""

from __future__ import annotations

from jet_desktop.storage.models import TABLES

_LABELS = {"medewerker": "Medewerkers", "afwezigheid": "Afwezigheden", "gezin": "Gezinnen",
           "gezinslid": "Ouders en verzorgers", "jeugdige": "Jeugdigen", "aanmelding": "Aanmeldingen",
           "triagebesluit": "Triagebesluiten", "dossier": "Dossiers", "consulentwijziging": "Consulentwisselingen",
           "klikgesprek": "Klikgesprekken", "contactmoment": "Contactmomenten",
           "ondersteuningsplan": "Ondersteuningsplannen", "toewijzing": "Toewijzingen"}


class Writer:
    """Buffers rows per table and inserts them in batches, always all tables in foreign-key order."""

    def __init__(self, conn, progress, total_hint: int, batch: int):
        self.conn, self.progress, self.total, self.batch = conn, progress, total_hint, batch
        self.buffers: dict = {}
        self.done = 0
        self.counts: dict[str, int] = {}

    def add(self, table, row: dict) -> None:
        buf = self.buffers.get(table)
        if buf is None:
            buf = self.buffers[table] = []
        buf.append(row)
        if len(buf) >= self.batch:
            self.flush()

    def flush(self) -> None:
        # a child row is only ever added after its parent, so flushing parents first keeps every reference valid
        for t in TABLES:
            rows = self.buffers.get(t)
            if rows:
                self.conn.execute(t.insert(), rows)
                self.counts[t.name] = self.counts.get(t.name, 0) + len(rows)
                self.done += len(rows)
                self.buffers[t] = []
                self.report(_LABELS.get(t.name, t.name))

    def report(self, label: str) -> None:
        self.total = max(self.total, self.done)
        if self.progress:
            self.progress(self.done, self.total, label)
