"""Webhook events, read from the history the other apps already append (documents, revisions,
glossary changes, finished export jobs) instead of hooks inside their services: the apps to the left know nothing of
webhooks, and an event can never be emitted for a change that was rolled back.

``scan`` reads each source past its cursor, emits, and moves the cursor in one transaction;
``manage.py webhook_events`` runs it every few seconds beside the task worker.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from api.models import EventCursor, WebhookEndpoint
from api.services.webhooks import emit
from corpus.models import Corpus, Document, Job, Revision, Segment
from glossary.models import TermChange

BATCH = 1000
Event = WebhookEndpoint.Event


def _documents(after: int):
    rows = Document.objects.filter(pk__gt=after).order_by("pk")[:BATCH]
    for document in rows:
        data = {"document": document.pk, "title": document.title, "name": document.original_name}
        yield document.pk, [(document.corpus_id, Event.DOCUMENT_IMPORTED, data)]


def _approvals(after: int):
    rows = list(
        Revision.objects.filter(
            pk__gt=after, action=Revision.Action.STATUS, status=Segment.Status.APPROVED
        )
        .select_related("segment__document")
        .order_by("pk")[:BATCH]
    )
    # A document is completed once per scan, at its last approval in it, if nothing is left open.
    last_of = {revision.segment.document_id: revision.pk for revision in rows}
    for revision in rows:
        document = revision.segment.document
        data = {
            "segment": revision.segment_id,
            "document": document.pk,
            "version": revision.version,
        }
        events = [(document.corpus_id, Event.SEGMENT_APPROVED, data)]
        if (
            last_of[document.pk] == revision.pk
            and not document.segments.exclude(status=Segment.Status.APPROVED).exists()
        ):
            done = {"document": document.pk, "title": document.title}
            events.append((document.corpus_id, Event.DOCUMENT_COMPLETED, done))
        yield revision.pk, events


def _glossary(after: int):
    rows = TermChange.objects.filter(pk__gt=after).select_related("term").order_by("pk")[:BATCH]
    for change in rows:
        term = change.term
        data = {"concept": term.pk, "preferred": term.preferred, "action": change.action}
        # An all-corpora concept changes every corpus's glossary.
        corpora = (
            [term.corpus_id]
            if term.corpus_id
            else list(Corpus.objects.values_list("pk", flat=True))
        )
        yield change.pk, [(corpus, Event.GLOSSARY_CHANGED, data) for corpus in corpora]


def _exports(after: int):
    rows = Job.objects.filter(pk__gt=after, kind=Job.Kind.EXPORT, state=Job.State.DONE)
    for job in rows.order_by("pk")[:BATCH]:
        params = job.params
        base = params.get("base_url", "")
        download = reverse("api:export", args=[job.corpus_id])
        data = {
            "job": job.pk,
            "corpus": job.corpus_id,
            "format": params.get("format"),
            "segments": job.done,
            "finished_at": job.finished_at.isoformat() if job.finished_at else None,
            "file_name": params.get("file_name"),
            # The same format and filters through the API (a token): the selection as it is then.
            "download_url": f"{base}{download}"
            + (f"?{params['query']}" if params.get("query") else ""),
            "job_url": base + reverse("api:job-detail", args=[job.pk]),
        }
        yield job.pk, [(job.corpus_id, Event.EXPORT_READY, data)]


SOURCES = {
    "documents": (Document, _documents),
    "approvals": (Revision, _approvals),
    "glossary": (TermChange, _glossary),
    "exports": (Job, _exports),
}


def scan() -> int:
    """Emit every event since the last scan; the number of deliveries queued."""
    queued = 0
    wanted = _subscriptions()
    for source, (model, read) in SOURCES.items():
        with transaction.atomic():
            cursor, created = EventCursor.objects.select_for_update().get_or_create(source=source)
            if created:  # the first scan starts from now: no flood of past events
                cursor.last_id = model.objects.aggregate(last=Max("pk"))["last"] or 0
                cursor.save()
                continue
            for last_id, events in read(cursor.last_id):
                for corpus_id, event, data in events:
                    if event in wanted.get(corpus_id, ()):
                        queued += len(emit(corpus_id, event, data))
                cursor.last_id = last_id
            cursor.save()
    return queued


def _subscriptions() -> dict[int, set[str]]:
    wanted: dict[int, set[str]] = {}
    for corpus_id, events in WebhookEndpoint.objects.filter(active=True).values_list(
        "corpus_id", "events"
    ):
        wanted.setdefault(corpus_id, set()).update(events)
    return wanted
