"""Work on the file of a local (SQLite) store: backup, check, restore, encryption, re-keying, the
daily backup, and what is checked at start. The Beheer menu (ui/beheer_menu.py), the start of the
GUI (ui/app.py) and the commands (backup, restore, versleutel, wachtwoordzin) call only these.

Each operation writes its own audit line (actie BEHEER, objecttype "gegevensset"); a backup's
line holds the audit chain's head as it is in the copy ("ankerhash"), an anchor outside the store.
Restore, re-keying and encryption take the store file exclusively (storage/slot.py) and refuse,
naming who, while it is open elsewhere; the GUI closes its own engine first.

Failures are `BackupFout` (Dutch, nothing changed; `SchijfVol` for a full disk) or
`GegevenssetBezet` (a WachtwoordzinFout: the store is open elsewhere or being replaced).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.rollen import Recht
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import vereis
from jet_desktop.storage import backup as _backup
from jet_desktop.storage import slot
from jet_desktop.storage import versleuteling as _vs
from jet_desktop.storage.backup import BackupFout, SchijfVol, schijffouten  # noqa: F401  (for the callers)
from jet_desktop.storage.bestand import DatabaseError, WachtwoordzinFout, open_bestand
from jet_desktop.storage.slot import GegevenssetBezet  # noqa: F401
from jet_desktop.storage.store import Store

OBJECT = "gegevensset"


class AuditNietGeschreven(BackupFout):
    """The work was done, but its audit line could not be written (e.g. the disk filled up just then)."""


def _pad(store: Store) -> Path:
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupFout("Dit werkt alleen voor een lokale gegevensset (een bestand op deze computer).")
    return Path(url.database)


def _sleutel(store: Store) -> str | None:
    return store.engine.url.password


def anker(pad: str | Path, sleutel: str | None) -> tuple[int, str] | None:
    """The audit chain's head (volgnummer, hash) as it is in the file `pad` (a backup): its anchor."""
    try:
        conn = open_bestand(pad, sleutel, alleen_lezen=True)
        try:
            rij = conn.execute("SELECT volgnummer, hash FROM auditketen WHERE id = 1").fetchone()
        finally:
            conn.close()
    except (WachtwoordzinFout, DatabaseError):
        return None
    return (rij[0], rij[1]) if rij else None


def anker_tekst(a: tuple[int, str] | None) -> str:
    return f"ankerhash auditlog regel {a[0]}: {a[1]}" if a else "zonder auditlog"


@dataclass(frozen=True)
class Reservekopie:
    pad: Path
    anker: tuple[int, str] | None  # the audit chain's head in the copy

    @property
    def megabytes(self) -> float:
        return self.pad.stat().st_size / 1e6


# --- backup and check (the store stays open) ---------------------------------------------------------
def maak(store: Store, doel: str | Path) -> Reservekopie:
    """A checked backup of the open local store to `doel`, with its audit line (naming the anchor)."""
    vereis(store, Recht.RESERVEKOPIE)
    db = _pad(store)
    pad = _backup.maak_backup(db, doel, _sleutel(store))
    a = anker(pad, _sleutel(store))
    _log_of_weg(store, pad, f"reservekopie gemaakt: {pad.name}; {anker_tekst(a)}")
    return Reservekopie(pad, a)


def _log_of_weg(store: Store, pad: Path, omschrijving: str) -> None:
    """The backup's audit line; when it cannot be written (a full disk under the store), no backup either."""
    try:
        with _backup.schijffouten(_pad(store)):
            audit.log(store, AuditActie.BEHEER, OBJECT, omschrijving=omschrijving)
    except BaseException:
        pad.unlink(missing_ok=True)
        raise


def dagelijks(store: Store, vandaag: date) -> Reservekopie | None:
    """The first call of a day: `reservekopieen/<naam>-JJJJMMDD.db`, older ones rotated out (setting
    backups_bewaren), and its audit line. None when today's exists already."""
    from jet_desktop.services import settings

    db = _pad(store)
    bewaren = settings.instellingen(store).backups_bewaren
    pad = _backup.dagelijkse_backup(db, db.parent / "reservekopieen", vandaag, bewaren, _sleutel(store))
    if pad is None:
        return None
    a = anker(pad, _sleutel(store))
    _log_of_weg(store, pad, f"dagelijkse reservekopie gemaakt: {pad.name}; {anker_tekst(a)}")
    return Reservekopie(pad, a)


def controleer(pad: str | Path, sleutel: str | None) -> str:
    """Check a backup (integrity, a known schema, the wachtwoordzin) without changing anything. A check
    reads no personal data out: no audit line."""
    return _backup.controleer(pad, sleutel)


# --- operations that replace the store file (the store is closed, or opened by nobody) -------------
def zet_terug(wie: Store, db: str | Path, bron: str | Path, sleutel: str | None,
              bron_sleutel: str | None = None) -> Path | None:
    """Restore `bron` over the store `db` (which `wie`'s own engine must have closed); returns the kept copy
    of the replaced store. The audit line goes into the restored store (whose log ends where the backup's did)."""
    vereis(wie, Recht.RESERVEKOPIE)
    bewaard = _backup.herstel(bron, db, wachtwoordzin=sleutel, backup_wachtwoordzin=bron_sleutel)
    _log_na_vervangen(db, sleutel, wie, audit.terugzet_omschrijving(bron, bewaard, sleutel), "De reservekopie is teruggezet")
    return bewaard


def versleutel(wie: Store, db: str | Path, sleutel: str) -> _vs.Versleuteling:
    """Encrypt the plain store `db` (or finish an interrupted encryption; `sleutel` is then the store's own)."""
    u = _vs.versleutel(db, sleutel)
    delen = ["gegevensset versleuteld; reservekopie vooraf: " + u.kopie.name] if u.kopie else \
        ["onderbroken versleuteling afgemaakt"]
    delen.append(f"{len(u.reservekopieen)} onversleutelde reservekopie(ën) versleuteld")
    if u.beschadigd:
        delen.append(f"{len(u.beschadigd)} beschadigde versleuteld bewaard: "
                     + ", ".join(nieuw.name for _, nieuw in u.beschadigd))
    _log_na_vervangen(db, sleutel, wie, "; ".join(delen), "De gegevensset is versleuteld")
    return u


def wijzig_wachtwoordzin(wie: Store, db: str | Path, oud: str, nieuw: str) -> _vs.Herversleuteling:
    """Re-key the store `db` and its reservekopieën (finishing an interrupted change with the same new one)."""
    h = _vs.wijzig_wachtwoordzin(db, oud, nieuw)
    tekst = f"wachtwoordzin gewijzigd; {len(h.reservekopieen)} reservekopie(ën) opnieuw versleuteld"
    if h.al_gedaan:
        tekst += f", {len(h.al_gedaan)} hadden hem al (een onderbroken wijziging afgemaakt)"
    if h.onbekend:
        tekst += f"; {len(h.onbekend)} openen met geen van beide: " + ", ".join(p.name for p in h.onbekend)
    _log_na_vervangen(db, nieuw, wie, tekst, "De wachtwoordzin is gewijzigd")
    return h


def _log_na_vervangen(db, sleutel: str | None, wie: Store, omschrijving: str, gedaan: str) -> None:
    """The audit line in the replaced store file; the work itself is done whatever happens here."""
    try:
        with _backup.schijffouten(db):
            audit.log_in_bestand(db, sleutel, wie, omschrijving)
    except (BackupFout, WachtwoordzinFout) as exc:
        reden = str(exc).replace(" Er is niets gewijzigd; maak ruimte en probeer het opnieuw.", "")
        raise AuditNietGeschreven(f"{gedaan}, maar de regel in het auditlog kon niet worden geschreven: {reden}") from None


# --- at start --------------------------------------------------------------------------------------
def waarschuwingen(db: str | Path, sleutel: str | None, snel: bool = False) -> list[str]:
    """Dutch warnings about files beside the store `db` that are not under its current key: plain
    reservekopieën, ones under another wachtwoordzin, an interrupted change of the wachtwoordzin.
    `snel`: plain reservekopieën and an interrupted change only (storage/versleuteling.niet_onder_sleutel)."""
    db = Path(db)
    uit = []
    pending = _vs.marker_past(db, sleutel) if sleutel else None  # one key derivation, only while a change is pending
    if pending is False:
        uit.append("Een wijziging van de wachtwoordzin is onderbroken: een deel van de reservekopieën heeft al de "
                   "nieuwe wachtwoordzin. Voer de wijziging opnieuw uit (Beheer → Wachtwoordzin wijzigen, of "
                   "`jet-desktop wachtwoordzin`) met dezelfde nieuwe wachtwoordzin.")
    for pad, staat in _vs.niet_onder_sleutel(db, sleutel, snel):
        if staat == "onversleuteld":
            uit.append(f"{pad.name} in {pad.parent} is NIET versleuteld (`jet-desktop versleutel` versleutelt hem).")
        elif staat == "andere wachtwoordzin":
            uit.append(f"{pad.name} in {pad.parent} opent niet met de huidige wachtwoordzin (een oudere?).")
        else:
            uit.append(f"{pad.name} in {pad.parent} is niet te lezen.")
    return uit


def bij_start(store: Store) -> list[str]:
    """After sign-in on a local store: finish what an interrupted encryption or change of the wachtwoordzin
    left (plain reservekopieën of an encrypted store are encrypted; a completed change's marker goes), with
    an audit line when something was done; returns the warnings that remain (`waarschuwingen`)."""
    db, sleutel = _pad(store), _sleutel(store)
    if sleutel is None:
        return []
    if _vs.rond_af(db, sleutel):
        audit.log(store, AuditActie.BEHEER, OBJECT, omschrijving="onderbroken wijziging van de wachtwoordzin afgerond")
    plat = [p for p, staat in _vs.niet_onder_sleutel(db, sleutel) if staat == "onversleuteld"]
    if plat:
        u = _vs.Versleuteling(None)
        with slot.gedeeld(db):  # reservekopieën only: the store itself is not replaced, others may keep it open
            try:
                _vs._versleutel_reservekopieen(db, sleutel, u)
            except BackupFout as exc:
                return [f"Onversleutelde reservekopieën niet versleuteld: {exc}"] + waarschuwingen(db, sleutel)
        if u.reservekopieen or u.beschadigd:
            audit.log(store, AuditActie.BEHEER, OBJECT, omschrijving=(
                f"onderbroken versleuteling afgemaakt bij de start: {len(u.reservekopieen) + len(u.beschadigd)} "
                "onversleutelde reservekopie(ën) versleuteld"))
    return waarschuwingen(db, sleutel)


def waarschuw(db: str | Path, sleutel: str | None, uit: IO[str] | None = None, snel: bool = False) -> list[str]:
    """For headless commands on a local store: print `waarschuwingen` to stderr ("Let op: …")."""
    lijst = waarschuwingen(db, sleutel, snel) if Path(db).is_file() else []
    for regel in lijst:
        print(f"Let op: {regel}", file=uit or sys.stderr)
    return lijst


def meld_aangemeld(store: Store) -> None:
    """Name the signed-in medewerker in this process's presence record (who has the store open)."""
    try:
        slot.noteer_medewerker(_pad(store), store.user)
    except BackupFout:
        pass

