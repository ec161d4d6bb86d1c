"""Stored QA findings: recomputed whenever a segment's text changes, fixed or dismissed by reviewers.

The checks themselves are pure (annotate/qa); this module feeds them a segment with its paragraph
and MT text, stores what they find, and keeps dismissals ("this is fine") while the same
characters are flagged by the same check. A fix is an edit (annotate.services.edits.apply_fix).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext
from django_tasks import task

from annotate.models import Dismissal, Finding
from annotate.qa import CheckContext, Style, get_check, run_checks
from annotate.qa.bilingual import length_ratio_stats
from annotate.services.counters import counted
from annotate.services.surroundings import (
    looked_up_neighbours,
    neighbours_in,
    paragraph_of,
    paragraph_texts,
)
from corpus.db import lock_rows, refresh_statistics
from corpus.i18n import localize, portable
from corpus.models import Corpus, Document, Job, Segment
from corpus.services import EditRefused, refuse_archived, refuse_unstorable
from corpus.services.jobs import Lease, enqueue_leased, run_leased
from glossary.models import Place
from glossary.services.cache import source_glossary
from glossary.services.scan import glossary_findings

# Bump when checks change, so documents are checked again the next time they are opened.
# 2: checks round two and the source-aware checks; 3: glossary places stored with the findings
QA_VERSION = 3
CHECKED = Q(metadata__qa_version=QA_VERSION)  # marked by refresh_document and a check job


def refresh(
    segments: Iterable[Segment],
    paragraphs: dict | None = None,
    neighbours: dict | None = None,
    document: Document | None = None,
    edit: bool = False,
) -> list[Finding]:
    """Run every check on these segments and store the findings (replacing the old ones), which
    it returns, and their glossary places with them.

    `paragraphs` (surroundings.paragraph_texts) and `neighbours` (surroundings.neighbours_in)
    save looking the paragraph mates and the segments either side up when the caller has them:
    damage that straddles two segments is flagged on both. `document`: the segments' document
    with its corpus, when the caller read it in this transaction (an edit's locked segment).
    `edit`: a reviewer's edit of a few segments, on the key-to-screen path. In a checked
    document, whose every segment has its glossary places, the document's other renderings are
    read from those places rather than from every segment's text. Jobs (a document's first
    check, a re-check after a glossary change) keep reading the texts: they may run while
    places are missing or still being rewritten.
    """
    segments = list(segments)
    if not segments:
        return []
    mates = None
    if paragraphs is None:
        mates = paragraph_of(segments)
        paragraphs = paragraph_texts(mates or segments)
    if neighbours is None:
        neighbours = looked_up_neighbours(segments, mates or [])
    ids = [s.pk for s in segments]
    dismissed = set(
        Dismissal.objects.filter(segment_id__in=ids).values_list(
            "segment_id", "check_id", "surface"
        )
    )
    # The corpus's house style is read with the document, at every refresh: a check job that
    # outlives a change of style checks its remaining batches with the new one.
    document = document or (
        Document.objects.select_related("corpus")
        .only(
            "corpus_id",
            "bilingual",
            "source_language",
            "metadata",
            *(f"corpus__{name}" for name in Corpus.HOUSE_STYLE),
        )
        .get(pk=segments[0].document_id)
    )
    corpus_id = document.corpus_id
    style = style_of(document.corpus)
    scanned = glossary_findings(
        segments, corpus=corpus_id, from_places=edit and is_checked(document)
    )
    extra = scanned.findings
    source = _source_context(document) if document.bilingual else {}
    rows = []
    for segment in segments:
        paragraph, offsets = paragraphs.get(segment.pk, (None, {}))
        previous, following = neighbours.get(segment.pk, (None, None))
        ctx = CheckContext(
            mt_text=segment.mt_text,
            paragraph=paragraph,
            paragraph_offset=offsets.get(segment.pk),
            previous=previous,
            next=following,
            style=style,
            # Only a unit's first part has its source; a continuation is checked on its own.
            **(source if segment.source_text else {}),
            source=segment.source_text or None,
        )
        for found in [*run_checks(segment.text, ctx), *extra.get(segment.pk, ())]:
            if found.start >= found.end:
                continue  # an insertion point has no characters to underline or dismiss
            surface = segment.text[found.start : found.end]
            rows.append(
                Finding(
                    segment_id=segment.pk,
                    document_id=segment.document_id,
                    corpus_id=corpus_id,
                    check_id=found.check_id,
                    severity=str(found.severity),
                    start=found.start,
                    end=found.end,
                    message=found.message,
                    message_i18n=portable(found.message),
                    fix=found.fix,
                    dismissed=(segment.pk, found.check_id, surface) in dismissed,
                )
            )
    # Part of the caller's transaction, without a savepoint of its own (two queries on a save's
    # key-to-screen path): nothing here refuses, so the only failure is the database's, after
    # which the caller's transaction cannot go on anyway.
    with transaction.atomic(savepoint=False):
        # The page on screen and the check job may refresh the same segments at once: the row
        # locks make the second wait and then delete the first's rows (no duplicates).
        lock_rows(Segment.objects.filter(pk__in=ids).order_by("pk"))
        Place.objects.filter(segment_id__in=ids).delete()
        Place.objects.bulk_create(scanned.places, batch_size=1000)
        Finding.objects.filter(segment_id__in=ids).delete()
        return Finding.objects.bulk_create(rows, batch_size=1000)


def style_of(corpus: Corpus) -> Style:
    return Style.named(**corpus.house_style())


def refresh_in_paragraphs(segments: list[Segment]) -> None:
    """Check again these segments of one document (not in order, not adjacent), each judged in
    its whole paragraph and beside its neighbours, as an edit of it would be."""
    document_id = segments[0].document_id
    paragraphs = {s.paragraph for s in segments}
    mates = list(Segment.objects.filter(document_id=document_id, paragraph__in=paragraphs))
    refresh(segments, paragraph_texts(mates), looked_up_neighbours(segments, mates))


def _source_context(document: Document) -> dict:
    """The CheckContext fields a bilingual document's segments share: the source language, the
    document's length-ratio distribution and the approved glossary by Chinese term."""
    glossary = source_glossary(document.corpus_id)
    stats = document.metadata.get("length_ratio")
    if "length_ratio" not in document.metadata:
        stats = _store_ratio_stats(document)
    return {
        "source_language": document.source_language,
        "length_ratio_stats": tuple(stats) if stats else None,
        "source_terms": glossary.terms,
        "forbidden": glossary.forbidden,
    }


def _store_ratio_stats(document: Document) -> list[float] | None:
    """Computed over the whole document once per check run (refresh_document drops it), so a
    single edit costs no pass over a long document."""
    pairs = Segment.objects.filter(document_id=document.pk).exclude(source_text="")
    stats = length_ratio_stats(pairs.values_list("source_text", "text").iterator())
    value = list(stats) if stats else None
    metadata = {**document.metadata, "length_ratio": value}
    Document.objects.filter(pk=document.pk).update(metadata=metadata)
    document.metadata = metadata
    return value


def refresh_document(document: Document, batch: int = 1000) -> None:
    """Check a whole document in batches and mark it checked with this QA_VERSION."""
    segments = list(Segment.objects.filter(document=document).order_by("position"))
    paragraphs, neighbours = paragraph_texts(segments), neighbours_in(segments)
    if document.bilingual:
        metadata = {k: v for k, v in document.metadata.items() if k != "length_ratio"}
        document.metadata = metadata
        _store_ratio_stats(document)
    for start in range(0, len(segments), batch):
        part = segments[start : start + batch]
        with transaction.atomic(), counted([s.pk for s in part], spans=False):
            refresh(part, paragraphs, neighbours)
    document.refresh_from_db(fields=["metadata"])
    metadata = {**document.metadata, "qa_version": QA_VERSION}
    Document.objects.filter(pk=document.pk).update(metadata=metadata)
    document.metadata = metadata


def unchecked(documents):
    """Documents not yet checked with this QA_VERSION (a missing key is NULL in SQL, hence has_key)."""
    return documents.filter(~Q(metadata__has_key="qa_version") | ~CHECKED)


# Up to this many segments a document is checked while its first page loads (about half a second);
# a larger one gets a check job: the task worker checks it in batches of CHECK_BATCH segments,
# while each page a reviewer opens meanwhile is checked in that page's own request.
INLINE_LIMIT = 2000
CHECK_BATCH = 1000


def is_checked(document: Document) -> bool:
    return document.metadata.get("qa_version") == QA_VERSION


def ensure_checked(document: Document) -> None:
    """Check a short document now; queue a check job for a long one (once per QA_VERSION)."""
    if is_checked(document) or document.metadata.get("qa_queued") == QA_VERSION:
        return  # checked, or already waiting for the task worker: no query at all
    count = document.segment_count
    if count <= INLINE_LIMIT:
        refresh_document(document)
        return
    start_check_job(document, count)


def check_page(document: Document, page: list[Segment]) -> bool:
    """Check the page being viewed of a document the worker has not finished; True if it did.

    The page's first and last paragraphs are read whole, as the worker reads them. Checking the
    page again when the worker gets there costs little and keeps this free of bookkeeping.
    """
    if is_checked(document) or not page:
        return False
    page = sorted(page, key=lambda s: s.position)
    mates = [*_paragraph_edge(page[0], before=True), *page, *_paragraph_edge(page[-1])]
    with transaction.atomic(), counted([s.pk for s in page], spans=False):
        refresh(page, paragraph_texts(mates), neighbours_in(mates))
    return True


# A paragraph edge is read with a LIMIT, so the read stays an index range whatever the document's
# size; a paragraph longer than this is checked with this much of its context.
PARAGRAPH_READ = 200


def _paragraph_edge(segment: Segment, before: bool = False) -> list[Segment]:
    """The rest of `segment`'s paragraph after it (or before it), in position order."""
    segments = Segment.objects.filter(document_id=segment.document_id)
    if before:
        rows = segments.filter(position__lt=segment.position).order_by("-position")
    else:
        rows = segments.filter(position__gt=segment.position).order_by("position")
    mates = []
    for row in rows[:PARAGRAPH_READ]:
        if row.paragraph != segment.paragraph:
            break
        mates.append(row)
    return mates[::-1] if before else mates


def start_check_job(document: Document, count: int | None = None) -> Job:
    if count is None:
        count = Segment.objects.filter(document=document).count()
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.CHECK,
            corpus_id=document.corpus_id,
            document=document,
            total=-(-count // CHECK_BATCH),
        )
        metadata = {**document.metadata, "qa_queued": QA_VERSION}
        Document.objects.filter(pk=document.pk).update(metadata=metadata)
        document.metadata = metadata
        enqueue_leased(job, check_document_task, job.pk)
    return job


def _batches(document_id: int, after: int | None = None) -> Iterator[list[Segment]]:
    """The document in position order (after `after`), CHECK_BATCH segments at a time, each ending
    on a paragraph's end (the checks read the whole paragraph), read by keyset so no batch loads
    the rest."""
    segments = Segment.objects.filter(document_id=document_id).order_by("position")
    while True:
        rest = segments.filter(position__gt=after) if after is not None else segments
        batch = list(rest[:CHECK_BATCH])
        if not batch:
            return
        batch += _paragraph_edge(batch[-1])
        after = batch[-1].position
        yield batch


def run_check_job(job_id: int) -> None:
    run_leased(Job, job_id, _check_document)


def _check_document(lease: Lease) -> None:
    """Each batch commits with the job's cursor (the last position checked), so a job taken over
    from a dead worker resumes after the last committed batch."""
    job = Job.objects.select_related("document").get(pk=lease.pk)
    if job.document.bilingual:
        _store_ratio_stats(job.document)
    done = job.cursor.get("done", 0)
    for batch in _batches(job.document_id, job.cursor.get("after")):
        with transaction.atomic(), counted([s.pk for s in batch], spans=False):
            refresh(batch, paragraph_texts(batch), neighbours_in(batch))
            done += 1
            # Findings appear batch by batch: the summary polls the findings and this progress.
            cursor = {"done": done, "after": batch[-1].position}
            lease.renew(done=done, total=max(done, job.total), cursor=cursor)
    document = job.document
    # A newer check job (the house style changed meanwhile) marks the document checked itself:
    # until it has, the pages a reviewer opens are checked in their own requests.
    newer = Job.objects.filter(document=document, kind=Job.Kind.CHECK, pk__gt=job.pk)
    if not newer.exists():
        document.refresh_from_db(fields=["metadata"])
        metadata = {**document.metadata, "qa_version": QA_VERSION}
        Document.objects.filter(pk=document.pk).update(metadata=metadata)
    lease.finish(done=done, total=done)
    refresh_statistics(Finding)


@task()
def check_document_task(job_id: int) -> None:
    run_check_job(job_id)


def check_corpus_later(corpus_id: int) -> None:
    """Queue the checks of every document of a corpus not yet checked (the task worker runs them)."""
    check_documents.enqueue(corpus_id)


@task()
def check_documents(corpus_id: int) -> None:
    """Run the QA checks on every document of a corpus not yet checked with the current checks."""
    for document in unchecked(Document.objects.filter(corpus_id=corpus_id)):
        refresh_document(document)
    refresh_statistics(Finding)


def check_job(document: Document) -> Job | None:
    """The document's latest check job (for its progress bar), if it ever needed one."""
    return Job.objects.filter(document=document, kind=Job.Kind.CHECK).first()


def check_title(check_id: str) -> str:
    try:
        return localize(get_check(check_id).title)
    except KeyError:  # glossary findings come from the glossary, not the QA registry
        return check_id.replace("-", " ").capitalize()


def dismiss(finding: Finding, user, reason: str) -> None:
    reason = reason.strip()
    limit = Dismissal._meta.get_field("reason").max_length
    if len(reason) > limit:
        raise EditRefused(
            gettext("A dismissal reason is at most %(limit)s characters.") % {"limit": limit}
        )
    refuse_unstorable(reason, what="The reason")
    refuse_archived(Corpus.objects.get(pk=finding.corpus_id))
    segment = finding.segment
    with transaction.atomic(), counted([segment.pk], spans=False):
        Dismissal.objects.create(
            segment=segment,
            check_id=finding.check_id,
            surface=segment.text[finding.start : finding.end],
            reason=reason or "false alarm",
            user=user,
        )
        Finding.objects.filter(
            segment=segment, check_id=finding.check_id, start=finding.start, end=finding.end
        ).update(dismissed=True)
