"""The supervised task worker (issue 13.2): it survives an unreachable database, retrying with
backoff, and the corpus page says when no worker has been seen."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from corpus.management.commands import run_worker
from corpus.models import ImportBatch, ImportItem, WorkerHeartbeat
from corpus.services.imports import import_batch_task
from corpus.services.workers import record_heartbeat
from tests.helpers import login

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker closes and reopens connections as in production, which a test transaction
# cannot survive.
@pytest.mark.django_db(transaction=True)
def test_the_worker_backs_off_while_the_database_is_down_then_carries_on(
    monkeypatch, caplog, settings
):
    settings.TASKS = DATABASE_BACKEND
    outage = iter([OperationalError("server closed the connection"), OperationalError("refused")])

    def beat(worker_id):
        error = next(outage, None)
        if error is not None:
            raise error
        record_heartbeat(worker_id)

    sleeps = []
    monkeypatch.setattr(run_worker, "record_heartbeat", beat)
    monkeypatch.setattr(run_worker.time, "sleep", sleeps.append)
    call_command("run_worker", "--batch", "--backoff-start", "1", stdout=StringIO())
    assert sleeps == [1.0, 2.0]
    assert "Database unreachable (server closed the connection)" in caplog.text
    assert "Database reachable again" in caplog.text
    assert WorkerHeartbeat.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_tasks(settings, corpus):
    settings.TASKS = DATABASE_BACKEND
    batch = ImportBatch.objects.create(corpus=corpus)
    ImportItem.objects.create(
        batch=batch, name="a.txt", text="One sentence. Two.", encoding="utf-8", sha256="a" * 64
    )
    import_batch_task.enqueue(batch.pk)
    call_command("run_worker", "--batch", "--no-startup-delay", stdout=StringIO())
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE
    assert corpus.documents.get().segments.count() == 2


def test_an_unreachable_database_at_start_up_is_retried_not_fatal():
    """db_worker died with OperationalError here; run_worker keeps retrying until stopped."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": "postgresql://redline:x@127.0.0.1:9/redline",  # nothing listens on 9
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "manage.py",
            "run_worker",
            "--backoff-start",
            "0.2",
            "--backoff-max",
            "0.4",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    retries = []
    try:
        deadline = time.monotonic() + 120
        while len(retries) < 3 and time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            if "Database unreachable" in line:
                retries.append(line)
        assert len(retries) == 3, "the worker stopped retrying"
        assert process.poll() is None, "the worker exited"
        assert [line.rsplit("retries in ", 1)[1].strip() for line in retries] == [
            "0.2 s.",
            "0.4 s.",
            "0.4 s.",
        ]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_the_corpus_page_says_when_no_worker_is_seen(client, settings, reviewer, corpus):
    settings.TASKS = DATABASE_BACKEND
    login(client, reviewer)
    url = reverse("corpus:corpus_detail", args=[corpus.pk])
    assert "No task worker has been seen yet" in client.get(url).content.decode()
    record_heartbeat("w1")
    assert "No task worker" not in client.get(url).content.decode()
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(minutes=10))
    assert "No task worker has been seen since" in client.get(url).content.decode()


def test_no_warning_when_tasks_run_without_a_worker(client, reviewer, corpus):
    login(client, reviewer)
    page = client.get(reverse("corpus:corpus_detail", args=[corpus.pk])).content.decode()
    assert "No task worker" not in page  # the tests' immediate backend needs none
