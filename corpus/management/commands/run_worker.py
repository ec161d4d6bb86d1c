"""`manage.py run_worker`: django-tasks-db's worker, kept alive through database outages.

db_worker's loop raises OperationalError when the database is unreachable (at start-up, or
when it restarts under load) and the process exits, leaving uploads queued with no message.
This command claims and runs tasks the same way, but a database error is logged and retried
with exponential backoff, and each pass records a heartbeat the corpus page reads. Every few
seconds it also sweeps for jobs whose worker died (their lease ran out) and takes them over.

With another task backend (RQ) its workers run the tasks, and this command only sweeps.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from corpus.services.jobs import take_over_expired
from corpus.services.workers import needs_worker, record_heartbeat

logger = logging.getLogger("django_tasks_db")

HEARTBEAT_SECONDS = 10.0
DATABASE_ERRORS = (OperationalError, InterfaceError)


class SupervisedWorker(Worker):
    def __init__(self, *, backoff_start: float, backoff_max: float, **options):
        super().__init__(**options)
        self.backoff_start = backoff_start
        self.backoff_max = backoff_max
        self._last_beat = self._last_sweep = float("-inf")

    def run(self) -> None:
        logger.info(
            "Starting supervised worker worker_id=%s queues=%s",
            self.worker_id,
            ",".join(self.queue_names),
        )
        delay = self.backoff_start
        while self.running:
            try:
                self.beat()
                self.sweep()
                ran = self.run_next() if needs_worker() else None
            except DATABASE_ERRORS as error:
                logger.warning(
                    "Database unreachable (%s); worker %s retries in %.1f s.",
                    " ".join(str(error).split()) or type(error).__name__,
                    self.worker_id,
                    delay,
                )
                # A broken connection is not reusable; the next pass opens a new one.
                connections.close_all()
                time.sleep(delay)
                delay = min(delay * 2, self.backoff_max)
                continue
            if delay > self.backoff_start:
                logger.warning("Database reachable again; worker %s carries on.", self.worker_id)
                delay = self.backoff_start
            if self.batch and ran is None:
                logger.info("No more tasks to run for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and not ran:
                time.sleep(self.interval)

    def beat(self) -> None:
        now = time.monotonic()
        if now - self._last_beat >= HEARTBEAT_SECONDS:
            record_heartbeat(self.worker_id)
            self._last_beat = now

    def sweep(self) -> None:
        """Take over the jobs of dead workers, twice per lease length."""
        now = time.monotonic()
        if now - self._last_sweep >= max(1.0, settings.REDLINE_JOB_LEASE_SECONDS / 2):
            self._last_sweep = now
            for note in take_over_expired():
                logger.warning("%s.", note)

    def run_next(self) -> bool | None:
        """Claim and run one ready task: True if one ran, None if none was ready, False if the
        queue was locked by another writer (SQLite) and is worth another look."""
        close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                return False
        if task_result is None:
            return None
        self.run_task(task_result)
        return True


class Command(DbWorkerCommand):
    help = "Run the background task worker; it survives database outages (retry with backoff)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Any backend: with RQ this process only sweeps for dead workers' jobs (needs_worker()).
        for action in parser._actions:
            if action.dest == "backend_name":
                action.type = str
        parser.add_argument(
            "--backoff-start", type=float, default=1.0, help="First retry delay (s)."
        )
        parser.add_argument(
            "--backoff-max", type=float, default=60.0, help="Longest retry delay (s)."
        )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        exclude_queues,
        reload,
        backoff_start,
        backoff_max,
        **options,
    ):
        self.configure_logging(verbosity)
        # No autoreload: a supervisor (systemd, `make run`) restarts the process instead.
        queue_names = queue_name.split(",")
        worker = SupervisedWorker(
            queue_names=queue_names,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            backoff_start=backoff_start,
            backoff_max=backoff_max,
        )
        worker.configure_signals()
        worker.run()
