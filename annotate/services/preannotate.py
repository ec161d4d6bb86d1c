"""Suggestions from spaCy's NER plus the report rules, for a document or a whole corpus.

Runs as a background task with a Job for its progress bar. Re-running adds no duplicates and never
brings back a suggestion a reviewer rejected: rejected spans stay in the table as that memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django_tasks import task

from annotate.models import Label, Span
from annotate.rules import find_entities
from annotate.services.counters import counted
from corpus import nlp
from corpus.db import refresh_statistics
from corpus.models import Corpus, Document, Job, Segment
from corpus.services import refuse_archived
from corpus.services.jobs import Lease, enqueue_leased, run_leased
from corpus.text.spans import snap_to_tokens
from glossary.services.cache import matcher_and_info

BATCH = 500
# spaCy's OntoNotes labels onto Redline's defaults; CARDINAL, ORDINAL, NORP and the rest are noise here.
SPACY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "DATE": "DATE",
    "TIME": "DATE",
    "MONEY": "MONEY",
    "PERCENT": "PERCENT",
    "QUANTITY": "QUANTITY",
    "LAW": "POLICY",
}


Suggestion = tuple[
    int, int, str, str, int | None
]  # start, end, label key, origin, glossary term id


def suggest(texts: list[str], glossary=None) -> list[list[Suggestion]]:
    """Per text: rules first, then glossary concepts (linked), then model entities that don't clash.

    `glossary` is (matcher, term info) from glossary.services.cache.matcher_and_info, or None.
    """
    pipeline = nlp.entity_pipeline()
    docs = pipeline.pipe(texts, batch_size=32) if pipeline is not None else (None for _ in texts)
    results = []
    for text, doc in zip(texts, docs, strict=False):
        found: list[Suggestion] = [
            (m.start, m.end, m.label, Span.Origin.RULE, None) for m in find_entities(text)
        ]

        def free(start: int, end: int, found=found) -> bool:
            return not any(s < end and start < e for s, e, *_ in found)

        if glossary is not None:
            matcher, info = glossary
            for match in matcher.find(text):
                if free(match.start, match.end):
                    key = info.get(match.term_id, {}).get("label") or "TERM"
                    found.append((match.start, match.end, key, Span.Origin.GLOSSARY, match.term_id))
        for ent in doc.ents if doc is not None else ():
            key = SPACY_LABELS.get(ent.label_)
            # NER spans may end on a whitespace token ("Chen Huijie  ") or on a quote.
            fitted = snap_to_tokens(text, ent.start_char, ent.end_char)
            if key and fitted and free(*fitted):
                found.append((*fitted, key, Span.Origin.MODEL, None))
        results.append(sorted(found, key=lambda f: (f[0], f[1])))
    return results


def start_job(corpus: Corpus, document: Document | None, user) -> Job:
    refuse_archived(corpus)
    segments = (
        Segment.objects.filter(document=document)
        if document
        else Segment.objects.filter(document__corpus=corpus)
    )
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.PREANNOTATE,
            corpus=corpus,
            document=document,
            total=segments.count(),
            created_by=user,
        )
        enqueue_leased(job, preannotate_task, job.pk)
    return job


def annotate_now(document: Document, segment_ids: Iterable[int]) -> int:
    """Pre-annotate these segments of the document in this request (the page being viewed), so
    its suggestions show at once while the job covers the rest. Returns how many were done."""
    refuse_archived(document.corpus)
    labels, glossary = _labels_and_glossary(document.corpus_id)
    batch = list(
        Segment.objects.filter(document=document, pk__in=list(segment_ids)[:BATCH])
        .order_by("position")
        .values_list("pk", "version", "text")
    )
    _store(batch, suggest([text for _, _, text in batch], glossary), labels)
    return len(batch)


def _labels_and_glossary(corpus_id: int):
    labels = {label.key: label for label in Label.objects.filter(corpus_id=corpus_id)}
    return labels, matcher_and_info(corpus_id)


def run_job(job_id: int) -> None:
    run_leased(Job, job_id, _preannotate)


def _preannotate(lease: Lease) -> None:
    """Batches in id order; each commits with the job's cursor, so a job taken over from a dead
    worker resumes after the last committed batch (and a re-run adds no duplicates anyway)."""
    job = Job.objects.select_related("corpus", "document").get(pk=lease.pk)
    labels, glossary = _labels_and_glossary(job.corpus_id)
    segments = (
        Segment.objects.filter(document=job.document)
        if job.document
        else Segment.objects.filter(document__corpus=job.corpus)
    )
    done = job.cursor.get("done", 0)
    last_id = job.cursor.get("last_id", 0)
    skipped: Counter[str] = Counter(job.cursor.get("skipped", {}))
    while True:
        batch = list(
            segments.filter(pk__gt=last_id)
            .order_by("pk")
            .values_list("pk", "version", "text")[:BATCH]
        )
        if not batch:
            break
        last_id = batch[-1][0]
        found = suggest([text for _, _, text in batch], glossary)
        with transaction.atomic():
            skipped += _store(batch, found, labels)
            done += len(batch)
            cursor = {"done": done, "last_id": last_id, "skipped": dict(skipped)}
            lease.renew(done=done, cursor=cursor)
    refresh_statistics(Span)
    lease.finish(done=done, message=skipped_message(skipped))


def skipped_message(skipped: Counter[str]) -> str:
    """Why suggestions were not stored, e.g. "12 suggestions skipped: no label GPE in this corpus"."""
    if not skipped:
        return ""
    total = sum(skipped.values())
    keys = sorted(skipped)
    detail = keys[0] if len(keys) == 1 else ", ".join(f"{key} ({skipped[key]})" for key in keys)
    plural = "s" if len(keys) > 1 else ""
    noun = "suggestion" if total == 1 else "suggestions"
    return f"{total} {noun} skipped: no label{plural} {detail} in this corpus."


@task()
def preannotate_task(job_id: int) -> None:
    run_job(job_id)


def _store(
    batch: list[tuple[int, int, str]], found: list[list[Suggestion]], labels: dict[str, Label]
) -> Counter[str]:
    """Store the new suggestions; returns the label keys of those the corpus has no label for."""
    with transaction.atomic(), counted([pk for pk, _, _ in batch], findings=False):
        # A segment edited since it was read keeps its spans as they are; the next run covers it.
        read = {pk: version for pk, version, _ in batch}
        now = (
            Segment.objects.select_for_update()
            .filter(pk__in=list(read))
            .values_list("pk", "version")
        )
        unchanged = {pk for pk, version in now if read[pk] == version}
        existing: dict[int, list[tuple[int, int, int, str]]] = {}
        for row in Span.objects.filter(segment_id__in=unchanged).values_list(
            "segment_id", "start", "end", "label_id", "state"
        ):
            existing.setdefault(row[0], []).append(row[1:])
        skipped = Counter(
            key
            for (pk, _, _), spans in zip(batch, found, strict=False)
            if pk in unchanged
            for _, _, key, _, _ in spans
            if key not in labels
        )
        new = [
            Span(
                segment_id=pk,
                start=s,
                end=e,
                text=text[s:e],
                label=labels[key],
                origin=origin,
                state=Span.State.SUGGESTED,
                term_id=term_id,
            )
            for (pk, _, text), spans in zip(batch, found, strict=False)
            if pk in unchanged
            for s, e, key, origin, term_id in spans
            if key in labels and not _known(existing.get(pk, ()), s, e, labels[key].pk)
        ]
        Span.objects.bulk_create(new, batch_size=BATCH)
    return skipped


def _known(
    existing: Iterable[tuple[int, int, int, str]], start: int, end: int, label_id: int
) -> bool:
    """Already there (in any state, rejected included), or clashing with a human decision."""
    for s, e, label, state in existing:
        if (s, e, label) == (start, end, label_id):
            return True
        if (
            s < end
            and start < e
            and state in (Span.State.ACCEPTED, Span.State.NEEDS_REVIEW, Span.State.SUGGESTED)
        ):
            return True
    return False
