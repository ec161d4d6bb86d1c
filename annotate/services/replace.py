"""Replace-all: the occurrences of a search replaced across a corpus (or one document), as a
background job writing one edit (one revision, spans remapped) per changed segment.

One mechanism for every replace: the find and replace page builds its query from what the user
typed; the glossary's "replace this forbidden variant" is a preset of it (a whole-word query for
the variant, glossary.services.scan.variant_query). The task is declared beside the function
it runs; the preview is a read (corpus.services.search.previews).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django_tasks import task

from annotate.models import Finding, Span
from annotate.services.edits import edit_segment
from corpus import roles
from corpus.db import refresh_statistics
from corpus.models import Job, Revision, Segment
from corpus.services import EditConflict, EditRefused
from corpus.services.jobs import Lease, enqueue_leased, run_leased
from corpus.services.search import previews
from corpus.text.search import (
    Deadline,
    Query,
    Replacement,
    SearchTimeout,
    apply,
    compile_query,
    find,
)
from glossary.models import GlossaryTerm, TermVariant
from glossary.services.scan import check_variant, variant_query, variant_replacement

BATCH = 1000


def may_replace_in(user, status: str) -> bool:
    """Approved text is changed only by those who may edit it (the edit rule: translators,
    reviewers, project admins), so a glossary admin's replace-all leaves it alone."""
    return status != Segment.Status.APPROVED or roles.can_edit(user)


def start_replace(
    corpus,
    query: Query,
    replacement: Replacement,
    user,
    *,
    previewed: dict[int, int] | None = None,
    excluded_segment_ids: Iterable[int] = (),
    excluded_occurrences: Iterable[tuple[int, int]] = (),
    document_id: int | None = None,
    note: str = "",
) -> Job:
    """Queue a replacement across the corpus (or one document).

    `previewed` (segment id -> version shown in the preview) limits the job to what the user
    saw: a segment changed since is skipped and reported, never edited blind. Without it, every
    segment that has a hit now. Opt-outs: whole segments, or single occurrences as
    (segment id, start). Raises SearchTimeout or QueryError from the search.
    """
    corpus_id = getattr(corpus, "pk", corpus)
    if previewed is None:
        rows, _more = previews(corpus_id, query, replacement, document_id=document_id)
        previewed = {p.segment_id: p.version for p in rows}
    excluded = set(excluded_segment_ids)
    targets = sorted([int(pk), int(v)] for pk, v in previewed.items() if pk not in excluded)
    params = {
        "query": {
            "text": query.text,
            "whole_word": query.whole_word,
            "case_sensitive": query.case_sensitive,
            "use_regex": query.regex,
        },
        "replacement": [replacement.template, replacement.expand, replacement.sentence_case],
        "note": note or f"replace “{query.text}” → “{replacement.template}”",
        "skip": sorted([int(pk), int(start)] for pk, start in excluded_occurrences),
    }
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.REPLACE_ALL,
            corpus_id=corpus_id,
            document_id=document_id,
            total=len(targets),
            created_by=user,
            params=params,
        )
        enqueue_leased(job, replace_task, job.pk, targets)
    return job


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
    """The glossary preset: a forbidden variant replaced by the concept's preferred term."""
    corpus_id = getattr(corpus, "pk", corpus)
    check_variant(corpus_id, term, variant)
    return start_replace(
        corpus_id,
        variant_query(term, variant),
        variant_replacement(term),
        user,
        previewed=previewed,
        excluded_segment_ids=excluded_segment_ids,
        excluded_occurrences=excluded_occurrences,
        note=f"glossary: “{variant.text}” → “{term.preferred}”",
    )


def run_replace(job_id: int, targets: list) -> None:
    """The task body, under the job's lease: a job taken over from a dead worker resumes."""
    run_leased(Job, job_id, lambda lease: _replace(lease, targets))


OUTCOMES = ("changed", "stale", "approved", "timed_out", "refused")


def _summary(result: dict) -> str:
    changed, stale, approved = result["changed"], result["stale"], result["approved"]
    parts = []
    if stale:
        parts.append(f"{len(stale)} skipped because they changed meanwhile")
    if approved:
        parts.append(
            f"{len(approved)} approved left as they are (only translators and reviewers change "
            "approved text)"
        )
    if result["refused"]:
        parts.append(
            f"{len(result['refused'])} refused by the edit rules (an empty segment, a lost inline "
            "code, or no change)"
        )
    if result["timed_out"]:
        parts.append(f"{len(result['timed_out'])} skipped because the pattern ran out of time")
    return f"Replaced in {len(changed)} segment(s); " + "; ".join(parts) + "." if parts else ""


def _replace(lease: Lease, targets: list) -> None:
    """One edit (one revision, spans remapped) per changed segment, in target order. Each edit
    commits with the job's cursor (the next target and the outcomes so far), so a job taken over
    from a dead worker resumes after the last committed edit: no edit is made twice, nor reported
    as changed meanwhile. Targets passed over since are simply judged again."""
    job = Job.objects.select_related("created_by").get(pk=lease.pk)
    params = job.params
    query = compile_query(**params["query"])
    replacement = Replacement(*params["replacement"])
    keep_as_is = {(pk, start) for pk, start in params["skip"]}
    cursor = {"next": 0, "result": {outcome: [] for outcome in OUTCOMES}, **job.cursor}
    result = cursor["result"]
    for start in range(cursor["next"], len(targets), BATCH):
        batch = targets[start : start + BATCH]
        segments = Segment.objects.filter(
            pk__in=[pk for pk, _ in batch], document__corpus_id=job.corpus_id
        ).only("pk", "text", "version", "status")
        by_id = {segment.pk: segment for segment in segments}
        for index, (pk, version) in enumerate(batch, start):
            segment = by_id.get(pk)
            with transaction.atomic():
                # Merged away or deleted since the preview: as stale as an edited one.
                outcome = (
                    "stale"
                    if segment is None
                    else _replace_one(job, segment, version, query, replacement, keep_as_is)
                )
                if outcome:
                    result[outcome].append(pk)
                if outcome == "changed":
                    cursor["next"] = index + 1
                    lease.renew(cursor=cursor)
        cursor["next"] = start + len(batch)
        lease.renew(done=cursor["next"], cursor=cursor)
    refresh_statistics(Segment, Revision, Span, Finding)
    lease.finish(message=_summary(result), params={**params, "result": result})


def _replace_one(job, segment, version, query, replacement, keep_as_is) -> str | None:
    if segment.version != version:
        return "stale"
    if not may_replace_in(job.created_by, segment.status):
        return "approved"
    try:
        hits = find(query, segment.text, Deadline())
    except SearchTimeout:
        return "timed_out"
    hits = [h for h in hits if (segment.pk, h.start) not in keep_as_is]
    if not hits:
        return None
    try:
        edit_segment(
            segment,
            apply(segment.text, hits, replacement),
            version,
            job.created_by,
            action=Revision.Action.REPLACE_ALL,
            note=job.params["note"],
        )
    except EditConflict:
        return "stale"
    except EditRefused:
        return "refused"  # e.g. it would empty the segment or drop an inline code
    return "changed"


@task()
def replace_task(job_id: int, targets: list) -> None:
    run_replace(job_id, targets)
