"""Stored QA findings: recomputed whenever a segment's text changes, fixed or dismissed by reviewers.

The checks themselves are pure (annotate/qa); this module feeds them a segment with its paragraph
and MT text, stores what they find, and keeps dismissals ("this is fine") while the same
characters are flagged by the same check. A fix is an edit (annotate.services.edits.apply_fix).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django_tasks import task

from annotate.models import Dismissal, Finding
from annotate.qa import CheckContext, get_check, run_checks
from corpus.models import Document, Segment
from corpus.services import EditRefused, refuse_unstorable
from glossary.services.scan import glossary_findings

# Bump when checks change, so documents are checked again the next time they are opened.
QA_VERSION = 1


def _paragraphs(segments: list[Segment]) -> dict[int, tuple[str, dict[int, int]]]:
    """Paragraph text per segment id, and each segment's offset inside it, from the stored order."""
    by_paragraph: dict[tuple[int, int], list[Segment]] = {}
    for segment in segments:
        by_paragraph.setdefault((segment.document_id, segment.paragraph), []).append(segment)
    result = {}
    for members in by_paragraph.values():
        members.sort(key=lambda s: s.position)
        parts, offsets, at = [], {}, 0
        for index, member in enumerate(members):
            offsets[member.pk] = at
            gap = "" if index == len(members) - 1 else (member.trailing.split("\n")[0] or " ")
            parts.append(member.text + gap)
            at += len(member.text) + len(gap)
        paragraph = "".join(parts)
        for member in members:
            result[member.pk] = (paragraph, offsets)
    return result


def _paragraph_mates(segments: list[Segment]) -> list[Segment]:
    keys = {(s.document_id, s.paragraph) for s in segments}
    if len(keys) == 1:
        document_id, paragraph = next(iter(keys))
        return list(Segment.objects.filter(document_id=document_id, paragraph=paragraph))
    return segments


def refresh(segments: Iterable[Segment], paragraphs: dict | None = None) -> None:
    """Run every check on these segments and store the findings (replacing the old ones).

    `paragraphs` (from _paragraphs) saves looking the paragraph mates up when the caller has them.
    """
    segments = list(segments)
    if not segments:
        return
    if paragraphs is None:
        paragraphs = _paragraphs(_paragraph_mates(segments))
    ids = [s.pk for s in segments]
    dismissed = set(
        Dismissal.objects.filter(segment_id__in=ids).values_list(
            "segment_id", "check_id", "surface"
        )
    )
    corpus_id = (
        Document.objects.filter(pk=segments[0].document_id)
        .values_list("corpus_id", flat=True)
        .first()
    )
    extra = glossary_findings(segments, corpus=corpus_id)
    rows = []
    for segment in segments:
        paragraph, offsets = paragraphs.get(segment.pk, (None, {}))
        ctx = CheckContext(
            mt_text=segment.mt_text, paragraph=paragraph, paragraph_offset=offsets.get(segment.pk)
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
                    fix=found.fix,
                    dismissed=(segment.pk, found.check_id, surface) in dismissed,
                )
            )
    with transaction.atomic():
        Finding.objects.filter(segment_id__in=ids).delete()
        Finding.objects.bulk_create(rows, batch_size=1000)


def refresh_document(document: Document, batch: int = 1000) -> None:
    """Check a whole document in batches and mark it checked with this QA_VERSION."""
    segments = list(Segment.objects.filter(document=document).order_by("position"))
    paragraphs = _paragraphs(segments)
    for start in range(0, len(segments), batch):
        refresh(segments[start : start + batch], paragraphs)
    metadata = {**document.metadata, "qa_version": QA_VERSION}
    Document.objects.filter(pk=document.pk).update(metadata=metadata)
    document.metadata = metadata


def unchecked(documents):
    """Documents not yet checked with this QA_VERSION (a missing key is NULL in SQL, hence has_key)."""
    return documents.filter(
        ~Q(metadata__has_key="qa_version") | ~Q(metadata__qa_version=QA_VERSION)
    )


# Up to this many segments a document is checked while its first page loads (about half a second);
# a larger one is checked by the task worker and its findings appear when that is done.
INLINE_LIMIT = 2000


def is_checked(document: Document) -> bool:
    return document.metadata.get("qa_version") == QA_VERSION


def ensure_checked(document: Document) -> None:
    if is_checked(document) or document.metadata.get("qa_queued") == QA_VERSION:
        return  # checked, or already waiting for the task worker: no query at all
    if Segment.objects.filter(document=document).count() <= INLINE_LIMIT:
        refresh_document(document)
        return
    metadata = {**document.metadata, "qa_queued": QA_VERSION}
    Document.objects.filter(pk=document.pk).update(metadata=metadata)
    document.metadata = metadata
    transaction.on_commit(lambda: check_documents.enqueue(document.corpus_id))


def check_corpus_later(corpus_id: int) -> None:
    """Queue the checks of every document of a corpus not yet checked (the task worker runs them)."""
    check_documents.enqueue(corpus_id)


@task()
def check_documents(corpus_id: int) -> None:
    """Run the QA checks on every document of a corpus not yet checked with the current checks."""
    for document in unchecked(Document.objects.filter(corpus_id=corpus_id)):
        refresh_document(document)


def check_title(check_id: str) -> str:
    try:
        return get_check(check_id).title
    except KeyError:  # glossary findings come from the glossary, not the QA registry
        return check_id.replace("-", " ").capitalize()


def dismiss(finding: Finding, user, reason: str) -> None:
    reason = reason.strip()
    limit = Dismissal._meta.get_field("reason").max_length
    if len(reason) > limit:
        raise EditRefused(f"A dismissal reason is at most {limit} characters.")
    refuse_unstorable(reason, what="The reason")
    segment = finding.segment
    with transaction.atomic():
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
