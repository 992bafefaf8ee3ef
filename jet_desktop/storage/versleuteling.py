"""Encryption at rest of the local store (SQLCipher): convert a plain store, change the wachtwoordzin.

Both write a complete new file beside each file, check it, and only then rename it over the old
one (`os.replace`, atomic): a crash, a power cut or a full disk halfway leaves every file either
as it was or done. Both take the store exclusively (storage/slot.py): refused, naming who, while
another process has it open.

Converting a plain store first writes an *encrypted* reservekopie (a plain copy lying around
would defeat the purpose), then the store, then the plain reservekopieën of this store. It is
resumable: run again on the (now encrypted) store, with its wachtwoordzin, it encrypts what an
interrupted run left plain. A reservekopie too damaged to convert table by table keeps its bytes
in an encrypted file `<naam>-beschadigd.db` (table `beschadigd_bestand`); the plain one goes.

Changing the wachtwoordzin re-encrypts this store's reservekopieën first and the store last, so
an old, perhaps compromised, wachtwoordzin opens nothing any more. A marker `<store>.sleutelwissel`
(a salted PBKDF2 hash of the new wachtwoordzin, never the wachtwoordzin) lives while it runs: an
interrupted change is finished by running it again with the same new wachtwoordzin (the files
already under it are recognised), and a different new one is refused until then.

Only this store's reservekopieën are touched: `reservekopieen/<stem>-…<suffix>`, not those of
another store in the same folder (`eigen_reservekopieen`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from jet_desktop.domain.wachtwoord import zwakte
from jet_desktop.storage import slot
from jet_desktop.storage.backup import BackupFout, SchijfVol, bijbestanden, controleer, exporteer, schijffouten
from jet_desktop.storage.bestand import DatabaseError, WachtwoordzinFout, echt_pad, is_versleuteld, open_bestand

TIJDELIJK = (".versleutelen", ".bezig", ".herstel")


def reservekopie_map(db: Path) -> Path:
    return db.parent / "reservekopieen"


def _hoort_bij(naam: str, db: Path, andere_stammen: list[str]) -> bool:
    """Is the file name `naam` one of `db`'s reservekopieën (`<stem>-…<suffix>`), and not of another store
    in the folder whose stem starts with ours (`a.db`'s `a-b-20261125.db` belongs to `a-b.db`)?"""
    if not (naam.startswith(db.stem + "-") and naam.endswith(db.suffix)) or len(naam) <= len(db.stem) + 1 + len(db.suffix):
        return False
    if not db.suffix and "." in naam[len(db.stem) + 1:]:  # `jet` (no suffix) does not own `jet-20261125.db` of jet.db
        return False
    return not any(naam.startswith(ander + "-") for ander in andere_stammen)


def _andere_stammen(db: Path) -> list[str]:
    return [p.stem for p in db.parent.glob(f"*{db.suffix}")
            if p.name != db.name and p.stem.startswith(db.stem + "-") and p.is_file()]


def eigen_reservekopieen(db: str | Path) -> list[Path]:
    """This store's reservekopieën in `reservekopieen/` beside it (never another store's)."""
    db = echt_pad(db)
    map_ = reservekopie_map(db)
    if not map_.is_dir():
        return []
    andere = _andere_stammen(db)
    return sorted(p for p in map_.iterdir() if p.is_file() and _hoort_bij(p.name, db, andere))


def achtergebleven(db: str | Path) -> list[Path]:
    """Temporary files of this store that an interrupted backup, restore or re-key left (a plain one
    holds plaintext). Remove them only while holding the store exclusively."""
    db = echt_pad(db)
    naam = slot._glob_escape(db.name)
    uit = [p for patroon in (f"{naam}.herstel", f"{naam}.versleutelen", f"{naam}.*.versleutelen")
           for p in db.parent.glob(patroon)]
    map_ = reservekopie_map(db)
    if map_.is_dir():
        andere = _andere_stammen(db)
        for p in map_.iterdir():
            for t in TIJDELIJK:
                if p.name.endswith(t):
                    basis = p.name[: -len(t)]
                    if not db.suffix or not basis.endswith(db.suffix):  # <naam>.<8 hex>.bezig
                        basis = basis.rsplit(".", 1)[0]
                    if _hoort_bij(basis, db, andere):
                        uit.append(p)
    return sorted(set(uit))


def _ruim_op(db: Path) -> None:
    for p in achtergebleven(db):
        p.unlink(missing_ok=True)


# tests only: SIGKILL this process after that many files were replaced (tests/storage/test_hervatten.py)
_KILL_NA = int(os.environ.get("JET_TEST_KILL_NA_VERVANGEN", "0") or 0)
_vervangen = 0


def _vervang_door_export(pad: Path, oud: str | None, nieuw: str) -> None:
    # a name of its own: two instances finishing an encryption at start at once do not collide
    tijdelijk = pad.with_name(f"{pad.name}.{secrets.token_hex(4)}.versleutelen")
    try:
        exporteer(pad, oud, tijdelijk, nieuw)
        controleer(tijdelijk, nieuw)
        with schijffouten(pad):
            for bijbestand in bijbestanden(pad):
                bijbestand.unlink(missing_ok=True)  # checkpointed into the file before (_checkpoint)
            os.replace(tijdelijk, pad)
    finally:
        tijdelijk.unlink(missing_ok=True)
    if _KILL_NA:
        global _vervangen
        _vervangen += 1
        if _vervangen >= _KILL_NA:
            import signal

            os.kill(os.getpid(), signal.SIGKILL)


def _checkpoint(pad: Path, wachtwoordzin: str | None) -> None:
    with schijffouten(pad):
        conn = open_bestand(pad, wachtwoordzin)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            conn.close()


def _opent_met(pad: Path, wachtwoordzin: str | None) -> bool:
    try:
        with schijffouten(pad):
            open_bestand(pad, wachtwoordzin, alleen_lezen=True).close()
        return True
    except WachtwoordzinFout:
        return False


def _controleer_nieuw(nieuw: str) -> None:
    if reden := zwakte(nieuw):
        raise BackupFout(f"Nieuwe wachtwoordzin: {reden}.")


def _verpak_beschadigd(pad: Path, sleutel: str) -> Path:
    """A plain file that cannot be exported (damaged): its bytes into an encrypted file, then the plain one goes."""
    doel = pad.with_name(f"{pad.stem}-beschadigd{pad.suffix}")
    tijdelijk = doel.with_name(f"{doel.name}.{secrets.token_hex(4)}.versleutelen")
    try:
        with schijffouten(doel):
            conn = open_bestand(tijdelijk, sleutel)
            try:
                conn.execute("CREATE TABLE beschadigd_bestand (naam TEXT, inhoud BLOB)")
                conn.execute("INSERT INTO beschadigd_bestand VALUES (?, ?)", (pad.name, pad.read_bytes()))
                conn.commit()
            finally:
                conn.close()
            open_bestand(tijdelijk, sleutel, alleen_lezen=True).close()
            os.replace(tijdelijk, doel)
            for p in (pad, *bijbestanden(pad)):
                p.unlink(missing_ok=True)
    finally:
        tijdelijk.unlink(missing_ok=True)
    return doel


@dataclass
class Versleuteling:
    kopie: Path | None  # the encrypted reservekopie taken first (None: a resumed run)
    reservekopieen: list[Path] = field(default_factory=list)  # plain ones encrypted
    beschadigd: list[tuple[Path, Path]] = field(default_factory=list)  # (plain damaged file, encrypted container)


def _versleutel_reservekopieen(db: Path, sleutel: str, uitkomst: Versleuteling) -> None:
    for oud in eigen_reservekopieen(db):
        if is_versleuteld(oud) is not False:
            continue
        try:
            _vervang_door_export(oud, None, sleutel)
            uitkomst.reservekopieen.append(oud)
        except SchijfVol:
            raise
        except (BackupFout, DatabaseError, WachtwoordzinFout):
            if is_versleuteld(oud) is False:  # still plain (not encrypted meanwhile by another instance)
                uitkomst.beschadigd.append((oud, _verpak_beschadigd(oud, sleutel)))


def versleutel(db: str | Path, wachtwoordzin: str, nu: datetime | None = None) -> Versleuteling:
    """Encrypt the plain store `db` and its plain reservekopieën. On a store that is already encrypted
    (`wachtwoordzin` must then be its own): encrypt what an interrupted run left plain."""
    db = echt_pad(db)
    if is_versleuteld(db) is None:
        raise BackupFout(f"{db} bestaat niet.")
    with slot.exclusief(db, "gegevensset versleutelen"):
        if is_versleuteld(db):
            return _hervat_versleutelen(db, wachtwoordzin)
        _controleer_nieuw(wachtwoordzin)
        controleer(db)
        _ruim_op(db)  # after the checks: a refused run removes nothing either
        _checkpoint(db, None)
        map_ = reservekopie_map(db)
        with schijffouten(map_):
            map_.mkdir(parents=True, exist_ok=True)
        kopie = map_ / f"{db.stem}-voor-versleuteling-{(nu or datetime.now()):%Y%m%d-%H%M%S}{db.suffix}"
        tijdelijk = kopie.with_name(kopie.name + ".bezig")
        try:
            exporteer(db, None, tijdelijk, wachtwoordzin)
            controleer(tijdelijk, wachtwoordzin)
            with schijffouten(kopie):
                os.replace(tijdelijk, kopie)
        finally:
            tijdelijk.unlink(missing_ok=True)
        try:
            _vervang_door_export(db, None, wachtwoordzin)
        except BaseException:
            kopie.unlink(missing_ok=True)  # the store stays plain: as if nothing happened
            raise
        uitkomst = Versleuteling(kopie)
        _versleutel_reservekopieen(db, wachtwoordzin, uitkomst)
        return uitkomst


def _hervat_versleutelen(db: Path, wachtwoordzin: str) -> Versleuteling:
    if not _opent_met(db, wachtwoordzin):
        raise BackupFout(f"{db.name} is al versleuteld, en opent niet met deze wachtwoordzin: geef de "
                         "wachtwoordzin van de gegevensset om de onversleutelde reservekopieën te versleutelen.")
    if not any(is_versleuteld(p) is False for p in eigen_reservekopieen(db)) and not achtergebleven(db):
        raise BackupFout(f"{db.name} is al versleuteld, en de reservekopieën ernaast ook.")
    _ruim_op(db)
    uitkomst = Versleuteling(None)
    _versleutel_reservekopieen(db, wachtwoordzin, uitkomst)
    return uitkomst


# --- changing the wachtwoordzin ----------------------------------------------------------------------
_ITERATIES = 256_000  # as SQLCipher's own key derivation: the marker is no easier to attack than the store


def marker_pad(db: Path) -> Path:
    db = echt_pad(db)
    return db.with_name(db.name + ".sleutelwissel")


def _hash(zin: str, zout: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha512", zin.encode("utf-8"), zout, _ITERATIES).hex()


def _lees_marker(db: Path) -> dict | None:
    try:
        return json.loads(marker_pad(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def marker_past(db: Path, zin: str) -> bool | None:
    """None: no change is pending; else whether `zin` is the new wachtwoordzin of the pending change."""
    m = _lees_marker(db)
    if m is None:
        return None
    try:
        return hmac.compare_digest(_hash(zin, bytes.fromhex(m["zout"])), m["hash"])
    except (KeyError, ValueError):
        return False


def _schrijf_marker(db: Path, nieuw: str) -> None:
    zout = secrets.token_bytes(16)
    tekst = json.dumps({"zout": zout.hex(), "hash": _hash(nieuw, zout), "iteraties": _ITERATIES,
                        "sinds": datetime.now().isoformat(timespec="seconds")})
    tijdelijk = marker_pad(db).with_name(marker_pad(db).name + ".nieuw")
    with schijffouten(db):
        try:
            tijdelijk.write_text(tekst, encoding="utf-8")
            os.replace(tijdelijk, marker_pad(db))
        finally:
            tijdelijk.unlink(missing_ok=True)


def rond_af(db: str | Path, huidige: str) -> bool:
    """An interrupted change whose store already has `huidige` (the new one): done, remove the marker."""
    db = echt_pad(db)
    if marker_past(db, huidige):
        marker_pad(db).unlink(missing_ok=True)
        return True
    return False


@dataclass
class Herversleuteling:
    reservekopieen: list[Path] = field(default_factory=list)  # re-keyed now
    al_gedaan: list[Path] = field(default_factory=list)  # already under the new one (an interrupted run)
    onbekend: list[Path] = field(default_factory=list)  # open with neither: left as they are


def wijzig_wachtwoordzin(db: str | Path, oud: str, nieuw: str) -> Herversleuteling:
    """Re-key this store's reservekopieën that open with `oud`, then the store."""
    db = echt_pad(db)
    if nieuw == oud:
        raise BackupFout("Nieuwe wachtwoordzin: kies een andere dan de huidige.")
    _controleer_nieuw(nieuw)
    with slot.exclusief(db, "wachtwoordzin wijzigen"):
        try:
            _checkpoint(db, oud)  # opens the store with `oud`: the check of the current wachtwoordzin too
        except WachtwoordzinFout:
            hint = (" Een eerdere wijziging van de wachtwoordzin is onderbroken; had de gegevensset de nieuwe "
                    "wachtwoordzin van toen al, geef die dan als huidige." if _lees_marker(db) is not None else "")
            raise BackupFout("Huidige wachtwoordzin: onjuist." + hint) from None
        rond_af(db, oud)  # killed after the store got its new one (`oud` now): that change is complete
        if marker_past(db, nieuw) is False:
            raise BackupFout("Een eerdere wijziging van de wachtwoordzin is onderbroken: een deel van de "
                             "reservekopieën heeft al de nieuwe wachtwoordzin van toen. Geef dezelfde nieuwe "
                             f"wachtwoordzin om die wijziging af te maken (of verwijder {marker_pad(db).name} en de "
                             "reservekopieën die met geen van beide openen).")
        _ruim_op(db)  # after the checks: a refused change (a wrong current wachtwoordzin) removes nothing either
        _schrijf_marker(db, nieuw)
        uit = Herversleuteling()
        try:
            for kopie in eigen_reservekopieen(db):
                if is_versleuteld(kopie) is False:  # left plain by an interrupted encryption: under the new one too
                    try:
                        _vervang_door_export(kopie, None, nieuw)
                        uit.reservekopieen.append(kopie)
                    except SchijfVol:
                        raise
                    except (BackupFout, DatabaseError, WachtwoordzinFout):
                        if is_versleuteld(kopie) is False:
                            _verpak_beschadigd(kopie, nieuw)
                    continue
                if _opent_met(kopie, oud):
                    _vervang_door_export(kopie, oud, nieuw)
                    uit.reservekopieen.append(kopie)
                elif _opent_met(kopie, nieuw):
                    uit.al_gedaan.append(kopie)
                else:
                    uit.onbekend.append(kopie)
            _vervang_door_export(db, oud, nieuw)
        except BaseException as exc:
            if _terug(uit.reservekopieen, nieuw, oud) and not uit.al_gedaan:  # all back under `oud`: nothing changed
                marker_pad(db).unlink(missing_ok=True)
            elif isinstance(exc, BackupFout):
                reden = str(exc).replace(" Er is niets gewijzigd; maak ruimte en probeer het opnieuw.", "")
                raise type(exc)(f"{reden} {len(uit.reservekopieen)} reservekopie(ën) hebben al de nieuwe "
                                "wachtwoordzin; de gegevensset opent nog met de huidige. Voer de wijziging opnieuw "
                                "uit met dezelfde nieuwe wachtwoordzin om hem af te maken.") from None
            raise
        marker_pad(db).unlink(missing_ok=True)
        return uit


def _terug(gedaan: list[Path], nieuw: str, oud: str) -> bool:
    """Undo re-keyed reservekopieën after a failure (a full disk); False when that fails too."""
    try:
        for kopie in reversed(gedaan):
            _vervang_door_export(kopie, nieuw, oud)
        return True
    except (BackupFout, WachtwoordzinFout, DatabaseError, OSError):
        return False


# --- what is not under the current key -----------------------------------------------------------
def niet_onder_sleutel(db: str | Path, sleutel: str | None, snel: bool = False) -> list[tuple[Path, str]]:
    """This store's reservekopieën that are not under the store's current key: (file, 'onversleuteld' |
    'andere wachtwoordzin'). For a plain store (`sleutel` None) there is nothing to say. `snel`: only
    the plain ones (a header read each; trying the key costs a key derivation per file)."""
    db = echt_pad(db)
    if sleutel is None:
        return []
    uit = []
    for p in eigen_reservekopieen(db):
        staat = is_versleuteld(p)
        if staat is False:
            uit.append((p, "onversleuteld"))
        elif staat and not snel:
            try:
                if not _opent_met(p, sleutel):
                    uit.append((p, "andere wachtwoordzin"))
            except BackupFout:
                uit.append((p, "niet te lezen"))
    return uit
