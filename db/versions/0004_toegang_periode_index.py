"""toegang traject: a covering index on the period columns for the monitor

The monitor reads the trajects overlapping [van, tot]: einddatum on or after van (or none) and
startdatum on or before tot. An index that starts with einddatum and holds every column the
monitor aggregates lets the database read only that range, without table lookups (about 2x
faster on a million trajects). It replaces (toegangsvorm, einddatum), which nothing needs and
which tempted SQLite into a slower plan for the GROUP BY.

Revision ID: 0004_toegang_periode_index
Revises: 0003_zorg_en_monitor
Create Date: 2026-11-25
"""

from alembic import op

revision = "0004_toegang_periode_index"
down_revision = "0003_zorg_en_monitor"
branch_labels = None
depends_on = None

COLUMNS = ["einddatum", "startdatum", "toegangsvorm", "client_id", "gesprekken", "uitkomst"]


def upgrade() -> None:
    op.drop_index("ix_toegangtraject_vorm_einddatum", table_name="toegangtraject")
    op.create_index("ix_toegangtraject_periode", "toegangtraject", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_toegangtraject_periode", table_name="toegangtraject")
    op.create_index("ix_toegangtraject_vorm_einddatum", "toegangtraject", ["toegangsvorm", "einddatum"], unique=False)
