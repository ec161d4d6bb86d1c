"""Replace-all: a forbidden glossary variant replaced by the preferred term across a corpus, as
a background job writing one edit (one revision, spans remapped) per changed segment.

The task is declared beside the function it runs; the preview and the occurrence scan are
glossary reads (glossary.services.scan).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django_tasks import task

from annotate.models import Finding, Span
from annotate.services.edits import edit_segment
from corpus.db import refresh_statistics
from corpus.models import Job, Revision, Segment
from corpus.services import EditConflict, EditRefused
from corpus.services.jobs import Lease, enqueue_leased, run_leased
from glossary.models import GlossaryTerm, TermVariant
from glossary.services.cache import matcher_for
from glossary.services.scan import check_variant, is_variant, replace_preview, replaced

BATCH = 1000


def start_replace_all(
    corpus,
    term: GlossaryTerm,
    variant: TermVariant,
    user,
    excluded_segment_ids: Iterable[int] = (),
    *,
    excluded_occurrences: Iterable[tuple[int, int]] = (),
    previewed: dict[int, int] | None = None,
) -> Job:
    """Queue the replacement of a forbidden variant by the preferred term across the corpus.

    `previewed` (segment id -> version shown in the preview) limits the job to what the user
    saw: a segment changed since is skipped, never edited blind. Without it, every segment that
    has the variant now. Opt-outs: whole segments, or single occurrences as (segment id, start).
    """
    corpus_id = getattr(corpus, "pk", corpus)
    check_variant(corpus_id, term, variant)
    if previewed is None:
        previewed = {p.segment_id: p.version for p in replace_preview(corpus_id, term, variant)}
    excluded = set(excluded_segment_ids)
    targets = sorted([pk, version] for pk, version in previewed.items() if pk not in excluded)
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.REPLACE_ALL, corpus_id=corpus_id, total=len(targets), created_by=user
        )
        skip = sorted([int(pk), int(start)] for pk, start in excluded_occurrences)
        enqueue_leased(job, replace_all_task, job.pk, term.pk, variant.pk, targets, skip)
    return job


def run_replace_all(
    job_id: int, term_id: int, variant_id: int, targets: list, excluded_occurrences: list
) -> None:
    """The task body: one edit (one revision, spans remapped) per segment, in batches."""
    run_leased(
        Job,
        job_id,
        lambda lease: _replace(
            lease,
            GlossaryTerm.objects.get(pk=term_id),
            TermVariant.objects.get(pk=variant_id),
            targets,
            excluded_occurrences,
        ),
    )


def _replace(
    lease: Lease,
    term: GlossaryTerm,
    variant: TermVariant,
    targets: list,
    excluded_occurrences: list,
) -> None:
    """Each edit commits with the job's cursor (the next target and the counts so far), so a job
    taken over from a dead worker resumes after the last committed edit: no edit is made twice,
    nor counted as "changed meanwhile". Targets passed over unchanged are simply looked at again."""
    job = Job.objects.select_related("created_by").get(pk=lease.pk)
    keep_as_is = {(pk, start) for pk, start in excluded_occurrences}
    wanted = is_variant(term, variant)
    matcher = matcher_for(job.corpus_id)
    note = f"glossary: “{variant.text}” → “{term.preferred}”"
    cursor = {"next": 0, "changed": 0, "skipped": 0, **job.cursor}
    for start in range(cursor["next"], len(targets), BATCH):
        batch = targets[start : start + BATCH]
        segments = Segment.objects.filter(
            pk__in=[pk for pk, _ in batch], document__corpus_id=job.corpus_id
        ).only("pk", "text", "version")
        by_id = {segment.pk: segment for segment in segments}
        for index, (pk, version) in enumerate(batch, start):
            segment = by_id.get(pk)
            if segment is None or segment.version != version:
                # Merged away, deleted or edited since the preview.
                cursor["skipped"] += 1
                continue
            hits = [
                m
                for m in matcher.find(segment.text)
                if wanted(m) and (segment.pk, m.start) not in keep_as_is
            ]
            if not hits:
                continue
            new_text = replaced(segment.text, hits, term.preferred, term.case_sensitive)
            with transaction.atomic():
                try:
                    edit_segment(
                        segment,
                        new_text,
                        version,
                        job.created_by,
                        action=Revision.Action.REPLACE_ALL,
                        note=note,
                    )
                except EditConflict:
                    cursor["skipped"] += 1
                except EditRefused:
                    pass
                else:
                    cursor["changed"] += 1
                cursor["next"] = index + 1
                lease.renew(cursor=cursor)
        cursor["next"] = start + len(batch)
        lease.renew(done=cursor["next"], cursor=cursor)
    refresh_statistics(Segment, Revision, Span, Finding)
    skipped = cursor["skipped"]
    message = (
        f"Replaced in {cursor['changed']} segment(s); {skipped} skipped because they changed "
        "meanwhile."
        if skipped
        else ""
    )
    lease.finish(message=message)


@task()
def replace_all_task(
    job_id: int, term_id: int, variant_id: int, targets: list, excluded_occurrences: list
) -> None:
    run_replace_all(job_id, term_id, variant_id, targets, excluded_occurrences)
