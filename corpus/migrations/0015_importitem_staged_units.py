"""Staged bilingual units move from a JSON column to zlib-compressed JSON lines.

A file still waiting for the worker keeps its units: each staged dict becomes the row the worker
now reads, [source, target, unit id, {notes, state, metadata, placeholders: only those given}].
"""

import zlib

import orjson
from django.db import migrations, models

_KEYS = ("notes", "state", "metadata", "placeholders")


def _compress(rows) -> bytes:
    # The staging format of corpus.services.imports: the count, then JSON lines of units.
    return zlib.compress(b"%d\n" % len(rows) + orjson.dumps(rows) + b"\n", 1)


def _decompress(data) -> list:
    _count, *lines = zlib.decompress(data).split(b"\n")
    return [row for line in lines if line for row in orjson.loads(line)]


def forwards(apps, schema_editor):
    ImportItem = apps.get_model("corpus", "ImportItem")
    for item in ImportItem.objects.filter(state="pending").only("pk", "units"):
        if item.units:
            rows = [
                [u["source"], u["target"], u["unit_id"], {k: u[k] for k in _KEYS if u.get(k)}]
                for u in item.units
            ]
            ImportItem.objects.filter(pk=item.pk).update(staged_units=_compress(rows))


def backwards(apps, schema_editor):
    ImportItem = apps.get_model("corpus", "ImportItem")
    for item in ImportItem.objects.filter(state="pending").only("pk", "staged_units"):
        if item.staged_units:
            units = [
                {
                    "source": source,
                    "target": target,
                    "unit_id": unit_id,
                    "notes": extras.get("notes", []),
                    "state": extras.get("state"),
                    "metadata": extras.get("metadata", {}),
                    "placeholders": extras.get("placeholders", {}),
                }
                for source, target, unit_id, extras in _decompress(item.staged_units)
            ]
            ImportItem.objects.filter(pk=item.pk).update(units=units)


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0014_revision_undo_redo"),
    ]

    operations = [
        migrations.AddField(
            model_name="importitem",
            name="staged_units",
            field=models.BinaryField(blank=True, default=b"", editable=False),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="importitem", name="units"),
    ]
