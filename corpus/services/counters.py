"""The per-document counters (Document.COUNTERS): how writes change them, and a full recount.

A change is a Delta per document: (counter field, key) -> difference, e.g.
("status_counts", "edited") -> +1, handed to apply() inside the write's own transaction, so a
rolled-back write changes no counter. Each app counts what it owns: corpus's segment writes the
statuses (status_moved), annotate's writes the spans and findings (annotate.services.counters).

apply() (or, inside a gathered() block, the block's end) locks the document row and adds:
additions commute, so two writers touching different segments of one document both land, and
the lock keeps their read-add-write from interleaving.
(A JSON dict cannot be incremented with F() portably; the row lock makes that unnecessary.)
Lock order: a write locks its segments first (FOR UPDATE OF the segment only, not the joined
document) and its documents last, in id order, when it applies its counts; nothing locks a
segment after its document, so the counters add no lock cycle. (annotate's writes gather their
counts, so a save's status move no longer locks the document before its findings lock the
segment again.)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Count

from corpus.models import Document, Segment

Delta = Counter  # Counter[tuple[str, str]]: (counter field, key) -> difference


def difference(before: dict[int, Delta], after: dict[int, Delta]) -> dict[int, Delta]:
    """after - before per document, keeping negative differences (Counter's `-` drops them)."""
    result: dict[int, Delta] = {}
    for document_id in before.keys() | after.keys():
        delta = Delta(after.get(document_id, {}))
        delta.subtract(before.get(document_id, {}))
        result[document_id] = delta
    return result


# The deltas of the `gathered()` block being run, if any.
_gathering: ContextVar[dict[int, Delta] | None] = ContextVar("redline_counters", default=None)


@contextmanager
def gathered():
    """Add up the deltas applied inside and write them once, when the block succeeds.

    A save moves a status (corpus) and spans and findings (annotate): gathered, that is one lock
    and one UPDATE of the document row, not two, on the save's key-to-screen path. A nested block
    hands its sum to the outer one; a block left by an exception drops its own deltas, as its
    rolled-back writes drop theirs.
    """
    outer = _gathering.get()
    mine: dict[int, Delta] = defaultdict(Delta)
    token = _gathering.set(mine)
    try:
        yield
    finally:
        _gathering.reset(token)
    if outer is None:
        _write(mine)
    else:
        for document_id, delta in mine.items():
            outer[document_id].update(delta)


def apply(deltas: dict[int, Delta]) -> None:
    """Add each document's delta to its stored counters (call inside the write's transaction)."""
    gathering = _gathering.get()
    if gathering is None:
        _write(deltas)
        return
    for document_id, delta in deltas.items():
        gathering[document_id].update(delta)


def _write(deltas: dict[int, Delta]) -> None:
    for document_id in sorted(deltas):
        changes = {key: n for key, n in deltas[document_id].items() if n}
        if not changes:
            continue
        document = (
            Document.objects.select_for_update().only(*Document.COUNTERS).filter(pk=document_id)
        ).first()
        if document is None:
            continue  # deleted meanwhile: its counters went with it
        for (field, key), n in changes.items():
            counts = getattr(document, field)
            counts[key] = counts.get(key, 0) + n
            if not counts[key]:
                del counts[key]
        document.segment_count = sum(document.status_counts.values())
        document.save(update_fields=list(Document.COUNTERS))


def status_moved(document_id: int, *moves: tuple[str | None, str | None]) -> None:
    """Count segments changing status: (old, new) per segment; None is "did not exist"."""
    delta = Delta()
    for old, new in moves:
        if old is not None:
            delta[("status_counts", old)] -= 1
        if new is not None:
            delta[("status_counts", new)] += 1
    apply({document_id: delta})


def status_counts(document_ids, segment_model=Segment) -> dict[int, dict[str, int]]:
    """Segments per status of whole documents, through the (document, status) index."""
    result: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        segment_model.objects.filter(document_id__in=list(document_ids))
        .order_by()
        .values_list("document_id", "status")
        .annotate(n=Count("pk"))
    )
    for document_id, status, n in rows:
        result[document_id][status] = n
    return result
