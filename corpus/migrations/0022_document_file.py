"""A document's imported file moves out of the document row into a table of its own.

The document row is read by every page and rewritten by every write that moves its counters;
SQLite rewrites a whole row on update, so with the file in it each save in a 37 MB document
rewrote 37 MB. The copy is one INSERT … SELECT (and back on reverse), no file passes through
Python. This supersedes 0021's move of raw_text to the row's end.
"""

import django.db.models.deletion
from django.db import migrations, models


def _tables(apps, schema_editor):
    quote = schema_editor.quote_name
    document = apps.get_model("corpus", "Document")._meta.db_table
    file = apps.get_model("corpus", "DocumentFile")._meta.db_table
    return quote(document), quote(file)


def files_out(apps, schema_editor):
    document, file = _tables(apps, schema_editor)
    schema_editor.execute(
        f"INSERT INTO {file} (document_id, text) SELECT id, raw_text FROM {document}"
    )


def files_back(apps, schema_editor):
    document, file = _tables(apps, schema_editor)
    schema_editor.execute(
        f"UPDATE {document} SET raw_text = COALESCE("
        f"(SELECT text FROM {file} WHERE {file}.document_id = {document}.id), '')"
    )


class Migration(migrations.Migration):
    dependencies = [("corpus", "0021_raw_text_last")]

    operations = [
        migrations.CreateModel(
            name="DocumentFile",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="file",
                        serialize=False,
                        to="corpus.document",
                    ),
                ),
                ("text", models.TextField()),
            ],
        ),
        # A default for the way back only: re-adding the column to filled rows needs one.
        migrations.AlterField(
            model_name="document", name="raw_text", field=models.TextField(default="")
        ),
        migrations.RunPython(files_out, files_back),
        migrations.RemoveField(model_name="document", name="raw_text"),
    ]
