"""HTER became case- and punctuation-sensitive: recompute the stored value of every segment whose
text differs from its MT (the others are 0 either way), in batches."""

from django.db import migrations

from corpus.text.metrics import hter

BATCH = 2000


def recompute(apps, schema_editor):
    segment_model = apps.get_model("corpus", "Segment")
    edited = segment_model.objects.exclude(status="mt").order_by("pk").only("pk", "mt_text", "text")
    last = 0
    while True:
        batch = list(edited.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        for segment in batch:
            segment.hter = hter(segment.mt_text, segment.text)
        segment_model.objects.bulk_update(batch, ["hter"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("corpus", "0005_bilingual")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
