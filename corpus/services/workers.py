"""Task worker heartbeats: written by `manage.py run_worker`, read by the corpus page."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from corpus.models import WorkerHeartbeat

# Rows of workers gone this long are deleted when a live worker beats; the table stays tiny.
FORGET_AFTER = timedelta(days=1)


def record_heartbeat(worker_id: str) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now})
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def needs_worker() -> bool:
    """True when background tasks wait in the database for a worker (not run inline or by RQ)."""
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def worker_last_seen() -> datetime | None:
    """The latest heartbeat of any worker: one query on the seen_at index."""
    return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


def missing_worker_since() -> datetime | bool | None:
    """None while a worker beat recently (or none is needed); otherwise when one was last
    seen, or True when none ever was."""
    if not needs_worker():
        return None
    seen = worker_last_seen()
    if seen is None:
        return True
    stale = timedelta(seconds=settings.REDLINE_WORKER_STALE_SECONDS)
    return seen if timezone.now() - seen > stale else None
