"""Settings kept in the store (norms, caseload norm): team-wide, not per machine.

Each setting is declared once, in domain/instellingen.py (default, label, unit, range, explanation); this
module reads them all in one query and validates and saves them. Read them typed:
`settings.instellingen(store).caseload_norm_per_fte`.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from jet_desktop.domain import instellingen as register
from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.instellingen import Instellingen
from jet_desktop.domain.rollen import Recht
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import vereis
from jet_desktop.storage.models import Instelling
from jet_desktop.storage.store import Store, versioned_update

T = Instelling.__table__

DEFAULTS = register.STANDAARDEN  # the registry's defaults, by key


def _opgeslagen(store: Store) -> dict:
    """Every stored setting of the registry, decoded, in one query (a value that is not JSON is left out)."""
    with store.engine.connect() as conn:
        rijen = conn.execute(select(T.c.sleutel, T.c.waarde).where(T.c.sleutel.in_(register.PER_SLEUTEL))).all()
    waarden = {}
    for sleutel, ruw in rijen:
        try:
            waarden[sleutel] = json.loads(ruw)
        except (TypeError, ValueError):
            continue  # the default stands in
    return waarden


def instellingen(store: Store) -> Instellingen:
    """All settings, typed (defaults where none is stored), read in one query."""
    return Instellingen(_opgeslagen(store))


def alle(store: Store) -> dict:
    """Every setting with its current value (defaults where none is stored), read in one query."""
    return instellingen(store).als_dict()


def get(store: Store, key: str):
    """One setting's value; code that needs settings reads `instellingen(store)` (typed) instead."""
    if key not in register.PER_SLEUTEL:
        raise KeyError(key)
    return getattr(instellingen(store), key)


def put(store: Store, key: str, value) -> None:
    put_many(store, {key: value})


def _write(conn, store: Store, key: str, value) -> None:
    row = conn.execute(select(T.c.id, T.c.version).where(T.c.sleutel == key)).first()
    if row is None:
        conn.execute(T.insert().values(store.new_row(sleutel=key, waarde=json.dumps(value))))
    else:
        versioned_update(conn, store, T, row.id, row.version, f"Instelling {key}", waarde=json.dumps(value))


def valideer(values: dict) -> list[FieldError]:
    """Check the settings a functioneel beheerder edits together; one FieldError per field, naming the
    setting's label (the ranges and choices are the registry's, domain/instellingen.py)."""
    return register.fouten(values)


def put_many(store: Store, values: dict) -> None:
    """Save several settings in one transaction, after validation (nothing half-saved)."""
    vereis(store, Recht.INSTELLINGEN)
    errors = valideer(values)
    if errors:
        raise ValidationError(errors)
    with store.engine.begin() as conn:
        audit.schrijf(conn, store, AuditActie.BEHEER, "instellingen", omschrijving=", ".join(sorted(values)))
        for key, value in values.items():
            _write(conn, store, key, value)
