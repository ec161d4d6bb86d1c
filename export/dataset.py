"""Redline JSONL back into a corpus: documents, segments, labels, spans and glossary term links.

The pure parser (corpus.importers.jsonl) has already checked every line and every span
(invariant 1); this stores the records, one document per transaction as corpus.services does
for plain texts, so a refused document leaves nothing behind. Segments keep their exported
positions, status and text; a corrected segment gets an "edit" revision from the MT to its
text, so the history screen shows what the file changed. Labels missing from the corpus are
created; term links are restored only when the term is in this corpus's glossary. Comments and
reject reasons come back with their times; their authors when a user of that name exists here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from annotate.models import Comment, Label, RejectReason, Span
from annotate.services.counters import recount
from annotate.services.reviews import Reason
from corpus.db import refresh_statistics
from corpus.importers import ImportedText, ImportLimits, parse_upload
from corpus.importers.base import SegmentRecord, SpanRecord
from corpus.models import Corpus, Document, Revision, Segment
from corpus.services import EditRefused, refuse_unstorable
from corpus.text.metrics import hter
from corpus.validators import key_validator
from glossary.models import GlossaryTerm

PALETTE = (
    "#1f6fb5",
    "#1f8a4c",
    "#c77700",
    "#7b3fb5",
    "#a0522d",
    "#b8860b",
    "#2f8f8f",
    "#b3261e",
    "#555f70",
)
NOTE = "imported from Redline JSONL"


@dataclass
class RoundTrip:
    documents: list[Document] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    labels_created: list[str] = field(default_factory=list)
    spans: int = 0
    terms_linked: int = 0
    terms_missing: list[str] = field(default_factory=list)
    """Spans whose term link could not be restored (no such term here): said, never dropped quietly."""


def parse_dataset(name: str, data: bytes, limits: ImportLimits) -> list[ImportedText]:
    """Parse a Redline JSONL file; ImportRefused names the first bad line."""
    return parse_upload(name, data, limits, segments=True)


def has_overlaps(records: list[ImportedText]) -> bool:
    return any(_overlap(segment) for record in records for segment in record.segments)


def _overlap(segment: SegmentRecord) -> tuple[SpanRecord, SpanRecord] | None:
    shown = sorted(
        (s for s in segment.spans if s.state != Span.State.REJECTED), key=lambda s: (s.start, s.end)
    )
    return next(((a, b) for a, b in itertools.pairwise(shown) if b.start < a.end), None)


def _term_finder(corpus: Corpus) -> Callable[[SpanRecord], GlossaryTerm | None]:
    """A span's term link, restored when the term is in this corpus's glossary (its own or all-corpora).

    The exported id is trusted only when that term has the exported preferred text (ids differ
    between databases); otherwise the preferred text is looked up.
    """
    terms = GlossaryTerm.objects.in_scope(corpus)
    found: dict[tuple[int | None, str | None], GlossaryTerm | None] = {}

    def find(span: SpanRecord) -> GlossaryTerm | None:
        key = (span.term_id, span.term)
        if key not in found:
            by_id = terms.filter(pk=span.term_id).first() if span.term_id is not None else None
            if by_id is not None and span.term is not None and by_id.preferred != span.term:
                by_id = None
            found[key] = by_id or (terms.filter(preferred=span.term).first() if span.term else None)
        return found[key]

    return find


def _labels(corpus: Corpus, records: list[ImportedText], result: RoundTrip) -> dict[str, Label]:
    labels = {label.key: label for label in corpus.labels.all()}
    new = [
        key
        for key in dict.fromkeys(s.label for r in records for seg in r.segments for s in seg.spans)
        if key not in labels
    ]
    invalid = [key for key in new if not key_validator.regex.fullmatch(key)]
    if invalid:
        raise EditRefused(
            gettext(
                "Label keys must be upper-case letters, digits and _ (e.g. ORG); the file has %(invalid)s."
            )
            % {"invalid": ", ".join(invalid)}
        )
    free = [
        str(n) for n in range(1, 10) if str(n) not in {label.shortcut for label in labels.values()}
    ]
    for key in new:
        colour = PALETTE[len(labels) % len(PALETTE)]
        labels[key] = Label.objects.create(
            corpus=corpus,
            key=key,
            name=key.title(),
            colour=colour,
            shortcut=free.pop(0) if free else "",
        )
        result.labels_created.append(key)
    return labels


def import_dataset(corpus: Corpus, records: list[ImportedText], user=None) -> RoundTrip:
    """Store parsed Redline JSONL documents in ``corpus``; refused documents are listed, not stored.

    Raises EditRefused, storing nothing, when a label key cannot become a label here.
    """
    result = RoundTrip()
    labels = _labels(corpus, records, result)
    find_term = _term_finder(corpus)
    for record in records:
        try:
            result.documents.append(
                _import_document(corpus, record, labels, find_term, user, result)
            )
        except EditRefused as refused:
            result.refusals.append(str(refused))
    if result.documents:
        refresh_statistics(Document, Segment, Revision, Span)
    return result


def _check(corpus: Corpus, record: ImportedText) -> None:
    if corpus.documents.filter(sha256=record.sha256).exists():
        raise EditRefused(
            gettext(
                "%(record_name)s: the same document is already in the corpus “%(corpus_name)s”."
            )
            % {"record_name": record.name, "corpus_name": corpus.name}
        )
    refuse_unstorable(record.text, what=f"{record.name}: the document")
    for segment in record.segments:
        refuse_unstorable(
            segment.text,
            segment.mt_text,
            segment.trailing,
            what=f"{record.name}: segment at position {segment.position}",
        )
        if segment.status not in Segment.Status.values:
            raise EditRefused(
                gettext(
                    "%(record_name)s: segment at position %(segment_position)s has an unknown status “%(segment_status)s”."
                )
                % {
                    "record_name": record.name,
                    "segment_position": segment.position,
                    "segment_status": segment.status,
                }
            )
        bad = next(
            (
                s
                for s in segment.spans
                if s.state not in Span.State.values or s.origin not in Span.Origin.values
            ),
            None,
        )
        if bad is not None:
            raise EditRefused(
                gettext(
                    "%(record_name)s: span “%(bad_text)s” has an unknown state or origin (%(bad_state)s, %(bad_origin)s)."
                )
                % {
                    "record_name": record.name,
                    "bad_text": bad.text,
                    "bad_state": bad.state,
                    "bad_origin": bad.origin,
                }
            )
        _check_notes(record.name, segment)
        clash = None if corpus.allow_overlapping_spans else _overlap(segment)
        if clash:
            raise EditRefused(
                gettext(
                    "%(record_name)s: “%(clash_text)s” and “%(clash_text2)s” overlap, and the corpus “%(corpus_name)s” does not allow overlapping spans."
                )
                % {
                    "record_name": record.name,
                    "clash_text": clash[0].text,
                    "clash_text2": clash[1].text,
                    "corpus_name": corpus.name,
                }
            )


def _import_document(
    corpus, record: ImportedText, labels, find_term, user, result: RoundTrip
) -> Document:
    _check(corpus, record)
    with transaction.atomic():
        document = Document.objects.create(
            corpus=corpus,
            title=PurePath(record.name).stem or record.name,
            original_name=record.name,
            sha256=record.sha256,
            encoding=record.encoding,
            created_by=user,
            metadata={"imported_from": "redline-jsonl"},
            bilingual=any(s.source_text or s.unit_id for s in record.segments),
            source_language=record.source_language,
            target_language=record.target_language,
        )
        document.store_file(record.text)
        segments = Segment.objects.bulk_create(
            Segment(
                document=document,
                position=s.position,
                paragraph=s.paragraph,
                mt_text=s.mt_text,
                text=s.text,
                trailing=s.trailing,
                status=s.status,
                hter=hter(s.mt_text, s.text),
                updated_by=user,
                source_text=s.source_text,
                unit_id=s.unit_id,
                unit=_unit(s),
            )
            for s in record.segments
        )
        Revision.objects.bulk_create(
            Revision(
                segment=row,
                action=Revision.Action.EDIT,
                before=row.mt_text,
                after=row.text,
                status=row.status,
                version=row.version,
                author=user,
                note=NOTE,
                # The file's sum stands for the history it does not carry, so it exports again.
                edit_time_ms=imported.edit_time_ms,
            )
            for row, imported in zip(segments, record.segments, strict=True)
            if row.text != row.mt_text
        )
        spans = []
        for row, imported in zip(segments, record.segments, strict=False):
            for span in imported.spans:
                linked = _term_link(span, find_term, record, result)
                spans.append(
                    Span(
                        segment=row,
                        start=span.start,
                        end=span.end,
                        text=span.text,
                        label=labels[span.label],
                        origin=span.origin,
                        state=span.state,
                        created_by=user,
                        **linked,
                    )
                )
        Span.objects.bulk_create(spans, batch_size=1000)
        _store_notes(segments, record.segments)
        recount([document.pk])  # a new document: counting it whole costs what writing it did
    result.spans += len(spans)
    return document


def _check_notes(name: str, segment: SegmentRecord) -> None:
    where = f"{name}: segment at position {segment.position}"
    for reason in segment.reject_reasons:
        try:
            Reason(reason.category, reason.severity, reason.text).check()
        except EditRefused as refused:
            raise EditRefused(f"{where}: {refused}") from None
    for comment in segment.comments:
        if len(comment.text) > Comment.MAX_LENGTH:
            raise EditRefused(
                gettext(
                    "%(where)s has a comment of %(n_comment_text)s characters; at most %(comment_max_length)s fit."
                )
                % {
                    "where": where,
                    "n_comment_text": len(comment.text),
                    "comment_max_length": Comment.MAX_LENGTH,
                }
            )
        refuse_unstorable(comment.text, what=f"{where}: a comment")
        for moment in (comment.created_at, comment.resolved_at):
            if moment is not None and _moment(moment) is None:
                raise EditRefused(
                    gettext("%(where)s: “%(moment)s” is not a date and time (RFC 3339).")
                    % {"where": where, "moment": moment}
                )


def _moment(value: str | None):
    try:
        return parse_datetime(value) if value else None
    except ValueError:
        return None


def _store_notes(rows: list[Segment], records: tuple[SegmentRecord, ...] | list) -> None:
    """Comments and reject reasons, with their own times (auto_now_add sets them at create)."""
    names = {c.author for r in records for c in r.comments} | {
        c.resolved_by for r in records for c in r.comments if c.resolved_by
    }
    names |= {reason.author for r in records for reason in r.reject_reasons}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names - {""})}
    comments, times = [], []
    for row, imported in zip(rows, records, strict=False):
        for c in imported.comments:
            comments.append(
                Comment(
                    segment=row,
                    author=users.get(c.author),
                    text=c.text,
                    resolved_by=users.get(c.resolved_by) if c.resolved_by else None,
                    resolved_at=_moment(c.resolved_at),
                )
            )
            times.append(_moment(c.created_at))
        for reason in imported.reject_reasons:
            revision = Revision.objects.create(
                segment=row,
                action=Revision.Action.STATUS,
                before=row.text,
                after=row.text,
                status=Segment.Status.REJECTED,
                version=row.version,
                author=users.get(reason.author),
                note=f"marked rejected ({NOTE})",
            )
            when = _moment(reason.created_at)
            if when:
                Revision.objects.filter(pk=revision.pk).update(created_at=when)
            RejectReason.objects.create(
                revision=revision,
                segment=row,
                category=reason.category,
                severity=reason.severity,
                text=reason.text,
            )
    Comment.objects.bulk_create(comments, batch_size=1000)
    for comment, when in zip(comments, times, strict=True):
        comment.created_at = when
    Comment.objects.bulk_update(comments, ["created_at"], batch_size=1000)


def _unit(segment: SegmentRecord) -> dict:
    """Segment.unit as the bilingual import stores it, from what the export wrote of it."""
    unit = {
        "notes": list(segment.notes),
        "state": segment.unit_state,
        "metadata": dict(segment.unit_metadata),
        "placeholders": dict(segment.placeholders),
        "continues": segment.metadata.get("continues"),
        "merged": segment.metadata.get("merged"),
    }
    return {key: value for key, value in unit.items() if value}


def _term_link(span: SpanRecord, find_term, record: ImportedText, result: RoundTrip) -> dict:
    if span.term_id is None and span.term is None:
        return {}
    term = find_term(span)
    if term is None:
        result.terms_missing.append(
            f"{record.name}: “{span.text}” was linked to “{span.term}” (id {span.term_id})"
        )
        return {}
    result.terms_linked += 1
    return {"term": term}
