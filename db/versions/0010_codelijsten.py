"""the code lists in the store, seeded from resources/

Verwijzers, productcategorieën, intensiteiten, aanbieders and the stapeling rules were CSV files on each
workstation (resources/); they are now tables, versioned like every row, edited by the functioneel beheerder
(services/codelijsten.py) and read from the store by validation, screens and reports:

- code_verwijzer (code = the route stored in aanmelding.verwijzer_route, omschrijving, ijw_code,
  ijw_omschrijving, extern), code_productcategorie (code, omschrijving, kostencategorie), code_intensiteit
  (code, omschrijving, niveau), code_aanbieder (code, omschrijving = the name): each with `volgorde` (the
  order of the file), `geldig_tot` (ended from that date) and a tombstone `deleted_at`; the code is unique.
- code_stapeling (categorie_a, categorie_b, soort, binnen_dagen, toegestaan, omschrijving = the toelichting,
  volgorde = the line number in stapeling.csv, geldig_tot, deleted_at).

The rows are read from the CSV files shipped with this version (resources/, or jet_desktop/resources in a
wheel) and inserted in the migration's own transaction, on SQLite and PostgreSQL alike. The seed is written
as "migratie" (updated_by). Downgrading drops the tables (the CSV files are the code lists again).

Revision ID: 0010_codelijsten
Revises: 0009_monitor_indexen
Create Date: 2026-12-10
"""

import csv
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa
import sqlmodel
from alembic import op

from jet_desktop.paths import resources_dir

revision = "0010_codelijsten"
down_revision = "0009_monitor_indexen"
branch_labels = None
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString


def _stempel():
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", S(length=120), nullable=False),
    ]


def _einde():
    return [
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    ]


def _rijen(naam: str) -> list[dict[str, str]]:
    with open(resources_dir() / naam, encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


def upgrade() -> None:
    tabellen = {
        "code_verwijzer": op.create_table(
            "code_verwijzer", *_stempel(),
            sa.Column("code", S(length=40), nullable=False),
            sa.Column("omschrijving", S(length=200), nullable=False),
            sa.Column("ijw_code", S(length=10), nullable=False),
            sa.Column("ijw_omschrijving", S(length=200), nullable=False),
            sa.Column("extern", sa.Boolean(), nullable=False),
            *_einde(), sa.UniqueConstraint("code")),
        "code_productcategorie": op.create_table(
            "code_productcategorie", *_stempel(),
            sa.Column("code", S(length=10), nullable=False),
            sa.Column("omschrijving", S(length=200), nullable=False),
            sa.Column("kostencategorie", S(length=120), nullable=False),
            *_einde(), sa.UniqueConstraint("code")),
        "code_intensiteit": op.create_table(
            "code_intensiteit", *_stempel(),
            sa.Column("code", S(length=20), nullable=False),
            sa.Column("omschrijving", S(length=200), nullable=False),
            sa.Column("niveau", sa.Integer(), nullable=False),
            *_einde(), sa.UniqueConstraint("code")),
        "code_aanbieder": op.create_table(
            "code_aanbieder", *_stempel(),
            sa.Column("code", S(length=40), nullable=False),
            sa.Column("omschrijving", S(length=200), nullable=False),
            *_einde(), sa.UniqueConstraint("code")),
        "code_stapeling": op.create_table(
            "code_stapeling", *_stempel(),
            sa.Column("categorie_a", S(length=10), nullable=False),
            sa.Column("categorie_b", S(length=10), nullable=False),
            sa.Column("soort", S(length=12), nullable=False),
            sa.Column("binnen_dagen", sa.Integer(), nullable=True),
            sa.Column("toegestaan", sa.Boolean(), nullable=False),
            sa.Column("omschrijving", S(length=400), nullable=False),
            *_einde()),
    }
    nu = datetime.now(timezone.utc)

    def rij(volgorde: int, **waarden) -> dict:
        return {"id": uuid.uuid4(), "version": 1, "created_at": nu, "updated_at": nu, "updated_by": "migratie",
                "volgorde": volgorde, "geldig_tot": None, "deleted_at": None, **waarden}

    zaad = {
        "code_verwijzer": [rij(i, code=r["route"], omschrijving=r["omschrijving"], ijw_code=r["ijw_code"],
                               ijw_omschrijving=r["ijw_omschrijving"], extern=r["extern"].lower() == "ja")
                           for i, r in enumerate(_rijen("verwijzers.csv"), 1)],
        "code_productcategorie": [rij(i, code=r["code"], omschrijving=r["omschrijving"],
                                      kostencategorie=r["kostencategorie"])
                                  for i, r in enumerate(_rijen("productcategorieen.csv"), 1)],
        "code_intensiteit": [rij(i, code=r["code"], omschrijving=r["omschrijving"], niveau=int(r["niveau"]))
                             for i, r in enumerate(_rijen("intensiteiten.csv"), 1)],
        "code_aanbieder": [rij(i, code=r["code"], omschrijving=r["naam"])
                           for i, r in enumerate(_rijen("aanbieders.csv"), 1)],
        # volgorde = the line in the file (the header is line 1), as the rule's messages name it
        "code_stapeling": [rij(i, categorie_a=r["categorie_a"], categorie_b=r["categorie_b"], soort=r["soort"].lower(),
                               binnen_dagen=int(r["binnen_dagen"]) if r["binnen_dagen"] else None,
                               toegestaan=r["toegestaan"].lower() == "ja", omschrijving=r["toelichting"])
                           for i, r in enumerate(_rijen("stapeling.csv"), 2)],
    }
    for naam, rijen in zaad.items():
        if rijen:
            op.bulk_insert(tabellen[naam], rijen)


def downgrade() -> None:
    for naam in ("code_stapeling", "code_aanbieder", "code_intensiteit", "code_productcategorie", "code_verwijzer"):
        op.drop_table(naam)
