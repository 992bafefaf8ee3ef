"""Settings kept in the store (norms, caseload norm): team-wide, not per machine."""

from __future__ import annotations

import json

from sqlalchemy import select

from jet_desktop.domain.enums import AuditActie, Urgentie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.tekst import INSTELLING_VELDEN, tekst_fouten
from jet_desktop.domain.wachttijd import WachttijdNormen
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import vereis
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
    "backups_bewaren": 14,  # daily reservekopieën kept beside a SQLite store
    # Jeugdwet art. 7.3.9: 20 years from the last change (15 before 2020); see docs/security.md
    "bewaartermijn_jaren": 20,
}


def get(store: Store, key: str):
    with store.engine.connect() as conn:
        raw = conn.execute(select(T.c.waarde).where(T.c.sleutel == key)).scalar()
    return json.loads(raw) if raw is not None else DEFAULTS.get(key)


def put(store: Store, key: str, value) -> None:
    put_many(store, {key: value})


def _write(conn, store: Store, key: str, value) -> None:
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


NAAMWEERGAVE = {"initialen": "Initialen (bijv. J.d.V.)", "namen": "Volledige namen"}


def valideer(values: dict) -> list[FieldError]:
    """Check the settings a functioneel beheerder edits together; one FieldError per field."""
    errors: list[FieldError] = []
    if onbekend := [k for k in values if k not in DEFAULTS]:  # the keys go into the audit line: only known ones
        errors.append(FieldError("instellingen", f"Onbekende instelling ({len(onbekend)}): kies uit de instellingen."))

    def getal(key: str, label: str, lo: float, hi: float, integer: bool = True) -> None:
        v = values.get(key)
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and (not integer or float(v).is_integer())
        if not ok or not lo <= v <= hi:
            soort = "een geheel getal" if integer else "een getal"
            errors.append(FieldError(key, f"{label}: vul {soort} in van {lo:g} tot en met {hi:g}."))

    for key, label in (("organisatie_naam", "Organisatie"), ("team_naam", "Team")):
        if key in values and not str(values[key]).strip():
            errors.append(FieldError(key, f"{label}: vul een naam in; die staat boven elk afgedrukt rapport."))
    errors += tekst_fouten(values, INSTELLING_VELDEN, al=errors)  # control characters, lengths (domain/tekst.py)
    if "rapport_naamweergave" in values and values["rapport_naamweergave"] not in NAAMWEERGAVE:
        errors.append(FieldError("rapport_naamweergave", "Namen op rapporten: kies initialen of volledige namen."))
    if "publicatie_drempel" in values:
        getal("publicatie_drempel", "Drempel voor publicatie", 1, 100)
    if "backups_bewaren" in values:
        getal("backups_bewaren", "Reservekopieën bewaren", 1, 365)
    if "bewaartermijn_jaren" in values:
        getal("bewaartermijn_jaren", "Bewaartermijn", 15, 115)
    if "caseload_norm_per_fte" in values:
        getal("caseload_norm_per_fte", "Caseloadnorm per FTE", 1, 100, integer=False)
    if "norm_triage_werkdagen" in values:
        getal("norm_triage_werkdagen", "Triagenorm", 1, 60)
    if "norm_start_dagen" in values:
        start = values["norm_start_dagen"]
        fout = [u for u in Urgentie if not isinstance(start.get(u.value), int) or not 1 <= start[u.value] <= 365]
        for u in fout:
            errors.append(FieldError(f"norm_start_{u.value}",
                                     f"Startnorm {u.label.lower()}: vul een aantal dagen in van 1 tot en met 365."))
        if not fout and not start["spoed"] <= start["hoog"] <= start["normaal"]:
            errors.append(FieldError("norm_start_normaal", "Startnormen: spoed ≤ hoog ≤ normaal (in dagen)."))
    return errors


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


def alle(store: Store) -> dict:
    """Every setting with its current value (defaults where none is stored)."""
    return {key: get(store, key) for key in DEFAULTS}
