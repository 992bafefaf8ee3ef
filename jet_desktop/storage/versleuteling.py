"""Encryption at rest of the local store (SQLCipher): convert a plain store, change the wachtwoordzin.

Both write a complete new file beside the store, check it, and only then rename it over the
store (`os.replace`, atomic): a crash or a power cut halfway leaves the old store as it was.
Converting a plain store first writes an *encrypted* reservekopie (a plain copy lying around
would defeat the purpose), and encrypts the plain daily reservekopieën beside the store too.
Changing the wachtwoordzin re-encrypts those reservekopieën as well, so an old, perhaps
compromised, wachtwoordzin opens nothing any more.

The application must not have the store open meanwhile (the GUI closes its engine first).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from jet_desktop.domain.wachtwoord import zwakte
from jet_desktop.storage.backup import BackupFout, controleer, exporteer
from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld, open_bestand


def reservekopie_map(db: Path) -> Path:
    return db.parent / "reservekopieen"


def _vervang_door_export(pad: Path, oud: str | None, nieuw: str) -> None:
    tijdelijk = pad.with_name(pad.name + ".versleutelen")
    try:
        exporteer(pad, oud, tijdelijk, nieuw)
        controleer(tijdelijk, nieuw)
        for bijbestand in (pad.with_name(pad.name + "-wal"), pad.with_name(pad.name + "-shm")):
            bijbestand.unlink(missing_ok=True)  # checkpointed into the store by exporteer's connection
        os.replace(tijdelijk, pad)
    finally:
        tijdelijk.unlink(missing_ok=True)


def _checkpoint(pad: Path, wachtwoordzin: str | None) -> None:
    conn = open_bestand(pad, wachtwoordzin)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()


def _controleer_nieuw(nieuw: str) -> None:
    if reden := zwakte(nieuw):
        raise BackupFout(f"Nieuwe wachtwoordzin: {reden}.")


def versleutel(db: str | Path, wachtwoordzin: str, nu: datetime | None = None) -> Path:
    """Encrypt the plain store `db`. Returns the (encrypted) reservekopie taken first."""
    db = Path(db)
    if is_versleuteld(db) is not False:
        raise BackupFout(f"{db.name} is al versleuteld." if db.exists() else f"{db} bestaat niet.")
    _controleer_nieuw(wachtwoordzin)
    controleer(db)
    _checkpoint(db, None)
    map_ = reservekopie_map(db)
    map_.mkdir(parents=True, exist_ok=True)
    kopie = map_ / f"{db.stem}-voor-versleuteling-{(nu or datetime.now()):%Y%m%d-%H%M%S}{db.suffix}"
    tijdelijk = kopie.with_name(kopie.name + ".bezig")
    try:
        exporteer(db, None, tijdelijk, wachtwoordzin)
        controleer(tijdelijk, wachtwoordzin)
        os.replace(tijdelijk, kopie)
    finally:
        tijdelijk.unlink(missing_ok=True)
    _vervang_door_export(db, None, wachtwoordzin)
    for oud in sorted(map_.glob(f"*{db.suffix}")):
        if is_versleuteld(oud) is False:
            _vervang_door_export(oud, None, wachtwoordzin)
    return kopie


def wijzig_wachtwoordzin(db: str | Path, oud: str, nieuw: str) -> list[Path]:
    """Re-key the store and the reservekopieën that open with `oud`. Returns the re-keyed reservekopieën."""
    db = Path(db)
    if nieuw == oud:
        raise BackupFout("Nieuwe wachtwoordzin: kies een andere dan de huidige.")
    _controleer_nieuw(nieuw)
    try:
        _checkpoint(db, oud)  # opens the store with `oud`: the check of the current wachtwoordzin too
    except WachtwoordzinFout:
        raise BackupFout("Huidige wachtwoordzin: onjuist.") from None
    _vervang_door_export(db, oud, nieuw)
    gedaan = []
    map_ = reservekopie_map(db)
    for kopie in sorted(map_.glob(f"*{db.suffix}")) if map_.is_dir() else []:
        try:
            open_bestand(kopie, oud, alleen_lezen=True).close()
        except WachtwoordzinFout:
            continue  # made under another wachtwoordzin: left as it is
        _vervang_door_export(kopie, oud, nieuw)
        gedaan.append(kopie)
    return gedaan
