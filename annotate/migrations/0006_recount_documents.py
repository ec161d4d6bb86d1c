"""Fill the document counters corpus 0005 added, from the rows already stored."""

from types import SimpleNamespace

from django.db import migrations

from annotate.services.counters import recount

BATCH = 500


def recount_all(apps, schema_editor):
    models = SimpleNamespace(
        Document=apps.get_model("corpus", "Document"),
        Segment=apps.get_model("corpus", "Segment"),
        Span=apps.get_model("annotate", "Span"),
        Finding=apps.get_model("annotate", "Finding"),
    )
    ids = list(models.Document.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        recount(ids[start : start + BATCH], models)


class Migration(migrations.Migration):
    dependencies = [
        ("annotate", "0005_move_glossary_and_job"),
        ("corpus", "0007_document_counters"),
    ]

    operations = [migrations.RunPython(recount_all, migrations.RunPython.noop)]
