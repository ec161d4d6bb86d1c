"""On SQLite, store a document's imported file after all its other columns.

SQLite keeps a row's columns in table order, and a long value spills into a chain of overflow
pages: reading any column after raw_text walks that chain, so every read of a document (even
with raw_text deferred) cost time growing with its file (about 100 ms for a 37 MB document).
Columns added later go after raw_text; this moves it back to the end. PostgreSQL keeps long
values out of line (TOAST), so it has nothing to do there. The model does not change.
"""

from django.db import migrations, models


def raw_text_last(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    Document = apps.get_model("corpus", "Document")
    table = schema_editor.quote_name(Document._meta.db_table)
    moved = models.TextField(default="")
    moved.set_attributes_from_name("raw_text_moved")
    schema_editor.add_field(Document, moved)
    schema_editor.execute(f"UPDATE {table} SET raw_text_moved = raw_text")
    schema_editor.remove_field(Document, Document._meta.get_field("raw_text"))
    schema_editor.execute(f"ALTER TABLE {table} RENAME COLUMN raw_text_moved TO raw_text")


class Migration(migrations.Migration):
    dependencies = [("corpus", "0020_user_preference")]

    operations = [migrations.RunPython(raw_text_last, migrations.RunPython.noop)]
