"""indexes for the monitor toegang and its chart series at 300,000 jeugdigen

(placeholder: filled in by issue 11's work; no schema change yet)

Revision ID: 0009_monitor_indexen
Revises: 0008_wachtlijst_indexen
Create Date: 2026-12-02
"""

from alembic import op  # noqa: F401

revision = "0009_monitor_indexen"
down_revision = "0008_wachtlijst_indexen"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
