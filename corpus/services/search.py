"""Find over a corpus (or one document): pages of hits, their counts, and the preview of a
replacement. Reads only; the replacement itself is an edit that carries spans
(annotate.services.replace).

SQL narrows the rows first (LIKE, or instr when case matters, on a literal every match contains:
corpus.text.search.Query.literal), Python's regex decides, and a page stops as soon as it holds
one page of hits, so the first page of a common word costs a few batches whatever the corpus
size. Pages are keyset on (document, position), never OFFSET.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import StrIndex

from corpus.i18n import localize_error
from corpus.models import Document, Segment
from corpus.text.diff import word_diff
from corpus.text.search import (
    Deadline,
    Hit,
    Query,
    QueryError,
    Replacement,
    SearchTimeout,
    apply,
    context,
    find,
)

PAGE = 50  # hits a page shows; whole segments, so a page may run a few hits over
BATCH = 200  # rows read per query while filling a page
COLUMNS = ("pk", "document_id", "position", "version", "status", "text")


@dataclass(frozen=True)
class Found:
    """One segment and its hits."""

    segment_id: int
    document_id: int
    position: int
    version: int
    status: str
    text: str
    hits: tuple[Hit, ...]
    document_title: str = ""

    @property
    def review_after(self) -> int:
        """The `after` of the review page that shows this segment first."""
        return self.position - 1

    def snippets(self) -> list[tuple[str, str, str]]:
        """(left context, the hit, right context) per hit, for keyword-in-context."""
        rows = []
        for h in self.hits:
            left, right = context(self.text, h.start, h.end)
            rows.append((left, self.text[h.start : h.end], right))
        return rows


@dataclass(frozen=True)
class SearchPage:
    found: list[Found]
    next_after: tuple[int, int] | None  # (document id, position) of the last segment shown
    stopped: str = ""  # why the search stopped early (a pattern that ran past its time)

    @property
    def hit_count(self) -> int:
        return sum(len(f.hits) for f in self.found)


def prefiltered(rows: QuerySet, query: Query) -> QuerySet:
    """The rows that may hold a hit: every one that holds one, and fewer than all."""
    if not query.literal:
        return rows
    if query.literal_case_sensitive:
        # instr() on SQLite, strpos() on PostgreSQL: LIKE would ignore case on SQLite.
        return rows.annotate(at=StrIndex("text", Value(query.literal))).filter(at__gt=0)
    near = Q(text__icontains=query.literal)
    for twin in query.twins:
        near |= Q(text__contains=twin)  # "Kilo" for "kilo": LIKE folds ASCII only
    return rows.filter(near)


def scan(
    corpus_id: int,
    query: Query,
    *,
    document_id: int | None = None,
    after: tuple[int, int] | None = None,
    deadline: Deadline | None = None,
    segment_ids: list[int] | None = None,
) -> Iterator[Found]:
    """Every segment with a hit, in document order, read in keyset batches.

    One document at a time, so each batch is a range of the (document, position) index: an OR
    across documents would make SQLite re-read the corpus from its start for every batch."""
    deadline = deadline or Deadline()
    rows = prefiltered(Segment.objects.all(), query)
    if segment_ids is not None:
        rows = rows.filter(pk__in=segment_ids)
    documents = Document.objects.filter(corpus_id=corpus_id).order_by("pk")
    if document_id is not None:
        documents = documents.filter(pk=document_id)
    if after is not None:
        documents = documents.filter(pk__gte=after[0])
    for document in documents.values_list("pk", flat=True):
        position = after[1] if after is not None and after[0] == document else None
        yield from _scan_document(rows.filter(document_id=document), position, query, deadline)


def _scan_document(rows: QuerySet, position: int | None, query: Query, deadline: Deadline):
    rows = rows.order_by("position")
    while True:
        page = rows if position is None else rows.filter(position__gt=position)
        batch = list(page.values_list(*COLUMNS)[:BATCH])
        for pk, document, at, version, status, text in batch:
            hits = find(query, text, deadline)
            if hits:
                yield Found(pk, document, at, version, status, text, tuple(hits))
        if len(batch) < BATCH:
            return
        position = batch[-1][2]


def with_titles(found: list[Found]) -> list[Found]:
    titles = dict(
        Document.objects.filter(pk__in={f.document_id for f in found}).values_list("pk", "title")
    )
    return [replace(f, document_title=titles[f.document_id]) for f in found]


def search_page(
    corpus_id: int,
    query: Query,
    *,
    document_id: int | None = None,
    after: tuple[int, int] | None = None,
    size: int = PAGE,
) -> SearchPage:
    """One page of hits after `after`; stops reading as soon as the page is full."""
    found, hits, stopped = [], 0, ""
    try:
        for item in scan(corpus_id, query, document_id=document_id, after=after):
            found.append(item)
            hits += len(item.hits)
            if hits >= size:
                break
    except SearchTimeout as timeout:
        stopped = localize_error(timeout)
    full = hits >= size and not stopped
    last = (found[-1].document_id, found[-1].position) if full else None
    return SearchPage(with_titles(found), last, stopped)


@dataclass(frozen=True)
class Counts:
    occurrences: int
    segments: int
    stopped: str = ""  # set when the count ran out of time: the figures are "at least"


def count(corpus_id: int, query: Query, *, document_id: int | None = None) -> Counts:
    occurrences = segments = 0
    try:
        for item in scan(corpus_id, query, document_id=document_id, deadline=Deadline(5.0)):
            occurrences += len(item.hits)
            segments += 1
    except SearchTimeout as timeout:
        return Counts(occurrences, segments, localize_error(timeout))
    return Counts(occurrences, segments)


@dataclass(frozen=True)
class Preview:
    """One segment a replacement would change: its text before and after."""

    segment_id: int
    version: int
    document_id: int
    document_title: str
    position: int
    hits: tuple[tuple[int, str], ...]  # (start, the document's spelling) of each occurrence
    before: str
    after: str
    status: str = Segment.Status.MT

    @property
    def review_after(self) -> int:
        return self.position - 1

    def diff(self):
        return word_diff(self.before, self.after)


def previews(
    corpus_id: int,
    query: Query,
    replacement: Replacement,
    *,
    document_id: int | None = None,
    limit: int | None = None,
) -> tuple[list[Preview], bool]:
    """The segments a replacement would change (the first `limit`), and whether there are more.

    Raises SearchTimeout when the pattern runs out of time, QueryError when the replacement
    cannot be built (a group the pattern does not have)."""
    found, more = [], False
    for item in scan(corpus_id, query, document_id=document_id, deadline=Deadline(10.0)):
        if limit is not None and len(found) >= limit:
            more = True
            break
        found.append(item)
    rows = []
    for f in with_titles(found):
        after = apply(f.text, f.hits, replacement)
        if after == f.text:
            continue
        rows.append(
            Preview(
                f.segment_id,
                f.version,
                f.document_id,
                f.document_title,
                f.position,
                tuple((h.start, f.text[h.start : h.end]) for h in f.hits),
                f.text,
                after,
                f.status,
            )
        )
    return rows, more


__all__ = [
    "Counts",
    "Found",
    "Preview",
    "QueryError",
    "SearchPage",
    "SearchTimeout",
    "count",
    "previews",
    "scan",
    "search_page",
]
