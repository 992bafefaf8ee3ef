"""Settings kept in the store (norms, caseload norm): team-wide, not per machine."""

from __future__ import annotations

import json

from sqlalchemy import select

from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.wachttijd import WachttijdNormen
from jet_desktop.storage.models import Instelling
from jet_desktop.storage.store import Store, versioned_update

T = Instelling.__table__

DEFAULTS = {
    "norm_triage_werkdagen": 5,
    "norm_start_dagen": {"spoed": 3, "hoog": 14, "normaal": 28},
    "caseload_norm_per_fte": 16,
    # reports (issue 3)
    "organisatie_naam": "Gemeente Leeuwarden",
    "team_naam": "Jeugdexpertteam",
    "rapport_naamweergave": "initialen",  # "initialen" or "namen" on printed lists
    "publicatie_drempel": 5,  # counts below this are suppressed in exports for publication
}


def get(store: Store, key: str):
    with store.engine.connect() as conn:
        raw = conn.execute(select(T.c.waarde).where(T.c.sleutel == key)).scalar()
    return json.loads(raw) if raw is not None else DEFAULTS.get(key)


def put(store: Store, key: str, value) -> None:
    with store.engine.begin() as conn:
        row = conn.execute(select(T.c.id, T.c.version).where(T.c.sleutel == key)).first()
        if row is None:
            conn.execute(T.insert().values(store.new_row(sleutel=key, waarde=json.dumps(value))))
        else:
            versioned_update(conn, store, T, row.id, row.version, f"Instelling {key}", waarde=json.dumps(value))


def normen(store: Store) -> WachttijdNormen:
    start = get(store, "norm_start_dagen")
    return WachttijdNormen(
        triage_werkdagen=int(get(store, "norm_triage_werkdagen")),
        start_dagen={u: int(start[u.value]) for u in Urgentie},
    )


def caseload_norm(store: Store) -> float:
    return float(get(store, "caseload_norm_per_fte"))
