"""The lease a background job's row carries, so a job whose worker died is taken over, and the
workers' heartbeat (pages say when no worker has been seen).

A worker owns the row while it runs it and renews `lease_until` as its batches commit (and from a
heartbeat thread in between); once the lease has run out, `manage.py run_worker`'s sweep hands the
job to another worker (`corpus.services.jobs`), up to REDLINE_JOB_MAX_TAKEOVERS times.
"""

from __future__ import annotations

from django.db import models


class Leased(models.Model):
    owner = models.CharField(max_length=200, blank=True, default="")  # "host:pid" of the worker
    lease_until = models.DateTimeField(null=True, blank=True, db_index=True)
    takeovers = models.PositiveSmallIntegerField(default=0)
    # What runs the job, so a take-over can enqueue it again: the task's path, its arguments and
    # the id its backend gave the last enqueued run.
    task_path = models.CharField(max_length=200, blank=True, default="")
    task_args = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        abstract = True

    @property
    def takeover_note(self) -> str:
        if not self.takeovers:
            return ""
        times = "once" if self.takeovers == 1 else f"{self.takeovers} times"
        return f"taken over {times} after its worker stopped"


class WorkerHeartbeat(models.Model):
    """When each task worker last showed it was alive, so pages can say when none is running."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} seen {self.seen_at:%Y-%m-%d %H:%M:%S}"
