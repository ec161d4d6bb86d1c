"""Leases on background jobs: a job whose worker died is taken over, resumed, or failed.

Every job row (Job, ImportBatch) is run through `run_leased`: the worker claims the row, renews
its lease in the same transaction as each batch it commits (so a batch commits only while this
worker still owns the job) and from a heartbeat thread in between (so a long batch keeps it).
`take_over_expired`, called by `manage.py run_worker` every few seconds, finds rows whose lease ran
out, gives them back to the queue with their task enqueued again (they resume after the last
committed batch: the cursor of a Job, the pending items of an ImportBatch), and fails them with a
reason after REDLINE_JOB_MAX_TAKEOVERS take-overs.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from corpus.models import ImportBatch, ImportItem, Job

logger = logging.getLogger(__name__)

LEASED_MODELS = (Job, ImportBatch)
# Job and ImportBatch share these state values.
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


class LeaseLost(Exception):
    """Another worker took the job over (this one was presumed dead): stop without committing."""


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def lease_length() -> timedelta:
    return timedelta(seconds=settings.REDLINE_JOB_LEASE_SECONDS)


def enqueue_leased(row: Job | ImportBatch, task, *args) -> None:
    """Enqueue `task(*args)` for the row once the current transaction commits, remembering what
    runs it so that a take-over can enqueue it again."""
    model = type(row)
    model.objects.filter(pk=row.pk).update(task_path=task.module_path, task_args=list(args))
    transaction.on_commit(lambda: _enqueue(model, row.pk, task, args))


def _enqueue(model, pk: int, task, args) -> None:
    result = task.enqueue(*args)
    model.objects.filter(pk=pk).update(task_id=str(result.id))


class Lease:
    """The running worker's hold on one row; `renew` inside each batch's transaction."""

    def __init__(self, model, pk: int):
        self.model, self.pk, self.owner = model, pk, owner_id()
        self.lost = threading.Event()

    def _mine(self):
        return self.model.objects.filter(pk=self.pk, owner=self.owner, state=RUNNING)

    def renew(self, **fields) -> None:
        """Extend the lease (and store `fields`, e.g. progress) or raise LeaseLost. Called inside a
        batch's transaction, the batch commits only if this worker still owns the job."""
        if self.lost.is_set() or not self._mine().update(
            lease_until=timezone.now() + lease_length(), **fields
        ):
            raise LeaseLost(f"{self.model.__name__} {self.pk} was taken over")

    def finish(self, **fields) -> None:
        self.renew(state=DONE, finished_at=timezone.now(), **fields)

    def beat_until(self, stop: threading.Event) -> None:
        """Heartbeat thread: renew every third of the lease until `stop` (or until lost)."""
        interval = settings.REDLINE_JOB_LEASE_SECONDS / 3
        try:
            while not stop.wait(interval):
                try:
                    if not self._mine().update(lease_until=timezone.now() + lease_length()):
                        self.lost.set()
                        return
                except DatabaseError as error:  # locked or unreachable: the next beat retries
                    logger.warning(
                        "Lease heartbeat of %s %s: %s", self.model.__name__, self.pk, error
                    )
        finally:
            connection.close()


def claim(model, pk: int) -> bool:
    """Take the row if it is queued, or running under a lease that ran out (or is ours)."""
    now = timezone.now()
    free = Q(owner="") | Q(lease_until__lt=now) | Q(owner=owner_id())
    return bool(
        model.objects.filter(Q(pk=pk, state__in=[QUEUED, RUNNING]) & free).update(
            owner=owner_id(), lease_until=now + lease_length(), state=RUNNING
        )
    )


def run_leased(model, pk: int, body: Callable[[Lease], None]) -> None:
    """Run a job's body under its lease. A row that is finished or held by a live worker is left
    alone (a second delivery of the same task); an error fails the job with its reason."""
    if not claim(model, pk):
        logger.info("%s %s is finished or running elsewhere; nothing to do.", model.__name__, pk)
        return
    lease = Lease(model, pk)
    stop = threading.Event()
    # Inside an open transaction (tasks run inline, as in tests) nobody else can see the lease,
    # and a second connection would only wait on this one's locks: no heartbeat then.
    beat = None
    if not connection.in_atomic_block:
        beat = threading.Thread(target=lease.beat_until, args=(stop,), daemon=True)
        beat.start()
    try:
        _run_body(model, pk, body, lease)
    except LeaseLost:
        logger.warning(
            "%s %s was taken over by another worker; this one stops.", model.__name__, pk
        )
    except Exception as error:
        fail(model, pk, f"Stopped: {error}", owner=lease.owner)
        raise
    finally:
        stop.set()
        if beat is not None:
            beat.join()


TRANSIENT_RETRIES = 3


def _run_body(model, pk: int, body: Callable[[Lease], None], lease: Lease) -> None:
    """The body, run again after a transient database error (a locked SQLite file, a dropped
    PostgreSQL connection): every body resumes after its committed batches, so a second run
    continues the job instead of failing it. A persistent error still fails it."""
    for attempt in range(TRANSIENT_RETRIES + 1):
        try:
            return body(lease)
        except OperationalError as error:
            if attempt == TRANSIENT_RETRIES:
                raise
            logger.warning("%s %s: %s; resuming in %s s.", model.__name__, pk, error, 2**attempt)
            if not connection.in_atomic_block:
                connection.close()  # a dropped connection is opened again on next use
            time.sleep(2**attempt)


def fail(model, pk: int, reason: str, *, owner: str | None = None) -> bool:
    """Mark the job failed with its reason (only while `owner` holds it, if given) and drop the
    staged upload data of an import batch."""
    rows = model.objects.filter(pk=pk, state__in=[QUEUED, RUNNING])
    if owner is not None:
        rows = rows.filter(owner=owner)
    with transaction.atomic():
        failed = rows.update(state=FAILED, message=reason[:2000], finished_at=timezone.now())
        if failed and model is ImportBatch:
            ImportItem.objects.filter(batch_id=pk, state=ImportItem.State.PENDING).update(
                state=ImportItem.State.REFUSED,
                message="not imported: the batch failed",
                text="",
                staged_units=b"",
            )
    return bool(failed)


def take_over_expired() -> list[str]:
    """Give every job whose lease ran out to the queue again (or fail it after too many
    take-overs). Safe to run from several workers at once: each row is taken by one update."""
    now = timezone.now()
    notes = []
    for model in LEASED_MODELS:
        expired = model.objects.filter(state=RUNNING, lease_until__lt=now)
        for row in expired.only("pk", "owner", "lease_until", "takeovers", "task_path", "task_id"):
            notes.append(_take_over(model, row))
    return [note for note in notes if note]


def _take_over(model, row) -> str:
    name = f"{model.__name__} {row.pk}"
    same = model.objects.filter(pk=row.pk, state=RUNNING, lease_until=row.lease_until)
    if row.takeovers >= settings.REDLINE_JOB_MAX_TAKEOVERS or not row.task_path:
        why = (
            f"its worker stopped {row.takeovers + 1} times"
            if row.task_path
            else "its worker stopped and it cannot be resumed"
        )
        with transaction.atomic():
            if not same.update(owner=""):
                return ""
            fail(model, row.pk, f"Failed: {why} (last worker {row.owner}).")
        _forget_task(row.task_id)
        return f"{name} failed: {why}"
    with transaction.atomic():
        if not same.update(state=QUEUED, owner="", lease_until=None, takeovers=F("takeovers") + 1):
            return ""  # another sweep, or the owner's renewal, got there first
        fresh = model.objects.only("task_path", "task_args").get(pk=row.pk)
        task = import_string(fresh.task_path)
        transaction.on_commit(lambda: _enqueue(model, row.pk, task, fresh.task_args))
    _forget_task(row.task_id)
    return f"{name} taken over after worker {row.owner} stopped"


def _forget_task(task_id: str) -> None:
    """The dead worker's task row (database backend) would show "running" forever: fail it."""
    if task_id and settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=timezone.now()
        )
