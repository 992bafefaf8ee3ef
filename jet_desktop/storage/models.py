"""The tables. Every mutable row: UUID id, version, created/updated at/by.

Histories are rows, never overwrites: triage revisions (Triagebesluit, linked to the
previous one), consulent changes (ConsulentWijziging). Removable records carry a
tombstone (`deleted_at`). Schema changes go through Alembic migrations in `db/`.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from sqlalchemy import BigInteger, DateTime, Index, UniqueConstraint, false, text
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Versioned(SQLModel):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    version: int = Field(default=1, nullable=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True), nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True), nullable=False)
    updated_by: str = Field(default="", max_length=120, nullable=False)


class Medewerker(Versioned, table=True):
    __table_args__ = (Index("ix_medewerker_gebruikersnaam", "gebruikersnaam", unique=True),)

    naam: str = Field(max_length=120)
    rol: str = Field(max_length=30)  # domain.enums.Rol
    gebruikersnaam: str | None = Field(default=None, max_length=60)  # sign-in name
    wachtwoord_hash: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})  # services/gebruikers
    # a start password set by a functioneel beheerder: choose one's own at the next sign-in (migration 0006)
    moet_wachtwoord_wijzigen: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    fte: float = 1.0
    actief: bool = True
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Afwezigheid(Versioned, table=True):
    medewerker_id: uuid.UUID = Field(foreign_key="medewerker.id", index=True)
    van: date
    tot: date
    reden: str = Field(default="", max_length=200)
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Gezin(Versioned, table=True):
    naam: str = Field(max_length=160)


class Gezinslid(Versioned, table=True):
    """A parent or carer; `gezag` = holds parental authority."""

    gezin_id: uuid.UUID = Field(foreign_key="gezin.id", index=True)
    naam: str = Field(max_length=160)
    relatie: str = Field(default="ouder", max_length=40)
    gezag: bool = False
    telefoon: str = Field(default="", max_length=40)
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Jeugdige(Versioned, table=True):
    __table_args__ = (Index("ix_jeugdige_geboortedatum_achternaam", "geboortedatum", "achternaam"),
                      # the wachtlijst's lookups by id, covering its sorts and filter (migration 0008)
                      Index("ix_jeugdige_wachtlijst", "id", "achternaam", "voornaam", "geboortedatum", "wijk", "school",
                            unique=True),
                      # walked in order for the wachtlijst's naam and wijk sorts of a long list (migration 0008)
                      Index("ix_jeugdige_naam", "achternaam", "voornaam", "id"),
                      Index("ix_jeugdige_wijk", "wijk", "id"))

    gezin_id: uuid.UUID = Field(foreign_key="gezin.id", index=True)
    voornaam: str = Field(max_length=120)
    tussenvoegsel: str = Field(default="", max_length=30)
    achternaam: str = Field(max_length=160)
    geboortedatum: date | None = None
    uitgerekende_datum: date | None = None
    bsn: str | None = Field(default=None, max_length=9, index=True)
    geslacht: str = Field(default="x", max_length=1)
    adres: str = Field(default="", max_length=200)
    postcode: str = Field(default="", max_length=10)
    woonplaats: str = Field(default="", max_length=120)
    wijk: str = Field(default="", max_length=120)
    school: str = Field(default="", max_length=200)


# the wachtlijst's rows (services/wachtlijst.py filters with the same text, or the index is not used)
_WACHTEND = {"sqlite_where": text("op_wachtlijst IS 1 AND deleted_at IS NULL"),
             "postgresql_where": text("op_wachtlijst IS true AND deleted_at IS NULL")}


class Aanmelding(Versioned, table=True):
    __table_args__ = (UniqueConstraint("dossiernummer"),
                      # partial indexes of the waiting rows for the wachtlijst's order and sorts (migration 0008)
                      Index("ix_aanmelding_wachtlijst", "aanmelddatum", "dossiernummer", "huidig_besluit_id",
                            "jeugdige_id", "id", **_WACHTEND),
                      Index("ix_aanmelding_wachtlijst_dossiernummer", "dossiernummer", "huidig_besluit_id", "id",
                            **_WACHTEND),
                      Index("ix_aanmelding_wachtlijst_verwijzer", "verwijzer_route", "aanmelddatum", "dossiernummer",
                            "huidig_besluit_id", "id", **_WACHTEND))

    dossiernummer: str = Field(max_length=20)
    jeugdige_id: uuid.UUID = Field(foreign_key="jeugdige.id", index=True)
    aanmelddatum: date = Field(index=True)
    verwijzer_route: str = Field(max_length=40)  # resources/verwijzers.csv
    verwijzer_organisatie: str = Field(default="", max_length=200)
    verwijzer_contactpersoon: str = Field(default="", max_length=160)
    hulpvraag: str = Field(default="")
    hulpvraag_categorieen: str = Field(default="", max_length=400)  # comma separated codes
    veiligheidssignalen: str = Field(default="")
    regie: str = Field(default="onbekend", max_length=20)
    steunfiguur_naam: str = Field(default="", max_length=160)
    steunfiguur_relatie: str = Field(default="", max_length=80)
    # the decision in force; earlier ones stay as rows (Triagebesluit.vorig_besluit_id)
    huidig_besluit_id: uuid.UUID | None = Field(default=None, index=True)
    # derived, kept by the services: the decision in force sends it to JET and no dossier exists yet.
    # Indexed (the partial ix_aanmelding_wachtlijst: the waiting rows only) so the wachtlijst is found
    # without an anti-join over every aanmelding (docs/architecture.md).
    op_wachtlijst: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Triagebesluit(Versioned, table=True):
    """Immutable once written; a revision is a new row pointing at the previous one."""

    # the wachtlijst's lookup by id, covering what it orders and filters on (migration 0008)
    __table_args__ = (Index("ix_triagebesluit_wachtlijst", "id", "urgentie", "uitkomst", "beoogd_consulent_id",
                            unique=True),)

    aanmelding_id: uuid.UUID = Field(foreign_key="aanmelding.id", index=True)
    besloten_op: date
    besloten_door_id: uuid.UUID | None = Field(default=None, foreign_key="medewerker.id")
    uitkomst: str = Field(max_length=40)  # domain.enums.TriageUitkomst
    urgentie: str = Field(max_length=10)  # domain.enums.Urgentie
    motivering: str
    organisatie: str = Field(default="", max_length=200)
    beoogd_consulent_id: uuid.UUID | None = Field(default=None, foreign_key="medewerker.id")
    vorig_besluit_id: uuid.UUID | None = Field(default=None, foreign_key="triagebesluit.id")


class Dossier(Versioned, table=True):
    __table_args__ = (UniqueConstraint("aanmelding_id"),)

    aanmelding_id: uuid.UUID = Field(foreign_key="aanmelding.id")
    geopend_op: date
    consulent_id: uuid.UUID = Field(foreign_key="medewerker.id", index=True)
    tweede_consulent_id: uuid.UUID | None = Field(default=None, foreign_key="medewerker.id")
    afgesloten_op: date | None = Field(default=None, index=True)
    afsluitreden: str = Field(default="", max_length=40)
    afsluit_toelichting: str = Field(default="")
    vernietigd_op: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))  # services/bewaring


class ConsulentWijziging(Versioned, table=True):
    """Every change of primary consulent or second person, kept forever."""

    dossier_id: uuid.UUID = Field(foreign_key="dossier.id", index=True)
    rol: str = Field(max_length=10)  # domain.enums.ConsulentRol
    van_id: uuid.UUID | None = Field(default=None, foreign_key="medewerker.id")
    naar_id: uuid.UUID | None = Field(default=None, foreign_key="medewerker.id")
    datum: date
    reden: str = Field(max_length=30)  # domain.enums.WijzigingsReden
    toelichting: str = Field(default="")


class Klikgesprek(Versioned, table=True):
    dossier_id: uuid.UUID = Field(foreign_key="dossier.id", index=True)
    medewerker_id: uuid.UUID = Field(foreign_key="medewerker.id")
    datum: date
    resultaat: str = Field(max_length=12)  # domain.enums.KlikResultaat
    toelichting: str = Field(default="")


class Contactmoment(Versioned, table=True):
    dossier_id: uuid.UUID = Field(foreign_key="dossier.id", index=True)
    medewerker_id: uuid.UUID | None = Field(default=None, foreign_key="medewerker.id")
    datum: date
    type: str = Field(max_length=20)  # domain.enums.ContactType
    duur_minuten: int = 0
    notitie: str = Field(default="")
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Ondersteuningsplan(Versioned, table=True):
    """The plan of a dossier (one per dossier), with the Verklarende Analyse of the whole system
    around the child (domain.md "Dossier work"). Edited under the optimistic lock."""

    __table_args__ = (UniqueConstraint("dossier_id"),)

    dossier_id: uuid.UUID = Field(foreign_key="dossier.id")
    va_kind: str = Field(default="")
    va_ouders: str = Field(default="")
    va_school: str = Field(default="")
    va_netwerk: str = Field(default="")
    va_bestaanszekerheid: str = Field(default="")
    doelen: str = Field(default="")
    vastgesteld_op: date | None = None
    evaluatiedatum: date | None = None


class Toewijzing(Versioned, table=True):
    """Care assigned to a provider. Codes refer to the lists in resources/."""

    dossier_id: uuid.UUID = Field(foreign_key="dossier.id", index=True)
    productcategorie: str = Field(max_length=10)  # resources/productcategorieen.csv (iJw JZ020)
    product: str = Field(default="", max_length=200)  # product or profiel
    intensiteit: str = Field(max_length=20)  # resources/intensiteiten.csv (ordered by niveau)
    aanbieder: str = Field(max_length=40)  # resources/aanbieders.csv
    startdatum: date = Field(index=True)
    einddatum: date | None = None
    geschatte_kosten: int = 0  # whole euros, for the whole toewijzing
    contractvorm: str = Field(default="profiel", max_length=10)  # domain.enums.Contractvorm
    dvo_motivering: str = Field(default="")  # required for DVO maatwerk
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class ToegangImport(Versioned, table=True):
    """One imported file of registrations of another toegangsvorm (recognised by its sha256)."""

    __table_args__ = (UniqueConstraint("sha256"),)

    bestandsnaam: str = Field(max_length=260)
    sha256: str = Field(max_length=64)
    rijen: int = 0
    nieuw: int = 0
    bijgewerkt: int = 0


class ToegangTraject(Versioned, table=True):
    """One traject of a toegangsvorm, from an import (domain.md "Monitor toegang").

    A traject is identified by (toegangsvorm, client_id, startdatum): a later file with the
    same traject (e.g. now with an einddatum) updates it instead of adding it again."""

    __table_args__ = (
        UniqueConstraint("toegangsvorm", "client_id", "startdatum"),
        # covering index for the monitor's period filter (migration 0004)
        Index("ix_toegangtraject_periode", "einddatum", "startdatum", "toegangsvorm", "client_id", "gesprekken",
              "uitkomst"),
        # the monitor's per-jeugdige grouping in index order, without a sort (migration 0009)
        Index("ix_toegangtraject_client", "toegangsvorm", "client_id", "einddatum", "startdatum", "gesprekken",
              "uitkomst"),
    )

    toegangsvorm: str = Field(max_length=30)  # domain.enums.Toegangsvorm
    client_id: str = Field(max_length=64)
    startdatum: date
    einddatum: date | None = None
    gesprekken: int = 0
    uitkomst: str = Field(default="", max_length=30)  # domain.enums.TrajectUitkomst, "" while running
    import_id: uuid.UUID = Field(foreign_key="toegangimport.id", index=True)


class Instelling(Versioned, table=True):
    __table_args__ = (UniqueConstraint("sleutel"),)

    sleutel: str = Field(max_length=80)
    waarde: str = Field(default="")  # JSON


# -- the code lists (migration 0010; services/codelijsten.py) ----------------------------------------------
# Seeded from resources/ by the migration, edited by the functioneel beheerder (Beheer → Codelijsten). A code
# is never renumbered (records store it); it is ended from a date (`geldig_tot`), and only a code no record
# holds can be removed (`deleted_at`). `volgorde` is the order of the list on screen and in reports.


class CodeVerwijzer(Versioned, table=True):
    __tablename__ = "code_verwijzer"
    __table_args__ = (UniqueConstraint("code"),)

    code: str = Field(max_length=40)  # the route, stored in aanmelding.verwijzer_route
    omschrijving: str = Field(max_length=200)
    ijw_code: str = Field(max_length=10)  # iJw COD327
    ijw_omschrijving: str = Field(default="", max_length=200)
    extern: bool = True
    volgorde: int = 0
    geldig_tot: date | None = None
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class CodeProductcategorie(Versioned, table=True):
    __tablename__ = "code_productcategorie"
    __table_args__ = (UniqueConstraint("code"),)

    code: str = Field(max_length=10)  # iJw JZ020, stored in toewijzing.productcategorie
    omschrijving: str = Field(max_length=200)
    kostencategorie: str = Field(max_length=120)
    volgorde: int = 0
    geldig_tot: date | None = None
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class CodeIntensiteit(Versioned, table=True):
    __tablename__ = "code_intensiteit"
    __table_args__ = (UniqueConstraint("code"),)

    code: str = Field(max_length=20)  # stored in toewijzing.intensiteit
    omschrijving: str = Field(max_length=200)
    niveau: int  # higher = heavier
    volgorde: int = 0
    geldig_tot: date | None = None
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class CodeAanbieder(Versioned, table=True):
    __tablename__ = "code_aanbieder"
    __table_args__ = (UniqueConstraint("code"),)

    code: str = Field(max_length=40)  # stored in toewijzing.aanbieder
    omschrijving: str = Field(max_length=200)  # the provider's name
    volgorde: int = 0
    geldig_tot: date | None = None
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class CodeStapeling(Versioned, table=True):
    """One rule of the stapeling table (domain/matched_care.py); `volgorde` is its line number (ties go to
    the lower one). A rule is ended from a date, never removed: past reports keep applying it."""

    __tablename__ = "code_stapeling"

    categorie_a: str = Field(max_length=10)  # a productcategorie code or "*"
    categorie_b: str = Field(max_length=10)
    soort: str = Field(max_length=12)  # verticaal | horizontaal
    binnen_dagen: int | None = None
    toegestaan: bool = False
    omschrijving: str = Field(default="", max_length=400)  # the toelichting shown in the lists
    volgorde: int = 0
    geldig_tot: date | None = None
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Recordwijziging(SQLModel, table=True):
    """One changed field of a corrected record (services/correcties.py): the value before and after.
    Rows are only ever added, never updated (but for blanking the toelichting); destroying a dossier's
    personal data after the bewaartermijn deletes the rows of its records and blanks the toelichting of the
    rows written through it (`dossier_id`) on records that stay (services/bewaring.py). Not versioned itself.

    `soort`: "gewijzigd" (a field changed), "toegevoegd" (a new record; `nieuw` holds its value) or
    "verwijderd" (a tombstone was set; `veld` empty). `version` is the record's version after the change."""

    __table_args__ = (Index("ix_recordwijziging_record", "record_id", "gewijzigd_at"),
                      Index("ix_recordwijziging_dossier", "dossier_id"))

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tabel: str = Field(max_length=30)  # the table of the record: jeugdige, gezin, gezinslid, aanmelding, contactmoment
    record_id: uuid.UUID
    version: int
    soort: str = Field(max_length=12)
    veld: str = Field(default="", max_length=40)
    oud: str = Field(default="")
    nieuw: str = Field(default="")
    gewijzigd_at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False)
    gewijzigd_door: str = Field(max_length=120)
    gewijzigd_door_id: uuid.UUID | None = None
    toelichting: str = Field(default="")
    dossier_id: uuid.UUID | None = None  # the dossier through which the change was made (services/correcties.py)


class Auditregel(SQLModel, table=True):
    """One line of the append-only audit log (NEN 7513). Never updated (database triggers refuse it);
    `hash` covers the line and the previous line's hash (domain/auditketen.py)."""

    __table_args__ = (UniqueConstraint("volgnummer"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    volgnummer: int = Field(sa_type=BigInteger, nullable=False)
    tijdstip: datetime = Field(sa_type=DateTime(timezone=True), nullable=False, index=True)
    medewerker_id: uuid.UUID | None = None
    medewerker: str = Field(max_length=120)
    rol: str = Field(max_length=30)
    namens: str = Field(max_length=120)
    actie: str = Field(max_length=20)  # domain.enums.AuditActie
    objecttype: str = Field(max_length=30)
    object_id: str = Field(max_length=40)
    client: str = Field(max_length=40, index=True)  # dossiernummer; never a name
    omschrijving: str
    vorige_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class Auditketen(SQLModel, table=True):
    """The head of the audit chain: one row (id 1), updated first by every append."""

    id: int = Field(primary_key=True)
    volgnummer: int = Field(sa_type=BigInteger, nullable=False)
    hash: str = Field(max_length=64)



# -- offline home visits (migration 0011; docs/sync.md) ----------------------------------------------------
# On the team server: a laptop store (sync_apparaat), every operation id it sent with its result
# (sync_toegepast: the idempotency of a resent batch) and the conflicts of its edits (sync_conflict, also
# copied to the laptop). On the laptop store: who and which server it belongs to (sync_laptop, one row), the
# outbox the triggers of storage/synctriggers.py fill in the same transaction as each write, and the writes
# the server refused (sync_geweigerd). Each table exists in both kinds of store (one schema); the team server
# grants nothing on the laptop's own tables.


class SyncApparaat(SQLModel, table=True):
    __tablename__ = "sync_apparaat"

    id: uuid.UUID = Field(primary_key=True)  # the laptop store's device id
    medewerker_id: uuid.UUID = Field(index=True)
    aangemaakt_at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False)
    audit_volgnummer: int = Field(default=0, sa_type=BigInteger, nullable=False)  # the laptop's last line received
    laatste_sync_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class SyncToegepast(SQLModel, table=True):
    __tablename__ = "sync_toegepast"

    op_id: uuid.UUID = Field(primary_key=True)
    apparaat_id: uuid.UUID = Field(index=True)
    tabel: str = Field(max_length=30)
    record_id: uuid.UUID = Field(index=True)
    resultaat: str = Field(max_length=12)  # toegepast | samengevoegd | conflict | geweigerd
    details: str = Field(default="")  # JSON: the reason of a refusal, the dossiernummer the server gave
    toegepast_at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False)


class SyncConflict(Versioned, table=True):
    """One field changed on the server and on a laptop since the laptop's copy: the server kept its value,
    this row keeps all three until a consulent or teamleider resolves it (services/conflicten.py). Values are
    JSON text (storage/syncwaarden.py). `soort` "verwijderd": the record was removed on the server."""

    __tablename__ = "sync_conflict"

    apparaat_id: uuid.UUID
    op_id: uuid.UUID
    medewerker_id: uuid.UUID = Field(index=True)  # whose laptop
    dossier_id: uuid.UUID | None = Field(default=None, index=True)
    tabel: str = Field(max_length=30)
    record_id: uuid.UUID
    veld: str = Field(max_length=40)
    soort: str = Field(default="veld", max_length=12)
    basis: str = Field(default="")
    server: str = Field(default="")
    laptop: str = Field(default="")
    server_door: str = Field(default="", max_length=120)
    server_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    laptop_door: str = Field(default="", max_length=120)
    laptop_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    opgelost_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    opgelost_door: str = Field(default="", max_length=120)
    oplossing: str = Field(default="", max_length=12)  # server | laptop | samengevoegd
    uitkomst: str = Field(default="")  # the value kept (JSON)


class SyncLaptop(SQLModel, table=True):
    """The one row of a laptop store (id 1); absent in every other store, so its triggers capture nothing."""

    __tablename__ = "sync_laptop"

    id: int = Field(primary_key=True)
    apparaat_id: uuid.UUID
    server_url: str = Field(max_length=400)  # without a login or password
    gebruikersnaam: str = Field(max_length=60)
    medewerker_id: uuid.UUID
    vastleggen: bool = True  # the triggers' switch: off only inside the transaction that writes the server's state
    meegenomen_at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False)
    laatste_contact_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))  # this laptop's clock
    laatste_volledige_sync: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))  # the server's
    audit_verzonden: int = Field(default=0, sa_type=BigInteger, nullable=False)
    automatisch: bool = False  # sync by itself when the server is reachable (the user's choice)


class SyncOutbox(SQLModel, table=True):
    """One captured write (storage/synctriggers.py): `velden` is JSON {column: [base, new]} of the changed
    columns, with SQLite's stored values. `op_id` is the idempotency key of the push."""

    __tablename__ = "sync_outbox"

    volgnummer: int | None = Field(default=None, primary_key=True)
    op_id: str = Field(max_length=32, unique=True)
    tabel: str = Field(max_length=30)
    record_id: str = Field(max_length=32, index=True)
    operatie: str = Field(max_length=10)  # insert | update | tombstone
    basis_versie: int | None = None
    velden: str
    schemaversie: str = Field(max_length=40)
    vastgelegd_at: str = Field(max_length=40)  # this laptop's clock: shown, never decided on


class SyncGeweigerd(SQLModel, table=True):
    """A write the server refused, kept with its reason until someone deals with it (never discarded)."""

    __tablename__ = "sync_geweigerd"

    op_id: str = Field(max_length=32, primary_key=True)
    tabel: str = Field(max_length=30)
    record_id: str = Field(max_length=32)
    dossier_id: str = Field(default="", max_length=32)
    operatie: str = Field(max_length=10)
    velden: str
    reden: str
    vastgelegd_at: str = Field(max_length=40)
    geweigerd_at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False)
    afgehandeld_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    afgehandeld_door: str = Field(default="", max_length=120)


# -- indexes of the monitor toegang and its chart series (migration 0009; reports/monitor.py) -------------
# Declared here, apart from the classes, so that each stays on its own lines. Covering: the monitor's
# JET part reads the dossiers closed on or after `van` or still open, the handovers decided on or after
# `van`, and per dossier its contactmomenten and toewijzingen, from these indexes alone.
Index("ix_aanmelding_monitor", Aanmelding.__table__.c.id, Aanmelding.__table__.c.aanmelddatum,
      Aanmelding.__table__.c.deleted_at, Aanmelding.__table__.c.jeugdige_id, Aanmelding.__table__.c.huidig_besluit_id)
Index("ix_dossier_monitor", Dossier.__table__.c.afgesloten_op, Dossier.__table__.c.aanmelding_id,
      Dossier.__table__.c.afsluitreden, Dossier.__table__.c.id)
Index("ix_triagebesluit_monitor", Triagebesluit.__table__.c.uitkomst, Triagebesluit.__table__.c.besloten_op,
      Triagebesluit.__table__.c.id, Triagebesluit.__table__.c.aanmelding_id)
Index("ix_triagebesluit_herzien", Triagebesluit.__table__.c.vorig_besluit_id, Triagebesluit.__table__.c.besloten_op)
Index("ix_dossier_aanmelding_periode", Dossier.__table__.c.aanmelding_id, Dossier.__table__.c.geopend_op,
      Dossier.__table__.c.afgesloten_op)
Index("ix_triagebesluit_id_uitkomst", Triagebesluit.__table__.c.id, Triagebesluit.__table__.c.uitkomst)
Index("ix_contactmoment_telling", Contactmoment.__table__.c.dossier_id, Contactmoment.__table__.c.deleted_at)
Index("ix_toewijzing_telling", Toewijzing.__table__.c.dossier_id, Toewijzing.__table__.c.deleted_at)


TABLES = [
    m.__table__
    for m in (
        Medewerker, Afwezigheid, Gezin, Gezinslid, Jeugdige, Aanmelding, Triagebesluit,
        Dossier, ConsulentWijziging, Klikgesprek, Contactmoment, Ondersteuningsplan, Toewijzing,
        ToegangImport, ToegangTraject, Instelling,
        CodeVerwijzer, CodeProductcategorie, CodeIntensiteit, CodeAanbieder, CodeStapeling,
    )
]
# the code lists (a subset of TABLES): read by every role, written only through services/codelijsten.py
CODELIJST_TABLES = [m.__table__ for m in (CodeVerwijzer, CodeProductcategorie, CodeIntensiteit, CodeAanbieder,
                                          CodeStapeling)]
# append-only, not versioned: kept apart from the data tables above
AUDIT_TABLES = [Auditregel.__table__, Auditketen.__table__]
# the change history of corrected records: rows only added (and deleted by destruction), not versioned
HISTORIE_TABLES = [Recordwijziging.__table__]
# offline home visits (docs/sync.md): the server's record of laptops and their operations, and the laptop's own
SYNC_SERVER_TABLES = [SyncApparaat.__table__, SyncToegepast.__table__, SyncConflict.__table__]
SYNC_LAPTOP_TABLES = [SyncLaptop.__table__, SyncOutbox.__table__, SyncGeweigerd.__table__]
