"""Storage: SQLModel tables, engine setup (SQLite / PostgreSQL), migrations, queries."""
