"""Database housekeeping the services call after bulk writes."""

from __future__ import annotations

from django.db import connection


def refresh_statistics(*models) -> None:
    """Update the planner's statistics for the tables a bulk write just filled.

    Without this a fresh import leaves PostgreSQL planning the first export as if the tables were
    empty (nothing runs autovacuum in CI, and autovacuum lags on a busy server). SQLite's
    `PRAGMA optimize` analyses only the tables whose statistics it judges stale, so it is cheap to
    call after every batch.
    """
    tables = sorted({model._meta.db_table for model in models})
    if not tables:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")
