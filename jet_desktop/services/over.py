"""What Help → Over JET Desktop shows: which program, which schema, which store (for a medewerker who calls
support: "which version do you have, and where is your data?"). No personal data, so no audit line."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from jet_desktop import __version__
from jet_desktop.storage.migrations import current_revision
from jet_desktop.storage.schema_version import HEAD_REVISION
from jet_desktop.storage.store import Store


@dataclass(frozen=True)
class Over:
    versie: str
    schemaversie: str  # of the open store
    verwacht: str  # this version's schema (the same, once a store is open)
    gegevensset: str  # the file, or the team server
    soort: str
    programma: Path  # where the program runs from
    logboek: Path
    bevroren: bool  # the installed build (PyInstaller), or Python from a checkout


def over(store: Store | None) -> Over:
    from jet_desktop import logboek
    from jet_desktop.storage.verbinding import server

    if store is None:
        schema, waar, soort = "—", "(nog geen gegevensset geopend)", ""
    else:
        schema = current_revision(store.engine) or "—"
        url = store.engine.url
        if url.get_backend_name() == "sqlite":
            waar = str(Path(url.database or "").resolve())
            soort = "lokaal bestand, versleuteld" if url.password is not None else "lokaal bestand, NIET versleuteld"
        else:
            waar = f"{server(url.render_as_string(hide_password=True))}, database {url.database}"
            soort = "teamserver" if store.teamserver else "gedeelde database"
    bevroren = bool(getattr(sys, "frozen", False))
    programma = Path(sys.executable).parent if bevroren else Path(__file__).resolve().parents[1]
    return Over(__version__, schema, HEAD_REVISION, waar, soort, programma, logboek.pad(), bevroren)
