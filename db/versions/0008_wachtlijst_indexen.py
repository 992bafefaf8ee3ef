"""wachtlijst: indexes for its order, its sorts and its count on a long list

The wachtlijst is the aanmeldingen with op_wachtlijst set (and not deleted): a partial index holds only
those, in the wachtlijst's date order with the columns its narrow queries read (services/wachtlijst.py
reads the ids of a page from them and joins the details of that page only), so counting and the date
sorts never touch the aanmelding rows. Two more partial ones serve the dossiernummer and verwijzer sorts
(the first page is read off the index, stopping after one page). The triagebesluit and jeugdige lookups
by id get covering indexes with the columns the wachtlijst orders and filters on (a lookup then reads a
narrow index page, not the wide row with its motivering or address; unique, as id is, so SQLite
prefers them to the primary key's index). The naam and wijk sorts of a long list walk an index of
the jeugdigen in that order (leeftijd: ix_jeugdige_geboortedatum_achternaam) and probe each one's
aanmeldingen, so the first page stops after its rows instead of sorting the whole list. The plain
index on op_wachtlijst goes: the partial one holds the same rows.

Revision ID: 0008_wachtlijst_indexen
Revises: 0007_wijzigingshistorie
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_wachtlijst_indexen"
down_revision = "0007_wijzigingshistorie"
branch_labels = None
depends_on = None

# the same text as the services' filter (`op_wachtlijst IS 1` / `IS true`): a partial index is used only
# when the query's WHERE names its condition
WACHTEND = {"sqlite_where": sa.text("op_wachtlijst IS 1 AND deleted_at IS NULL"),
            "postgresql_where": sa.text("op_wachtlijst IS true AND deleted_at IS NULL")}

INDEXES = [
    ("ix_aanmelding_wachtlijst", "aanmelding",
     ["aanmelddatum", "dossiernummer", "huidig_besluit_id", "jeugdige_id", "id"], WACHTEND),
    ("ix_aanmelding_wachtlijst_dossiernummer", "aanmelding", ["dossiernummer", "huidig_besluit_id", "id"], WACHTEND),
    ("ix_aanmelding_wachtlijst_verwijzer", "aanmelding",
     ["verwijzer_route", "aanmelddatum", "dossiernummer", "huidig_besluit_id", "id"], WACHTEND),
    # the naam / wijk sorts walk the jeugdigen in order, probing ix_aanmelding_jeugdige_id
    ("ix_jeugdige_naam", "jeugdige", ["achternaam", "voornaam", "id"], {}),
    ("ix_jeugdige_wijk", "jeugdige", ["wijk", "id"], {}),
    ("ix_triagebesluit_wachtlijst", "triagebesluit", ["id", "urgentie", "uitkomst", "beoogd_consulent_id"],
     {"unique": True}),
    ("ix_jeugdige_wachtlijst", "jeugdige", ["id", "achternaam", "voornaam", "geboortedatum", "wijk", "school"],
     {"unique": True}),
]


def upgrade() -> None:
    # the partial index holds the same rows; with both, SQLite (no ANALYZE statistics) picks this one for
    # `op_wachtlijst IS 1` and reads every waiting row's table row
    op.drop_index("ix_aanmelding_op_wachtlijst", table_name="aanmelding")
    for name, table, columns, kw in INDEXES:
        op.create_index(name, table, columns, **{"unique": False, **kw})


def downgrade() -> None:
    for name, table, _columns, _kw in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.create_index("ix_aanmelding_op_wachtlijst", "aanmelding", ["op_wachtlijst"], unique=False)
