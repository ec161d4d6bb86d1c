"""The glossary models went to the glossary app and Job to corpus: state only, no table changes.
Content types follow, so admin permissions and log entries keep pointing at the same models."""

import django.db.models.deletion
from django.db import migrations, models


MOVED = {
    "glossaryterm": "glossary",
    "termvariant": "glossary",
    "termchange": "glossary",
    "glossarystate": "glossary",
    "job": "corpus",
}


def _relabel(apps, pairs):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model, (old, new) in pairs.items():
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, {model: ("annotate", app) for model, app in MOVED.items()})


def move_content_types_back(apps, schema_editor):
    _relabel(apps, {model: (app, "annotate") for model, app in MOVED.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('corpus', '0004_job_from_annotate'),
        ('annotate', '0004_glossary'),
        ('glossary', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.DeleteModel(
                name='GlossaryState',
            ),
            migrations.RemoveField(
                model_name='glossaryterm',
                name='corpus',
            ),
            migrations.RemoveField(
                model_name='glossaryterm',
                name='created_by',
            ),
            migrations.RemoveField(
                model_name='glossaryterm',
                name='updated_by',
            ),
            migrations.RemoveField(
                model_name='termchange',
                name='term',
            ),
            migrations.AlterField(
                model_name='span',
                name='term',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='spans', to='glossary.glossaryterm'),
            ),
            migrations.RemoveField(
                model_name='job',
                name='corpus',
            ),
            migrations.RemoveField(
                model_name='job',
                name='created_by',
            ),
            migrations.RemoveField(
                model_name='job',
                name='document',
            ),
            migrations.RemoveField(
                model_name='termchange',
                name='user',
            ),
            migrations.DeleteModel(
                name='TermVariant',
            ),
            migrations.DeleteModel(
                name='GlossaryTerm',
            ),
            migrations.DeleteModel(
                name='Job',
            ),
            migrations.DeleteModel(
                name='TermChange',
            ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
