"""Checking again after the glossary changed, and the "Re-check" action.

Findings are recomputed when a segment's own text changes; a glossary change (a new forbidden
variant, a changed rendering) changes findings of segments whose text did not. The glossary app
cannot call this app (it sits to its left), so every TermChange is picked up from its log here:
each corpus remembers the last change it has re-checked for, and the first read of its findings
after a change (the review page, a findings summary) re-checks the segments that change touches.
Those are found with the matcher: every rendering the changed concepts had before or after the
change, and their Chinese source terms in the sources. A corpus with more segments than
findings.INLINE_LIMIT is re-checked by the task worker; counters follow each batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django_tasks import task

from annotate.models import Finding, GlossaryCheck
from annotate.services import findings
from annotate.services.counters import counted
from corpus.db import refresh_statistics
from corpus.models import Corpus, Document, Segment
from glossary.models import GlossaryState, TermChange
from glossary.terms import Entry, GlossaryMatcher, TermKind

BATCH = findings.CHECK_BATCH


def _changes(corpus_id: int):
    return TermChange.objects.filter(Q(term__corpus_id=corpus_id) | Q(term__corpus__isnull=True))


def _renderings(changes: Iterable[TermChange]) -> tuple[set[str], set[str]]:
    """(English renderings, Chinese source terms) the changed concepts had before or after."""
    english, source = set(), set()
    for change in changes:
        for state in (change.before, change.after):
            if not state:
                continue
            english.update(t for t in [state.get("preferred", "")] if t)
            english.update(state.get("admitted", ()))
            english.update(state.get("forbidden", ()))
            if state.get("source"):
                source.add(state["source"])
    return english, source


def touched_segments(corpus_id: int, english: set[str], source: set[str]) -> Iterator[list[int]]:
    """Ids of the corpus's segments whose text holds one of `english` (found by the same matcher
    the review screen uses, so word boundaries and case agree) or whose source holds one of
    `source`, in batches, read by keyset so memory stays flat."""
    matcher = GlossaryMatcher(Entry(0, text, TermKind.PREFERRED) for text in english)
    rows = Segment.objects.filter(document__corpus_id=corpus_id).order_by("pk")
    last = 0
    while True:
        batch = list(
            rows.filter(pk__gt=last).values_list("pk", "text", "source_text")[: BATCH * 10]
        )
        if not batch:
            return
        last = batch[-1][0]
        hit = [
            pk
            for pk, text, source_text in batch
            if (english and matcher.find(text)) or any(term in source_text for term in source)
        ]
        if hit:
            yield hit


def recheck_segments(segment_ids: list[int]) -> None:
    """Run every check again on these segments, judged in their paragraphs and beside their
    neighbours as an edit would be, document by document, counters refreshed."""
    segments = list(Segment.objects.filter(pk__in=segment_ids).order_by("document_id", "position"))
    by_document: dict[int, list[Segment]] = {}
    for segment in segments:
        by_document.setdefault(segment.document_id, []).append(segment)
    for part in by_document.values():
        with transaction.atomic(), counted([s.pk for s in part], spans=False):
            findings.refresh_in_paragraphs(part)


def _tokens(corpus_id: int) -> tuple[str, str]:
    tokens = dict(
        GlossaryState.objects.filter(scope__in=(corpus_id, 0)).values_list("scope", "token")
    )
    return tokens.get(corpus_id, ""), tokens.get(0, "")


def _token(scope):
    return Coalesce(
        Subquery(GlossaryState.objects.filter(scope=scope).values("token")[:1]), Value("")
    )


def with_glossary_seen(documents):
    """Documents annotated with `glossary_seen`: their corpus has looked at the glossary since
    its last change. Costs the page no query of its own."""
    seen = GlossaryCheck.objects.filter(
        corpus_id=OuterRef("corpus_id"),
        own_token=_token(OuterRef("corpus_id")),
        global_token=_token(0),
    )
    return documents.annotate(glossary_seen=Exists(seen))


def pending(corpus: Corpus) -> int | None:
    """The newest glossary change this corpus has not been re-checked for, or None."""
    newest = _changes(corpus.pk).aggregate(newest=Max("id"))["newest"]
    mark = GlossaryCheck.objects.filter(corpus_id=corpus.pk).values_list("change_id", flat=True)
    if newest is None or newest <= (mark.first() or 0):
        return None
    return newest


def ensure_glossary_checked(corpus: Corpus, seen: bool = False) -> None:
    """Re-check what the glossary changes since the last look touched: now for a small corpus,
    by the task worker for a large one. The mark moves first, so a change is handled once."""
    if seen:
        return
    own, everywhere = _tokens(corpus.pk)  # read first: a change after this is seen next time
    newest = _changes(corpus.pk).aggregate(newest=Max("id"))["newest"] or 0
    with transaction.atomic():
        mark, _ = GlossaryCheck.objects.select_for_update().get_or_create(corpus_id=corpus.pk)
        since = mark.change_id
        mark.change_id = max(since, newest)
        mark.own_token, mark.global_token = own, everywhere
        mark.save()
    if newest <= since:
        return  # nothing new, or another request got there first
    size = Segment.objects.filter(document__corpus_id=corpus.pk).count()
    if size <= findings.INLINE_LIMIT:
        recheck_glossary_changes(corpus.pk, since, newest)
    else:
        recheck_glossary_task.enqueue(corpus.pk, since, newest)


def recheck_glossary_changes(corpus_id: int, since: int, until: int) -> int:
    """Re-check the segments touched by the changes (since, until]; returns how many."""
    changes = _changes(corpus_id).filter(id__gt=since, id__lte=until).only("before", "after")
    english, source = _renderings(changes)
    count = 0
    for ids in touched_segments(corpus_id, english, source):
        recheck_segments(ids)
        count += len(ids)
    refresh_statistics(Finding)
    return count


@task()
def recheck_glossary_task(corpus_id: int, since: int, until: int) -> None:
    recheck_glossary_changes(corpus_id, since, until)


def recheck_document(document: Document) -> bool:
    """The "Re-check" action on a document: every check again. True when done now; a long
    document gets a check job (its progress shows in the findings summary)."""
    if document.segment_count <= findings.INLINE_LIMIT:
        findings.refresh_document(document)
        return True
    metadata = {k: v for k, v in document.metadata.items() if k not in ("qa_version", "qa_queued")}
    Document.objects.filter(pk=document.pk).update(metadata=metadata)
    document.metadata = metadata
    findings.start_check_job(document)
    return False


def recheck_corpus_later(corpus_id: int) -> None:
    """The "Re-check" action on a corpus: the task worker checks every document again."""
    recheck_corpus_task.enqueue(corpus_id)


@task()
def recheck_corpus_task(corpus_id: int) -> None:
    for document in Document.objects.filter(corpus_id=corpus_id):
        findings.refresh_document(document)
    refresh_statistics(Finding)
