"""Task workers as real processes for the tests that kill them (tests/corpus/test_job_takeover.py,
tests/test_rq_jobs.py): the database backend's `run_worker`, or RQ workers plus the `run_worker`
sweep. They open the run's test database through DATABASE_URL, so those tests commit their rows
(`django_db(transaction=True)`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
RQ = "django_tasks_rq.RQBackend"
DB = "django_tasks_db.DatabaseBackend"


def on_rq() -> bool:
    """The Redis step of .ci/run sets TASKS_BACKEND (and REDIS_URL) for the whole run."""
    return os.environ.get("TASKS_BACKEND") == RQ


def tasks_setting(backend: str) -> dict:
    return {"default": {"BACKEND": backend, "QUEUES": ["default"]}}


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def start(backend: str, log: Path, *, lease_seconds: int, sweep_only: bool = False):
    """One worker process: run_worker for the database backend (or, on RQ, as the sweep only),
    else an RQ worker that runs tasks in its own process (so a kill stops the task with it)."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "REDLINE_SPACY_MODEL": "blank:en",
        "REDLINE_JOB_LEASE_SECONDS": str(lease_seconds),
        "TASKS_BACKEND": backend,
    }
    if backend == DB or sweep_only:
        command = ["run_worker", "--no-startup-delay", "--interval", "0.2"]
    else:
        command = [
            "rqworker",
            "default",
            "--job-class",
            "django_tasks_rq.Job",
            "--worker-class",
            "rq.worker.SimpleWorker",
        ]
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_for(condition, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}; worker log:\n{log.read_text()[-3000:]}")


def stop(processes) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def flush_redis() -> None:
    """Empty the run's own Redis database (REDIS_URL names one for the tests): jobs of an earlier
    run would point at rows that are gone."""
    import django_rq  # configured only when TASKS_BACKEND is RQ

    django_rq.get_connection("default").flushdb()
