"""Every new corpus starts with the default labels; pre-annotation says what it could not store;
bulk writes refresh the planner's statistics."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate.models import Label
from annotate.rules import find_entities
from annotate.services import preannotate
from annotate.services.labels import create_corpus, ensure_default_labels
from corpus.importers import parse_upload
from corpus.models import Corpus, Job
from corpus.services.imports import import_limits, run_import_batch, stage_import
from tests.conftest import SEED_FILES, SEEDS, import_file

pytestmark = pytest.mark.django_db
DEFAULT_KEYS = sorted(s["key"] for s in json.loads((SEEDS / "labels.json").read_text()))


def keys(corpus) -> list[str]:
    return sorted(corpus.labels.values_list("key", flat=True))


def test_import_texts_creates_a_corpus_with_the_default_labels(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ningxia grew. Jining grew.", encoding="utf-8")
    call_command("import_texts", str(path), corpus="CLI", stdout=StringIO())
    assert keys(Corpus.objects.get(name="CLI")) == DEFAULT_KEYS
    call_command(
        "import_texts", str(path), corpus="Bare", no_default_labels=True, stdout=StringIO()
    )
    assert keys(Corpus.objects.get(name="Bare")) == []


def test_import_dataset_creates_a_corpus_with_the_default_labels(tmp_path, corpus, seed_document):
    out = tmp_path / "export.jsonl"
    call_command(
        "export_dataset",
        *("--corpus", corpus.name, "--out", str(out), "--format", "redline-jsonl"),
        stdout=StringIO(),
    )
    call_command("import_dataset", str(out), corpus="Copy", stdout=StringIO())
    assert keys(Corpus.objects.get(name="Copy")) == DEFAULT_KEYS


def test_the_admin_creates_a_corpus_with_the_default_labels(admin_client):
    admin_client.post(reverse("admin:corpus_corpus_add"), {"name": "From the admin"})
    assert keys(Corpus.objects.get(name="From the admin")) == DEFAULT_KEYS


def test_ensure_default_labels_keeps_what_is_there(corpus):
    Label.objects.create(corpus=corpus, key="CUSTOM", name="Custom", shortcut="1")
    Label.objects.create(corpus=corpus, key="ORG", name="Organ", shortcut="")
    added = ensure_default_labels(corpus)
    assert "ORG" not in added and keys(corpus) == sorted({*DEFAULT_KEYS, "CUSTOM"})
    assert corpus.labels.get(key="ORG").name == "Organ"
    assert corpus.labels.filter(shortcut="1").count() == 1  # the taken shortcut is not doubled
    assert ensure_default_labels(corpus) == []
    assert create_corpus(corpus.name) == (corpus, False)


def test_preannotation_reports_suggestions_it_had_no_label_for(corpus, translator):
    Label.objects.create(corpus=corpus, key="MONEY", name="Money")
    document = import_file(corpus, SEED_FILES[1])
    texts = list(document.segments.values_list("text", flat=True))
    missing = [m.label for text in texts for m in find_entities(text) if m.label != "MONEY"]
    assert missing  # the seed has dates and percentages, which this corpus has no label for
    job = preannotate.start_job(corpus, document, translator)
    preannotate.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.message.startswith(f"{len(missing)} suggestions skipped: no labels ")
    for key in set(missing):
        assert f"{key} ({missing.count(key)})" in job.message


def test_skipped_message_names_one_label_plainly():
    assert (
        preannotate.skipped_message({"GPE": 12})
        == "12 suggestions skipped: no label GPE in this corpus."
    )
    assert preannotate.skipped_message({}) == ""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL runs ANALYZE instead")
def test_an_import_batch_refreshes_the_statistics(corpus, project_admin):
    texts = parse_upload(SEED_FILES[0].name, SEED_FILES[0].read_bytes(), import_limits())
    batch = stage_import(corpus, project_admin, texts)
    with CaptureQueriesContext(connection) as queries:
        run_import_batch(batch.pk)
    assert any(q["sql"] == "PRAGMA optimize" for q in queries.captured_queries)
