from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0007_document_counters"),
    ]

    operations = [
        migrations.AlterField(
            model_name="job",
            name="kind",
            field=models.CharField(
                choices=[
                    ("preannotate", "Pre-annotation"),
                    ("replace-all", "Replace all"),
                    ("check", "QA checks"),
                ],
                max_length=20,
            ),
        ),
    ]
