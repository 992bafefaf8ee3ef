"""indexes for the wachtlijst's sorts and a text index for its filter (SQLite FTS5 trigram, PostgreSQL pg_trgm)

(placeholder: filled in by issue 11's work; no schema change yet)

Revision ID: 0008_wachtlijst_indexen
Revises: 0007_wijzigingshistorie
Create Date: 2026-12-02
"""

from alembic import op  # noqa: F401

revision = "0008_wachtlijst_indexen"
down_revision = "0007_wijzigingshistorie"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
