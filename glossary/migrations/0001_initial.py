"""The glossary models moved here from annotate: state only, their tables (annotate_glossaryterm,
…) stay as they are, so an existing database keeps every row and no row is copied."""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('annotate', '0004_glossary'),
        ('corpus', '0004_job_from_annotate'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='GlossaryState',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('scope', models.BigIntegerField(unique=True)),
                    ('token', models.CharField(max_length=32)),
                ],
                options={
                    'db_table': 'annotate_glossarystate',
                },
            ),
            migrations.CreateModel(
                name='GlossaryTerm',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('preferred', models.CharField(max_length=300)),
                    ('source', models.CharField(blank=True, help_text='The Chinese source term.', max_length=300)),
                    ('definition', models.TextField(blank=True)),
                    ('note', models.TextField(blank=True, help_text='Usage note.')),
                    ('domain', models.CharField(blank=True, max_length=100)),
                    ('part_of_speech', models.CharField(blank=True, max_length=50)),
                    ('status', models.CharField(choices=[('draft', 'Draft'), ('approved', 'Approved'), ('deprecated', 'Deprecated')], default='draft', max_length=10)),
                    ('case_sensitive', models.BooleanField(default=False)),
                    ('label_key', models.CharField(blank=True, max_length=30, validators=[django.core.validators.RegexValidator('^[A-Z][A-Z0-9_]{0,29}$', 'Keys are upper-case letters, digits and _, e.g. ORG.')])),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('version', models.PositiveIntegerField(default=1)),
                    ('corpus', models.ForeignKey(blank=True, help_text='Empty: the concept applies to every corpus.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='glossary_terms', to='corpus.corpus')),
                    ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'annotate_glossaryterm',
                    'ordering': ['preferred', 'id'],
                },
            ),
            migrations.CreateModel(
                name='TermChange',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('action', models.CharField(choices=[('created', 'Created'), ('proposed', 'Proposed'), ('updated', 'Updated'), ('variants', 'Variants changed'), ('approved', 'Approved'), ('deprecated', 'Deprecated'), ('imported', 'Imported')], max_length=12)),
                    ('before', models.JSONField(blank=True, null=True)),
                    ('after', models.JSONField()),
                    ('note', models.TextField(blank=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('term', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='glossary.glossaryterm')),
                    ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'annotate_termchange',
                    'ordering': ['term', 'id'],
                },
            ),
            migrations.CreateModel(
                name='TermVariant',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('text', models.CharField(max_length=300)),
                    ('kind', models.CharField(choices=[('admitted', 'Admitted'), ('forbidden', 'Forbidden')], max_length=10)),
                    ('term', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='variants', to='glossary.glossaryterm')),
                ],
                options={
                    'db_table': 'annotate_termvariant',
                    'ordering': ['term', 'kind', 'id'],
                },
            ),
            migrations.AddIndex(
                model_name='glossaryterm',
                index=models.Index(fields=['corpus', 'status'], name='glossaryterm_scope_idx'),
            ),
            migrations.AddConstraint(
                model_name='glossaryterm',
                constraint=models.CheckConstraint(condition=models.Q(('preferred', ''), _negated=True), name='glossaryterm_preferred_not_empty'),
            ),
            migrations.AddConstraint(
                model_name='glossaryterm',
                constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('preferred'), models.F('corpus'), condition=models.Q(('corpus__isnull', False)), name='glossaryterm_unique_preferred'),
            ),
            migrations.AddConstraint(
                model_name='glossaryterm',
                constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('preferred'), condition=models.Q(('corpus__isnull', True)), name='glossaryterm_unique_global_preferred'),
            ),
            migrations.AddIndex(
                model_name='termchange',
                index=models.Index(fields=['term', 'id'], name='termchange_term_idx'),
            ),
            migrations.AddConstraint(
                model_name='termvariant',
                constraint=models.UniqueConstraint(fields=('term', 'text'), name='termvariant_unique_text'),
            ),
            migrations.AddConstraint(
                model_name='termvariant',
                constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='termvariant_text_not_empty'),
            ),
            ],
            database_operations=[],
        ),
    ]
