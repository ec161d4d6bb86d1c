"""A killed task worker does not leave its job running forever (issue 13.1): a real
`manage.py run_worker` process is SIGKILLed while it imports the second of four files, a new worker
takes the batch over once its lease runs out, and every file ends up imported exactly once.

With the database backend (the default) and, in the Redis step of .ci/run, with django-tasks-rq:
two RQ workers, one of them killed, and `run_worker` sweeping. The workers open the run's test
database (a SQLite file, or PostgreSQL with DATABASE_URL), so the test commits its rows.
"""

import hashlib
import signal
import socket

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from corpus import nlp
from corpus.importers import ImportedText
from corpus.models import Document, ImportBatch, ImportItem
from corpus.services.imports import stage_import
from corpus.text.segment import segment_document
from tests import workers
from tests.helpers import login

LEASE_SECONDS = 2
FILES = 4
LINES = 4000  # a few seconds of segmenting per file, so the kill lands inside the second one
BACKENDS = [
    workers.DB,
    pytest.param(
        workers.RQ,
        marks=pytest.mark.skipif(not workers.on_rq(), reason="Redis step of .ci/run only"),
    ),
]


def _text(number: int) -> str:
    return "\n".join(
        f"File {number} line {line}: the development index rose by {line % 97} percent."
        for line in range(LINES)
    )


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_s_import_is_taken_over_and_every_file_imported_once(
    backend, settings, corpus, reviewer, client, tmp_path
):
    settings.TASKS = workers.tasks_setting(backend)
    if backend == workers.RQ:
        workers.flush_redis()
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

    running = [workers.start(backend, log, lease_seconds=LEASE_SECONDS)]
    if backend == workers.RQ:  # several RQ workers, and run_worker sweeping for dead ones' jobs
        running.append(workers.start(backend, log, lease_seconds=LEASE_SECONDS))
        running.append(workers.start(backend, log, lease_seconds=LEASE_SECONDS, sweep_only=True))
    try:
        workers.wait_for(
            lambda: ImportItem.objects.filter(pk=items[0].pk, state="imported").exists(),
            120,
            "the first file",
            log,
        )
        # SIGKILL the worker that holds the batch (one of ours: its lease names host and pid).
        owner = ImportBatch.objects.get(pk=batch.pk).owner
        victim = next(p for p in running if owner == f"{socket.gethostname()}:{p.pid}")
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        assert ImportItem.objects.get(pk=items[1].pk).state == "pending", (
            "the worker finished the second file before the kill: make the files longer"
        )
        batch.refresh_from_db()
        assert batch.state == "running"  # under the dead worker's lease

        running.append(workers.start(backend, log, lease_seconds=LEASE_SECONDS))
        workers.wait_for(
            lambda: ImportBatch.objects.filter(pk=batch.pk, state__in=["done", "failed"]).exists(),
            240,
            "the batch to finish under another worker",
            log,
        )
    finally:
        workers.stop(running)

    batch.refresh_from_db()
    assert (batch.state, batch.message, batch.takeovers) == ("done", "", 1)
    documents = Document.objects.filter(corpus=corpus)
    assert sorted(documents.values_list("original_name", flat=True)) == sorted(
        t.name for t in staged
    )
    for text, item in zip(texts, batch.items.order_by("id"), strict=True):
        assert (item.state, item.text, bytes(item.staged_units)) == ("imported", "", b"")
        document = item.document
        _, drafts = segment_document(text, nlp.sentence_starts)
        # No half document: every segment of the file is there, once, and the counters agree.
        assert list(document.segments.order_by("position").values_list("text", flat=True)) == [
            d.text for d in drafts
        ]
        assert document.segment_count == len(drafts)
    if backend == workers.DB:  # the dead worker's task is not left "running" either
        assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    assert "taken over after worker" in log.read_text()

    login(client, reviewer)
    page = client.get(reverse("corpus:corpus_detail", args=[corpus.pk])).content.decode()
    assert "Taken over once after its worker stopped" in page
