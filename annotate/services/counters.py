"""Keeping Document's span and finding counters (spans by state, open findings by check) in step
with annotate's writes, and rebuilding all counters. Segment statuses are counted by corpus's own
segment writes (corpus.services.counters.status_moved).

A write runs inside `counted(segment_ids)`: the touched segments are locked and measured before,
measured again after, and the difference is added to their documents' counters in the same
transaction (corpus.services.counters.apply). Measuring the touched segments, rather than
adding +1 here and -1 there at each write, keeps one rule for every write however it moves spans
(remapped, carried over by a merge, split across two segments, cascaded away with a segment), and
each measure is an indexed query over a few segments, so the cost follows the write, not the
document. Only the outermost write of a transaction counts: nested services are not wrapped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from types import SimpleNamespace

from django.db.models import Count

from annotate.models import Finding, Span
from corpus.db import lock_rows
from corpus.models import Document, Segment
from corpus.services import counters
from corpus.services.counters import Delta


class Tally:
    """The touched segments of one write and what they counted before it."""

    def __init__(self, *, spans: bool, findings: bool):
        self.spans, self.findings = spans, findings
        self.ids: set[int] = set()
        self.before: dict[int, Delta] = defaultdict(Delta)

    def add(self, segment_ids: Iterable[int]) -> None:
        """Track existing segments, measured now (before the write changes them)."""
        new = set(segment_ids) - self.ids
        if new:
            self.ids |= new
            for document_id, counts in self._measure(new, lock=True).items():
                self.before[document_id].update(counts)

    def add_created(self, segment_ids: Iterable[int]) -> None:
        """Track segments this write created: they counted nothing before it."""
        self.ids |= set(segment_ids)

    def close(self) -> None:
        after = self._measure(self.ids, lock=False)
        counters.apply(counters.difference(self.before, after))

    def _measure(self, ids: set[int], *, lock: bool) -> dict[int, Delta]:
        # Locked first, so what is measured cannot change before the write (FOR UPDATE allows
        # no GROUP BY, hence a query of its own).
        if lock:
            lock_rows(Segment.objects.filter(pk__in=list(ids)))
        counts: dict[int, Delta] = defaultdict(Delta)
        if self.spans:
            rows = (
                Span.objects.filter(segment_id__in=list(ids))
                .order_by()
                .values_list("segment__document_id", "state")
                .annotate(n=Count("pk"))
            )
            for document_id, state, n in rows:
                counts[document_id][("span_counts", state)] += n
        if self.findings:
            rows = (
                Finding.objects.filter(segment_id__in=list(ids), dismissed=False)
                .order_by()
                .values_list("document_id", "check_id")
                .annotate(n=Count("pk"))
            )
            for document_id, check_id, n in rows:
                counts[document_id][("finding_counts", check_id)] += n
        return counts


@contextmanager
def counted(segment_ids: Iterable[int], *, spans: bool = True, findings: bool = True):
    """Count what the enclosed write does to these segments (add more through the Tally).

    Call inside the write's transaction; on an exception nothing is applied (and the write rolls
    back with it). `spans` / `findings` False skips measuring a kind the write cannot change.
    """
    with counters.gathered():  # with the statuses the write moves: one document update
        tally = Tally(spans=spans, findings=findings)
        tally.add(segment_ids)
        yield tally
        tally.close()


MODELS = SimpleNamespace(Document=Document, Segment=Segment, Span=Span, Finding=Finding)


def fresh_counts(document_ids: Iterable[int], models=MODELS) -> dict[int, dict]:
    """Every counter of these documents counted from their rows (what `recount` stores, and the
    tests' reference). `models` lets a migration pass its historical models."""
    document_ids = list(document_ids)
    result = {
        pk: {"status_counts": {}, "span_counts": {}, "finding_counts": {}} for pk in document_ids
    }
    for document_id, statuses in counters.status_counts(document_ids, models.Segment).items():
        result[document_id]["status_counts"] = statuses
    rows = (
        models.Span.objects.filter(segment__document_id__in=document_ids)
        .order_by()
        .values_list("segment__document_id", "state")
        .annotate(n=Count("pk"))
    )
    for document_id, state, n in rows:
        result[document_id]["span_counts"][state] = n
    rows = (
        models.Finding.objects.filter(document_id__in=document_ids, dismissed=False)
        .order_by()
        .values_list("document_id", "check_id")
        .annotate(n=Count("pk"))
    )
    for document_id, check_id, n in rows:
        result[document_id]["finding_counts"][check_id] = n
    for counts in result.values():
        counts["segment_count"] = sum(counts["status_counts"].values())
    return result


def recount(document_ids: Iterable[int], models=MODELS) -> int:
    """Rebuild the counters of these documents from their rows (the `recount` command, the
    migration that added them, a freshly imported dataset). Returns how many were recounted."""
    counts = fresh_counts(document_ids, models)
    documents = list(models.Document.objects.filter(pk__in=list(counts)).only("pk"))
    for document in documents:
        for field, value in counts[document.pk].items():
            setattr(document, field, value)
    fields = ["segment_count", "status_counts", "span_counts", "finding_counts"]
    models.Document.objects.bulk_update(documents, fields)
    return len(documents)
