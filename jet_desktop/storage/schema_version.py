"""The Alembic head this code expects (a test checks it against db/versions)."""

HEAD_REVISION = "0011_offline_sync"
