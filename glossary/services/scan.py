"""Glossary reads that scan segment texts with the matcher: the concordance and the findings the
review screen stores beside the QA checks. Replacing a forbidden variant is a preset of the one
find and replace (corpus.services.search): a whole-word query for the variant.

Scans read (pk, text) rows in keyset batches through values_list, never one model at a time, so
memory stays flat whatever the corpus size. The replacement itself is an edit that must carry
spans, so it lives in annotate.services.replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import BigIntegerField, F, Min
from django.db.models.functions import Cast
from django.utils.translation import gettext

from corpus.models import Document, Segment
from corpus.services.search import Preview, previews
from corpus.text.search import Query, Replacement, compile_query, context
from glossary.models import GlossaryTerm, Place, TermVariant
from glossary.services.cache import matcher_for
from glossary.services.concepts import GlossaryRefused
from glossary.terms import GlossaryMatcher, Match, TermKind, matcher_entries
from glossary.terms.consistency import GlossaryFinding, document_findings

BATCH = 1000
ORDER_SCALE = 1_000_000  # above any offset in a segment (segments are sentences)


@dataclass(frozen=True)
class Occurrence:
    segment_id: int
    document_id: int
    document_title: str
    position: int
    start: int
    end: int
    text: str  # the document's spelling
    kind: str  # preferred | admitted | forbidden
    surface: str  # the glossary rendering that matched
    left: str
    right: str

    @property
    def review_after(self) -> int:
        """The `after` of the review page that shows this segment first."""
        return self.position - 1


def _term_matcher(corpus_id: int, term: GlossaryTerm) -> GlossaryMatcher:
    """The corpus's matcher, or for a draft or deprecated concept the live glossary plus it, so
    its concordance respects the same longest-match rules as the review screen."""
    if term.status == GlossaryTerm.Status.APPROVED:
        return matcher_for(corpus_id)
    live_ids, live = GlossaryTerm.objects.in_scope(corpus_id).live().concept_records()
    own_ids, own = GlossaryTerm.objects.filter(pk=term.pk).concept_records()
    for record in own:
        record.status = GlossaryTerm.Status.APPROVED
    return GlossaryMatcher(matcher_entries(live + own, live_ids + own_ids))


def _scan(
    corpus_id: int, matcher: GlossaryMatcher, keep, segment_ids: list[int] | None = None
) -> Iterator[tuple]:
    """(pk, document id, position, version, text, kept matches) for each segment with a kept match."""
    segments = Segment.objects.filter(document__corpus_id=corpus_id)
    columns = ("pk", "document_id", "position", "version", "text")
    if segment_ids is not None:
        for start in range(0, len(segment_ids), BATCH):
            rows = (
                segments.filter(pk__in=segment_ids[start : start + BATCH])
                .order_by("pk")
                .values_list(*columns)
            )
            yield from _kept(rows, matcher, keep)
        return
    last = 0
    while True:
        rows = list(segments.filter(pk__gt=last).order_by("pk").values_list(*columns)[:BATCH])
        if not rows:
            return
        last = rows[-1][0]
        yield from _kept(rows, matcher, keep)


def _kept(rows, matcher: GlossaryMatcher, keep) -> Iterator[tuple]:
    for row in rows:
        found = [m for m in matcher.find(row[4]) if keep(m)]
        if found:
            yield (*row, found)


def concordance(corpus, term: GlossaryTerm) -> list[Occurrence]:
    """Every occurrence of the concept's renderings (preferred, admitted, forbidden, source) in
    the corpus, in document order, with keyword-in-context."""
    corpus_id = getattr(corpus, "pk", corpus)
    found = list(_scan(corpus_id, _term_matcher(corpus_id, term), lambda m: m.term_id == term.pk))
    titles = dict(
        Document.objects.filter(pk__in={row[1] for row in found}).values_list("pk", "title")
    )
    occurrences = [
        Occurrence(
            pk,
            doc,
            titles[doc],
            position,
            m.start,
            m.end,
            text[m.start : m.end],
            str(m.kind),
            m.surface,
            *context(text, m.start, m.end),
        )
        for pk, doc, position, _, text, matches in found
        for m in matches
    ]
    return sorted(occurrences, key=lambda o: (o.document_title, o.document_id, o.position, o.start))


def variant_query(term: GlossaryTerm, variant: TermVariant) -> Query:
    """The replace-all preset for a forbidden variant: a whole-word search for it, matching case
    only when the concept does."""
    return compile_query(
        " ".join(variant.text.split()), whole_word=True, case_sensitive=term.case_sensitive
    )


def variant_replacement(term: GlossaryTerm) -> Replacement:
    # A capitalised variant that opens a sentence keeps its capital ("Acres of land…" → "Mu of
    # land…"); elsewhere the glossary's own spelling is used, so a Title-Cased mistranslation
    # mid-sentence is not carried over.
    return Replacement(term.preferred, sentence_case=not term.case_sensitive)


def check_variant(corpus_id: int, term: GlossaryTerm, variant: TermVariant) -> None:
    if variant.term_id != term.pk or variant.kind != TermVariant.Kind.FORBIDDEN:
        raise GlossaryRefused(
            gettext("“%(variant_text)s” is not a forbidden variant of “%(term_preferred)s”.")
            % {"variant_text": variant.text, "term_preferred": term.preferred}
        )
    if term.status != GlossaryTerm.Status.APPROVED:
        raise GlossaryRefused(
            gettext(
                "“%(term_preferred)s” is %(term_status_display_lower)s; approve it before replacing text with it."
            )
            % {
                "term_preferred": term.preferred,
                "term_status_display_lower": term.get_status_display().lower(),
            }
        )
    if not GlossaryTerm.objects.in_scope(corpus_id).filter(pk=term.pk).exists():
        raise GlossaryRefused(
            gettext("“%(term_preferred)s” is not in this corpus's glossary.")
            % {"term_preferred": term.preferred}
        )


def replace_preview(
    corpus, term: GlossaryTerm, variant: TermVariant, limit: int | None = None
) -> list[Preview]:
    """One row per segment that replacing the variant would change: its text before and after.
    The same preview as any find and replace (corpus.services.search.previews)."""
    corpus_id = getattr(corpus, "pk", corpus)
    rows, _more = previews(
        corpus_id, variant_query(term, variant), variant_replacement(term), limit=limit
    )
    return sorted(rows, key=lambda p: (p.document_title, p.document_id, p.position))


# The matches of texts already scanned, per corpus, for the matcher that found them. A save checks
# its segment against the whole document's renderings, and all the other texts are unchanged since
# the last save: their matches are looked up, not found again. A new matcher (the glossary
# changed) starts afresh; the size cap bounds the memory a worker spends on it.
_FOUND: dict[int, tuple[GlossaryMatcher, dict[str, list]]] = {}
FOUND_CAP = 20_000


def _found(corpus_id: int, matcher: GlossaryMatcher, text: str) -> list:
    held = _FOUND.get(corpus_id)
    if held is None or held[0] is not matcher or len(held[1]) >= FOUND_CAP:
        held = _FOUND[corpus_id] = (matcher, {})
    found = held[1].get(text)
    if found is None:
        found = held[1][text] = matcher.find(text)
    return found


@dataclass(frozen=True)
class Scanned:
    """The glossary findings of some segments, keyed by segment id, and their places: the
    matches in their texts, as unsaved rows for the caller to store with the findings."""

    findings: dict[int, list[GlossaryFinding]]
    places: list[Place]


def glossary_findings(
    document_segments: Iterable[Segment], corpus=None, *, from_places: bool = False
) -> Scanned:
    """Forbidden renderings and inconsistencies for these segments.

    Consistency is a property of the whole document, so the renderings of the other segments
    of their documents count too: read from the stored places (`from_places`, one indexed read
    of these segments' concepts) when every segment of the documents has them, else from every
    segment's text (one query, texts only). Pass Segment objects; their in-memory text wins.
    """
    segments = list(document_segments)
    if not segments:
        return Scanned({}, [])
    if corpus is None:
        corpus = (
            Document.objects.filter(pk=segments[0].document_id)
            .values_list("corpus_id", flat=True)
            .get()
        )
    matcher = matcher_for(corpus)
    corpus_id = getattr(corpus, "pk", corpus)
    places = [
        Place(
            segment_id=segment.pk,
            document_id=segment.document_id,
            term_id=m.term_id,
            start=m.start,
            end=m.end,
            kind=str(m.kind),
            surface=m.surface,
            preferred=m.preferred,
            text=segment.text[m.start : m.end],
        )
        for segment in segments
        for m in _found(corpus_id, matcher, segment.text)
    ]
    # A finding sits on one of its own segments' matches: without any, the document's other
    # renderings cannot give these segments a finding, and reading them is skipped (most saves).
    if not places:
        return Scanned({}, [])
    if from_places:
        in_documents = _stored_places(segments, places)
    else:
        in_documents = _scanned_places(segments, corpus_id, matcher)
    own = {s.pk for s in segments}
    result: dict[int, list[GlossaryFinding]] = {}
    for document_places in in_documents.values():
        for finding in document_findings(document_places):
            if finding.segment_id in own:
                result.setdefault(finding.segment_id, []).append(finding)
    return Scanned(result, places)


def _scanned_places(segments, corpus_id: int, matcher: GlossaryMatcher) -> dict[int, list]:
    """(segment id, match, spelling) per document in document order, from every segment's text
    (these segments' in memory)."""
    own = {s.pk: s.text for s in segments}
    rows = Segment.objects.filter(document_id__in={s.document_id for s in segments}).order_by(
        "document_id", "position"
    )
    found: dict[int, list] = {}
    for pk, document_id, text in rows.values_list("pk", "document_id", "text").iterator(
        chunk_size=BATCH
    ):
        text = own.get(pk, text)
        found.setdefault(document_id, []).extend(
            (pk, m, text[m.start : m.end]) for m in _found(corpus_id, matcher, text)
        )
    return found


def _stored_places(segments, places: list[Place]) -> dict[int, list]:
    """The same, from these segments' new places and the stored places of the same concepts in
    the rest of their documents. Only the renderings count there, not every place: one row per
    distinct spelling, at its first place in the document, grouped by the database. The read
    grows with how many ways a concept is spelled, not with how often it occurs."""
    own = {s.pk: s for s in segments}
    # Document order as one number: segment position, then offset in the segment.
    # (A bigint: positions times the scale overflow PostgreSQL's integer.)
    first = Min(Cast("segment__position", BigIntegerField()) * ORDER_SCALE + F("start"))
    stored = (
        Place.objects.filter(
            document_id__in={s.document_id for s in segments},
            term_id__in={p.term_id for p in places},
        )
        .exclude(segment_id__in=list(own))
        .values_list("document_id", "term_id", "kind", "surface", "preferred", "text")
        .annotate(first=first)
        .order_by()
    )
    rows = [
        (first, None, document_id, Match(0, 0, term, TermKind(kind), surface, pref), text)
        for document_id, term, kind, surface, pref, text, first in stored
    ]
    rows += [
        (
            own[p.segment_id].position * ORDER_SCALE + p.start,
            p.segment_id,
            p.document_id,
            Match(p.start, p.end, p.term_id, TermKind(p.kind), p.surface, p.preferred),
            p.text,
        )
        for p in places
    ]
    rows.sort(key=lambda row: (row[2], row[0]))
    found: dict[int, list] = {}
    for _order, pk, document_id, match, text in rows:
        found.setdefault(document_id, []).append((pk, match, text))
    return found


def document_glossary_findings(document: Document) -> dict[int, list[GlossaryFinding]]:
    """Every glossary finding of a document (all its segments)."""
    segments = document.segments.only("pk", "document_id", "position", "text")
    return glossary_findings(segments, corpus=document.corpus_id).findings
