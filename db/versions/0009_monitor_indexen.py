"""indexes for the monitor toegang and its chart series at 300,000 jeugdigen

The monitor's JET part used to read every aanmelding up to the period's end and look each one
up in triagebesluit and dossier (by random UUID). It now reads only the aanmeldingen that can
count for the period, each branch one range of a covering index (reports/monitor.py):

- ix_dossier_monitor (afgesloten_op, aanmelding_id, afsluitreden, id): dossiers closed on or
  after `van`, and the open ones (afgesloten_op IS NULL);
- ix_aanmelding_monitor (id, aanmelddatum, deleted_at, jeugdige_id, huidig_besluit_id): the
  aanmelding of such a dossier without a table lookup;
- ix_triagebesluit_monitor (uitkomst, besloten_op, id, aanmelding_id): handovers decided on or
  after `van`; for the chart "wachtlijst per week" the decisions to JET up to `tot`;
- ix_triagebesluit_herzien (vorig_besluit_id, besloten_op): the revision of a decision (the chart
  read it through an automatic index SQLite built over every decision on every call);
- ix_dossier_aanmelding_periode (aanmelding_id, geopend_op, afgesloten_op): the dossier of an
  aanmelding with its dates, without a table lookup (the chart; the uniqueness stays with the
  constraint);
- ix_triagebesluit_id_uitkomst (id, uitkomst): the decision in force without a table lookup;
- ix_toegangtraject_client (toegangsvorm, client_id, einddatum, startdatum, gesprekken, uitkomst):
  the imported trajects grouped per jeugdige in index order, without a sort (the monitor's
  two-level aggregate instead of seven COUNT(DISTINCT));
- ix_contactmoment_telling (dossier_id, deleted_at) and ix_toewijzing_telling (dossier_id,
  deleted_at): a dossier's gesprekken counted, and its toewijzing found, from the index alone.

The indexes they extend (ix_dossier_afgesloten_op, ix_contactmoment_dossier_id,
ix_toewijzing_dossier_id) stay: other queries use them.

Revision ID: 0009_monitor_indexen
Revises: 0008_wachtlijst_indexen
Create Date: 2026-12-02
"""

from alembic import op

revision = "0009_monitor_indexen"
down_revision = "0008_wachtlijst_indexen"
branch_labels = None
depends_on = None

INDEXEN = {
    "ix_aanmelding_monitor": ("aanmelding", ["id", "aanmelddatum", "deleted_at", "jeugdige_id", "huidig_besluit_id"]),
    "ix_dossier_monitor": ("dossier", ["afgesloten_op", "aanmelding_id", "afsluitreden", "id"]),
    "ix_triagebesluit_monitor": ("triagebesluit", ["uitkomst", "besloten_op", "id", "aanmelding_id"]),
    "ix_triagebesluit_herzien": ("triagebesluit", ["vorig_besluit_id", "besloten_op"]),
    "ix_dossier_aanmelding_periode": ("dossier", ["aanmelding_id", "geopend_op", "afgesloten_op"]),
    "ix_triagebesluit_id_uitkomst": ("triagebesluit", ["id", "uitkomst"]),
    "ix_contactmoment_telling": ("contactmoment", ["dossier_id", "deleted_at"]),
    "ix_toewijzing_telling": ("toewijzing", ["dossier_id", "deleted_at"]),
    "ix_toegangtraject_client": ("toegangtraject", ["toegangsvorm", "client_id", "einddatum", "startdatum", "gesprekken",
                                                    "uitkomst"]),
}


def upgrade() -> None:
    for naam, (tabel, kolommen) in INDEXEN.items():
        op.create_index(naam, tabel, kolommen, unique=False)


def downgrade() -> None:
    for naam, (tabel, _kolommen) in INDEXEN.items():
        op.drop_index(naam, table_name=tabel)
