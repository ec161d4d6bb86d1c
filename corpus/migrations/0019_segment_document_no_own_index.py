"""Segment.document loses the index Django gives every ForeignKey: the unique (document, position)
index leads with document_id, so it already serves every lookup by document and the ON DELETE
cascade, and the second index only cost each of an import's 100,000 inserts
(bench/bench_bilingual_import.py).

Django's AlterField would rebuild the whole segment table on SQLite to drop one index; this drops
just the index (found by its column, whatever it was named) on every database. On PostgreSQL
DROP INDEX takes a brief exclusive lock and frees the index's pages: no table rewrite.
"""

from django.db import migrations, models


def _document_only_indexes(schema_editor, table: str) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in constraints.items()
        if info["index"]
        and not info["unique"]
        and not info["primary_key"]
        and info["columns"] == ["document_id"]
    ]


def drop_index(apps, schema_editor):
    table = apps.get_model("corpus", "Segment")._meta.db_table
    for name in _document_only_indexes(schema_editor, table):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_index(apps, schema_editor):
    table = apps.get_model("corpus", "Segment")._meta.db_table
    if not _document_only_indexes(schema_editor, table):
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"CREATE INDEX {quote(table + '_document_id')} ON {quote(table)} ({quote('document_id')})"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0018_revision_effort"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="segment",
                    name="document",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="segments",
                        to="corpus.document",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_index, create_index)],
        ),
    ]
