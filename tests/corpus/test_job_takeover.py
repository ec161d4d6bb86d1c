"""A killed task worker does not leave its job running forever (issue 13.1): a real
`manage.py run_worker` process is SIGKILLed while it imports the second of four files, a new worker
takes the batch over once its lease runs out, and every file ends up imported exactly once.

Runs on the test database of the run (a SQLite file, or PostgreSQL with DATABASE_URL), which the
worker processes open through DATABASE_URL, so the test's rows must be committed: transaction=True.
"""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from corpus import nlp
from corpus.importers import ImportedText
from corpus.models import Document, ImportBatch, ImportItem
from corpus.services.imports import stage_import
from corpus.text.segment import segment_document
from tests.helpers import login

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2
FILES = 4
LINES = 4000  # a few seconds of segmenting per file, so the kill lands inside the second one


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": _database_url(),
        "REDLINE_SPACY_MODEL": "blank:en",
        "REDLINE_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _wait_for(condition, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}; worker log:\n{log.read_text()[-3000:]}")


def _text(number: int) -> str:
    return "\n".join(
        f"File {number} line {line}: the development index rose by {line % 97} percent."
        for line in range(LINES)
    )


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_s_import_is_taken_over_and_every_file_imported_once(
    settings, corpus, reviewer, client, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    texts = [_text(n) for n in range(FILES)]
    staged = [
        ImportedText(
            name=f"report-{n}.txt",
            text=text,
            encoding="utf-8",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            size=len(text.encode()),
        )
        for n, text in enumerate(texts)
    ]
    batch = stage_import(corpus, reviewer, staged)
    items = list(batch.items.order_by("id"))
    log = tmp_path / "workers.log"

    first = _start_worker(log)
    try:
        _wait_for(
            lambda: ImportItem.objects.filter(pk=items[0].pk, state="imported").exists(),
            120,
            "the first file",
            log,
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    assert ImportItem.objects.get(pk=items[1].pk).state == "pending", (
        "the worker finished the second file before the kill: make the files longer"
    )
    batch.refresh_from_db()
    assert batch.state == "running"  # under the dead worker's lease

    second = _start_worker(log)
    try:
        _wait_for(
            lambda: ImportBatch.objects.filter(pk=batch.pk, state__in=["done", "failed"]).exists(),
            240,
            "the batch to finish under the second worker",
            log,
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)

    batch.refresh_from_db()
    assert (batch.state, batch.message, batch.takeovers) == ("done", "", 1)
    documents = Document.objects.filter(corpus=corpus)
    assert sorted(documents.values_list("original_name", flat=True)) == sorted(
        t.name for t in staged
    )
    for text, item in zip(texts, batch.items.order_by("id"), strict=True):
        assert (item.state, item.text, item.units) == ("imported", "", [])
        document = item.document
        _, drafts = segment_document(text, nlp.sentence_starts)
        # No half document: every segment of the file is there, once, and the counters agree.
        assert list(document.segments.order_by("position").values_list("text", flat=True)) == [
            d.text for d in drafts
        ]
        assert document.segment_count == len(drafts)
    # The dead worker's task is not left "running" either.
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    assert "taken over after worker" in log.read_text()

    login(client, reviewer)
    page = client.get(reverse("corpus:corpus_detail", args=[corpus.pk])).content.decode()
    assert "Taken over once after its worker stopped" in page
