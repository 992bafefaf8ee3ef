"""Import of the registrations of the other toegangsvormen (domain.md "Monitor toegang").

All-or-nothing: the whole file is read and checked first; one bad row rejects it with the
complete list of bad rows (`ImportFout.fouten`) and nothing is written. A good file is stored
in ONE transaction with set-based bulk statements, batch by batch (see docs/import.md):

- a file is recognised by the sha256 of its bytes (table `toegangimport`): the same file again
  writes nothing and says when it was read before;
- a traject is recognised by (toegangsvorm, client_id, startdatum): a later export of the same
  register that repeats a traject updates it (einddatum, uitkomst, gesprekken; version + 1)
  instead of adding it twice; a repeated traject without changes is left alone.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from sqlalchemy import Column, MetaData, Table, and_, delete, exists, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from jet_desktop.domain.enums import AuditActie
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.domain.rollen import Recht
from jet_desktop.domain.toegang_rijen import RijFout, Traject
from jet_desktop.notatie import getal
from jet_desktop.services import audit
from jet_desktop.services.autorisatie import mag, weiger
from jet_desktop.services.toegang_bestand import MAX_BESTAND, BestandFout, lees_bestand, te_groot
from jet_desktop.storage.models import ToegangImport, ToegangTraject, utcnow
from jet_desktop.storage.store import Store

I, T = ToegangImport.__table__, ToegangTraject.__table__
BATCH = 5_000
Progress = Callable[[int, int], None]


class ImportFout(ValidationError):
    """The file was rejected; nothing was written. `fouten` lists every bad row (may be empty when
    the file as a whole cannot be read; `melding` then says why)."""

    def __init__(self, melding: str, fouten: Sequence[RijFout] = ()):
        self.melding = melding
        self.fouten = list(fouten)
        self.errors = [FieldError("bestand", melding)]
        ValueError.__init__(self, melding)  # not the joined list: a rejected file may have many errors

    def regels(self) -> list[str]:
        """The message and one line per bad row ("rij 7, kolom einddatum: ...")."""
        return [self.melding, *(str(f) for f in self.fouten)]


@dataclass(frozen=True)
class ImportResultaat:
    rijen: int  # trajecten in the file
    nieuw: int
    bijgewerkt: int
    ongewijzigd: int
    al_ingelezen: bool = False
    bestandsnaam: str = ""
    ingelezen_op: datetime | None = None  # when the file was stored (earlier, if al_ingelezen)

    @property
    def samenvatting(self) -> str:
        naam = f"{self.bestandsnaam}: " if self.bestandsnaam else ""
        if self.al_ingelezen:
            return f"{naam}dit bestand is al ingelezen op {_tijdstip(self.ingelezen_op)}; er is niets gewijzigd."
        return (f"{naam}{getal(self.rijen)} trajecten ingelezen: {getal(self.nieuw)} nieuw, "
                f"{getal(self.bijgewerkt)} bijgewerkt, {getal(self.ongewijzigd)} ongewijzigd.")


def _tijdstip(moment: datetime | None) -> str:
    if moment is None:
        return "?"
    if moment.tzinfo is None:  # SQLite hands back the stored UTC as naive
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%d-%m-%Y om %H:%M")


def afwijzing(fouten: Sequence[RijFout]) -> str:
    rijen = len({f.rij for f in fouten})
    return (f"Het bestand is niet ingelezen: {getal(len(fouten))} {'fout' if len(fouten) == 1 else 'fouten'} "
            f"in {getal(rijen)} {'rij' if rijen == 1 else 'rijen'}. Er is niets opgeslagen; verbeter het bestand "
            "en lees het opnieuw in.")


def vereis_importrecht(store: Store) -> None:
    """Imports from other toegangsvormen are the functioneel beheerder's (domain.md; Recht.INSTELLINGEN)
    and the system's (headless commands). Otherwise GeenToegang, with its GEWEIGERD audit line (objecttype
    "toegangimport"): nothing read, nothing written."""
    if not mag(store, Recht.INSTELLINGEN):
        rol = store.rol.label.lower() if store.rol else "systeem"
        raise weiger(store, f"Geen toegang: als {rol} mag u geen registraties van andere toegangsvormen inlezen; "
                            "dat doet de functioneel beheerder.",
                     "registraties van andere toegangsvormen inlezen", "toegangimport", Recht.INSTELLINGEN.name)


def importeer(store: Store, path, progress: Progress | None = None) -> ImportResultaat:
    """Read, check and store one file. Raises ImportFout (nothing written) on any bad row, on a file
    past the limits (toegang_bestand.MAX_BESTAND, MAX_RIJEN) or one that cannot be read; GeenToegang
    without the right. A stored import writes one audit line (no file name: it may hold a name)."""
    vereis_importrecht(store)
    path = Path(path)
    wie = f"Het bestand {path.name}"
    try:
        grootte = path.stat().st_size
        if path.is_dir():
            raise ImportFout(f"{path} is een map, geen bestand. Kies een CSV-bestand of een Excel-werkmap (.xlsx).")
        if grootte > MAX_BESTAND:
            raise ImportFout(te_groot(wie, grootte))
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFout(f"Het bestand {path} bestaat niet.") from None
    except PermissionError:
        raise ImportFout(f"{wie} kan niet worden gelezen: u hebt geen leesrechten op dit bestand.") from None
    except OSError as exc:
        raise ImportFout(f"{wie} kan niet worden gelezen (systeemfout {exc.errno}).") from None
    return importeer_bytes(store, data, path.name, progress)


def importeer_bytes(store: Store, data: bytes, bestandsnaam: str,
                    progress: Progress | None = None) -> ImportResultaat:
    vereis_importrecht(store)
    if len(data) > MAX_BESTAND:
        raise ImportFout(te_groot(f"'{bestandsnaam}'" if bestandsnaam else "Het bestand", len(data)))
    sha = hashlib.sha256(data).hexdigest()
    eerder = _eerdere_import(store, sha, bestandsnaam)
    if eerder is not None:
        return eerder
    try:
        uitslag = lees_bestand(data, bestandsnaam)
    except BestandFout as exc:
        raise ImportFout(str(exc)) from None
    if not uitslag.ok:
        raise ImportFout(afwijzing(uitslag.fouten), uitslag.fouten)
    try:
        return _opslaan(store, bestandsnaam, sha, uitslag.trajecten, progress)
    except IntegrityError:
        eerder = _eerdere_import(store, sha, bestandsnaam)  # the same file, stored at the same moment elsewhere
        if eerder is None:  # another file added the same trajecten at the same moment: nothing was written
            raise ImportFout("Een ander bestand met dezelfde trajecten werd op hetzelfde moment ingelezen; er is "
                             "niets opgeslagen. Lees dit bestand opnieuw in: de trajecten worden dan bijgewerkt.") \
                from None
        return eerder


def _eerdere_import(store: Store, sha: str, bestandsnaam: str) -> ImportResultaat | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(I.c.rijen, I.c.created_at).where(I.c.sha256 == sha)).first()
    if row is None:
        return None
    return ImportResultaat(row.rijen, 0, 0, row.rijen, True, bestandsnaam, row.created_at)


_KOLOMMEN = ("id", "version", "created_at", "updated_at", "updated_by", "toegangsvorm", "client_id", "startdatum",
             "einddatum", "gesprekken", "uitkomst", "import_id")


def _tussentabel() -> Table:
    """A temporary table with the columns (and column types) of toegangtraject, without keys or indexes."""
    return Table("toegang_import_tmp", MetaData(), *(Column(k, T.c[k].type) for k in _KOLOMMEN),
                 prefixes=["TEMPORARY"])


def _zelfde_traject(S: Table):
    return and_(T.c.toegangsvorm == S.c.toegangsvorm, T.c.client_id == S.c.client_id,
                T.c.startdatum == S.c.startdatum)


def _bijwerken(S: Table):
    """UPDATE the trajecten the batch repeats with other values (einddatum, gesprekken, uitkomst)."""
    gewijzigd = or_(T.c.einddatum.is_distinct_from(S.c.einddatum), T.c.gesprekken != S.c.gesprekken,
                    T.c.uitkomst != S.c.uitkomst)
    return (update(T).where(_zelfde_traject(S), gewijzigd)
            .values(einddatum=S.c.einddatum, gesprekken=S.c.gesprekken, uitkomst=S.c.uitkomst,
                    version=T.c.version + 1, updated_at=S.c.updated_at, updated_by=S.c.updated_by,
                    import_id=S.c.import_id))


def _toevoegen(S: Table):
    """INSERT the trajecten of the batch that are not in the store yet."""
    return insert(T).from_select(list(_KOLOMMEN), select(*(S.c[k] for k in _KOLOMMEN))
                                 .where(~exists().where(_zelfde_traject(S)))
                                 ).execution_options(preserve_rowcount=True)  # rowcount of an INSERT: ask for it


def _upsert_pg(S: Table):
    """PostgreSQL: one INSERT ... SELECT ... ON CONFLICT DO UPDATE per batch. Each row finds its
    traject through the unique index (an UPDATE ... FROM would be planned as a hash join over the
    whole, growing table: its statistics are stale inside the import's transaction). RETURNING
    version tells the new rows (1) from the updated ones; unchanged rows return nothing."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    ins = pg_insert(T).from_select(list(_KOLOMMEN), select(*(S.c[k] for k in _KOLOMMEN)))
    nu = ins.excluded
    gewijzigd = or_(T.c.einddatum.is_distinct_from(nu.einddatum), T.c.gesprekken != nu.gesprekken,
                    T.c.uitkomst != nu.uitkomst)
    return ins.on_conflict_do_update(
        index_elements=[T.c.toegangsvorm, T.c.client_id, T.c.startdatum],
        set_={"einddatum": nu.einddatum, "gesprekken": nu.gesprekken, "uitkomst": nu.uitkomst,
              "version": T.c.version + 1, "updated_at": nu.updated_at, "updated_by": nu.updated_by,
              "import_id": nu.import_id},
        where=gewijzigd,
    ).returning(T.c.version)


class _SqliteRijen:
    """Rows for the temporary table as the SQLite driver takes them, converted by SQLAlchemy's own
    column-type processors once per distinct value: SQLAlchemy's per-row parameter handling
    would cost more than SQLite's work (docs/import.md)."""

    def __init__(self, conn, S: Table):
        compiled = insert(S).compile(dialect=conn.dialect)
        if tuple(compiled.positiontup) != _KOLOMMEN:  # pragma: no cover - guards the shortcut
            raise RuntimeError(f"onverwachte parameters: {compiled.positiontup}")
        self.sql = str(compiled)

        def proc(kolom):
            return S.c[kolom].type.dialect_impl(conn.dialect).bind_processor(conn.dialect) or (lambda v: v)

        self.uuid, self.tijd, self._datum = proc("id"), proc("created_at"), proc("startdatum")
        self._datums: dict = {None: None}

    def datum(self, d):
        try:
            return self._datums[d]
        except KeyError:
            v = self._datums[d] = self._datum(d)
            return v


def _uuid4_hex() -> str:
    """uuid.uuid4().hex, cheaper (the 32 hex digits SQLAlchemy's Uuid type stores on SQLite)."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40  # version 4
    b[8] = (b[8] & 0x3F) | 0x80  # RFC 4122 variant
    return b.hex()


def _opslaan(store: Store, bestandsnaam: str, sha: str, trajecten: list[Traject],
             progress: Progress | None) -> ImportResultaat:
    """One transaction; per batch the rows go into a temporary table (no keys, no indexes) and
    set-based statements move them into toegangtraject:
    - SQLite: one UPDATE ... FROM (changed trajecten), then one INSERT ... SELECT ... WHERE NOT
      EXISTS (new ones); SQLite plans both as index look-ups per row of the batch;
    - PostgreSQL: COPY into the temporary table, then one INSERT ... SELECT ... ON CONFLICT DO
      UPDATE (see _upsert_pg)."""
    totaal = len(trajecten)
    nu, wie = utcnow(), store.user
    import_row = store.new_row(bestandsnaam=bestandsnaam[:260], sha256=sha, rijen=totaal, nieuw=0, bijgewerkt=0)
    import_id = import_row["id"]
    nieuw = bijgewerkt = 0
    if progress:
        progress(0, totaal)
    S = _tussentabel()
    with store.engine.begin() as conn:
        dialect = conn.dialect.name
        if dialect not in ("sqlite", "postgresql"):  # pragma: no cover
            raise RuntimeError(f"import op {dialect} wordt niet ondersteund")
        conn.execute(I.insert().values(import_row))
        S.create(conn)
        legen = delete(S)
        if dialect == "sqlite":
            snel = _SqliteRijen(conn, S)
            tijd, iid, datum = snel.tijd(nu), snel.uuid(import_id), snel.datum
            bijwerken, toevoegen = _bijwerken(S), _toevoegen(S)
        else:
            upsert = _upsert_pg(S)
            copy_sql = f"COPY {S.name} ({', '.join(_KOLOMMEN)}) FROM STDIN"
        for begin in range(0, totaal, BATCH):
            batch = trajecten[begin:begin + BATCH]
            if dialect == "sqlite":
                conn.exec_driver_sql(snel.sql, [
                    (_uuid4_hex(), 1, tijd, tijd, wie, t.toegangsvorm.value, t.client_id, datum(t.startdatum),
                     datum(t.einddatum), t.gesprekken, t.uitkomst.value if t.uitkomst else "", iid) for t in batch])
                bijgewerkt += conn.execute(bijwerken).rowcount  # first: a row added just now is never "updated"
                nieuw += conn.execute(toevoegen).rowcount
            else:
                with conn.connection.dbapi_connection.cursor() as cur, cur.copy(copy_sql) as copy:
                    for t in batch:
                        copy.write_row((uuid.uuid4(), 1, nu, nu, wie, t.toegangsvorm.value, t.client_id, t.startdatum,
                                        t.einddatum, t.gesprekken, t.uitkomst.value if t.uitkomst else "", import_id))
                versies = conn.execute(upsert).scalars().all()
                n_nieuw = sum(1 for v in versies if v == 1)
                nieuw, bijgewerkt = nieuw + n_nieuw, bijgewerkt + len(versies) - n_nieuw
            conn.execute(legen)
            if progress:
                progress(begin + len(batch), totaal)
        S.drop(conn)
        conn.execute(I.update().where(I.c.id == import_id).values(nieuw=nieuw, bijgewerkt=bijgewerkt))
        # one line per stored import, in its transaction; the file by its sha256, not its name (may hold a name)
        audit.schrijf(conn, store, AuditActie.AANMAKEN, "toegangimport", import_id,
                      omschrijving=f"Import toegang: bestand sha256 {sha[:16]}, {getal(totaal)} trajecten "
                                   f"({getal(nieuw)} nieuw, {getal(bijgewerkt)} bijgewerkt)")
    return ImportResultaat(totaal, nieuw, bijgewerkt, totaal - nieuw - bijgewerkt, False, bestandsnaam,
                           import_row["created_at"])
