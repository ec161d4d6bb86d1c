"""Database housekeeping the services call after bulk writes."""

from __future__ import annotations

import json

from django.db import connection
from django.db.models import Lookup


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


class OneOf(Lookup):
    """``filter(OneOf(F("segment_id"), ids))``: membership in a list sent as one parameter.

    ``segment_id__in=ids`` with a batch of 2,000 ids gives Django and the driver 2,000 parameters
    to bind and PostgreSQL 2,000 literals to parse: more CPU than the rows it reads. One array
    (PostgreSQL) or one JSON text (SQLite's json_each) costs the same for any length, and both
    planners probe the column's index once per value.
    """

    lookup_name = "one_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):  # another database: the plain IN list
        column, params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        return f"{column} IN ({', '.join(['%s'] * len(values))})", [*params, *values]

    def as_postgresql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} = ANY(%s)", [*params, list(self.rhs)]

    def as_sqlite(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} IN (SELECT value FROM json_each(%s))", [
            *params,
            json.dumps(list(self.rhs)),
        ]


def lock_rows(queryset) -> None:
    """Lock these rows until the transaction ends (call inside it), reading nothing else.

    On PostgreSQL a SELECT … FOR UPDATE. SQLite has no row locks: its transactions here are
    IMMEDIATE (settings), so the one database write lock is already held and the query would only
    cost time on a save's key-to-screen path.
    """
    if connection.features.has_select_for_update:
        list(queryset.select_for_update().values_list("pk", flat=True))
